"""The bill's settings for its impact list: the terms it follows."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from drafting.models import Bill
from drafting.services._common import require

MAX_TERMS = 30
MAX_TERM_LENGTH = 20


@transaction.atomic
def bill_set_impact_terms(*, actor, bill: Bill, terms: list[str]) -> Bill:
    """Replace the terms the impact list follows (drafters); an empty list means the defaults."""
    require(actor, "drafting.manage_bill", bill)
    cleaned = list(dict.fromkeys(term.strip() for term in terms if term.strip()))
    if len(cleaned) > MAX_TERMS:
        raise ValidationError(_("At most %d terms.") % MAX_TERMS)
    if any(len(term) > MAX_TERM_LENGTH for term in cleaned):
        raise ValidationError(_("A term has at most %d characters.") % MAX_TERM_LENGTH)
    bill.impact_terms = cleaned
    bill.full_clean()
    bill.save(update_fields=["impact_terms", "updated_at"])
    return bill

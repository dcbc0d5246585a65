"""Links between provisions and the obligations they satisfy."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from drafting.models import (
    Extent,
    Provision,
    ProvisionObligation,
)
from drafting.services._common import check_length, require
from proposals.models import Obligation


@transaction.atomic
def obligation_link(
    *, actor, provision: Provision, obligation: Obligation, extent: str, rationale: str
) -> ProvisionObligation:
    """Link (or re-link with a new extent) a provision to an obligation; old links stay as history."""
    require(actor, "drafting.draft_bill", provision)
    if extent not in Extent.values:
        raise ValidationError({"extent": _("Extent is full or partial.")})
    if not rationale.strip():
        raise ValidationError({"rationale": _("Say why the provision satisfies the obligation.")})
    check_length("rationale", rationale, settings.MAX_NOTE)
    current = (
        ProvisionObligation.objects.active()
        .select_for_update()
        .filter(provision=provision, obligation=obligation)
        .first()
    )
    if current and current.extent == extent and current.rationale == rationale:
        return current
    now = timezone.now()
    if current:
        current.removed_at = now
        current.removed_by = actor
        current.save(update_fields=["removed_at", "removed_by"])
    link = ProvisionObligation(
        provision=provision,
        obligation=obligation,
        extent=extent,
        rationale=rationale,
        created_by=actor,
    )
    link.full_clean(validate_constraints=False)
    link.save()
    return link


@transaction.atomic
def obligation_unlink(
    *, actor, provision: Provision, obligation: Obligation
) -> ProvisionObligation:
    """End the active link; the row stays for the coverage history."""
    require(actor, "drafting.draft_bill", provision)
    link = (
        ProvisionObligation.objects.active()
        .select_for_update()
        .filter(provision=provision, obligation=obligation)
        .first()
    )
    if link is None:
        raise ValidationError(
            {
                "obligation": _("%(code)s is not linked to this provision.")
                % {"code": obligation.code}
            }
        )
    link.removed_at = timezone.now()
    link.removed_by = actor
    link.save(update_fields=["removed_at", "removed_by"])
    return link

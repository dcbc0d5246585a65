"""Writes to reference proposals made through the API (staff only); the admin is the other door."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from proposals.models import Proposal

PROPOSAL_FIELDS = {
    "code",
    "title_en",
    "title_zh",
    "summary_en",
    "summary_zh",
    "drafting_note_en",
    "position",
}


def _require_staff(actor) -> None:
    if not actor.has_perm("proposals.change_reference"):
        raise PermissionDenied(_("Only staff change reference data."))


@transaction.atomic
def proposal_create(*, actor, **fields) -> Proposal:
    """Add a reform proposal."""
    _require_staff(actor)
    proposal = Proposal(**{k: v for k, v in fields.items() if k in PROPOSAL_FIELDS})
    proposal.full_clean()
    proposal.save()
    return proposal


@transaction.atomic
def proposal_update(*, actor, proposal: Proposal, **fields) -> Proposal:
    """Change a reform proposal's code, titles, summaries or position."""
    _require_staff(actor)
    for name, value in fields.items():
        if name in PROPOSAL_FIELDS:
            setattr(proposal, name, value)
    proposal.full_clean()
    proposal.save()
    return proposal

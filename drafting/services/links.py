"""Links between provisions and the obligations they satisfy, and their review.

A drafter proposes a link; a reviewer or another drafter (never its author) agrees or disputes it,
once, with a note. Changing a link's extent or rationale writes a new row, proposed again.
"""

import rules
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from drafting.models import (
    Extent,
    LinkStatus,
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
    # The same link again changes nothing, unless it was disputed: then it is proposed anew.
    unchanged = current and current.extent == extent and current.rationale == rationale
    if unchanged and current.review != LinkStatus.DISPUTED:
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


@transaction.atomic
def obligation_review(
    *, actor, link: ProvisionObligation, verdict: str, note: str = ""
) -> ProvisionObligation:
    """Agree or dispute an active link (not one's own); a dispute says why."""
    require(actor, "drafting.review_bill", link.provision)
    link = (
        ProvisionObligation.objects.select_for_update().select_related("obligation").get(pk=link.pk)
    )
    if verdict not in (LinkStatus.AGREED, LinkStatus.DISPUTED):
        raise ValidationError({"verdict": _("A review agrees or disputes the link.")})
    if not rules.has_perm("drafting.review_link", actor, link):
        raise ValidationError(_("You proposed this link: someone else reviews it."))
    if not link.is_active:
        raise ValidationError(_("This link was changed or removed; review the current one."))
    if link.review:
        raise ValidationError(
            _("This link is already %(status)s; changing the link asks for a new review.")
            % {"status": link.get_status_display()}
        )
    note = note.strip()
    if verdict == LinkStatus.DISPUTED and not note:
        raise ValidationError({"note": _("Say why you dispute the link.")})
    check_length("note", note, settings.MAX_NOTE)
    link.review = verdict
    link.reviewed_by = actor
    link.reviewed_at = timezone.now()
    link.review_note = note
    link.save(update_fields=["review", "reviewed_by", "reviewed_at", "review_note"])
    return link

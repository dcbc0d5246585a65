"""The review workflow of provisions."""

import rules
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from drafting.models import (
    Provision,
    ReviewEvent,
)
from drafting.services._common import TransitionError, check_length, require
from drafting.workflow import Move, wrote_current


@transaction.atomic
def provision_transition(
    *, actor, provision: Provision, to_status: str, note: str = ""
) -> ReviewEvent:
    """Move a provision through the review workflow and record who, when and why."""
    require(actor, "drafting.view_bill", provision)
    caller_copy = provision
    provision = (
        Provision.objects.select_for_update(of=("self",))  # the nullable join stays unlocked
        .select_related("bill", "current_revision")
        .get(pk=provision.pk)
    )
    move = Move(provision, to_status)
    transition = move.transition
    if transition is None:
        raise TransitionError(
            _("A provision cannot go from %(from)s to %(to)s.")
            % {"from": provision.get_status_display(), "to": to_status}
        )
    if not rules.has_perm("drafting.transition_provision", actor, move):
        raise PermissionDenied(_("Your role on this bill cannot make this move."))
    if wrote_current(transition, provision, actor):
        raise PermissionDenied(
            _("You wrote the current revision: another drafter or a reviewer approves it.")
        )
    if transition.note_required and not note.strip():
        raise ValidationError({"note": _("Say what needs to change.")})
    check_length("note", note, settings.MAX_NOTE)
    event = record_transition(actor=actor, provision=provision, to_status=to_status, note=note)
    caller_copy.status, caller_copy.version = provision.status, provision.version
    return event


def record_transition(*, actor, provision: Provision, to_status: str, note: str) -> ReviewEvent:
    event = ReviewEvent.objects.create(
        provision=provision,
        actor=actor,
        from_status=provision.status,
        to_status=to_status,
        note=note,
    )
    Provision.objects.filter(pk=provision.pk).update(
        status=to_status, version=F("version") + 1, updated_at=timezone.now()
    )
    provision.status = to_status
    provision.refresh_from_db(fields=["version", "updated_at"])
    return event

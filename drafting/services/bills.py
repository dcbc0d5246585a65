"""Bills, their settings, status and members; every change is written as a BillEvent."""

import re

import rules
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from drafting.models import Bill, BillEvent, Membership, Role
from drafting.rules import forget_roles, role_in
from drafting.services._common import StaleVersionError, TransitionError, check_length, require
from drafting.workflow import BILL_TRANSITIONS
from proposals.models import Instrument
from proposals.numerals import from_chinese, to_chinese

SETTINGS_FIELDS = ("title_zh", "title_en", "commencement_date", "description")
Kind = BillEvent.Kind
# Amendments I-XII of the Criminal Law (XII adopted 29 Dec 2023) when none are imported.
KNOWN_LAST_AMENDMENT = {"PRC-CL": 12}
_AMENDMENT_NUMBER = re.compile(r"修正案（([零一二三四五六七八九十百]+)）")


def proposed_titles(instrument: Instrument) -> tuple[str, str]:
    """The NPC's form of the bill's title: 刑法修正案（十三）（草案） after the last enacted one."""
    numbers = [KNOWN_LAST_AMENDMENT.get(instrument.code, 0)]
    for amendment in instrument.amendments.all():  # prefetched on the new-bill page
        found = _AMENDMENT_NUMBER.search(amendment.title_zh)
        if found:
            numbers.append(from_chinese(found[1]))
    last = max(numbers)
    title_zh = instrument.title_zh or instrument.title_en
    if last:
        return (
            f"{title_zh}修正案（{to_chinese(last + 1)}）（草案）",
            f"Amendment {last + 1} to the {instrument.title_en} (Draft)",
        )
    return (
        f"关于修改《{title_zh}》的决定（草案）",
        f"Decision on Amending the {instrument.title_en} (Draft)",
    )


def _event(bill: Bill, actor, kind: str, **fields) -> BillEvent:
    return BillEvent.objects.create(bill=bill, actor=actor, kind=kind, **fields)


@transaction.atomic
def bill_create(
    *,
    actor,
    title_zh: str,
    title_en: str,
    target_instrument: Instrument,
    commencement_date=None,
    description: str = "",
    first_drafter=None,
) -> Bill:
    """Create a bill; its creator (or, for staff, the drafter they choose) is its first drafter."""
    if not actor.is_authenticated:
        raise PermissionDenied(_("Sign in to create a bill."))
    first_drafter = first_drafter or actor
    if first_drafter != actor and not rules.has_perm("drafting.add_bill", actor, None):
        raise PermissionDenied(_("Only staff start a bill for someone else."))
    if target_instrument.kind != Instrument.Kind.PRC_LAW:
        raise ValidationError({"target_instrument": _("A bill amends a PRC law.")})
    check_length("description", description, settings.MAX_NOTE)
    bill = Bill(
        title_zh=title_zh,
        title_en=title_en,
        target_instrument=target_instrument,
        commencement_date=commencement_date,
        description=description,
        created_by=actor,
    )
    bill.full_clean()
    bill.save()
    Membership.objects.create(bill=bill, user=first_drafter, role=Role.DRAFTER)
    _event(bill, actor, Kind.CREATED, to_value=bill.title_zh)
    _event(bill, actor, Kind.MEMBER_ADDED, member=first_drafter, to_value=Role.DRAFTER)
    forget_roles(actor)
    forget_roles(first_drafter)
    return bill


@transaction.atomic
def bill_update(*, actor, bill: Bill, expected_version: int | None = None, **fields) -> Bill:
    """Change a bill's titles, commencement date or description (a status goes through the table)."""
    require(actor, "drafting.manage_bill", bill)
    unknown = set(fields) - {*SETTINGS_FIELDS, "status"}
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    status = fields.pop("status", None)
    locked = _locked(bill, expected_version)
    changed = [name for name, value in fields.items() if getattr(locked, name) != value]
    if changed:
        check_length("description", fields.get("description", ""), settings.MAX_NOTE)
        for name in changed:
            setattr(locked, name, fields[name])
        locked.full_clean()
        locked.version += 1
        locked.save()
        _event(locked, actor, Kind.SETTINGS, to_value=", ".join(changed))
    if status is not None and status != locked.status:
        bill_transition(actor=actor, bill=locked, to_status=status)
    _copy_back(locked, bill)
    return bill


@transaction.atomic
def bill_transition(
    *, actor, bill: Bill, to_status: str, note: str = "", expected_version: int | None = None
) -> BillEvent:
    """Move a bill through its workflow table and record who, when and why."""
    require(actor, "drafting.view_bill", bill)
    locked = _locked(bill, expected_version)
    transition = BILL_TRANSITIONS.get(locked.status, {}).get(to_status)
    if transition is None:
        raise TransitionError(
            _("A bill cannot go from %(from)s to %(to)s.")
            % {"from": locked.get_status_display(), "to": to_status}
        )
    if role_in(actor, locked) not in transition.roles:
        raise PermissionDenied(_("Your role on this bill cannot make this move."))
    if transition.note_required and not note.strip():
        raise ValidationError({"note": _("Say why the bill moves back or is withdrawn.")})
    check_length("note", note, settings.MAX_NOTE)
    event = _event(
        locked, actor, Kind.STATUS, from_value=locked.status, to_value=to_status, note=note
    )
    Bill.objects.filter(pk=locked.pk).update(
        status=to_status, version=F("version") + 1, updated_at=timezone.now()
    )
    locked.refresh_from_db(fields=["status", "version", "updated_at"])
    _copy_back(locked, bill)
    return event


def _locked(bill: Bill, expected_version: int | None) -> Bill:
    """The bill's row, locked; StaleVersionError when the caller read an older version."""
    locked = Bill.objects.select_for_update().get(pk=bill.pk)
    if expected_version is not None and expected_version != locked.version:
        raise StaleVersionError(locked.version, _("The bill changed since you loaded it."))
    return locked


def _copy_back(source: Bill, target: Bill) -> None:
    if source is not target:
        for name in (*SETTINGS_FIELDS, "status", "version", "updated_at"):
            setattr(target, name, getattr(source, name))


@transaction.atomic
def membership_set(*, actor, bill: Bill, user, role: str) -> Membership:
    """Add a member or change a member's role; a bill always keeps at least one drafter."""
    require(actor, "drafting.manage_bill", bill)
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role %(role)s.") % {"role": role}})
    membership = Membership.objects.select_for_update().filter(bill=bill, user=user).first()
    if membership is None:
        membership = Membership(bill=bill, user=user, role=role)
        event = {"kind": Kind.MEMBER_ADDED, "to_value": role}
    elif membership.role == role:
        return membership
    else:
        if membership.role == Role.DRAFTER:
            _ensure_other_drafter(bill, user)
        event = {"kind": Kind.ROLE_CHANGED, "from_value": membership.role, "to_value": role}
        membership.role = role
    membership.full_clean(validate_unique=False)
    membership.save()
    _event(bill, actor, member=user, **event)
    forget_roles(user)
    return membership


@transaction.atomic
def membership_remove(*, actor, bill: Bill, user) -> None:
    """Remove a member; the last drafter cannot be removed."""
    require(actor, "drafting.manage_bill", bill)
    membership = Membership.objects.select_for_update().filter(bill=bill, user=user).first()
    if membership is None:
        raise ValidationError(_("%(user)s is not a member of this bill.") % {"user": user})
    if membership.role == Role.DRAFTER:
        _ensure_other_drafter(bill, user)
    membership.delete()
    _event(bill, actor, Kind.MEMBER_REMOVED, member=user, from_value=membership.role)
    forget_roles(user)


def _ensure_other_drafter(bill: Bill, user) -> None:
    others = Membership.objects.filter(bill=bill, role=Role.DRAFTER).exclude(user=user)
    if not others.exists():
        raise ValidationError(_("A bill needs at least one drafter."))

"""Bills and their members."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from drafting.models import (
    Bill,
    Membership,
    Role,
)
from drafting.rules import forget_roles
from drafting.services._common import require
from proposals.models import Instrument


@transaction.atomic
def bill_create(
    *,
    actor,
    title_zh: str,
    title_en: str,
    target_instrument: Instrument,
    commencement_date=None,
    description: str = "",
) -> Bill:
    """Create a bill; its creator becomes its first drafter."""
    if not actor.is_authenticated:
        raise PermissionDenied(_("Sign in to create a bill."))
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
    Membership.objects.create(bill=bill, user=actor, role=Role.DRAFTER)
    forget_roles(actor)
    return bill


@transaction.atomic
def bill_update(*, actor, bill: Bill, **fields) -> Bill:
    """Change a bill's titles, status, commencement date or description."""
    require(actor, "drafting.manage_bill", bill)
    allowed = {"title_zh", "title_en", "status", "commencement_date", "description"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    for name, value in fields.items():
        setattr(bill, name, value)
    bill.full_clean()
    bill.save()
    return bill


@transaction.atomic
def membership_set(*, actor, bill: Bill, user, role: str) -> Membership:
    """Add a member or change a member's role; a bill always keeps at least one drafter."""
    require(actor, "drafting.manage_bill", bill)
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role %(role)s.") % {"role": role}})
    membership = Membership.objects.select_for_update().filter(bill=bill, user=user).first()
    if membership is None:
        membership = Membership(bill=bill, user=user, role=role)
    else:
        if membership.role == Role.DRAFTER and role != Role.DRAFTER:
            _ensure_other_drafter(bill, user)
        membership.role = role
    membership.full_clean(validate_unique=False)
    membership.save()
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
    forget_roles(user)


def _ensure_other_drafter(bill: Bill, user) -> None:
    others = Membership.objects.filter(bill=bill, role=Role.DRAFTER).exclude(user=user)
    if not others.exists():
        raise ValidationError(_("A bill needs at least one drafter."))

"""What every service shares: errors, the permission check and length limits."""

import datetime
import math

import rules
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from drafting.models import (
    Provision,
    Revision,
)
from proposals.xmltext import first_illegal, illegal_message

Status = Provision.Status


class StaleRevisionError(Exception):
    """The revision a write was based on is no longer the provision's current revision."""

    def __init__(self, current: Revision | None):
        self.current = current
        super().__init__(_("Someone saved a newer revision in the meantime."))


class MergeConflictError(StaleRevisionError):
    """A merge onto the current revision was asked for, but both sides changed the same words."""

    def __init__(self, current: Revision | None, conflicts: dict[str, list]):
        super().__init__(current)
        self.conflicts = conflicts


class StaleVersionError(Exception):
    """The provision changed since the version the client read."""

    def __init__(self, current_version: int, message: str | None = None):
        self.current_version = current_version
        super().__init__(message or _("The provision changed since you loaded it."))


class RateLimitedError(Exception):
    """The user wrote more comments in the last minute than COMMENT_RATE_LIMIT allows."""

    def __init__(self, limit: int, retry_after: int):
        self.limit, self.retry_after = limit, retry_after
        super().__init__(
            _(
                "You are posting comments too fast: at most %(limit)d a minute. "
                "Try again in %(wait)d seconds."
            )
            % {"limit": limit, "wait": retry_after}
        )


def check_comment_rate(actor) -> None:
    """Refuse a comment beyond COMMENT_RATE_LIMIT per minute (counted in the database)."""
    from drafting.models import Comment

    limit = settings.COMMENT_RATE_LIMIT
    since = timezone.now() - datetime.timedelta(minutes=1)
    recent = list(
        Comment.objects.filter(author=actor, created_at__gte=since)
        .order_by("-created_at")
        .values_list("created_at", flat=True)[:limit]
    )
    if len(recent) >= limit:
        wait = (recent[-1] - since).total_seconds()
        raise RateLimitedError(limit, max(1, math.ceil(wait)))


class TransitionError(ValidationError):
    """The workflow does not allow this move."""


def require(user, perm: str, obj) -> None:
    # The rules set itself, not user.has_perm: a superuser is not a member of every bill.
    if not rules.has_perm(perm, user, obj):
        raise PermissionDenied(_("You do not have the role this needs on this bill."))


def check_length(field: str, value: str, limit: int) -> None:
    """Refuse text longer than the limit or holding a character no document can hold."""
    found = first_illegal(value)
    if found is not None:
        raise ValidationError({field: illegal_message(*found)})
    if len(value) > limit:
        raise ValidationError(
            {
                field: _("At most %(limit)d characters (got %(got)d).")
                % {"limit": limit, "got": len(value)}
            }
        )

"""Staff oversight: the audit log of who read which bill's content in the admin, and moderation."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from drafting.models.review import Comment


class OversightRecord(models.Model):
    """One admin view of bill content by someone who is not a member of the bill. Append-only."""

    class Action(models.TextChoices):
        LIST = "list", _("list")
        VIEW = "view", _("view")
        EXPORT = "export", _("export")
        OVERVIEW = "overview", _("oversight page")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=10, choices=Action)
    model = models.CharField(_("what"), max_length=100)
    object_id = models.CharField(_("object"), max_length=40, blank=True)
    object_repr = models.CharField(_("object shown"), max_length=200, blank=True)
    # Plain ids, not keys: the log outlives whatever it names.
    bill_ids = models.JSONField(_("bills read as a non-member"), default=list)
    path = models.CharField(_("address"), max_length=2000)
    created_at = models.DateTimeField(_("when"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("oversight record")
        verbose_name_plural = _("oversight records")
        indexes = [models.Index(fields=["-created_at"], name="oversight_newest_first")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.action} {self.model} {self.object_id}".strip()


class CommentModeration(models.Model):
    """A moderator hid or showed a comment again, and why. Append-only."""

    comment = models.ForeignKey(
        Comment,
        verbose_name=_("comment"),
        on_delete=models.PROTECT,
        related_name="moderations",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    hidden = models.BooleanField(_("hidden"))
    reason = models.CharField(_("reason"), max_length=500)
    created_at = models.DateTimeField(_("at"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["comment", "created_at", "pk"]
        verbose_name = _("moderation")
        verbose_name_plural = _("moderations")

    def __str__(self) -> str:
        return f"{self.comment_id}: {'hidden' if self.hidden else 'shown'}"


class HiddenComment(Comment):
    """The moderation queue: hidden comments, in the admin only."""

    class Meta:
        proxy = True
        verbose_name = _("hidden comment")
        verbose_name_plural = _("moderation queue")

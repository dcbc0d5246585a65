"""Issued drafts of a whole bill (审议稿): immutable snapshot rows of every provision at one moment.

A draft is the bill as sent out: 征求意见稿, 一审稿, 二审稿 ... Its rows copy what a provision was
(revision, operation, target, paragraphs, position, obligation links) so that documents produced
"as of" the draft never change, whatever happens to the working text later.

APPEND_ONLY_MODELS names the tables that are written once: Python refuses changes here (model
save/delete and QuerySet update/delete); the trust issue adds database triggers for the same list.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from drafting.models.bills import Bill, MemberScopedQuerySet
from drafting.models.checks import ChecksInOneQuery
from drafting.models.provisions import ImmutableRevisionError, Provision, Revision
from proposals.models import Article, Obligation

# Hook for database-enforced immutability (triggers refusing UPDATE and DELETE): these tables.
APPEND_ONLY_MODELS = ("billdraft", "billdraftitem", "billdraftlink", "statementedit")


class ImmutableDraftError(ImmutableRevisionError):
    """Raised on any attempt to change or delete an issued draft or its rows."""


class AppendOnlyQuerySet(models.QuerySet):
    """Rows written once: bulk updates and deletes are refused, as for revisions."""

    def update(self, **kwargs):
        raise ImmutableDraftError("issued drafts cannot be changed")

    def delete(self):
        raise ImmutableDraftError("issued drafts cannot be deleted")


class AppendOnlyModel(models.Model):
    """save() only inserts; delete() is refused."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableDraftError("issued drafts cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableDraftError("issued drafts cannot be deleted")


class DraftKind(models.TextChoices):
    CONSULTATION = "consultation", _("consultation draft (征求意见稿)")
    FIRST_READING = "first_reading", _("first reading draft (一审稿)")
    SECOND_READING = "second_reading", _("second reading draft (二审稿)")
    THIRD_READING = "third_reading", _("third reading draft (三审稿)")
    FOR_VOTE = "for_vote", _("draft for the vote (提请表决稿)")
    OTHER = "other", _("other (free label)")


KIND_ZH = {
    DraftKind.CONSULTATION: "征求意见稿",
    DraftKind.FIRST_READING: "一审稿",
    DraftKind.SECOND_READING: "二审稿",
    DraftKind.THIRD_READING: "三审稿",
    DraftKind.FOR_VOTE: "提请表决稿",
}


class BillDraftQuerySet(MemberScopedQuerySet, AppendOnlyQuerySet):
    """Drafts of a bill; visible_to(user) is the one membership filter."""

    def for_bill_page(self) -> "BillDraftQuerySet":
        return self.select_related("issued_by").annotate(item_count=models.Count("items"))


class BillDraft(ChecksInOneQuery, AppendOnlyModel):
    """The whole bill as issued at one moment, under a name and a kind."""

    bill = models.ForeignKey(
        Bill, verbose_name=_("bill"), on_delete=models.PROTECT, related_name="drafts"
    )
    number = models.PositiveIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=20, choices=DraftKind)
    label = models.CharField(
        _("label"), max_length=100, blank=True, help_text=_("The draft's name for kind 'other'.")
    )
    name = models.CharField(_("name"), max_length=200)
    date = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)

    objects = BillDraftQuerySet.as_manager()

    class Meta:
        ordering = ["bill", "number"]
        verbose_name = _("bill draft")
        verbose_name_plural = _("bill drafts")
        constraints = [
            models.UniqueConstraint(fields=["bill", "number"], name="billdraft_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="billdraft_number_positive"),
            models.CheckConstraint(
                condition=Q(kind__in=[k.value for k in DraftKind]), name="billdraft_kind_valid"
            ),
            models.CheckConstraint(
                condition=~Q(kind="other") | ~Q(label=""), name="billdraft_other_has_label"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("drafting:draft", kwargs={"pk": self.bill_id, "number": self.number})

    @property
    def kind_zh(self) -> str:
        """草案一审稿 and the like: how the draft is named in a Chinese document."""
        return KIND_ZH.get(self.kind, self.label)

    @property
    def column_zh(self) -> str:
        """The heading of the draft's column in the three-column table."""
        return f"草案{self.kind_zh}" if self.kind in KIND_ZH else self.label


class BillDraftItem(AppendOnlyModel):
    """One provision of the bill as it stood when the draft was issued."""

    draft = models.ForeignKey(
        BillDraft, verbose_name=_("draft"), on_delete=models.PROTECT, related_name="items"
    )
    provision = models.ForeignKey(
        Provision, verbose_name=_("provision"), on_delete=models.PROTECT, related_name="+"
    )
    revision = models.ForeignKey(
        Revision,
        verbose_name=_("revision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    position = models.PositiveIntegerField(_("item number"))
    title_en = models.CharField(_("short title (English)"), max_length=200)
    title_zh = models.CharField(_("short title (Chinese)"), max_length=200, blank=True)
    operation = models.CharField(_("operation"), max_length=20, choices=Provision.Operation)
    target_article = models.ForeignKey(
        Article, verbose_name=_("target article"), on_delete=models.PROTECT, related_name="+"
    )
    paragraphs = models.JSONField(_("paragraphs"), default=list, blank=True)
    insert_count = models.PositiveSmallIntegerField(_("articles inserted"), default=1)
    restate_article = models.BooleanField(_("restate the whole article"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=Provision.Status)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["draft", "position"]
        verbose_name = _("draft item")
        verbose_name_plural = _("draft items")
        constraints = [
            models.UniqueConstraint(fields=["draft", "position"], name="draftitem_unique_position"),
            models.UniqueConstraint(
                fields=["draft", "provision"], name="draftitem_unique_provision"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.draft} #{self.position} {self.title_en}"


class BillDraftLink(AppendOnlyModel):
    """An obligation link of a provision as it stood when the draft was issued."""

    item = models.ForeignKey(
        BillDraftItem, verbose_name=_("draft item"), on_delete=models.PROTECT, related_name="links"
    )
    obligation = models.ForeignKey(
        Obligation, verbose_name=_("obligation"), on_delete=models.PROTECT, related_name="+"
    )
    extent = models.CharField(_("extent"), max_length=10)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["item", "obligation"]
        verbose_name = _("draft obligation link")
        verbose_name_plural = _("draft obligation links")
        constraints = [
            models.UniqueConstraint(fields=["item", "obligation"], name="draftlink_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.item} → {self.obligation_id}"

"""What was done with each comment thread (意见处理), and the edited sections of a 草案说明."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from drafting.models.bills import Bill
from drafting.models.checks import ChecksInOneQuery
from drafting.models.drafts import AppendOnlyModel, AppendOnlyQuerySet, BillDraft
from drafting.models.provisions import Revision
from drafting.models.review import Comment


class DispositionKind(models.TextChoices):
    ADOPTED = "adopted", _("adopted (采纳)")
    PARTLY = "partly", _("partly adopted (部分采纳)")
    NOT_ADOPTED = "not_adopted", _("not adopted (不采纳)")
    LATER = "later", _("for later study (另行研究)")


DISPOSITION_ZH = {
    DispositionKind.ADOPTED: "采纳",
    DispositionKind.PARTLY: "部分采纳",
    DispositionKind.NOT_ADOPTED: "不采纳",
    DispositionKind.LATER: "另行研究",
}


class CommentDispositionQuerySet(models.QuerySet):
    def of_bill(self, bill) -> "CommentDispositionQuerySet":
        return self.filter(comment__provision__bill=bill)


class CommentDisposition(ChecksInOneQuery):
    """A drafter's decision on a top-level comment thread, with the reason and what carried it out."""

    comment = models.OneToOneField(
        Comment, verbose_name=_("thread"), on_delete=models.CASCADE, related_name="disposition"
    )
    kind = models.CharField(_("disposition"), max_length=20, choices=DispositionKind)
    reason = models.TextField(_("reason"), blank=True)
    revision = models.ForeignKey(
        Revision,
        verbose_name=_("revision that carried it out"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    draft = models.ForeignKey(
        BillDraft,
        verbose_name=_("draft that carried it out"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    major_disagreement = models.BooleanField(_("major disagreement (重大分歧)"), default=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now=True)

    objects = CommentDispositionQuerySet.as_manager()

    class Meta:
        ordering = ["comment"]
        verbose_name = _("comment disposition")
        verbose_name_plural = _("comment dispositions")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=[k.value for k in DispositionKind]),
                name="disposition_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(kind="adopted") | ~Q(reason=""), name="disposition_reason_required"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.comment_id}: {self.kind}"

    @property
    def kind_zh(self) -> str:
        return DISPOSITION_ZH.get(self.kind, self.kind)


class StatementSection(models.TextChoices):
    """The five parts of a 草案说明 (Legislation Law 2023 art. 58)."""

    NECESSITY = "necessity", _("necessity (必要性)")
    FEASIBILITY = "feasibility", _("feasibility (可行性)")
    CONTENT = "content", _("main content (主要内容)")
    CONSTITUTIONALITY = "constitutionality", _("constitutionality (涉及合宪性问题的相关意见)")
    DISAGREEMENTS = (
        "disagreements",
        _("major disagreements and their handling (重大分歧意见的协调处理情况)"),
    )


class StatementEditQuerySet(AppendOnlyQuerySet):
    def for_statement(self, bill, draft) -> "StatementEditQuerySet":
        """Every edit of the bill's 说明 for one draft (None: the working state), newest last."""
        return self.filter(bill=bill, draft=draft).select_related("author").order_by("number")


class StatementEdit(ChecksInOneQuery, AppendOnlyModel):
    """One saved text of one section of a 说明 in one language: a revision, never changed."""

    bill = models.ForeignKey(
        Bill, verbose_name=_("bill"), on_delete=models.PROTECT, related_name="statement_edits"
    )
    draft = models.ForeignKey(
        BillDraft,
        verbose_name=_("draft"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statement_edits",
    )
    number = models.PositiveIntegerField(_("number"))
    section = models.CharField(_("section"), max_length=20, choices=StatementSection)
    language = models.CharField(_("language"), max_length=2, choices=Comment.Language)
    text = models.TextField(_("text"))
    generated_hash = models.CharField(
        _("generated text it was based on"), max_length=64, blank=True
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = StatementEditQuerySet.as_manager()

    class Meta:
        ordering = ["bill", "draft", "number"]
        verbose_name = _("explanatory statement edit")
        verbose_name_plural = _("explanatory statement edits")
        constraints = [
            models.UniqueConstraint(fields=["bill", "number"], name="statementedit_unique_number"),
            models.CheckConstraint(
                condition=Q(section__in=[s.value for s in StatementSection]),
                name="statementedit_section_valid",
            ),
            models.CheckConstraint(
                condition=Q(language__in=["zh", "en"]), name="statementedit_language_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bill_id} {self.section}/{self.language} #{self.number}"

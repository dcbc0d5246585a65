"""Draft provisions, their immutable revisions and their links to treaty obligations."""

import datetime
import hashlib
import json

from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Prefetch, Q, StringAgg, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from drafting.models.bills import Bill, MemberScopedQuerySet, Role
from drafting.models.checks import ChecksInOneQuery
from drafting.operations import PARAGRAPH_OPERATIONS, TEXTLESS_OPERATIONS, Operation
from proposals.models import Article, Obligation, Proposal
from proposals.numerals import article_label_zh, paragraph_label_zh

CODE_SEPARATOR = "\x1f"  # never in a proposal code: codes are short identifiers


def _open_threads():
    """How many open threads the outer provision shows (for annotate; hidden is hidden everywhere)."""
    from drafting.models.review import Comment  # review.py builds on this module

    open_threads = Comment.objects.filter(
        provision=OuterRef("pk"), status="open", parent__isnull=True, hidden=False
    )
    return open_threads.order_by().values("provision").annotate(n=Count("pk")).values("n")


class ProvisionQuerySet(MemberScopedQuerySet):
    def for_bill_page(self) -> "ProvisionQuerySet":
        return (
            self.select_related("target_article__instrument", "current_revision")
            # A subquery, not a join: grouping by every selected column (the texts too) would
            # sort the bill's comments on each view.
            .annotate(open_comment_count=Coalesce(Subquery(_open_threads()), 0))
            .order_by("position")
        )

    def for_review_page(self, user) -> "ProvisionQuerySet":
        """Everything the provision page shows, with the user's role (None for outsiders)."""
        return (
            self.with_role(user)
            .select_related(
                "bill__target_instrument", "target_article__instrument", "current_revision__author"
            )
            .prefetch_related(
                "target_article__paragraphs",
                "proposals",
                Prefetch(
                    "obligation_links",
                    queryset=ProvisionObligation.objects.active()
                    .select_related("obligation__instrument", "created_by", "reviewed_by")
                    .order_by("obligation__instrument__position", "obligation__position"),
                    to_attr="active_links",
                ),
            )
        )

    def for_review_section(self, user) -> "ProvisionQuerySet":
        """What the provision page's review section (text and threads) needs, with the role."""
        return self.with_role(user).select_related("bill", "current_revision__author")

    def for_compare(self, user) -> "ProvisionQuerySet":
        """The user's provisions as the comparison page heads them."""
        return self.visible_to(user).select_related(
            "bill", "target_article__instrument", "current_revision"
        )

    def for_input(self, user) -> "ProvisionQuerySet":
        """The user's provisions as the API's input fields resolve them."""
        return self.visible_to(user).select_related("bill", "current_revision")

    def for_api(self, user) -> "ProvisionQuerySet":
        """The user's provisions with everything their representation shows (proposal_codes)."""
        return (
            self.visible_to(user)
            .select_related("target_article", "current_revision__author")
            .annotate(proposal_codes=_proposal_codes())
        )

    def awaiting_review(self, user) -> "ProvisionQuerySet":
        """Provisions in review on bills where the user reviews or drafts (the dashboard's list)."""
        return (
            self.visible_to(user, roles=[Role.REVIEWER, Role.DRAFTER])
            .filter(status=Provision.Status.IN_REVIEW)
            .exclude(current_revision__author=user)  # four eyes: my own words wait for others
            .select_related("bill", "target_article__instrument")
            .order_by("bill__title_zh", "bill_id", "position")
        )


def _proposal_codes() -> Subquery:
    """The provision's proposal codes in the same query (one less round trip on the hot path)."""
    through = Provision.proposals.through
    return Subquery(
        through.objects.filter(provision_id=OuterRef("pk"))
        .values("provision_id")
        .annotate(
            # SQLite cannot order inside an aggregate; the serializer sorts the codes.
            codes=StringAgg("proposal__code", delimiter=Value(CODE_SEPARATOR))
        )
        .values("codes")
    )


class Provision(ChecksInOneQuery):
    """One numbered item of a bill: an operation on an article of the law it amends."""

    Operation = Operation

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        IN_REVIEW = "in_review", _("in review")
        CHANGES_REQUESTED = "changes_requested", _("changes requested")
        APPROVED = "approved", _("approved")
        WITHDRAWN = "withdrawn", _("withdrawn")

    PARAGRAPH_OPERATIONS = PARAGRAPH_OPERATIONS
    TEXTLESS_OPERATIONS = TEXTLESS_OPERATIONS

    bill = models.ForeignKey(
        Bill, verbose_name=_("bill"), on_delete=models.CASCADE, related_name="provisions"
    )
    position = models.PositiveIntegerField(_("position"))
    title_en = models.CharField(_("short title (English)"), max_length=200)
    title_zh = models.CharField(_("short title (Chinese)"), max_length=200, blank=True)
    operation = models.CharField(_("operation"), max_length=20, choices=Operation)
    target_article = models.ForeignKey(
        Article,
        verbose_name=_("target article"),
        on_delete=models.PROTECT,
        related_name="provisions",
        help_text=_("The article changed, or the one new articles are inserted after."),
    )
    paragraphs = models.JSONField(
        _("paragraphs"),
        default=list,
        blank=True,
        help_text=_("Paragraph (款) numbers replaced or repealed, or the new paragraph's number."),
    )
    insert_count = models.PositiveSmallIntegerField(
        _("articles inserted"), default=1, help_text=_("For inserting articles: how many.")
    )
    restate_article = models.BooleanField(
        _("restate the whole article"),
        default=False,
        help_text=_("For inserting a paragraph: the text restates the article as amended."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.DRAFT)
    current_revision = models.ForeignKey(
        "Revision",
        verbose_name=_("current revision"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    proposals = models.ManyToManyField(
        Proposal, verbose_name=_("proposals implemented"), blank=True, related_name="provisions"
    )
    obligations = models.ManyToManyField(
        Obligation,
        verbose_name=_("obligations"),
        through="ProvisionObligation",
        related_name="provisions",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ProvisionQuerySet.as_manager()

    class Meta:
        ordering = ["bill", "position"]
        verbose_name = _("provision")
        verbose_name_plural = _("provisions")
        constraints = [
            models.UniqueConstraint(fields=["bill", "position"], name="provision_unique_position"),
            models.CheckConstraint(
                condition=Q(operation__in=Operation.values),
                name="provision_operation_valid",
            ),
            models.CheckConstraint(
                condition=Q(
                    status__in=["draft", "in_review", "changes_requested", "approved", "withdrawn"]
                ),
                name="provision_status_valid",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="provision_version_positive"),
            models.CheckConstraint(
                condition=Q(insert_count__gte=1), name="provision_insert_count_positive"
            ),
            models.CheckConstraint(
                condition=Q(restate_article=False) | Q(operation=Operation.INSERT_PARAGRAPH),
                name="provision_restate_only_for_insert_paragraph",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bill_id}#{self.position} {self.title_en}"

    def get_absolute_url(self) -> str:
        return reverse("drafting:provision", kwargs={"pk": self.pk})

    @property
    def has_text(self) -> bool:
        return self.operation not in self.TEXTLESS_OPERATIONS

    @property
    def new_article_labels(self) -> list[str]:
        """The 之N articles an insertion creates, e.g. ["第三百六十四条之一"]."""
        if self.operation != self.Operation.INSERT_ARTICLES:
            return []
        article = self.target_article
        return [
            article_label_zh(article.number, article.sub + n)
            for n in range(1, self.insert_count + 1)
        ]

    @property
    def scope_zh(self) -> str:
        """What the item touches: 第三百六十七条第四款, or 第三百六十四条之一（在第三百六十四条后增加）."""
        citation = self.target_article.citation
        if self.operation == self.Operation.INSERT_ARTICLES:
            return f"{'、'.join(self.new_article_labels)}（在{citation}后增加）"
        if self.operation in self.PARAGRAPH_OPERATIONS:
            return citation + "、".join(paragraph_label_zh(n) for n in self.paragraphs)
        return citation


class RevisionQuerySet(MemberScopedQuerySet):
    """Revisions are written once: bulk updates and deletes are refused."""

    bill_path = "provision__bill"

    def for_api(self) -> "RevisionQuerySet":
        return self.select_related("author")

    def update(self, **kwargs):
        raise ImmutableRevisionError("revisions cannot be changed")

    def delete(self):
        raise ImmutableRevisionError("revisions cannot be deleted")


def revision_digest(
    *, base_digest: str, provision_id, number, text_zh, text_en, note, author_id, created_at
) -> str:
    """SHA-256 over the base revision's digest and a revision's own fields, in a fixed form."""
    moment = created_at.astimezone(datetime.UTC).isoformat(timespec="microseconds")
    fields = [base_digest, provision_id, number, text_zh, text_en, note, author_id, moment]
    payload = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class ImmutableRevisionError(Exception):
    """Raised on any attempt to change or delete a stored revision."""


class Revision(models.Model):
    provision = models.ForeignKey(
        Provision, verbose_name=_("provision"), on_delete=models.PROTECT, related_name="revisions"
    )
    number = models.PositiveIntegerField(_("number"))
    base = models.ForeignKey(
        "self",
        verbose_name=_("based on"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    text_zh = models.TextField(_("text (Chinese)"), blank=True)
    text_en = models.TextField(_("working translation (English)"), blank=True)
    note = models.CharField(_("note"), max_length=2000, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="revisions",
    )
    # Set before saving (not auto_now_add), so that the digest can cover it.
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    # SHA-256 over the base revision's digest and this revision's fields: a hash chain.
    digest = models.CharField(_("digest"), max_length=64, blank=True, editable=False)

    objects = RevisionQuerySet.as_manager()

    class Meta:
        ordering = ["provision", "number"]
        get_latest_by = "number"
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [
            models.UniqueConstraint(fields=["provision", "number"], name="revision_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="revision_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.provision} r{self.number}"

    def save(self, *args, **kwargs):
        # The one invariant a model must guard itself: a stored revision never changes.
        if not self._state.adding:
            raise ImmutableRevisionError("revisions cannot be changed")
        self.seal()
        super().save(*args, **kwargs)

    def seal(self, base_digest: str | None = None) -> None:
        """Compute the digest (bulk_create callers call this themselves, with the base's digest)."""
        if base_digest is None:
            base_digest = self.base.digest if self.base_id else ""
        self.digest = revision_digest(
            base_digest=base_digest,
            provision_id=self.provision_id,
            number=self.number,
            text_zh=self.text_zh,
            text_en=self.text_en,
            note=self.note,
            author_id=self.author_id,
            created_at=self.created_at,
        )

    def delete(self, *args, **kwargs):
        raise ImmutableRevisionError("revisions cannot be deleted")


# The links live in their own module; the provision page's queryset prefetches them.
from drafting.models.links import ProvisionObligation  # noqa: E402

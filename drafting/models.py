"""Bills, their draft provisions, immutable revisions, obligation links, comments and review events."""

from django.conf import settings
from django.db import models
from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from proposals.models import Article, Instrument, Obligation, Proposal
from proposals.numerals import article_label_zh, paragraph_label_zh


class Role(models.TextChoices):
    DRAFTER = "drafter", _("drafter")
    REVIEWER = "reviewer", _("reviewer")
    VIEWER = "viewer", _("viewer")


class BillQuerySet(models.QuerySet):
    def visible_to(self, user) -> "BillQuerySet":
        """Bills the user is a member of; nobody else sees a bill at all."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)

    def for_dashboard(self, user) -> "BillQuerySet":
        return (
            self.visible_to(user)
            .select_related("target_instrument")
            .annotate(
                my_role=models.F("memberships__role"),
                provision_count=Count("provisions", distinct=True),
            )
        )


class Bill(models.Model):
    class Status(models.TextChoices):
        DRAFTING = "drafting", _("drafting")
        CONSULTATION = "consultation", _("consultation")
        SUBMITTED = "submitted", _("submitted")

    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    target_instrument = models.ForeignKey(
        Instrument,
        verbose_name=_("law amended"),
        on_delete=models.PROTECT,
        related_name="bills",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.DRAFTING)
    commencement_date = models.DateField(_("commencement date"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("members"),
        through="Membership",
        related_name="bills",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = BillQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("bill")
        verbose_name_plural = _("bills")

    def __str__(self) -> str:
        return self.title_zh

    def get_absolute_url(self) -> str:
        return reverse("drafting:bill", kwargs={"pk": self.pk})


class Membership(models.Model):
    bill = models.ForeignKey(
        Bill, verbose_name=_("bill"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role)
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        ordering = ["bill", "role", "user"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["bill", "user"], name="membership_unique_user"),
            models.CheckConstraint(
                condition=Q(role__in=["drafter", "reviewer", "viewer"]),
                name="membership_role_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.role}) on {self.bill}"


class ProvisionQuerySet(models.QuerySet):
    def for_bill_page(self) -> "ProvisionQuerySet":
        return (
            self.select_related("target_article__instrument", "current_revision")
            .annotate(
                open_comment_count=Count(
                    "comments",
                    filter=Q(comments__status="open", comments__parent__isnull=True),
                    distinct=True,
                )
            )
            .order_by("position")
        )

    def for_review_page(self) -> "ProvisionQuerySet":
        return self.select_related(
            "bill__target_instrument", "target_article__instrument", "current_revision__author"
        ).prefetch_related(
            "target_article__paragraphs",
            "proposals",
            Prefetch(
                "obligation_links",
                queryset=ProvisionObligation.objects.active().select_related(
                    "obligation__instrument"
                ),
                to_attr="active_links",
            ),
        )


class Provision(models.Model):
    """One numbered item of a bill: an operation on an article of the law it amends."""

    class Operation(models.TextChoices):
        REPLACE_ARTICLE = "replace_article", _("replace an article")
        REPLACE_PARAGRAPHS = "replace_paragraphs", _("replace paragraph(s)")
        INSERT_ARTICLES = "insert_articles", _("insert article(s) after an article")
        INSERT_PARAGRAPH = "insert_paragraph", _("insert a paragraph")
        REPEAL_ARTICLE = "repeal_article", _("repeal an article")
        REPEAL_PARAGRAPHS = "repeal_paragraphs", _("repeal paragraph(s)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        IN_REVIEW = "in_review", _("in review")
        CHANGES_REQUESTED = "changes_requested", _("changes requested")
        APPROVED = "approved", _("approved")
        WITHDRAWN = "withdrawn", _("withdrawn")

    PARAGRAPH_OPERATIONS = {
        Operation.REPLACE_PARAGRAPHS,
        Operation.INSERT_PARAGRAPH,
        Operation.REPEAL_PARAGRAPHS,
    }
    TEXTLESS_OPERATIONS = {Operation.REPEAL_ARTICLE, Operation.REPEAL_PARAGRAPHS}

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
                condition=Q(
                    operation__in=[
                        "replace_article",
                        "replace_paragraphs",
                        "insert_articles",
                        "insert_paragraph",
                        "repeal_article",
                        "repeal_paragraphs",
                    ]
                ),
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
                condition=Q(restate_article=False) | Q(operation="insert_paragraph"),
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


class RevisionQuerySet(models.QuerySet):
    """Revisions are written once: bulk updates and deletes are refused."""

    def update(self, **kwargs):
        raise ImmutableRevisionError("revisions cannot be changed")

    def delete(self):
        raise ImmutableRevisionError("revisions cannot be deleted")


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
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

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
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRevisionError("revisions cannot be deleted")


class Extent(models.TextChoices):
    FULL = "full", _("full")
    PARTIAL = "partial", _("partial")


class ProvisionObligationQuerySet(models.QuerySet):
    def active(self) -> "ProvisionObligationQuerySet":
        return self.filter(removed_at__isnull=True)

    def as_of(self, moment) -> "ProvisionObligationQuerySet":
        """Links that stood at a moment: created by then and not yet removed."""
        return self.filter(created_at__lte=moment).filter(
            Q(removed_at__isnull=True) | Q(removed_at__gt=moment)
        )


class ProvisionObligation(models.Model):
    """Provision satisfies obligation. Rows are never deleted: unlinking stamps removed_at."""

    provision = models.ForeignKey(
        Provision,
        verbose_name=_("provision"),
        on_delete=models.CASCADE,
        related_name="obligation_links",
    )
    obligation = models.ForeignKey(
        Obligation,
        verbose_name=_("obligation"),
        on_delete=models.PROTECT,
        related_name="provision_links",
    )
    extent = models.CharField(_("extent"), max_length=10, choices=Extent)
    rationale = models.TextField(_("rationale"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("linked by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("linked at"), auto_now_add=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("unlinked by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    removed_at = models.DateTimeField(_("unlinked at"), null=True, blank=True)

    objects = ProvisionObligationQuerySet.as_manager()

    class Meta:
        ordering = ["provision", "obligation", "created_at"]
        verbose_name = _("obligation link")
        verbose_name_plural = _("obligation links")
        constraints = [
            models.UniqueConstraint(
                fields=["provision", "obligation"],
                condition=Q(removed_at__isnull=True),
                name="obligation_link_one_active",
            ),
            models.CheckConstraint(
                condition=Q(extent__in=["full", "partial"]), name="obligation_link_extent_valid"
            ),
            models.CheckConstraint(
                condition=Q(removed_at__isnull=True, removed_by__isnull=True)
                | Q(removed_at__isnull=False, removed_by__isnull=False),
                name="obligation_link_removal_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provision} → {self.obligation} ({self.extent})"

    @property
    def is_active(self) -> bool:
        return self.removed_at is None


class CommentQuerySet(models.QuerySet):
    def threads(self) -> "CommentQuerySet":
        """Top-level comments with their replies and authors, oldest first."""
        return (
            self.filter(parent__isnull=True)
            .select_related("author", "revision", "resolved_by")
            .prefetch_related(
                Prefetch(
                    "replies",
                    queryset=Comment.objects.select_related("author").order_by("created_at"),
                )
            )
            .order_by("created_at")
        )

    def visible(self) -> "CommentQuerySet":
        return self.filter(hidden=False)


class Comment(models.Model):
    """A comment anchored to exact words of one revision (a W3C text-quote selector plus offsets)."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        RESOLVED = "resolved", _("resolved")
        ACCEPTED = "accepted", _("suggestion accepted")
        REJECTED = "rejected", _("suggestion rejected")

    class Language(models.TextChoices):
        ZH = "zh", _("Chinese")
        EN = "en", _("English")

    provision = models.ForeignKey(
        Provision, verbose_name=_("provision"), on_delete=models.CASCADE, related_name="comments"
    )
    revision = models.ForeignKey(
        Revision, verbose_name=_("revision"), on_delete=models.PROTECT, related_name="comments"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="comments",
    )
    body = models.TextField(_("comment (Markdown)"))
    anchor_language = models.CharField(
        _("anchor language"), max_length=2, choices=Language, blank=True
    )
    anchor_exact = models.TextField(_("quoted words"), blank=True)
    anchor_prefix = models.CharField(_("words before"), max_length=64, blank=True)
    anchor_suffix = models.CharField(_("words after"), max_length=64, blank=True)
    anchor_start = models.PositiveIntegerField(_("start offset"), null=True, blank=True)
    anchor_end = models.PositiveIntegerField(_("end offset"), null=True, blank=True)
    suggestion = models.TextField(
        _("suggested replacement"),
        null=True,
        blank=True,
        help_text=_("Replacement for the quoted words; empty text suggests deleting them."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    applied_revision = models.ForeignKey(
        Revision,
        verbose_name=_("revision that applied the suggestion"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applied_suggestions",
    )
    hidden = models.BooleanField(
        _("hidden by a moderator"), default=False, help_text=_("Kept, but not shown to members.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["provision", "created_at"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["open", "resolved", "accepted", "rejected"]),
                name="comment_status_valid",
            ),
            # A thread starts at anchored words; replies carry no anchor and no suggestion.
            models.CheckConstraint(
                condition=Q(
                    parent__isnull=True,
                    anchor_start__isnull=False,
                    anchor_end__isnull=False,
                    anchor_start__lt=models.F("anchor_end"),
                )
                | Q(
                    parent__isnull=False,
                    anchor_start__isnull=True,
                    anchor_end__isnull=True,
                    suggestion__isnull=True,
                ),
                name="comment_anchor_on_threads_only",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["accepted", "rejected"]) | Q(suggestion__isnull=False),
                name="comment_verdict_needs_suggestion",
            ),
            models.CheckConstraint(
                condition=Q(status="accepted", applied_revision__isnull=False)
                | (~Q(status="accepted") & Q(applied_revision__isnull=True)),
                name="comment_accepted_has_revision",
            ),
        ]
        indexes = [models.Index(fields=["provision", "status"], name="comment_provision_status")]

    def __str__(self) -> str:
        return f"{self.author}: {self.body[:40]}"

    def get_absolute_url(self) -> str:
        return f"{self.provision.get_absolute_url()}#comment-{self.pk}"

    @property
    def is_thread(self) -> bool:
        return self.parent_id is None

    @property
    def has_suggestion(self) -> bool:
        return self.suggestion is not None


class ReviewEvent(models.Model):
    """One workflow transition of a provision: who moved it, from what, to what, and why."""

    provision = models.ForeignKey(
        Provision, verbose_name=_("provision"), on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        related_name="review_events",
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Provision.Status, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Provision.Status)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["provision", "created_at", "pk"]
        verbose_name = _("review event")
        verbose_name_plural = _("review events")

    def __str__(self) -> str:
        return f"{self.provision}: {self.from_status or '—'} → {self.to_status}"

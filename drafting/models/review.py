"""Comments anchored to the words of a revision, and the provisions' workflow events."""

from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from drafting.models.bills import MemberScopedQuerySet
from drafting.models.checks import ChecksInOneQuery
from drafting.models.provisions import Provision, Revision

REVISIONS = ("revision", "disposition__revision")  # the revisions a thread is shown with


class CommentQuerySet(MemberScopedQuerySet):
    bill_path = "provision__bill"

    def _thread_rows(self) -> "CommentQuerySet":
        return (
            self.filter(parent__isnull=True)
            .select_related("author", "revision", "resolved_by", "disposition__revision")
            # A thread shows its revision's number, never its text: 200 threads on a long text
            # would otherwise read the whole text 200 times.
            .defer(*(f"{path}__text_{lang}" for path in REVISIONS for lang in ("zh", "en")))
            .order_by("created_at")
        )

    def threads(self) -> "CommentQuerySet":
        """Top-level comments with their replies and authors, oldest first."""
        replies = Comment.objects.select_related("author").order_by("created_at")
        return self._thread_rows().prefetch_related(Prefetch("replies", queryset=replies))

    def for_provision_page(self, replies: int | None) -> "CommentQuerySet":
        """Threads with their visible replies, newest first and at most `replies` of them per
        thread (None: all) in `latest_replies`, and how many there are in `reply_total`."""
        latest = Comment.objects.filter(hidden=False).select_related("author")
        latest = latest.order_by("-created_at", "-pk")
        total = (
            Comment.objects.filter(parent=OuterRef("pk"), hidden=False)
            .order_by()
            .values("parent")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            self._thread_rows()
            .annotate(reply_total=Coalesce(Subquery(total), 0))
            .prefetch_related(
                Prefetch(
                    "replies",
                    queryset=latest if replies is None else latest[:replies],
                    to_attr="latest_replies",
                )
            )
        )

    def visible(self) -> "CommentQuerySet":
        """Not hidden, and not a reply in a hidden thread: hidden means hidden everywhere."""
        return self.filter(hidden=False).filter(Q(parent__isnull=True) | Q(parent__hidden=False))

    def for_dispositions(self, bill, *, state: str = "", kind: str = "") -> "CommentQuerySet":
        """The bill's visible threads with their dispositions: all, open, disposed or major."""
        threads = (
            self.filter(hidden=False, provision__bill=bill, parent__isnull=True)
            .select_related(
                "provision",
                "author",
                "disposition__decided_by",
                "disposition__revision",
                "disposition__draft",
            )
            .order_by("provision__position", "created_at", "pk")
        )
        if state == "open":
            threads = threads.filter(disposition__isnull=True)
        elif state == "disposed":
            threads = threads.filter(disposition__isnull=False)
        elif state == "major":
            threads = threads.filter(disposition__major_disagreement=True)
        if kind:
            threads = threads.filter(disposition__kind=kind)
        return threads

    def for_api(self, user) -> "CommentQuerySet":
        """Visible comments on the user's bills, with authors and reply counts."""
        return (
            self.visible()
            .visible_to(user)
            .select_related("author", "resolved_by")
            .annotate(reply_count=Count("replies", filter=Q(replies__hidden=False)))
        )

    def for_input(self, user) -> "CommentQuerySet":
        """Visible comments on the user's bills, as the API's input fields resolve them."""
        return self.visible().visible_to(user)

    def for_thread_page(self, user) -> "CommentQuerySet":
        """Visible comments with their provision and bill and the user's role on it."""
        return self.visible().with_role(user).select_related("provision__bill")

    def open_threads_for_dashboard(self, user) -> "CommentQuerySet":
        """Open, visible threads on the user's bills, newest first."""
        return (
            self.visible()
            .visible_to(user)
            .filter(parent__isnull=True, status=Comment.Status.OPEN)
            .select_related("provision__bill", "author")
            .order_by("-created_at")
        )


class Comment(ChecksInOneQuery):
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


class CommentPlacement(models.Model):
    """Where a thread's quoted words stand in a later revision, computed once and kept.

    Revisions never change, so the re-anchoring of (comment, revision) never changes either; the
    provision page reads these rows instead of re-anchoring on every request.
    """

    comment = models.ForeignKey(
        Comment, verbose_name=_("comment"), on_delete=models.CASCADE, related_name="placements"
    )
    revision = models.ForeignKey(
        "drafting.Revision",
        verbose_name=_("revision"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    start = models.PositiveIntegerField(_("start offset"), null=True, blank=True)
    end = models.PositiveIntegerField(_("end offset"), null=True, blank=True)
    exact = models.TextField(_("words found"), blank=True)
    status = models.CharField(_("status"), max_length=10)

    class Meta:
        verbose_name = _("comment placement")
        verbose_name_plural = _("comment placements")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "revision"], name="comment_placement_once_per_revision"
            )
        ]

    def __str__(self) -> str:
        return f"{self.comment_id}@{self.revision_id}: {self.status}"

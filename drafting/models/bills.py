"""Bills and their members: who drafts, reviews or reads a bill."""

from collections.abc import Iterable
from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from proposals.models import Instrument


class Role(models.TextChoices):
    DRAFTER = "drafter", _("drafter")
    REVIEWER = "reviewer", _("reviewer")
    VIEWER = "viewer", _("viewer")


class MemberScopedQuerySet(models.QuerySet):
    """Rows of bills. The one membership filter: a user sees the rows of bills they are a member of."""

    bill_path = "bill"  # the lookup from this model to its Bill ("" for Bill itself)

    def _via_bill(self, lookup: str) -> str:
        return f"{self.bill_path}__{lookup}" if self.bill_path else lookup

    def visible_to(self, user, roles: Iterable[str] | None = None) -> Self:
        """Rows of the user's bills (where they hold one of `roles`, if given); nobody else's."""
        if user is None or not user.is_authenticated:
            return self.none()
        lookups = {self._via_bill("memberships__user"): user}
        if roles is not None:  # the same join: the user's own membership holds the role
            lookups[self._via_bill("memberships__role__in")] = list(roles)
        return self.filter(**lookups)

    def with_role(self, user) -> Self:
        """Annotate my_role, the user's role on the row's bill (None for outsiders), in one query."""
        role = Membership.objects.filter(bill=OuterRef(self.bill_path or "pk"), user_id=user.pk)
        return self.annotate(my_role=Subquery(role.values("role")[:1]))


class BillQuerySet(MemberScopedQuerySet):
    bill_path = ""

    def with_my_role(self, user) -> "BillQuerySet":
        """The user's bills, each with my_role read from the same membership join."""
        return self.visible_to(user).annotate(my_role=models.F("memberships__role"))

    def for_dashboard(self, user) -> "BillQuerySet":
        """The user's bills with their role and provision count (also the API's bill list)."""
        return (
            self.with_my_role(user)
            .select_related("target_instrument")
            .annotate(provision_count=Count("provisions", distinct=True))
        )

    def for_bill_page(self, user) -> "BillQuerySet":
        """One of the user's bills with the law it amends and the user's role."""
        return self.with_my_role(user).select_related("target_instrument")

    def for_documents(self, user) -> "BillQuerySet":
        """The user's bills as the exports and the coverage API read them."""
        return self.visible_to(user).select_related("target_instrument")


class Bill(models.Model):
    class Status(models.TextChoices):
        DRAFTING = "drafting", _("drafting")
        CONSULTATION = "consultation", _("consultation")
        SUBMITTED = "submitted", _("submitted")
        ENACTED = "enacted", _("enacted")
        WITHDRAWN = "withdrawn", _("withdrawn")

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
    impact_terms = models.JSONField(
        _("terms to follow"),
        default=list,
        blank=True,
        help_text=_("Words whose use elsewhere in the law the impact list shows; empty: defaults."),
    )
    # Bumped by every change of settings or status: the API's ETag and the settings form's guard.
    version = models.PositiveIntegerField(_("version"), default=1)
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
        # Staff read bills they are not members of only with this (drafting/rules.py, README).
        permissions = [
            ("oversee_bills", _("Oversee bills: read every bill's content in the admin"))
        ]

    def __str__(self) -> str:
        return self.title_zh

    def get_absolute_url(self) -> str:
        return reverse("drafting:bill", kwargs={"pk": self.pk})


class MembershipQuerySet(models.QuerySet):
    def for_bill_page(self) -> "MembershipQuerySet":
        """Members with their accounts, drafters first."""
        return self.select_related("user").order_by("role", "user__username")

    def for_api(self) -> "MembershipQuerySet":
        return self.select_related("user")


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

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["bill", "role", "user"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["bill", "user"], name="membership_unique_user"),
            models.CheckConstraint(
                condition=Q(role__in=Role.values),
                name="membership_role_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.role}) on {self.bill}"


class BillEvent(models.Model):
    """One change to a bill: created, settings or status changed, a member added, moved or removed."""

    class Kind(models.TextChoices):
        CREATED = "created", _("bill started")
        SETTINGS = "settings", _("settings changed")
        STATUS = "status", _("status changed")
        MEMBER_ADDED = "member_added", _("member added")
        ROLE_CHANGED = "role_changed", _("role changed")
        MEMBER_REMOVED = "member_removed", _("member removed")

    bill = models.ForeignKey(
        Bill, verbose_name=_("bill"), on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        related_name="bill_events",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    from_value = models.CharField(_("from"), max_length=200, blank=True)
    to_value = models.CharField(_("to"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["bill", "created_at", "pk"]
        verbose_name = _("bill event")
        verbose_name_plural = _("bill events")

    def __str__(self) -> str:
        return f"{self.bill}: {self.kind}"

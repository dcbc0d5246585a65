"""Obligation links: a provision satisfies an obligation, fully or partly; a link is reviewed."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from drafting.models.bills import MemberScopedQuerySet
from drafting.models.checks import ChecksInOneQuery
from drafting.models.provisions import Provision
from proposals.models import Obligation


class Extent(models.TextChoices):
    FULL = "full", _("full")
    PARTIAL = "partial", _("partial")


class LinkStatus(models.TextChoices):
    """A link's review: proposed by a drafter, then agreed or disputed by someone else."""

    PROPOSED = "proposed", _("proposed")
    AGREED = "agreed", _("agreed")
    DISPUTED = "disputed", _("disputed")


REVIEWED = (LinkStatus.AGREED, LinkStatus.DISPUTED)


class ProvisionObligationQuerySet(MemberScopedQuerySet):
    bill_path = "provision__bill"

    def for_api(self) -> "ProvisionObligationQuerySet":
        return self.active().select_related("obligation", "created_by", "reviewed_by")

    def for_obligation_page(self, user) -> "ProvisionObligationQuerySet":
        """Active links of the user's bills, as an obligation's page lists them."""
        return (
            self.active()
            .visible_to(user)
            .select_related("provision__bill", "provision__target_article__instrument")
            .order_by("provision__bill_id", "provision__position")
        )

    def active(self) -> "ProvisionObligationQuerySet":
        return self.filter(removed_at__isnull=True)

    def as_of(self, moment) -> "ProvisionObligationQuerySet":
        """Links that stood at a moment: created by then and not yet removed."""
        return self.filter(created_at__lte=moment).filter(
            Q(removed_at__isnull=True) | Q(removed_at__gt=moment)
        )


class ProvisionObligation(ChecksInOneQuery):
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
    # The review is written once (NULL until then: the link is proposed). Changing the extent or
    # rationale makes a new link row, proposed again; so a review always judges what it saw.
    review = models.CharField(
        _("review"),
        max_length=10,
        choices=[(s.value, s.label) for s in REVIEWED],
        null=True,
        blank=True,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    review_note = models.TextField(_("review note"), null=True, blank=True)

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
                condition=Q(extent__in=Extent.values), name="obligation_link_extent_valid"
            ),
            models.CheckConstraint(
                condition=Q(removed_at__isnull=True, removed_by__isnull=True)
                | Q(removed_at__isnull=False, removed_by__isnull=False),
                name="obligation_link_removal_complete",
            ),
            models.CheckConstraint(
                condition=Q(review__isnull=True, reviewed_by__isnull=True, reviewed_at__isnull=True)
                | Q(
                    review__in=[s.value for s in REVIEWED],
                    reviewed_by__isnull=False,
                    reviewed_at__isnull=False,
                    review_note__isnull=False,
                ),
                name="obligation_link_review_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provision} → {self.obligation} ({self.extent})"

    @property
    def is_active(self) -> bool:
        return self.removed_at is None

    @property
    def status(self) -> str:
        """proposed, agreed or disputed."""
        return self.review or LinkStatus.PROPOSED

    def get_status_display(self) -> str:
        return str(LinkStatus(self.status).label)

    def status_at(self, moment) -> str:
        """The review as it stood at a moment (proposed before the review was written)."""
        if self.review and self.reviewed_at is not None and self.reviewed_at <= moment:
            return self.review
        return LinkStatus.PROPOSED

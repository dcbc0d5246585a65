"""The reform paper's proposals and the obligations each targets."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from proposals.models.obligations import Obligation


class ProposalQuerySet(models.QuerySet):
    def with_obligations(self) -> "ProposalQuerySet":
        return self.prefetch_related("targets__obligation__instrument")

    def for_api(self) -> "ProposalQuerySet":
        """Proposals with the obligation codes their representation lists."""
        return self.prefetch_related("targets__obligation")


class Proposal(models.Model):
    """One of the reform paper's proposals (a)-(f)."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    title_en = models.CharField(_("title (English)"), max_length=300)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_zh = models.TextField(_("summary (Chinese)"), blank=True)
    drafting_note_en = models.TextField(_("notes for drafters"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    obligations = models.ManyToManyField(
        Obligation,
        verbose_name=_("obligations"),
        through="ProposalTarget",
        related_name="proposals",
    )

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")

    def __str__(self) -> str:
        return f"({self.code}) {self.title_en}"

    def get_absolute_url(self) -> str:
        return reverse("proposals:proposal", kwargs={"code": self.code})

    def natural_key(self) -> tuple[str]:
        return (self.code,)


class ProposalTarget(models.Model):
    """An obligation a proposal aims at: a binding target, or persuasive support."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="targets"
    )
    obligation = models.ForeignKey(
        Obligation,
        verbose_name=_("obligation"),
        on_delete=models.CASCADE,
        related_name="proposal_targets",
    )
    primary = models.BooleanField(
        _("binding target"),
        default=True,
        help_text=_("True for obligations the proposal satisfies; False for persuasive support."),
    )

    class Meta:
        ordering = ["proposal", "-primary", "obligation"]
        verbose_name = _("proposal target")
        verbose_name_plural = _("proposal targets")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "obligation"], name="target_unique_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.proposal.code} → {self.obligation.code}"

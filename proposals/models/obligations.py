"""Obligations an instrument sets and the assessments of how jurisdictions meet them."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from proposals.binding import MARKERS_ZH, BindingStatus, binding_status
from proposals.models.articles import Article
from proposals.models.instruments import Confidence, Instrument, Jurisdiction, Level


class ObligationQuerySet(models.QuerySet):
    def for_list(self) -> "ObligationQuerySet":
        return self.select_related("instrument", "article")

    def binding(self) -> "ObligationQuerySet":
        return self.filter(binding_on_china=True)


class Obligation(models.Model):
    class Kind(models.TextChoices):
        CRIMINALIZE = "criminalize", _("criminalize")
        DEFINE = "define", _("define")
        LEGAL_PERSONS = "legal_persons", _("liability of legal persons")
        # 管辖（权）, not the 法域 of the Jurisdiction model: the same English word, two meanings.
        JURISDICTION = "jurisdiction", pgettext_lazy("obligation kind", "jurisdiction")
        PROCEDURE = "procedure", _("procedure")
        PREVENTION = "prevention", _("prevention")
        COOPERATION = "cooperation", _("cooperation")
        VICTIMS = "victims", _("victims")

    class Strength(models.TextChoices):
        MANDATORY = "mandatory", _("mandatory")
        OPTIONAL = "optional", _("optional")
        RECOMMENDED = "recommended", _("recommended")

    code = models.CharField(_("code"), max_length=32, unique=True)
    instrument = models.ForeignKey(
        Instrument,
        verbose_name=_("instrument"),
        on_delete=models.PROTECT,
        related_name="obligations",
    )
    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="obligations",
    )
    article_ref = models.CharField(_("article reference"), max_length=100)
    statement_en = models.TextField(_("statement (English)"))
    statement_zh = models.TextField(_("statement (Chinese)"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    strength = models.CharField(_("strength"), max_length=20, choices=Strength)
    binding_on_china = models.BooleanField(
        _("binding on China"),
        default=False,
        help_text=_(
            "Derived from the instrument's status for China and the obligation's strength."
        ),
    )
    binding_note = models.CharField(_("binding note"), max_length=200, blank=True)
    reservable_under = models.CharField(
        _("reservation allowed by"),
        max_length=100,
        blank=True,
        help_text=_(
            "The article that lets a Party make a reservation to this obligation, e.g. "
            '"art. 9(4)"; empty when no reservation is allowed. Strength stays mandatory.'
        ),
    )
    confidence = models.CharField(
        _("confidence"), max_length=1, choices=Confidence, default=Confidence.KNOWN
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = ObligationQuerySet.as_manager()

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")
        constraints = [
            models.CheckConstraint(
                condition=Q(binding_on_china=False) | ~Q(strength="recommended"),
                name="obligation_recommendation_not_binding",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        return reverse("proposals:obligation", kwargs={"code": self.code})

    def natural_key(self) -> tuple[str]:
        return (self.code,)

    @property
    def binding_status(self) -> str:
        """One status per legal situation (binding, not Hong Kong, signed, interpretive, ...)."""
        return binding_status(self.instrument, self.strength, self.binding_on_china)

    @property
    def binding_status_label(self) -> str:
        return BindingStatus(self.binding_status).label

    @property
    def binding_marker_zh(self) -> str:
        return MARKERS_ZH[self.binding_status]

    def derived_binding(self) -> bool:
        """Binding when the instrument binds China and the obligation is not a mere recommendation."""
        return self.instrument.binding_on_china and self.strength != self.Strength.RECOMMENDED


class Assessment(models.Model):
    """How one jurisdiction's current law meets one obligation; China's rows are the baseline."""

    jurisdiction = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("jurisdiction"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    obligation = models.ForeignKey(
        Obligation,
        verbose_name=_("obligation"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    level = models.CharField(_("level"), max_length=10, choices=Level)
    citation = models.CharField(_("laws cited"), max_length=500, blank=True)
    relies_on = models.ManyToManyField(
        Article,
        verbose_name=_("articles relied on"),
        blank=True,
        related_name="assessments",
        help_text=_("Articles of current law the level depends on."),
    )
    note_en = models.TextField(_("note (English)"), blank=True)
    note_zh = models.TextField(_("note (Chinese)"), blank=True)
    confidence = models.CharField(
        _("confidence"), max_length=1, choices=Confidence, default=Confidence.KNOWN
    )

    class Meta:
        ordering = ["jurisdiction", "obligation"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["jurisdiction", "obligation"], name="assessment_unique_pair"
            ),
            models.CheckConstraint(
                condition=Q(level__in=["none", "partial", "full"]), name="assessment_level_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction.code} / {self.obligation.code}: {self.level}"

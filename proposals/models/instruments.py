"""Instruments (treaties, statutes, guidance), the jurisdictions that adopt them, confidence and levels."""

from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from proposals.names_zh import body_zh


class Confidence(models.TextChoices):
    """How sure the reference brief is of a fact (domain brief section 0)."""

    VERIFIED = "V", _("verified")
    KNOWN = "K", _("standard knowledge")
    MEDIUM = "M", _("medium: verify before citing")
    LOW = "L", _("low: a lead only")


class Level(models.TextChoices):
    """How far a law or a bill meets an obligation."""

    NONE = "none", _("not met")
    PARTIAL = "partial", _("partly met")
    FULL = "full", _("fully met")


class Jurisdiction(models.Model):
    code = models.CharField(_("code"), max_length=8, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("jurisdiction")
        verbose_name_plural = _("jurisdictions")

    def __str__(self) -> str:
        return self.name_en

    def natural_key(self) -> tuple[str]:
        return (self.code,)


class InstrumentQuerySet(models.QuerySet):
    def for_list(self) -> "InstrumentQuerySet":
        return self.select_related("jurisdiction").annotate(
            obligation_count=models.Count("obligations", distinct=True)
        )


class Instrument(models.Model):
    class Kind(models.TextChoices):
        TREATY = "treaty", _("treaty")
        PROTOCOL = "protocol", _("protocol")
        REGIONAL = "regional", _("regional convention")
        DIRECTIVE = "directive", _("directive")
        FRAMEWORK_DECISION = "framework_decision", _("framework decision")
        PRC_LAW = "prc_law", _("PRC law")
        INTERPRETATION = "interpretation", _("judicial interpretation")
        # Joint opinions of the SPC, SPP and ministries: only SPC/SPP instruments are 司法解释.
        NORMATIVE = "normative", _("joint normative document")
        REGULATION = "regulation", _("administrative regulation")
        FOREIGN_LAW = "foreign_law", _("foreign law")
        MODEL_LAW = "model_law", _("model law")
        SOFT_LAW = "soft_law", _("soft law")

    class ChinaStatus(models.TextChoices):
        PARTY = "party", _("party")
        SIGNATORY = "signatory", _("signatory")
        NOT_PARTY = "not_party", _("not a party")
        DOMESTIC = "domestic", _("domestic law")
        NOT_APPLICABLE = "not_applicable", _("not applicable")

    class HongKong(models.TextChoices):
        """Whether the instrument applies in the Hong Kong SAR (set per instrument, never assumed)."""

        APPLIES = "applies", _("applies to Hong Kong")
        DOES_NOT_APPLY = "does_not_apply", _("does not apply to Hong Kong")
        NOT_APPLICABLE = "not_applicable", _("not applicable or unknown")

    code = models.CharField(_("code"), max_length=32, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    title_en = models.CharField(_("title (English)"), max_length=400)
    title_zh = models.CharField(_("title (Chinese)"), max_length=400, blank=True)
    short_title_en = models.CharField(_("short title (English)"), max_length=100)
    short_title_zh = models.CharField(_("short title (Chinese)"), max_length=100, blank=True)
    adopting_body = models.CharField(_("adopting body"), max_length=200, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    promulgated_on = models.DateField(
        _("promulgated or assented to on"),
        null=True,
        blank=True,
        help_text=_(
            "Promulgation (公布) of a law or regulation; Royal Assent of a UK or Canadian act."
        ),
    )
    opened_for_signature_on = models.DateField(_("opened for signature on"), null=True, blank=True)
    in_force_on = models.DateField(_("in force on"), null=True, blank=True)
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        verbose_name=_("jurisdiction"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="instruments",
        help_text=_("For national laws: the state whose law it is."),
    )
    china_status = models.CharField(_("China's status"), max_length=20, choices=ChinaStatus)
    china_signed_on = models.DateField(_("signed by China"), null=True, blank=True)
    china_approved_on = models.DateField(
        _("NPCSC decision approving ratification or accession"),
        null=True,
        blank=True,
        help_text=_("批准 in PRC usage: the NPC Standing Committee's decision."),
    )
    china_approved_confidence = models.CharField(
        _("confidence of the NPCSC decision date"),
        max_length=1,
        choices=Confidence,
        default=Confidence.KNOWN,
    )
    china_deposited_on = models.DateField(
        _("instrument of ratification or accession deposited"),
        null=True,
        blank=True,
        help_text=_("Deposit with the depositary (registration for ILO conventions)."),
    )
    china_deposited_confidence = models.CharField(
        _("confidence of the deposit and entry-into-force dates"),
        max_length=1,
        choices=Confidence,
        default=Confidence.KNOWN,
    )
    china_in_force_on = models.DateField(_("in force for China"), null=True, blank=True)
    declarations = models.TextField(_("declarations and reservations"), blank=True)
    hong_kong = models.CharField(
        _("Hong Kong SAR"),
        max_length=20,
        choices=HongKong,
        default=HongKong.NOT_APPLICABLE,
        help_text=_(
            "PRC national laws: does not apply (Basic Law art. 18, Annex III); treaties: as China "
            "declared; foreign and comparative texts: not applicable."
        ),
    )
    hong_kong_confidence = models.CharField(
        _("confidence of the Hong Kong status"),
        max_length=1,
        choices=Confidence,
        default=Confidence.KNOWN,
    )
    interprets = models.ForeignKey(
        "self",
        verbose_name=_("interprets"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interpretations",
        help_text=_("For soft law: the treaty it interprets (e.g. CRC/C/156 interprets the OPSC)."),
    )
    summary_en = models.TextField(_("summary (English)"), blank=True)
    history_zh = models.TextField(
        _("official history note (Chinese)"),
        blank=True,
        help_text=_(
            "The adoption and amendment lines printed under a PRC law's title, one a line."
        ),
    )
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    confidence = models.CharField(
        _("confidence"), max_length=1, choices=Confidence, default=Confidence.KNOWN
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = InstrumentQuerySet.as_manager()

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")

    def __str__(self) -> str:
        return f"{self.short_title_en} ({self.code})"

    def get_absolute_url(self) -> str:
        return reverse("proposals:instrument", kwargs={"code": self.code})

    def natural_key(self) -> tuple[str]:
        return (self.code,)

    @property
    def binding_on_china(self) -> bool:
        """Only a ratified treaty binds China; soft law and signatures do not."""
        return self.china_status == self.ChinaStatus.PARTY and self.kind in {
            self.Kind.TREATY,
            self.Kind.PROTOCOL,
            self.Kind.REGIONAL,
        }

    @property
    def adopting_body_display(self) -> str:
        """The adopting body in the page's language."""
        if (get_language() or "").startswith("zh"):
            return body_zh(self.adopting_body)
        return self.adopting_body

    @property
    def applies_to_hong_kong(self) -> bool | None:
        """True or False where settled; None where the question does not arise or is unknown."""
        return {self.HongKong.APPLIES: True, self.HongKong.DOES_NOT_APPLY: False}.get(
            self.hong_kong
        )

    @property
    def dates_verify(self) -> bool:
        """Whether any of China's dates is below [K] and must be checked before citing."""
        low = {Confidence.MEDIUM, Confidence.LOW}
        return bool(
            (self.china_approved_on and self.china_approved_confidence in low)
            or (self.china_deposited_on and self.china_deposited_confidence in low)
        )

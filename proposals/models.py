"""Reference data: instruments, their articles and obligations, jurisdictions, the paper's proposals."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from proposals.binding import MARKERS_ZH, BindingStatus, binding_status
from proposals.names_zh import body_zh
from proposals.numerals import article_label_zh


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


class ArticleQuerySet(models.QuerySet):
    def with_paragraphs(self) -> "ArticleQuerySet":
        return self.select_related("instrument").prefetch_related("paragraphs")


class Article(models.Model):
    """An article of an instrument; PRC articles carry their official text in paragraphs (款)."""

    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.CASCADE, related_name="articles"
    )
    number = models.PositiveIntegerField(_("number"))
    sub = models.PositiveSmallIntegerField(
        _("之N suffix"), default=0, help_text=_("2 for 第二百八十七条之二; 0 for none.")
    )
    label = models.CharField(
        _("label"),
        max_length=60,
        blank=True,
        help_text=_("How the article is cited, if not 第…条."),
    )
    heading_zh = models.CharField(_("division (Chinese)"), max_length=300, blank=True)
    heading_en = models.CharField(_("heading (English)"), max_length=300, blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["instrument", "number", "sub"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "number", "sub"], name="article_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument.code} {self.citation}"

    @property
    def citation(self) -> str:
        """第二百八十七条之一 for PRC law; the stored label (e.g. "art. 9") elsewhere."""
        return self.label or article_label_zh(self.number, self.sub)

    @property
    def dotted(self) -> str:
        """287-1 style reference used in URLs and data files."""
        return f"{self.number}-{self.sub}" if self.sub else str(self.number)

    @property
    def text_zh(self) -> str:
        return "\n".join(p.text_zh for p in self.paragraphs.all())

    @property
    def text_en(self) -> str:
        return "\n".join(p.text_en for p in self.paragraphs.all() if p.text_en)


class Paragraph(models.Model):
    """One paragraph (款) of an article; its items (项) stay inside it, one per line."""

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="paragraphs"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text_zh = models.TextField(_("text (Chinese)"))
    text_en = models.TextField(_("text (English)"), blank=True)

    class Meta:
        ordering = ["article", "number"]
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="paragraph_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="paragraph_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.article} ¶{self.number}"


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


# The statute's own graph and history live beside the articles they describe.
from proposals.annexes import Annex  # noqa: E402, F401
from proposals.history import Amendment, ArticleChange, CrossReference  # noqa: E402, F401

"""Admin for reference data: staff keep instruments, articles, obligations and proposals here."""

from django.contrib import admin
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from proposals.models import (
    Article,
    Assessment,
    Instrument,
    Jurisdiction,
    Obligation,
    Paragraph,
    Proposal,
    ProposalTarget,
)
from proposals.numerals import parse_article_label
from proposals.services import instrument_rederive_binding


def excerpt(text: str, length: int = 60) -> str:
    """A one-line preview of long text for change lists."""
    return Truncator(" ".join(text.split())).chars(length)


@admin.register(Jurisdiction)
class JurisdictionAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "name_zh", "position", "instrument_count"]
    list_editable = ["position"]
    search_fields = ["code", "name_en", "name_zh"]
    ordering = ["position", "code"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Jurisdiction]:
        return super().get_queryset(request).annotate(_instrument_count=Count("instruments"))

    @admin.display(description=_("instruments"), ordering="_instrument_count")
    def instrument_count(self, obj: Jurisdiction) -> int:
        return obj._instrument_count


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "short_title_en",
        "short_title_zh",
        "kind",
        "china_status",
        "binding",
        "jurisdiction",
        "confidence",
        "obligation_count",
        "position",
    ]
    list_filter = ["kind", "china_status", "confidence", "hong_kong", "jurisdiction"]
    search_fields = ["code", "title_en", "title_zh", "short_title_en", "short_title_zh"]
    list_select_related = ["jurisdiction"]
    autocomplete_fields = ["jurisdiction"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "code",
                    "kind",
                    ("title_en", "title_zh"),
                    ("short_title_en", "short_title_zh"),
                    "adopting_body",
                    ("adopted_on", "promulgated_on"),
                    ("opened_for_signature_on", "in_force_on"),
                    "jurisdiction",
                    "summary_en",
                    "source_url",
                    ("confidence", "position"),
                ]
            },
        ),
        (
            _("China"),
            {
                "fields": [
                    "china_status",
                    "china_signed_on",
                    ("china_approved_on", "china_approved_confidence"),
                    ("china_deposited_on", "china_deposited_confidence"),
                    "china_in_force_on",
                    "declarations",
                    ("hong_kong", "hong_kong_confidence"),
                    "interprets",
                ]
            },
        ),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Instrument]:
        return super().get_queryset(request).annotate(_obligation_count=Count("obligations"))

    @admin.display(description=_("obligations"), ordering="_obligation_count")
    def obligation_count(self, obj: Instrument) -> int:
        return obj._obligation_count

    @admin.display(description=_("binding on China"), boolean=True)
    def binding(self, obj: Instrument) -> bool:
        return obj.binding_on_china

    def save_model(self, request, obj: Instrument, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        # Obligations store whether they bind China; keep them in step with the instrument.
        instrument_rederive_binding(instrument=obj)


class ParagraphInline(admin.TabularInline):
    model = Paragraph
    fields = ["number", "text_zh", "text_en"]
    extra = 0
    ordering = ["number"]


class ArticleSearchMixin:
    """Lets staff search articles by their Chinese citation, e.g. 第二百八十七条之一."""

    article_path = ""

    def get_search_results(self, request, queryset, search_term):
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        parsed = parse_article_label(search_term.strip())
        if parsed:
            number, sub = parsed
            prefix = self.article_path
            found |= queryset.filter(**{f"{prefix}number": number, f"{prefix}sub": sub})
        return found, may_have_duplicates


@admin.register(Article)
class ArticleAdmin(ArticleSearchMixin, admin.ModelAdmin):
    list_display = ["__str__", "instrument", "heading_en", "heading_zh", "paragraph_count"]
    list_filter = ["instrument"]
    search_fields = [
        "instrument__code",
        "number__exact",
        "label",
        "heading_zh",
        "heading_en",
        "summary_en",
        "paragraphs__text_zh",
        "paragraphs__text_en",
    ]
    list_select_related = ["instrument"]
    autocomplete_fields = ["instrument"]
    inlines = [ParagraphInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        return super().get_queryset(request).annotate(_paragraph_count=Count("paragraphs"))

    @admin.display(description=_("paragraphs"), ordering="_paragraph_count")
    def paragraph_count(self, obj: Article) -> int:
        return obj._paragraph_count


@admin.register(Paragraph)
class ParagraphAdmin(ArticleSearchMixin, admin.ModelAdmin):
    article_path = "article__"
    list_display = ["__str__", "number", "text_zh_excerpt", "text_en_excerpt"]
    list_filter = ["article__instrument"]
    search_fields = ["text_zh", "text_en", "article__instrument__code", "article__number__exact"]
    list_select_related = ["article__instrument"]
    autocomplete_fields = ["article"]

    @admin.display(description=_("text (Chinese)"))
    def text_zh_excerpt(self, obj: Paragraph) -> str:
        return excerpt(obj.text_zh)

    @admin.display(description=_("text (English)"))
    def text_en_excerpt(self, obj: Paragraph) -> str:
        return excerpt(obj.text_en)


@admin.register(Obligation)
class ObligationAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "instrument",
        "article_ref",
        "kind",
        "strength",
        "binding_on_china",
        "confidence",
        "statement_excerpt",
    ]
    list_filter = ["binding_on_china", "kind", "strength", "confidence", "instrument"]
    search_fields = [
        "code",
        "article_ref",
        "statement_en",
        "statement_zh",
        "instrument__code",
        "instrument__short_title_en",
    ]
    list_select_related = ["instrument"]
    autocomplete_fields = ["instrument", "article"]
    # Derived from the instrument and the strength, never typed in.
    readonly_fields = ["binding_on_china"]

    @admin.display(description=_("statement"))
    def statement_excerpt(self, obj: Obligation) -> str:
        return excerpt(obj.statement_zh or obj.statement_en)

    def save_model(self, request, obj: Obligation, form, change: bool) -> None:
        obj.binding_on_china = obj.derived_binding()
        super().save_model(request, obj, form, change)


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "jurisdiction", "obligation", "level", "citation", "confidence"]
    list_filter = ["level", "confidence", "jurisdiction", "obligation__instrument"]
    search_fields = [
        "jurisdiction__code",
        "jurisdiction__name_zh",
        "obligation__code",
        "citation",
        "note_en",
        "note_zh",
    ]
    list_select_related = ["jurisdiction", "obligation"]
    autocomplete_fields = ["jurisdiction", "obligation", "relies_on"]


class ProposalTargetInline(admin.TabularInline):
    model = ProposalTarget
    fields = ["obligation", "primary"]
    autocomplete_fields = ["obligation"]
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet[ProposalTarget]:
        return super().get_queryset(request).select_related("proposal", "obligation")


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["code", "title_en", "title_zh", "position", "target_count", "binding_count"]
    search_fields = ["code", "title_en", "title_zh", "summary_en", "summary_zh"]
    inlines = [ProposalTargetInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Proposal]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                _target_count=Count("targets"),
                _binding_count=Count("targets", filter=Q(targets__primary=True)),
            )
        )

    @admin.display(description=_("obligations aimed at"), ordering="_target_count")
    def target_count(self, obj: Proposal) -> int:
        return obj._target_count

    @admin.display(description=_("binding targets"), ordering="_binding_count")
    def binding_count(self, obj: Proposal) -> int:
        return obj._binding_count


@admin.register(ProposalTarget)
class ProposalTargetAdmin(admin.ModelAdmin):
    list_display = ["__str__", "proposal", "obligation", "primary"]
    list_filter = ["primary", "proposal", "obligation__instrument"]
    search_fields = ["proposal__code", "proposal__title_zh", "obligation__code"]
    list_select_related = ["proposal", "obligation"]
    autocomplete_fields = ["proposal", "obligation"]

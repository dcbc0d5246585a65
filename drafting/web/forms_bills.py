"""Forms of the bill page: adding a provision and moving one up or down."""

import re

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from drafting.models import Bill, Provision
from drafting.operations import (
    PARAGRAPH_OPERATIONS,
    TEXTLESS_OPERATIONS,
    WHOLE_ARTICLE_OPERATIONS,
    Operation,
)
from drafting.web.fields import LegalTextField
from drafting.web.forms_text import TextForm
from proposals.models import Article, Proposal
from proposals.numerals import ARTICLE_LABEL_RE, parse_article_label

# "364", "287-1", "287之1", "287.1" (the 之N suffix written with digits).
_DOTTED = re.compile(r"^(\d{1,4})(?:\s*[-.之]\s*(\d{1,2}))?$")
MAX_INSERT = 100
_PARAGRAPH_SPLIT = re.compile(r"[\s,，、;；]+")


def parse_article_ref(text: str) -> tuple[int, int] | None:
    """'364', '287-1', '第三百六十四条' or '第二百八十七条之一' -> (number, sub); None if unreadable."""
    text = text.strip()
    match = _DOTTED.match(text)
    if match:
        return int(match.group(1)), int(match.group(2) or 0)
    # Only a bare citation counts: "第三百六十四条第二款" would silently drop the paragraph.
    if not ARTICLE_LABEL_RE.fullmatch(text):
        return None
    try:
        return parse_article_label(text)
    except ValueError:  # 第十零条 and other numbers the NPC would not write
        return None


def law_name(instrument) -> str:
    """The law's short title in the page's language (刑法 on Chinese pages)."""
    if get_language().startswith("zh") and instrument.short_title_zh:
        return instrument.short_title_zh
    return instrument.short_title_en


class ProposalChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Proposal) -> str:
        return f"({obj.code}) {obj.title_en} / {obj.title_zh}"


# Which operations use a field (the others ignore it); the page hides it for the others.
FIELD_OPERATIONS = {
    "paragraphs": PARAGRAPH_OPERATIONS,
    "insert_count": frozenset({Operation.INSERT_ARTICLES}),
    "restate_article": frozenset({Operation.INSERT_PARAGRAPH}),
    "text_zh": frozenset(Operation) - TEXTLESS_OPERATIONS,
    "text_en": frozenset(Operation) - TEXTLESS_OPERATIONS,
}
UNUSED_VALUE = {"paragraphs": [], "insert_count": 1, "restate_article": False}
REPLACING = frozenset({Operation.REPLACE_ARTICLE, Operation.REPLACE_PARAGRAPHS})


def current_text(article: Article, operation: str, paragraphs: list[int]) -> str:
    """What a replacing provision starts from: the article, or the paragraphs it replaces."""
    if operation not in REPLACING:
        return ""
    whole = operation in WHOLE_ARTICLE_OPERATIONS
    return "\n".join(p.text_zh for p in article.paragraphs.all() if whole or p.number in paragraphs)


class ProvisionFieldsForm(TextForm):
    """Every field of a provision's metadata, with the target article typed as a citation."""

    operation = forms.ChoiceField(label=_("Operation"), choices=Provision.Operation.choices)
    target_article = forms.CharField(
        label=_("Target article"),
        max_length=40,
        help_text=_('Type "364", "287-1" or "第三百六十四条".'),
    )
    paragraphs = forms.CharField(
        label=_("Paragraphs (款)"),
        max_length=100,
        required=False,
        help_text=_('For paragraph operations: numbers such as "2" or "1, 3".'),
    )
    insert_count = forms.IntegerField(
        # The API's limit (drafting/api/inputs.MAX_INSERT): the same bill, the same rule.
        label=_("Articles inserted"),
        min_value=1,
        max_value=MAX_INSERT,
        initial=1,
    )
    restate_article = forms.BooleanField(
        label=_("Restate the whole article"),
        required=False,
        help_text=_("For inserting a paragraph: the text restates the article as amended."),
    )
    title_en = forms.CharField(label=_("Short title (English)"), max_length=200)
    title_zh = forms.CharField(label=_("Short title (Chinese)"), max_length=200, required=False)
    text_zh = LegalTextField(
        label=_("Text (Chinese)"),
        required=False,
        max_length=settings.MAX_PROVISION_TEXT,
        widget=forms.Textarea(attrs={"rows": 6, "lang": "zh-Hans"}),
    )
    text_en = LegalTextField(
        label=_("Working translation (English)"),
        required=False,
        max_length=settings.MAX_PROVISION_TEXT,
        widget=forms.Textarea(attrs={"rows": 4, "lang": "en"}),
    )
    proposals = ProposalChoiceField(
        label=_("Proposals implemented"),
        queryset=Proposal.objects.order_by("position", "code"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, bill: Bill, **kwargs):
        super().__init__(*args, **kwargs)
        self.bill = bill
        for name, operations in FIELD_OPERATIONS.items():
            if name in self.fields:
                self.fields[name].operations = " ".join(sorted(operations))

    def clean(self) -> dict:
        """A field the operation does not use may be left out (the page's script disables it);
        a value given for it is still checked, so nothing typed is silently dropped."""
        data = super().clean()
        operation = data.get("operation")
        for name, value in UNUSED_VALUE.items():
            unused = operation and operation not in FIELD_OPERATIONS[name]
            if unused and name in self.fields and self.data.get(name) in (None, ""):
                self._errors.pop(name, None)
                data[name] = value
        return data

    def clean_target_article(self) -> Article:
        """Find the article by its citation among the articles of the law the bill amends."""
        text = self.cleaned_data["target_article"]
        ref = parse_article_ref(text)
        if ref is None:
            raise forms.ValidationError(
                _('Write the article as "364", "287-1" or "第三百六十四条".'), code="format"
            )
        number, sub = ref
        article = Article.objects.filter(
            instrument_id=self.bill.target_instrument_id, number=number, sub=sub
        ).first()
        if article is None:
            raise forms.ValidationError(
                _("%(law)s has no article %(ref)s.")
                % {"law": law_name(self.bill.target_instrument), "ref": text},
                code="unknown",
            )
        return article

    def clean_paragraphs(self) -> list[int]:
        text = self.cleaned_data["paragraphs"].strip()
        if not text:
            return []
        parts = [p for p in _PARAGRAPH_SPLIT.split(text) if p]
        if not all(p.isascii() and p.isdigit() and len(p) <= 3 for p in parts):
            raise forms.ValidationError(
                _("Paragraph numbers are whole numbers separated by commas."), code="format"
            )
        return [int(p) for p in parts]


class ProvisionAddForm(ProvisionFieldsForm):
    """A new provision: its metadata and first text."""


class ProvisionMetadataForm(ProvisionFieldsForm):
    """A provision's metadata, saved on the version the drafter opened (optimistic concurrency)."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    loaded = forms.CharField(required=False, max_length=20_000, widget=forms.HiddenInput)
    text_zh = None
    text_en = None

    @staticmethod
    def initial_for(provision: Provision) -> dict:
        return {
            "version": provision.version,
            "operation": provision.operation,
            "target_article": provision.target_article.dotted,
            "paragraphs": ", ".join(str(n) for n in provision.paragraphs),
            "insert_count": provision.insert_count,
            "restate_article": provision.restate_article,
            "title_en": provision.title_en,
            "title_zh": provision.title_zh,
            "proposals": list(provision.proposals.all()),
        }


class ProvisionMoveForm(forms.Form):
    """Move one provision one place up or down."""

    provision = forms.IntegerField(min_value=1)
    direction = forms.ChoiceField(choices=[("up", _("up")), ("down", _("down"))])

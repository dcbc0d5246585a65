"""Forms of the bill page: adding a provision and moving one up or down."""

import re

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from drafting.models import Bill, Provision
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


class ProvisionAddForm(TextForm):
    """The fields provision_create takes, with the target article typed as a citation."""

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


class ProvisionMoveForm(forms.Form):
    """Move one provision one place up or down."""

    provision = forms.IntegerField(min_value=1)
    direction = forms.ChoiceField(choices=[("up", _("up")), ("down", _("down"))])

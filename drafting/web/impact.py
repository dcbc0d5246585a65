"""The impact list (影响清单) of a bill, the provision page's "this change affects", and the
instruction check shown on the bill page before export."""

from dataclasses import dataclass

import rules
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from drafting import services
from drafting.analysis.impact import BREAK, CHANGED, KINDS, SHIFT, TERM, Impact
from drafting.law_state import bill_impact_list, instruction_findings, terms_of
from drafting.models import Bill
from drafting.web.common import bill_for, login_required
from proposals.numerals import article_label_zh, list_number_zh, paragraph_label_zh, to_chinese

KIND_LABELS = {
    BREAK: gettext_lazy("breaks (target repealed)"),
    SHIFT: gettext_lazy("shifts (paragraph renumbered)"),
    CHANGED: gettext_lazy("target's words change"),
    TERM: gettext_lazy("term used elsewhere"),
}
TERMS_SHOWN = 40


@dataclass
class ImpactRow:
    """One line of the impact list, ready for the template."""

    impact: Impact
    kind_label: str
    item: str
    where: str
    where_url: str
    target: str
    advice: str
    articles: list[str]
    more: int


def _article_url(bill: Bill, key: tuple[int, int]) -> str:
    dotted = f"{key[0]}-{key[1]}" if key[1] else str(key[0])
    return (
        reverse("proposals:instrument", args=[bill.target_instrument.code]) + f"#article-{dotted}"
    )


def _target_label(code: str) -> str:
    """'152.2.3' -> 第一百五十二条第二款第三项."""
    article, *rest = code.split(".")
    number, _sep, sub = article.partition("-")
    label = article_label_zh(int(number), int(sub or 0))
    if rest:
        label += paragraph_label_zh(int(rest[0]))
    if len(rest) > 1:
        label += f"第{to_chinese(int(rest[1]))}项"
    return label


def _row(bill: Bill, impact: Impact) -> ImpactRow:
    where = article_label_zh(*impact.source)
    if impact.paragraph:
        where += paragraph_label_zh(impact.paragraph)
    advice = ""
    if impact.kind == SHIFT:
        advice = _("should now say %s") % paragraph_label_zh(impact.new_paragraph)
    articles = [article_label_zh(*key) for key in impact.articles]
    return ImpactRow(
        impact=impact,
        kind_label=str(KIND_LABELS[impact.kind]),
        item=list_number_zh(impact.position).rstrip("、"),
        where=where,
        where_url=_article_url(bill, impact.source),
        target=_target_label(impact.target) if impact.target else "",
        advice=advice,
        articles=articles[:TERMS_SHOWN],
        more=max(len(articles) - TERMS_SHOWN, 0),
    )


def impact_rows(bill: Bill, impacts: list[Impact]) -> list[ImpactRow]:
    return [_row(bill, impact) for impact in impacts]


class ImpactFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        required=False,
        choices=[("", gettext_lazy("all")), *KIND_LABELS.items()],
    )
    item = forms.IntegerField(label=gettext_lazy("Item"), required=False, min_value=1)
    term = forms.CharField(label=gettext_lazy("Term"), required=False, max_length=40)

    def apply(self, impacts: list[Impact]) -> list[Impact]:
        data = self.cleaned_data
        if data.get("kind"):
            impacts = [i for i in impacts if i.kind == data["kind"]]
        if data.get("item"):
            impacts = [i for i in impacts if i.position == data["item"]]
        if data.get("term"):
            impacts = [i for i in impacts if i.kind == TERM and data["term"] in i.words]
        return impacts


class TermsForm(forms.Form):
    terms = forms.CharField(
        label=gettext_lazy("Terms to follow (one per line; empty for the defaults)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "lang": "zh-Hans"}),
    )


def _impact_context(request: HttpRequest, bill: Bill, terms_form: TermsForm | None) -> dict:
    impacts = bill_impact_list(bill)
    form = ImpactFilterForm(request.GET or None)
    shown = form.apply(impacts) if form.is_valid() else impacts
    can_manage = rules.has_perm("drafting.manage_bill", request.user, bill)
    if can_manage and terms_form is None:
        terms_form = TermsForm(initial={"terms": "\n".join(bill.impact_terms)})
    counts = {kind: sum(1 for i in impacts if i.kind == kind) for kind in KINDS}
    return {
        "bill": bill,
        "rows": impact_rows(bill, shown),
        "total": len(impacts),
        "counts": [(KIND_LABELS[k], counts[k]) for k in KINDS],
        "filter_form": form,
        "terms": terms_of(bill),
        "terms_form": terms_form if can_manage else None,
    }


@login_required
@require_GET
def bill_impact(request: HttpRequest, pk: int) -> HttpResponse:
    """The bill's impact list with filters (members)."""
    bill = bill_for(request, pk)
    form = ImpactFilterForm(request.GET or None)
    status = 400 if request.GET and not form.is_valid() else 200
    context = _impact_context(request, bill, None)
    return render(request, "drafting/impact.html", context, status=status)


@login_required
@require_POST
def bill_impact_terms(request: HttpRequest, pk: int) -> HttpResponse:
    """Set the terms the impact list follows (drafters)."""
    bill = bill_for(request, pk)
    if not rules.has_perm("drafting.manage_bill", request.user, bill):
        raise PermissionDenied(_("Only drafters choose the terms."))
    form = TermsForm(request.POST)
    if form.is_valid():
        terms = [t.strip() for t in form.cleaned_data["terms"].splitlines() if t.strip()]
        try:
            services.bill_set_impact_terms(actor=request.user, bill=bill, terms=terms)
        except ValidationError as error:
            form.add_error("terms", error)
        else:
            messages.success(request, _("The terms were saved."))
            return redirect(reverse("drafting:bill_impact", args=[bill.pk]))
    context = _impact_context(request, bill, form)
    return render(request, "drafting/impact.html", context, status=400)


def provision_impact_rows(provision) -> list[ImpactRow]:
    """What this provision's change does elsewhere in the law (its page's section)."""
    bill = provision.bill
    return impact_rows(bill, bill_impact_list(bill, provision.pk))


def instruction_panel(bill: Bill) -> dict:
    """The instruction check of the bill's items, shown on the bill page before export."""
    return {"findings": instruction_findings(bill)}

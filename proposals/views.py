"""Reference pages: instruments, obligations and the reform paper's proposals (any signed-in user)."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from proposals.models import (
    Article,
    ArticleChange,
    Assessment,
    CrossReference,
    Instrument,
    Obligation,
    Proposal,
    ProposalTarget,
)


@login_required
@require_GET
def instrument_list(request: HttpRequest) -> HttpResponse:
    """Every instrument with China's status and dates."""
    instruments = Instrument.objects.for_list().order_by("position", "code")
    return render(request, "proposals/instrument_list.html", {"instruments": instruments})


class ObligationFilterForm(forms.Form):
    """The filters of the obligations list; an unknown value is a form error."""

    instrument = forms.ChoiceField(label=_("Instrument"), required=False)
    binding = forms.ChoiceField(
        label=_("Binding on China"),
        required=False,
        choices=[("", _("any")), ("yes", _("binding")), ("no", _("not binding"))],
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("any")), *Obligation.Kind.choices]
    )
    strength = forms.ChoiceField(
        label=_("Strength"),
        required=False,
        choices=[("", _("any")), *Obligation.Strength.choices],
    )

    def __init__(self, *args, instruments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instrument"].choices = [
            ("", _("any")),
            *((i.code, f"{i.short_title_en} ({i.code})") for i in instruments),
        ]

    def apply(self, queryset):
        """The queryset narrowed by whichever filters are valid."""
        if not self.is_valid():
            return queryset.none()
        data = self.cleaned_data
        if data["instrument"]:
            queryset = queryset.filter(instrument__code=data["instrument"])
        if data["binding"]:
            queryset = queryset.filter(binding_on_china=data["binding"] == "yes")
        if data["kind"]:
            queryset = queryset.filter(kind=data["kind"])
        if data["strength"]:
            queryset = queryset.filter(strength=data["strength"])
        return queryset


@login_required
@require_GET
def obligation_list(request: HttpRequest) -> HttpResponse:
    """Obligations, filtered by instrument, binding force, kind and strength."""
    instruments = list(Instrument.objects.filter(obligations__isnull=False).distinct())
    form = ObligationFilterForm(request.GET or None, instruments=instruments)
    obligations = Obligation.objects.for_list().order_by("instrument__position", "position", "code")
    if form.is_bound:
        obligations = form.apply(obligations)
    context = {"form": form, "obligations": obligations}
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "proposals/obligation_list.html", context, status=status)


@login_required
@require_GET
def obligation_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One obligation, the proposals aiming at it, and the provisions of MY bills that satisfy it."""
    obligation = get_object_or_404(Obligation.objects.for_list(), code=code)
    # Only bills the user is a member of: other bills must not even be hinted at. The drafting
    # side's query decides which (this app neither imports drafting nor walks into its tables).
    links = obligation.provision_links.for_obligation_page(request.user)
    assessments = Assessment.objects.filter(obligation=obligation).select_related("jurisdiction")
    targets = ProposalTarget.objects.filter(obligation=obligation).select_related("proposal")
    context = {
        "obligation": obligation,
        "links": links,
        "assessments": assessments,
        "targets": targets,
    }
    return render(request, "proposals/obligation_detail.html", context)


@login_required
@require_GET
def proposal_list(request: HttpRequest) -> HttpResponse:
    """The reform paper's proposals with the obligations each aims at."""
    proposals = Proposal.objects.with_obligations().order_by("position", "code")
    return render(request, "proposals/proposal_list.html", {"proposals": proposals})


@login_required
@require_GET
def proposal_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One proposal, its notes for drafters and its obligations."""
    proposal = get_object_or_404(Proposal.objects.with_obligations(), code=code)
    return render(request, "proposals/proposal_detail.html", {"proposal": proposal})


@login_required
@require_GET
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One article: its text, its amendment history and its cross-references both ways."""
    article = get_object_or_404(Article.objects.with_paragraphs(), pk=pk)
    references = CrossReference.objects.for_article_page()
    context = {
        "article": article,
        "history": list(ArticleChange.objects.filter(article=article).for_history()),
        "cites": list(references.filter(source=article)),
        "cited_by": list(references.filter(target=article)),
    }
    return render(request, "proposals/article_detail.html", context)

"""Forms of the provision page's obligations panel: search, link or change, unlink, review."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from drafting.models import Extent, LinkStatus
from drafting.web.fields import LegalTextField
from proposals.models import Obligation

SEARCH_LIMIT = 20


class ObligationField(forms.CharField):
    """An obligation named by its code; an unknown code is refused in the user's language."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Obligation"))
        kwargs.setdefault("max_length", 64)
        super().__init__(**kwargs)

    def clean(self, value) -> Obligation:
        code = super().clean(value)
        obligation = Obligation.objects.select_related("instrument").filter(code=code).first()
        if obligation is None:
            raise ValidationError(
                _("No obligation has the code “%(code)s”."), params={"code": code}, code="unknown"
            )
        return obligation


class LinkForm(forms.Form):
    """Link an obligation, or change the extent or rationale of its link (a new, proposed row)."""

    obligation = ObligationField(widget=forms.HiddenInput)
    extent = forms.ChoiceField(label=_("Extent"), choices=Extent.choices)
    rationale = LegalTextField(
        label=_("Rationale"),
        max_length=settings.MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Why the provision satisfies the obligation, fully or in part."),
    )


class UnlinkForm(forms.Form):
    obligation = ObligationField(widget=forms.HiddenInput)


class LinkReviewForm(forms.Form):
    obligation = ObligationField(widget=forms.HiddenInput)
    verdict = forms.ChoiceField(
        label=_("Review"),
        choices=[(LinkStatus.AGREED, _("Agree")), (LinkStatus.DISPUTED, _("Dispute"))],
    )
    note = LegalTextField(
        label=_("Note"),
        required=False,
        max_length=settings.MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("A dispute says why."),
    )


class ObligationSearchForm(forms.Form):
    """Obligations by code, instrument or words of the statement, in English or Chinese."""

    q = forms.CharField(label=_("Find obligations"), max_length=100, required=False)

    def results(self) -> QuerySet[Obligation] | None:
        """Up to SEARCH_LIMIT matches in register order (one query), or None without a query."""
        if not self.is_valid() or not self.cleaned_data["q"].strip():
            return None
        words = self.cleaned_data["q"].split()
        found = Obligation.objects.select_related("instrument")
        for word in words[:8]:
            found = found.filter(
                Q(code__icontains=word)
                | Q(instrument__code__icontains=word)
                | Q(instrument__short_title_en__icontains=word)
                | Q(instrument__short_title_zh__icontains=word)
                | Q(statement_en__icontains=word)
                | Q(statement_zh__icontains=word)
            )
        return found.order_by("instrument__position", "position", "code")[:SEARCH_LIMIT]

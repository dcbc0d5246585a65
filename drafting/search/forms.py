"""The search parameters, shared by the search page and GET /api/search/."""

from django import forms
from django.utils.translation import gettext_lazy as _

from drafting.models import Bill, Provision, SearchEntry
from drafting.search.query import MAX_QUERY, SearchQuery
from proposals.models import Instrument

MAX_PAGE = 1000


class SearchForm(forms.Form):
    """Query words and filters; a bill is offered only to its members (others: invalid choice)."""

    q = forms.CharField(label=_("Search"), max_length=MAX_QUERY, strip=True)
    mode = forms.ChoiceField(
        label=_("Match"),
        required=False,
        choices=[("all", _("all of these words")), ("phrase", _("exact phrase"))],
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("any")), *SearchEntry.Kind.choices]
    )
    instrument = forms.ChoiceField(label=_("Instrument"), required=False)
    bill = forms.TypedChoiceField(label=_("Bill"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label=_("Provision status"),
        required=False,
        choices=[("", _("any")), *Provision.Status.choices],
    )
    binding = forms.ChoiceField(
        label=_("Binding on China"),
        required=False,
        choices=[("", _("any")), ("yes", _("binding")), ("no", _("not binding"))],
    )
    page = forms.IntegerField(label=_("Page"), required=False, min_value=1, max_value=MAX_PAGE)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        instruments = Instrument.objects.order_by("position", "code").values_list(
            "code", "short_title_en"
        )
        self.fields["instrument"].choices = [
            ("", _("any")),
            *((code, f"{title} ({code})") for code, title in instruments),
        ]
        bills = Bill.objects.visible_to(user).order_by("pk").values_list("pk", "title_zh")
        self.fields["bill"].choices = [("", _("any")), *bills]

    def search_query(self) -> SearchQuery:
        """The validated parameters (call after is_valid())."""
        data = self.cleaned_data
        binding = {"yes": True, "no": False}.get(data["binding"])
        return SearchQuery(
            q=data["q"],
            exact=data["mode"] == "phrase",
            kind=data["kind"],
            instrument=data["instrument"],
            bill=data["bill"],
            status=data["status"],
            binding=binding,
            page=data["page"] or 1,
        )

"""The search page: every signed-in user searches reference data and the bills they belong to."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from drafting.models import SearchEntry
from drafting.search.forms import SearchForm
from drafting.search.query import KIND_ORDER, search
from drafting.web.common import login_required


@login_required
@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    """Results grouped by kind with highlighted snippets; 400 for invalid parameters."""
    form = SearchForm(request.GET or None, user=request.user)
    result = search(request.user, form.search_query()) if form.is_valid() else None
    params = request.GET.copy()
    params.pop("page", None)
    kind_params = params.copy()
    kind_params.pop("kind", None)
    labels = dict(SearchEntry.Kind.choices)
    context = {
        "form": form,
        "result": result,
        "kinds": [
            (kind, labels[kind], result.counts.get(kind, 0), kind in result.capped)
            for kind in KIND_ORDER
        ]
        if result
        else [],
        "labels": labels,
        "page_query": params.urlencode(),
        "kind_query": kind_params.urlencode(),
    }
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "drafting/search.html", context, status=status)

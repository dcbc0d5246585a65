"""Browser pages of the drafting app, gathered from the modules that own them."""

from drafting.web import (
    urls_bills,
    urls_coverage,
    urls_exports,
    urls_papers,
    urls_provisions,
    urls_search,
)

app_name = "drafting"

urlpatterns = [
    *urls_bills.urlpatterns,
    *urls_provisions.urlpatterns,
    *urls_coverage.urlpatterns,
    *urls_papers.urlpatterns,
    *urls_exports.urlpatterns,
    *urls_search.urlpatterns,
]

"""Coverage of treaty obligations by a bill: matrix, gaps, ICMEC scorecard, comparison, change, CSV."""

from django.urls import path

from drafting.web import coverage

urlpatterns = [
    path("bills/<int:pk>/coverage/", coverage.matrix, name="coverage"),
    path("bills/<int:pk>/coverage/gaps/", coverage.gaps, name="coverage_gaps"),
    path("bills/<int:pk>/coverage/icmec/", coverage.icmec, name="coverage_icmec"),
    path("bills/<int:pk>/coverage/compare/", coverage.compare, name="coverage_compare"),
    path("bills/<int:pk>/coverage/change/", coverage.change, name="coverage_change"),
    path("bills/<int:pk>/coverage.csv", coverage.matrix_csv, name="coverage_csv"),
]

"""Dashboard, bill pages and the revision compare page."""

from django.urls import path

from drafting.web import bills, compare

urlpatterns = [
    path("", bills.dashboard, name="dashboard"),
    path("bills/<int:pk>/", bills.bill_detail, name="bill"),
    path("bills/<int:pk>/provisions/add/", bills.provision_add, name="provision_add"),
    path("bills/<int:pk>/provisions/move/", bills.provision_move, name="provision_move"),
    path("provisions/<int:pk>/compare/", compare.compare, name="compare"),
]

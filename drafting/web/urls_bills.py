"""Dashboard, bill pages and the revision compare page."""

from django.urls import path

from drafting.web import bills, compare, drafts

urlpatterns = [
    path("", bills.dashboard, name="dashboard"),
    path("bills/<int:pk>/", bills.bill_detail, name="bill"),
    path("bills/<int:pk>/provisions/add/", bills.provision_add, name="provision_add"),
    path("bills/<int:pk>/provisions/move/", bills.provision_move, name="provision_move"),
    path("provisions/<int:pk>/compare/", compare.compare, name="compare"),
    path("bills/<int:pk>/drafts/issue/", drafts.draft_issue, name="draft_issue"),
    path("bills/<int:pk>/drafts/compare/", drafts.draft_compare, name="draft_compare"),
    path("bills/<int:pk>/drafts/<int:number>/", drafts.draft_detail, name="draft"),
    path("bills/<int:pk>/export/three-column.<slug:fmt>", drafts.three_column, name="three_column"),
]

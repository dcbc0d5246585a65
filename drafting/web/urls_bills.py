"""Dashboard, bill pages and the revision compare page."""

from django.urls import path

from drafting.web import bill_settings, bills, compare, drafts, impact, imports

urlpatterns = [
    path("", bills.dashboard, name="dashboard"),
    path("bills/new/", bill_settings.bill_new, name="bill_new"),
    path("bills/import/", imports.bill_import, name="bill_import"),
    path("bills/<int:pk>/", bills.bill_detail, name="bill"),
    path("bills/<int:pk>/impact/", impact.bill_impact, name="bill_impact"),
    path("bills/<int:pk>/impact/terms/", impact.bill_impact_terms, name="bill_impact_terms"),
    path("bills/<int:pk>/settings/", bill_settings.bill_settings, name="bill_settings"),
    path("bills/<int:pk>/status/", bill_settings.bill_status, name="bill_status"),
    path("bills/<int:pk>/members/add/", bill_settings.member_add, name="member_add"),
    path("bills/<int:pk>/members/role/", bill_settings.member_role, name="member_role"),
    path("bills/<int:pk>/members/remove/", bill_settings.member_remove, name="member_remove"),
    path("bills/<int:pk>/provisions/add/", bills.provision_add, name="provision_add"),
    path("bills/<int:pk>/provisions/move/", bills.provision_move, name="provision_move"),
    path("provisions/<int:pk>/compare/", compare.compare, name="compare"),
    path("bills/<int:pk>/drafts/issue/", drafts.draft_issue, name="draft_issue"),
    path("bills/<int:pk>/drafts/compare/", drafts.draft_compare, name="draft_compare"),
    path("bills/<int:pk>/drafts/<int:number>/", drafts.draft_detail, name="draft"),
    path("bills/<int:pk>/export/three-column.<slug:fmt>", drafts.three_column, name="three_column"),
]

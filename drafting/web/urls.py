"""Every browser page of the drafting app, in one list (the order matters where paths overlap:
the named exports come before the generic bills/<pk>/export/<doc>.<fmt>)."""

from django.urls import path

from drafting.web import (
    bill_settings,
    bills,
    compare,
    coverage,
    drafts,
    exports,
    impact,
    imports,
    jobs,
    links,
    papers,
    provision_settings,
    provisions,
    search,
)

app_name = "drafting"

urlpatterns = [
    # Dashboard, bill pages, drafts and the revision compare page.
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
    path(
        "bills/<int:pk>/provisions/current-text/",
        provision_settings.provision_current_text,
        name="provision_current_text",
    ),
    path("bills/<int:pk>/provisions/move/", bills.provision_move, name="provision_move"),
    path("provisions/<int:pk>/compare/", compare.compare, name="compare"),
    path("bills/<int:pk>/drafts/issue/", drafts.draft_issue, name="draft_issue"),
    path("bills/<int:pk>/drafts/compare/", drafts.draft_compare, name="draft_compare"),
    path("bills/<int:pk>/drafts/<int:number>/", drafts.draft_detail, name="draft"),
    path("bills/<int:pk>/export/three-column.<slug:fmt>", drafts.three_column, name="three_column"),
    # The provision page, its comment threads and the drafter's edit page.
    path("provisions/<int:pk>/", provisions.provision_detail, name="provision"),
    path("provisions/<int:pk>/edit/", provisions.provision_edit, name="provision_edit"),
    path(
        "provisions/<int:pk>/settings/",
        provision_settings.provision_settings,
        name="provision_settings",
    ),
    path(
        "provisions/<int:pk>/transition/",
        provisions.provision_transition,
        name="provision_transition",
    ),
    path("provisions/<int:pk>/comments/", provisions.comment_create, name="comment_create"),
    path("provisions/<int:pk>/obligations/search/", links.link_search, name="link_search"),
    path("provisions/<int:pk>/obligations/link/", links.link_save, name="link_save"),
    path("provisions/<int:pk>/obligations/unlink/", links.link_remove, name="link_remove"),
    path("provisions/<int:pk>/obligations/review/", links.link_review, name="link_review"),
    path("comments/<int:pk>/reply/", provisions.comment_reply, name="comment_reply"),
    path("comments/<int:pk>/resolve/", provisions.comment_resolve, name="comment_resolve"),
    path("comments/<int:pk>/reopen/", provisions.comment_reopen, name="comment_reopen"),
    path("comments/<int:pk>/accept/", provisions.suggestion_accept, name="suggestion_accept"),
    path("comments/<int:pk>/reject/", provisions.suggestion_reject, name="suggestion_reject"),
    # Coverage of treaty obligations: matrix, gaps, ICMEC scorecard, comparison, change, CSV.
    path("bills/<int:pk>/coverage/", coverage.matrix, name="coverage"),
    path("bills/<int:pk>/coverage/gaps/", coverage.gaps, name="coverage_gaps"),
    path("bills/<int:pk>/coverage/icmec/", coverage.icmec, name="coverage_icmec"),
    path("bills/<int:pk>/coverage/compare/", coverage.compare, name="coverage_compare"),
    path("bills/<int:pk>/coverage/change/", coverage.change, name="coverage_change"),
    path("bills/<int:pk>/coverage.csv", coverage.matrix_csv, name="coverage_csv"),
    # Dispositions of comments, the 意见处理情况表 and the 草案说明.
    path("comments/<int:pk>/disposition/", papers.comment_dispose, name="comment_dispose"),
    path("bills/<int:pk>/dispositions/", papers.dispositions, name="dispositions"),
    path(
        "bills/<int:pk>/export/comments.<slug:fmt>", papers.comments_report, name="comments_report"
    ),
    path("bills/<int:pk>/statement/", papers.statement, name="statement"),
    path(
        "bills/<int:pk>/export/statement.<slug:fmt>",
        papers.statement_export,
        name="statement_export",
    ),
    # Stable export URLs: bills/<pk>/export/<doc>.<fmt> (amendment.xml is Akoma Ntoso).
    path(
        "bills/<int:pk>/export/amendment.xml",
        exports.export_document,
        {"doc": "amendment", "fmt": "xml"},
        name="export_akn",
    ),
    path("bills/<int:pk>/export/<slug:doc>.<slug:fmt>", exports.export_document, name="export"),
    # Long work in the background: its progress, then its result.
    path("jobs/<uuid:pk>/", jobs.job_detail, name="job"),
    # Search.
    path("search/", search.search_page, name="search"),
]

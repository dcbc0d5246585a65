"""Reference pages: instruments, obligations, proposals."""

from django.urls import path

from proposals import views, views_law

app_name = "proposals"

urlpatterns = [
    path("instruments/", views.instrument_list, name="instruments"),
    # Codes may contain "/" (CRC-35/36), so the code is a path segment run.
    path(
        "instruments/<path:code>/articles/<str:ref>/",
        views_law.article_redirect,
        name="article_ref",
    ),
    path("instruments/<path:code>/go/", views_law.article_goto, name="article_goto"),
    path("instruments/<path:code>/", views_law.instrument_detail, name="instrument"),
    path("articles/<int:pk>/", views.article_detail, name="article"),
    path("obligations/", views.obligation_list, name="obligations"),
    path("obligations/<path:code>/", views.obligation_detail, name="obligation"),
    path("proposals/", views.proposal_list, name="proposals"),
    path("proposals/<path:code>/", views.proposal_detail, name="proposal"),
]

"""Dispositions of comments, the 意见处理情况表 and the 草案说明."""

from django.urls import path

from drafting.web import papers

urlpatterns = [
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
]

"""URL patterns of the provision page, its comment threads and the drafter's edit page."""

from django.urls import path

from drafting.web import provisions

urlpatterns = [
    path("provisions/<int:pk>/", provisions.provision_detail, name="provision"),
    path("provisions/<int:pk>/edit/", provisions.provision_edit, name="provision_edit"),
    path(
        "provisions/<int:pk>/transition/",
        provisions.provision_transition,
        name="provision_transition",
    ),
    path("provisions/<int:pk>/comments/", provisions.comment_create, name="comment_create"),
    path("comments/<int:pk>/reply/", provisions.comment_reply, name="comment_reply"),
    path("comments/<int:pk>/resolve/", provisions.comment_resolve, name="comment_resolve"),
    path("comments/<int:pk>/reopen/", provisions.comment_reopen, name="comment_reopen"),
    path("comments/<int:pk>/accept/", provisions.suggestion_accept, name="suggestion_accept"),
    path("comments/<int:pk>/reject/", provisions.suggestion_reject, name="suggestion_reject"),
]

"""Reference pages: instruments, obligations, proposals."""

from django.urls import path

from proposals import views

app_name = "proposals"

urlpatterns = [
    path("instruments/", views.instrument_list, name="instruments"),
    path("instruments/<str:code>/", views.instrument_detail, name="instrument"),
    path("obligations/", views.obligation_list, name="obligations"),
    path("obligations/<str:code>/", views.obligation_detail, name="obligation"),
    path("proposals/", views.proposal_list, name="proposals"),
    path("proposals/<str:code>/", views.proposal_detail, name="proposal"),
]

"""The search page."""

from django.urls import path

from drafting.web import search

urlpatterns = [path("search/", search.search_page, name="search")]

"""The Django admin of bills, provisions, revisions, links, comments and review events.

Every write goes through the services; history is read-only. Bill content needs the "oversee bills"
permission, and every read of it by a non-member is logged (drafting/admin/_common.py).
"""

from django.contrib import admin

from drafting.admin import (  # noqa: F401  (registers the ModelAdmins)
    bills,
    comments,
    drafts,
    history,
    oversight,
    provisions,
    tokens,
)

# The changelists need the page's width: at 1,366 px the navigation sidebar left too little.
admin.site.enable_nav_sidebar = False

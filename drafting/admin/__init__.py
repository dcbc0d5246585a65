"""The Django admin of bills, provisions, revisions, links, comments and review events.

Every write goes through the services; history is read-only.
"""

from drafting.admin import (  # noqa: F401  (registers the ModelAdmins)
    bills,
    comments,
    drafts,
    provisions,
    tokens,
)

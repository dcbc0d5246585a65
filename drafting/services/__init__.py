"""Every write to bills, provisions, revisions, links, comments and the workflow goes through here."""

from drafting.services._common import (
    MergeConflictError,
    RateLimitedError,
    StaleRevisionError,
    StaleVersionError,
    TransitionError,
    check_comment_rate,
)
from drafting.services.bills import (
    bill_create,
    bill_transition,
    bill_update,
    membership_remove,
    membership_set,
    proposed_titles,
)
from drafting.services.comments import (
    comment_anchor,
    comment_create,
    comment_reopen,
    comment_reply,
    comment_resolve,
    comment_set_hidden,
    suggestion_accept,
    suggestion_reject,
)
from drafting.services.dispositions import (
    StaleStatementError,
    disposition_set,
    statement_edit,
    statement_version,
)
from drafting.services.drafts import draft_issue
from drafting.services.impact import bill_set_impact_terms
from drafting.services.imports import bill_import_amendment
from drafting.services.jobs import (
    job_export_start,
    job_fail,
    job_finish,
    job_import_start,
    job_progress,
    job_set_task,
    jobs_prune,
)
from drafting.services.links import obligation_link, obligation_review, obligation_unlink
from drafting.services.oversight import oversight_record
from drafting.services.placements import placements_in
from drafting.services.provisions import provision_create, provision_reorder, provision_update
from drafting.services.references import amendment_import, statute_references_rebuild
from drafting.services.revisions import revision_create
from drafting.services.tokens import token_create, token_revoke, token_revoke_all
from drafting.services.workflow import provision_transition
from drafting.workflow import allowed_transitions

__all__ = [
    "MergeConflictError",
    "StaleStatementError",
    "disposition_set",
    "draft_issue",
    "statement_edit",
    "statement_version",
    "RateLimitedError",
    "StaleRevisionError",
    "check_comment_rate",
    "StaleVersionError",
    "TransitionError",
    "token_create",
    "token_revoke",
    "token_revoke_all",
    "allowed_transitions",
    "amendment_import",
    "bill_create",
    "bill_transition",
    "bill_import_amendment",
    "bill_set_impact_terms",
    "bill_update",
    "job_export_start",
    "job_fail",
    "job_finish",
    "job_import_start",
    "job_progress",
    "job_set_task",
    "jobs_prune",
    "comment_anchor",
    "comment_create",
    "comment_reopen",
    "comment_reply",
    "comment_resolve",
    "comment_set_hidden",
    "oversight_record",
    "membership_remove",
    "membership_set",
    "obligation_link",
    "obligation_review",
    "placements_in",
    "obligation_unlink",
    "proposed_titles",
    "provision_create",
    "provision_reorder",
    "provision_transition",
    "provision_update",
    "revision_create",
    "statute_references_rebuild",
    "suggestion_accept",
    "suggestion_reject",
]

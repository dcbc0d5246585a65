"""Bills, their draft provisions, immutable revisions, obligation links, comments and review events."""

from drafting.models.bills import Bill, BillEvent, BillQuerySet, Membership, Role
from drafting.models.dispositions import (
    CommentDisposition,
    DispositionKind,
    StatementEdit,
    StatementSection,
)
from drafting.models.drafts import (
    APPEND_ONLY_MODELS,
    BillDraft,
    BillDraftItem,
    BillDraftLink,
    DraftKind,
    ImmutableDraftError,
)
from drafting.models.exports import ExportFile
from drafting.models.jobs import BackgroundJob
from drafting.models.links import (
    Extent,
    LinkStatus,
    ProvisionObligation,
    ProvisionObligationQuerySet,
)
from drafting.models.oversight import CommentModeration, HiddenComment, OversightRecord
from drafting.models.provisions import (
    ImmutableRevisionError,
    Provision,
    ProvisionQuerySet,
    Revision,
    RevisionQuerySet,
)
from drafting.models.review import Comment, CommentPlacement, CommentQuerySet, ReviewEvent
from drafting.models.search import SearchEntry

__all__ = [
    "APPEND_ONLY_MODELS",
    "BackgroundJob",
    "BillDraft",
    "BillDraftItem",
    "BillDraftLink",
    "CommentDisposition",
    "CommentModeration",
    "HiddenComment",
    "OversightRecord",
    "CommentPlacement",
    "DispositionKind",
    "DraftKind",
    "ExportFile",
    "ImmutableDraftError",
    "StatementEdit",
    "StatementSection",
    "Bill",
    "BillEvent",
    "BillQuerySet",
    "Comment",
    "CommentQuerySet",
    "Extent",
    "ImmutableRevisionError",
    "LinkStatus",
    "Membership",
    "Provision",
    "ProvisionObligation",
    "ProvisionObligationQuerySet",
    "ProvisionQuerySet",
    "ReviewEvent",
    "Revision",
    "RevisionQuerySet",
    "Role",
    "SearchEntry",
]

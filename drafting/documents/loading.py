"""Read a bill once for its documents: provisions, current revisions, obligation links, comments.

Every generator (amendment, comparison, consolidated; HTML, PDF, DOCX, Akoma Ntoso) works from the
`BillData` this module returns, so all of them say the same thing and the query count is fixed.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from drafting.documents.amendment import ItemSpec
from drafting.models import Bill, Comment, Provision, ProvisionObligation
from proposals.binding import MARKERS_ZH, BindingStatus


@dataclass(frozen=True)
class ObligationNote:
    """One active obligation link, as the documents print it."""

    code: str
    statement_zh: str
    statement_en: str
    binding: bool
    extent: str
    instrument: str
    status: str = BindingStatus.COMPARATIVE
    reservable_under: str = ""  # the article allowing a reservation (Budapest art. 9(4) ...)
    review: str = "agreed"  # proposed and disputed links are printed as such: not yet accepted

    @property
    def statement(self) -> str:
        return self.statement_zh or self.statement_en

    @property
    def marker_zh(self) -> str:
        """The Chinese label beside the code: one per legal status (domain brief section 14.1)."""
        return MARKERS_ZH[self.status]

    @property
    def reservable_zh(self) -> str:
        """（可提出保留：art. 9(4)）, or nothing when no reservation is allowed."""
        return f"（可提出保留：{self.reservable_under}）" if self.reservable_under else ""

    @property
    def extent_zh(self) -> str:
        extent = {"full": "完全满足", "partial": "部分满足"}.get(self.extent, self.extent)
        return extent + {"proposed": "，待审阅", "disputed": "，有异议"}.get(self.review, "")

    @property
    def extent_en(self) -> str:
        return self.extent if self.review == "agreed" else f"{self.extent}, {self.review}"

    @property
    def line_zh(self) -> str:
        """OPSC-3-1-c【对中国有约束力】（完全满足）：statement — one line of an obligations list."""
        return (
            f"{self.code}{self.marker_zh}（{self.extent_zh}）{self.reservable_zh}：{self.statement}"
        )


@dataclass(frozen=True)
class CommentNote:
    """An open comment thread: who, the quoted words, the text, and the replies."""

    author: str
    quote: str
    body: str
    suggestion: str | None
    replies: tuple[tuple[str, str], ...] = ()


@dataclass
class ProvisionData:
    """A provision of the bill that the documents include (withdrawn ones are left out)."""

    provision: Provision
    item: ItemSpec
    obligations: list[ObligationNote] = field(default_factory=list)
    comments: list[CommentNote] = field(default_factory=list)

    @property
    def article(self):
        return self.provision.target_article


@dataclass
class BillData:
    bill: Bill
    provisions: list[ProvisionData]
    with_comments: bool = False
    with_obligations: bool = False
    draft: object | None = None  # the BillDraft the data was read from; None: the working state


def provisions_for_documents(bill: Bill, *, comments: bool = False):
    """The bill's live provisions in order, with everything the documents print, prefetched."""
    queryset = (
        Provision.objects.filter(bill=bill)
        .exclude(status=Provision.Status.WITHDRAWN)
        .select_related("target_article", "current_revision")
        .prefetch_related(
            "target_article__paragraphs",
            Prefetch(
                "obligation_links",
                queryset=ProvisionObligation.objects.active()
                .select_related("obligation__instrument")
                .order_by("obligation__position", "obligation__code"),
                to_attr="active_links",
            ),
        )
        .order_by("position")
    )
    if comments:
        queryset = queryset.prefetch_related(
            Prefetch(
                "comments",
                queryset=Comment.objects.visible()
                .threads()
                .filter(status=Comment.Status.OPEN)
                .prefetch_related(
                    Prefetch(
                        "replies",
                        queryset=Comment.objects.visible()
                        .select_related("author")
                        .order_by("created_at"),
                        to_attr="visible_replies",
                    )
                ),
                to_attr="open_threads",
            )
        )
    return queryset


def obligation_note(link) -> ObligationNote:
    obligation = link.obligation
    return ObligationNote(
        code=obligation.code,
        statement_zh=obligation.statement_zh,
        statement_en=obligation.statement_en,
        binding=obligation.binding_on_china,
        status=obligation.binding_status,
        reservable_under=obligation.reservable_under,
        extent=link.extent,
        # An issued draft's link (BillDraftLink) keeps no review: it is printed as it was issued.
        review=getattr(link, "status", "agreed"),
        instrument=obligation.instrument.short_title_en or obligation.instrument.code,
    )


def comment_note(comment: Comment) -> CommentNote:
    return CommentNote(
        author=comment.author.get_username(),
        quote=comment.anchor_exact,
        body=comment.body,
        suggestion=comment.suggestion,
        replies=tuple(
            (reply.author.get_username(), reply.body) for reply in comment.visible_replies
        ),
    )


def load_bill(bill: Bill, *, comments: bool = False, obligations: bool = True) -> BillData:
    """Everything the documents of a bill need, in a constant number of queries."""
    rows = []
    for provision in provisions_for_documents(bill, comments=comments):
        rows.append(
            ProvisionData(
                provision=provision,
                item=ItemSpec.from_provision(provision),
                obligations=[obligation_note(link) for link in provision.active_links],
                comments=[comment_note(c) for c in getattr(provision, "open_threads", [])],
            )
        )
    return BillData(
        bill=bill, provisions=rows, with_comments=comments, with_obligations=obligations
    )

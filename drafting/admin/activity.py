"""What happened across bills, newest first: revisions, comments, status changes, links, reviews.

Read by the oversight page. Each source is a named, select_related query; a page of the merged feed
takes the first rows of each source up to the page's end and merges them by time.
"""

import dataclasses
import datetime
import heapq
from collections.abc import Callable, Iterator

from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from drafting.admin._common import excerpt, item_number
from drafting.models import Bill, Comment, Provision, ProvisionObligation, ReviewEvent, Revision


@dataclasses.dataclass(frozen=True)
class Entry:
    at: datetime.datetime
    kind: str
    bill: Bill
    item: str
    summary: str
    who: str
    admin_url: str
    product_url: str


def _admin_url(obj) -> str:
    return reverse(f"admin:drafting_{obj._meta.model_name}_change", args=[obj.pk])


def _entry(obj, kind, summary: str, who) -> Entry:
    provision = obj.provision
    return Entry(
        at=obj.created_at,
        kind=str(kind),
        bill=provision.bill,
        item=item_number(provision),
        summary=summary,
        who=str(who),
        admin_url=_admin_url(obj),
        product_url=provision.get_absolute_url(),
    )


def _revision(obj: Revision) -> Entry:
    return _entry(obj, _("revision"), f"r{obj.number} {excerpt(obj.note, 40)}".strip(), obj.author)


def _comment(obj: Comment) -> Entry:
    summary = excerpt(obj.body, 60)
    if obj.hidden:
        summary = f"[{gettext('hidden')}] {summary}"
    entry = _entry(obj, _("comment"), summary, obj.author)
    return dataclasses.replace(entry, product_url=obj.get_absolute_url())


def _event(obj: ReviewEvent) -> Entry:
    move = f"{obj.get_from_status_display() or '—'} → {obj.get_to_status_display()}"
    return _entry(obj, _("status change"), move, obj.actor)


def _link(obj: ProvisionObligation) -> Entry:
    state = gettext("linked") if obj.is_active else gettext("unlinked")
    summary = f"{obj.obligation.code} ({obj.get_extent_display()}, {state})"
    return _entry(obj, _("obligation link"), summary, obj.created_by)


def _link_review(obj: ProvisionObligation) -> Entry:
    summary = (
        f"{obj.obligation.code}: {obj.get_status_display()} {excerpt(obj.review_note or '', 40)}"
    )
    entry = _entry(obj, _("link review"), summary.strip(), obj.reviewed_by)
    return dataclasses.replace(entry, at=obj.reviewed_at)


def _links():
    return ProvisionObligation.objects.select_related(
        "provision__bill", "obligation", "created_by", "reviewed_by"
    )


# Each source: its rows, the moment that places a row in the feed, and how a row reads.
SOURCES: list[tuple[Callable[[], QuerySet], str, Callable[[object], Entry]]] = [
    (lambda: Revision.objects.select_related("provision__bill", "author"), "created_at", _revision),
    (lambda: Comment.objects.select_related("provision__bill", "author"), "created_at", _comment),
    (
        lambda: ReviewEvent.objects.select_related("provision__bill", "actor"),
        "created_at",
        _event,
    ),
    (_links, "created_at", _link),
    (lambda: _links().filter(reviewed_at__isnull=False), "reviewed_at", _link_review),
]


class Feed:
    """The merged activity since a moment, as a sequence Django's Paginator can page."""

    def __init__(self, since: datetime.datetime | None = None):
        self.since = since

    def _sources(self) -> Iterator[tuple[QuerySet, Callable]]:
        for make, moment, convert in SOURCES:
            rows = make().order_by(f"-{moment}", "-pk")
            if self.since is not None:
                rows = rows.filter(**{f"{moment}__gte": self.since})
            yield rows, convert

    def count(self) -> int:
        return sum(rows.count() for rows, _convert in self._sources())

    def __getitem__(self, window: slice) -> list[Entry]:
        streams = [map(convert, rows[: window.stop]) for rows, convert in self._sources()]
        merged = heapq.merge(*streams, key=lambda entry: entry.at, reverse=True)
        return list(merged)[window.start : window.stop]


def _count(model, condition: Q) -> Subquery:
    rows = model.objects.filter(condition).order_by().values("provision__bill")
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")), 0)


def _latest(model) -> Subquery:
    rows = model.objects.filter(provision__bill=OuterRef("pk")).order_by().values("provision__bill")
    return Subquery(rows.annotate(at=Max("created_at")).values("at"))


def bill_summaries() -> list[Bill]:
    """Every bill with its provisions by status, open threads, undisposed comments, last activity."""
    in_bill = Q(provision__bill=OuterRef("pk"), parent__isnull=True, hidden=False)
    by_status = {
        f"n_{status}": Count("provisions", filter=Q(provisions__status=status))
        for status in Provision.Status.values
    }
    bills = Bill.objects.annotate(
        **by_status,
        open_threads=_count(Comment, in_bill & Q(status=Comment.Status.OPEN)),
        undisposed=_count(Comment, in_bill & Q(disposition__isnull=True)),
        proposed_links=_count(
            ProvisionObligation,
            Q(provision__bill=OuterRef("pk"), removed_at__isnull=True, review__isnull=True),
        ),
        last_revision=_latest(Revision),
        last_comment=_latest(Comment),
        last_event=_latest(ReviewEvent),
    ).order_by("-updated_at", "-pk")
    summaries = list(bills)
    for bill in summaries:
        bill.status_counts = [
            (label, getattr(bill, f"n_{value}")) for value, label in Provision.Status.choices
        ]
        moments = [bill.updated_at, bill.last_revision, bill.last_comment, bill.last_event]
        bill.last_activity = max(m for m in moments if m is not None)
    summaries.sort(key=lambda bill: bill.last_activity, reverse=True)
    return summaries

"""What a bill coverage gained or lost between two moments."""

from dataclasses import dataclass, replace
from datetime import date, datetime, time

from django.db.models import Max
from django.utils import timezone

from drafting.coverage.common import RANK, REVIEW_STATUSES
from drafting.coverage.compute import _rows
from drafting.coverage.reference import _link_rows, _provisions, _reference
from drafting.coverage.rows import Link, ObligationRow, ProvisionInfo
from drafting.models import Bill, Provision, ProvisionObligation, ReviewEvent


@dataclass(frozen=True)
class LinkChange:
    provision: ProvisionInfo
    extent: str
    rationale: str


@dataclass(frozen=True)
class ObligationChange:
    """One obligation whose level or links changed since the moment."""

    row: ObligationRow
    then: str
    now: str
    added: list[LinkChange]
    removed: list[LinkChange]

    @property
    def direction(self) -> str:
        if RANK[self.now] > RANK[self.then]:
            return "gained"
        if RANK[self.now] < RANK[self.then]:
            return "lost"
        return "unchanged"


@dataclass(frozen=True)
class CoverageChange:
    since: datetime
    source: str  # "date", "review" (the last review) or "created" (no review yet)
    changes: list[ObligationChange]

    @property
    def gained(self) -> list[ObligationChange]:
        return [c for c in self.changes if c.direction == "gained"]

    @property
    def lost(self) -> list[ObligationChange]:
        return [c for c in self.changes if c.direction == "lost"]

    @property
    def relinked(self) -> list[ObligationChange]:
        return [c for c in self.changes if c.direction == "unchanged"]


def last_review(bill: Bill) -> datetime | None:
    """When a provision of the bill last went into review or was approved."""
    return ReviewEvent.objects.filter(
        provision__bill=bill, to_status__in=REVIEW_STATUSES
    ).aggregate(at=Max("created_at"))["at"]


def start_of(day: date) -> datetime:
    """Midnight at the start of a day, in the site's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


def _statuses_at(
    bill: Bill, moment: datetime, provisions: dict[int, ProvisionInfo]
) -> dict[int, ProvisionInfo]:
    """Provisions with the workflow status they had at the moment, read from their review events."""
    then: dict[int, str] = {}
    for event in (
        ReviewEvent.objects.filter(provision__bill=bill)
        .order_by("created_at", "pk")
        .values("provision_id", "from_status", "to_status", "created_at")
    ):
        if event["created_at"] <= moment:
            then[event["provision_id"]] = event["to_status"]
        else:
            # The first move after the moment tells where the provision stood at it.
            then.setdefault(event["provision_id"], event["from_status"] or Provision.Status.DRAFT)
    # Provisions without any event keep their current status; those written after the moment did
    # not exist then, so they can neither link nor take a baseline article away.
    return {
        pk: replace(p, status=then.get(pk, p.status))
        for pk, p in provisions.items()
        if p.created_at is None or p.created_at <= moment
    }


def _link_keys(rows: list[ObligationRow]) -> dict[int, dict[tuple[int, str], Link]]:
    return {row.id: {(link.provision.id, link.extent): link for link in row.links} for row in rows}


def coverage_change(bill: Bill, since: date | datetime | None = None) -> CoverageChange:
    """Obligations that gained or lost coverage (or were re-linked) since a date or the last review."""
    if since is None:
        moment, source = last_review(bill), "review"
        if moment is None:
            moment, source = bill.created_at, "created"
    elif isinstance(since, datetime):
        moment, source = since, "date"
    else:
        moment, source = start_of(since), "date"
    ref = _reference()
    provisions = _provisions(bill)
    now_rows = _rows(ref, provisions, _link_rows(bill, ProvisionObligation.objects.active()))
    then_rows = _rows(
        ref,
        _statuses_at(bill, moment, provisions),
        _link_rows(bill, ProvisionObligation.objects.as_of(moment), moment),
    )
    now_links, then_links = _link_keys(now_rows), _link_keys(then_rows)
    changes = []
    for now, then in zip(now_rows, then_rows, strict=True):
        added = [
            LinkChange(link.provision, link.extent, link.rationale)
            for key, link in now_links[now.id].items()
            if key not in then_links[now.id]
        ]
        removed = [
            LinkChange(link.provision, link.extent, link.rationale)
            for key, link in then_links[now.id].items()
            if key not in now_links[now.id]
        ]
        if added or removed or now.after != then.after:
            changes.append(ObligationChange(now, then.after, now.after, added, removed))
    return CoverageChange(since=moment, source=source, changes=changes)

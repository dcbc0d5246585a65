"""Queries: the phrases of a search matched by the engine, filtered to what the user may read."""

import math
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Case, Count, Q, QuerySet, Value, When
from django.utils.safestring import SafeString

from drafting.models import Bill, SearchEntry
from drafting.search import engine
from drafting.search.engine import Scope
from drafting.search.snippets import snippet
from drafting.search.tokenizer import QueryToken, highlight_pieces, query_phrases

KIND_ORDER = [kind.value for kind in SearchEntry.Kind]
PER_PAGE = 20
MAX_QUERY = 200


@dataclass
class SearchQuery:
    """What the search page and the API were asked; every filter optional."""

    q: str
    exact: bool = False
    kind: str = ""
    instrument: str = ""
    bill: int | None = None
    status: str = ""
    binding: bool | None = None
    page: int = 1
    per_page: int = PER_PAGE


@dataclass
class Hit:
    kind: str
    title: str
    url: str
    snippet: SafeString


@dataclass
class SearchResult:
    query: SearchQuery
    counts: dict[str, int] = field(default_factory=dict)
    hits: list[Hit] = field(default_factory=list)
    # Kinds with more matches than were counted: their count is the first engine.COUNTED_UP_TO.
    capped: list[str] = field(default_factory=list)

    @property
    def page(self) -> int:
        """The page shown: the one asked for, or the last one."""
        return min(self.query.page, self.pages)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.query.per_page))

    def groups(self) -> list[tuple[str, list[Hit]]]:
        """The page's hits by kind, in the order of the kinds."""
        grouped: dict[str, list[Hit]] = {}
        for hit in self.hits:
            grouped.setdefault(hit.kind, []).append(hit)
        return [(kind, grouped[kind]) for kind in KIND_ORDER if kind in grouped]


def matching(
    queryset: QuerySet, phrases: list[list[QueryToken]], scope: Scope, *, ranked: bool = False
) -> QuerySet:
    """The entries matching every phrase within the scope, through the engine's own index.

    Ranked: with a `score` (BM25 or ts_rank), higher is better.
    """
    query = engine.expression(phrases, scope)
    if connection.vendor == "postgresql":
        tsquery = "to_tsquery('simple', %s)"
        return queryset.extra(
            select={"score": f"ts_rank(drafting_searchentry.tsv, {tsquery})"} if ranked else {},
            select_params=[query] if ranked else [],
            where=[f"drafting_searchentry.tsv @@ {tsquery}"],
            params=[query],
        )
    return queryset.extra(
        select={"score": "-bm25(drafting_search_fts)"} if ranked else {},
        tables=["drafting_search_fts"],
        where=[
            "drafting_search_fts.rowid = drafting_searchentry.id",
            "drafting_search_fts MATCH %s",
        ],
        params=[query],
    )


def scope_of(user, query: SearchQuery) -> Scope:
    """The kinds asked for and the bills the user may read (one query), as engine terms."""
    kinds = [query.kind] if query.kind else KIND_ORDER
    bills = list(Bill.objects.visible_to(user).values_list("pk", flat=True))
    if query.bill is not None:
        return Scope(kinds, [query.bill] if query.bill in bills else [], reference=False)
    return Scope(kinds, bills)


def _row_filters(query: SearchQuery) -> Q:
    """Filters on what the index does not hold as terms (they read the entries' rows)."""
    q = Q()
    if query.instrument:
        q &= Q(instrument__code=query.instrument)
    if query.status:
        q &= Q(provision__status=query.status)
    if query.binding is not None:
        q &= Q(binding=query.binding)
    return q


def _slices(counts: dict[str, int], offset: int, limit: int) -> list[tuple[str, int, int, int]]:
    """Which part of which kind the page shows: (kind, matches, offset in kind, how many)."""
    slices = []
    for kind in KIND_ORDER:
        n = counts.get(kind, 0)
        if limit > 0 and offset < n:
            take = min(limit, n - offset)
            slices.append((kind, n, offset, take))
            limit -= take
        offset = max(0, offset - n)
    return slices


def _filtered_page(phrases, scope, filters: Q, result: SearchResult) -> list[int]:
    """Counts and one page of ids when a filter needs the rows (instrument, status, binding)."""
    base = matching(SearchEntry.objects.filter(filters), phrases, scope)
    rows = base.values("kind").annotate(n=Count("id")).order_by()
    result.counts = {row["kind"]: row["n"] for row in rows}
    order = Case(*(When(kind=k, then=Value(i)) for i, k in enumerate(KIND_ORDER)))
    offset = (result.page - 1) * result.query.per_page
    # Ranked within a kind as on the engine's path, unless a very common term makes it costly.
    ranked = result.total <= engine.RANKED_UP_TO
    ordered = (
        matching(SearchEntry.objects.filter(filters), phrases, scope, ranked=ranked)
        .annotate(kind_order=order)
        .order_by("kind_order", *(["-score"] if ranked else []), "id")
    )
    return list(ordered.values_list("id", flat=True)[offset : offset + result.query.per_page])


def search(user, query: SearchQuery) -> SearchResult:
    """Counts by kind and one page of ranked hits with snippets, in four SQL queries."""
    result = SearchResult(query)
    phrases = query_phrases(query.q[:MAX_QUERY], exact=query.exact)
    if not phrases:
        return result
    scope = scope_of(user, query)
    filters = _row_filters(query)
    if filters:
        ids = _filtered_page(phrases, scope, filters, result)
    else:
        counted = engine.counts(phrases, scope)
        result.capped = [k for k in KIND_ORDER if counted.get(k, 0) > engine.COUNTED_UP_TO]
        result.counts = {k: min(n, engine.COUNTED_UP_TO) for k, n in counted.items()}
        offset = (result.page - 1) * query.per_page
        ids = engine.page_ids(phrases, scope, _slices(result.counts, offset, query.per_page))
    if not ids:
        return result
    # The texts of just the page's entries are read afterwards.
    by_id = SearchEntry.objects.only("kind", "title", "url", "body").in_bulk(ids)
    pieces = highlight_pieces(query.q[:MAX_QUERY])
    rows = [by_id[pk] for pk in ids if pk in by_id]
    result.hits = [Hit(e.kind, e.title, e.url, snippet(e.body, pieces)) for e in rows]
    return result

"""Queries: the phrases of a search matched by the engine, filtered to what the user may read."""

import math
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Case, Count, Q, QuerySet, Value, When
from django.utils.safestring import SafeString

from drafting.models import Bill, SearchEntry
from drafting.search.snippets import snippet
from drafting.search.tokenizer import QueryToken, highlight_pieces, query_phrases

KIND_ORDER = [kind.value for kind in SearchEntry.Kind]
PER_PAGE = 20
MAX_QUERY = 200
# Relevance (BM25, ts_rank) is computed for every match, which costs more than the search itself
# for a very common term; beyond this many matches the order is the documents' own (article order).
RANKED_UP_TO = 2000


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


def _fts5(phrase: list[QueryToken]) -> str:
    body = " ".join(t.value for t in phrase)
    return f'"{body}"' + ("*" if phrase[-1].prefix else "")


def _tsquery(phrase: list[QueryToken]) -> str:
    return "(" + " <-> ".join(t.value + (":*" if t.prefix else "") for t in phrase) + ")"


def matching(queryset: QuerySet, phrases: list[list[QueryToken]], *, ranked: bool) -> QuerySet:
    """The entries matching every phrase, through the engine's own index; rank: higher is better."""
    if connection.vendor == "postgresql":
        expression = " & ".join(_tsquery(p) for p in phrases)
        tsquery = "to_tsquery('simple', %s)"
        select = {"score": f"ts_rank(drafting_searchentry.tsv, {tsquery})"} if ranked else {}
        return queryset.extra(
            select=select,
            select_params=[expression] if ranked else [],
            where=[f"drafting_searchentry.tsv @@ {tsquery}"],
            params=[expression],
        )
    expression = " AND ".join(_fts5(p) for p in phrases)
    return queryset.extra(
        select={"score": "-bm25(drafting_search_fts)"} if ranked else {},
        tables=["drafting_search_fts"],
        where=[
            "drafting_search_fts.rowid = drafting_searchentry.id",
            "drafting_search_fts MATCH %s",
        ],
        params=[expression],
    )


def visible(user) -> QuerySet:
    """Entries the user may read: reference data, and bills the user is a member of."""
    bills = Bill.objects.visible_to(user).values("pk")
    return SearchEntry.objects.filter(Q(bill__isnull=True) | Q(bill__in=bills))


def _filtered(queryset: QuerySet, query: SearchQuery) -> QuerySet:
    if query.kind:
        queryset = queryset.filter(kind=query.kind)
    if query.instrument:
        queryset = queryset.filter(instrument__code=query.instrument)
    if query.bill is not None:
        queryset = queryset.filter(bill_id=query.bill)
    if query.status:
        queryset = queryset.filter(provision__status=query.status)
    if query.binding is not None:
        queryset = queryset.filter(binding=query.binding)
    return queryset


def search(user, query: SearchQuery) -> SearchResult:
    """Counts by kind and one page of ranked hits with snippets, in three SQL queries."""
    result = SearchResult(query)
    phrases = query_phrases(query.q[:MAX_QUERY], exact=query.exact)
    if not phrases:
        return result
    base = _filtered(visible(user), query)
    counts = matching(base, phrases, ranked=False).values("kind").annotate(n=Count("id"))
    result.counts = {row["kind"]: row["n"] for row in counts.order_by()}
    if not result.counts:
        return result
    order = Case(*(When(kind=k, then=Value(i)) for i, k in enumerate(KIND_ORDER)))
    offset = (result.page - 1) * query.per_page
    # Rank and sort ids only; the texts of just the page's entries are read afterwards.
    ranked = result.total <= RANKED_UP_TO
    ids = list(
        matching(base, phrases, ranked=ranked)
        .annotate(kind_order=order)
        .order_by("kind_order", *(["-score"] if ranked else []), "id")
        .values_list("id", flat=True)[offset : offset + query.per_page]
    )
    by_id = SearchEntry.objects.only("kind", "title", "url", "body").in_bulk(ids)
    rows = [by_id[pk] for pk in ids]
    pieces = highlight_pieces(query.q[:MAX_QUERY])
    result.hits = [Hit(e.kind, e.title, e.url, snippet(e.body, pieces)) for e in rows]
    return result

"""The engine's side of a search: match, count and rank inside the full-text index alone.

Every entry's tokens begin with two scope tokens (tokenizer.scope_tokens): its kind and its
bill ("ref" for reference data). Kind and visibility are therefore terms of the engine's own
query, so counting and ranking never read the entries' rows (which carry the texts): SQLite
answers from the FTS5 table alone, PostgreSQL from the GIN index and the stored tsvector.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import connection

from drafting.search.tokenizer import QueryToken, bill_scope, kind_scope

# Relevance (BM25, ts_rank) is computed for every match of a kind, which costs more than the
# search itself for a very common term; beyond this many matches a kind comes in document order.
RANKED_UP_TO = 2000
# Matches of a kind are counted up to this many (reading every match of a very common term is
# what costs on PostgreSQL); the pages reach that far, and the count shows "1,000+" beyond.
COUNTED_UP_TO = 1000


@dataclass(frozen=True)
class Scope:
    """Which entries a search may match: these kinds, reference data and/or these bills."""

    kinds: Sequence[str]
    bills: Sequence[int]
    reference: bool = True


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def _phrase(phrase: list[QueryToken]) -> str:
    if _postgres():
        return "(" + " <-> ".join(t.value + (":*" if t.prefix else "") for t in phrase) + ")"
    body = " ".join(t.value for t in phrase)
    return f'"{body}"' + ("*" if phrase[-1].prefix else "")


def _any(tokens: Iterable[str]) -> str:
    return "(" + (" | " if _postgres() else " OR ").join(tokens) + ")"


def expression(phrases: list[list[QueryToken]], scope: Scope, kind: str | None = None) -> str:
    """The engine's query: every phrase, the kind (one, or any of the scope's) and the scope."""
    kinds = [kind] if kind else list(scope.kinds)
    owners = [bill_scope(b) for b in scope.bills] + ([bill_scope(None)] if scope.reference else [])
    parts = [_phrase(p) for p in phrases]
    parts += [_any(kind_scope(k) for k in kinds), _any(owners)]
    return (" & " if _postgres() else " AND ").join(parts)


def _union(selects: list[str]) -> str:
    return " UNION ALL ".join(f"SELECT * FROM ({s}) AS part{n}" for n, s in enumerate(selects))


def counts(phrases: list[list[QueryToken]], scope: Scope) -> dict[str, int]:
    """Matches by kind, each counted up to COUNTED_UP_TO + 1 (more means "at least"), at once."""
    if not scope.kinds or not (scope.bills or scope.reference):
        return {}
    if _postgres():
        match = "SELECT 1 FROM drafting_searchentry WHERE tsv @@ to_tsquery('simple', %s)"
    else:
        match = "SELECT 1 FROM drafting_search_fts WHERE drafting_search_fts MATCH %s"
    one = f"SELECT %s AS kind, count(*) AS n FROM ({match} LIMIT %s) AS hits"
    params = [v for k in scope.kinds for v in (k, expression(phrases, scope, k), COUNTED_UP_TO + 1)]
    with connection.cursor() as cursor:
        cursor.execute(_union([one] * len(scope.kinds)), params)
        return {kind: n for kind, n in cursor.fetchall() if n}


def _page_select(ranked: bool) -> str:
    """One kind's slice of ids: (id, segment, score), best first."""
    if _postgres():
        score = "-ts_rank(tsv, to_tsquery('simple', %s))" if ranked else "id"
        return (
            f"SELECT id, %s AS segment, {score} AS score FROM drafting_searchentry"
            " WHERE tsv @@ to_tsquery('simple', %s) ORDER BY score, id LIMIT %s OFFSET %s"
        )
    score = "rank" if ranked else "rowid"
    return (
        f"SELECT rowid AS id, %s AS segment, {score} AS score FROM drafting_search_fts"
        " WHERE drafting_search_fts MATCH %s ORDER BY score, id LIMIT %s OFFSET %s"
    )


def page_ids(
    phrases: list[list[QueryToken]],
    scope: Scope,
    slices: list[tuple[str, int, int, int]],
) -> list[int]:
    """The ids of the page: for each (kind, matches, offset, limit) slice, in one statement."""
    selects, params = [], []
    for segment, (kind, matches, offset, limit) in enumerate(slices):
        ranked = matches <= RANKED_UP_TO
        query = expression(phrases, scope, kind)
        rank_params = [query] if ranked and _postgres() else []
        selects.append(_page_select(ranked))
        params += [segment, *rank_params, query, limit, offset]
    if not selects:
        return []
    with connection.cursor() as cursor:
        cursor.execute(_union(selects), params)
        rows = sorted(cursor.fetchall(), key=lambda row: (row[1], row[2], row[0]))
    return [row[0] for row in rows]

"""Search finds exactly what a brute-force substring search finds, on the demo data + the Criminal Law.

The same documents on SQLite (FTS5) and PostgreSQL (tsvector): run with DATABASE_URL to check the
second engine.
"""

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from drafting.models import SearchEntry
from drafting.search.query import SearchQuery, search
from drafting.search.tokenizer import CJK_CLASS, fold

pytestmark = pytest.mark.django_db(transaction=False)

STATUTE = Path(__file__).resolve().parents[3].parent / "shared/reference/statutes/criminal-law.md"

TERMS = [
    # one character (a prefix query), then two to six characters
    "罪", "淫", "品", "童", "刑",
    "儿童", "淫秽", "色情", "传播", "牟利", "网络", "拘役", "幼女", "猥亵", "组织",
    "未成年", "处罚金", "淫秽物品", "有期徒刑", "情节严重", "没收财产", "妨害社会",
    "国家工作人员", "不满十四周岁",
    # Latin words and digits
    "child", "pornography", "crc", "article", "opsc", "18",
]  # fmt: skip

_WORD_BEFORE = rf"(?:(?<=[{CJK_CLASS}])|(?<![^\W_]))"
_WORD_AFTER = rf"(?:(?=[{CJK_CLASS}])|(?![^\W_]))"


def brute_force(term: str) -> set[int]:
    """Entries whose (searched) title or text holds the term: as a substring (CJK) or a whole word (Latin)."""
    if re.fullmatch(rf"[{CJK_CLASS}]+", term):
        found = lambda text: term in fold(text)  # noqa: E731
    else:
        pattern = re.compile(_WORD_BEFORE + re.escape(term) + _WORD_AFTER)
        found = lambda text: pattern.search(fold(text)) is not None  # noqa: E731
    rows = SearchEntry.objects.values_list("pk", "kind", "title", "body")
    # A comment's title is its provision's, shown but not searched.
    return {
        pk for pk, kind, title, body in rows if found(body) or kind != "comment" and found(title)
    }


def searched(user, term: str) -> set[int]:
    """Every entry the search returns for the term, all pages, by the entries' addresses."""
    urls: set[str] = set()
    page = 1
    while True:
        result = search(user, SearchQuery(term, page=page, per_page=200))
        urls |= {hit.url for hit in result.hits}
        if page >= result.pages:
            return set(SearchEntry.objects.filter(url__in=urls).values_list("pk", flat=True))
        page += 1


@pytest.fixture
def corpus(demo_data, db):
    """The demo data (loaded once per process: see `demo_data`) and the Criminal Law on top."""
    call_command("import_statute", str(STATUTE), instrument="PRC-CL", verbosity=0)
    return get_user_model().objects.get(username="drafter")


@pytest.mark.skipif(
    not STATUTE.exists(), reason="shared/reference/statutes/criminal-law.md missing"
)
def test_search_matches_brute_force_for_30_terms(corpus):
    assert len(TERMS) == 30
    assert SearchEntry.objects.filter(kind="article").count() > 450
    assert len(set(SearchEntry.objects.values_list("url", flat=True))) == (
        SearchEntry.objects.count()
    )
    mismatches = {}
    for term in TERMS:
        expected, got = brute_force(term), searched(corpus, term)
        assert expected, f"{term} occurs nowhere: pick a term that does"
        if expected != got:
            mismatches[term] = (len(expected), len(got), len(expected ^ got))
    assert mismatches == {}
    result = search(corpus, SearchQuery("淫秽", per_page=500))
    assert result.total == len(result.hits) == len(brute_force("淫秽"))

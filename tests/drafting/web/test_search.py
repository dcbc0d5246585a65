"""The search page and GET /api/search/: who sees what, filters, snippets, bad input, queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from drafting import services
from drafting.models import Provision
from drafting.search import engine
from drafting.search.index import rebuild
from drafting.text.anchoring import Anchor
from tests.conftest import shared_logins, shared_roles
from tests.factories import ArticleFactory, BillFactory, LawFactory, UserFactory

pytestmark = pytest.mark.django_db

SECRET = "玄黄宇宙洪荒"  # invented, only in the bill's own text
MEMBERS = ("viewer", "reviewer", "drafter")
NOT_MEMBERS = ("outsider", "staff")
PAGE = reverse("drafting:search")
API = "/api/search/"


bill, drafter, reviewer, viewer, outsider, staff, users_by_role = shared_roles()
reuse_logins = shared_logins()


@pytest.fixture(scope="module")
def module_drafted(module_rows, django_db_blocker) -> int:
    """The drafted provision, made once for the module (rolled back when it ends)."""
    with django_db_blocker.unblock():
        return draft(module_rows["drafter"], module_rows["bill"], module_rows["reviewer"]).pk


@pytest.fixture
def drafted(module_drafted, db) -> Provision:
    return Provision.objects.get(pk=module_drafted)


def draft(drafter, bill, reviewer) -> Provision:
    """A provision and a comment through the services, so both are indexed."""
    law = LawFactory()
    article = ArticleFactory(
        instrument=law, number=364, paragraphs=["传播淫秽的书刊、影片的，处二年以下有期徒刑。"]
    )
    provision = services.provision_create(
        actor=drafter,
        bill=bill,
        operation=Provision.Operation.REPLACE_ARTICLE,
        target_article=article,
        title_en="Dissemination",
        title_zh="传播行为",
        text_zh=f"传播{SECRET}材料的，处三年以下有期徒刑。<script>alert(1)</script>",
        text_en="Whoever disseminates such material.",
    )
    revision = provision.current_revision
    services.comment_create(
        actor=reviewer,
        provision=provision,
        revision=revision,
        body=f"关于{SECRET}的意见",
        anchor=Anchor.locate(revision.text_zh, SECRET, language="zh"),
    )
    rebuild()  # the factory's law and article too
    return provision


def api_for(user) -> APIClient:
    api = APIClient()
    if user is not None:
        api.force_authenticate(user)
    return api


def test_anonymous_is_sent_to_login(client, drafted):
    response = client.get(PAGE, {"q": SECRET})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert api_for(None).get(API, {"q": SECRET}).status_code == 401


@pytest.mark.parametrize("role", MEMBERS)
def test_members_find_their_bill(client, users_by_role, drafted, role):
    client.force_login(users_by_role[role])
    response = client.get(PAGE, {"q": SECRET})
    assert response.status_code == 200
    body = response.content.decode()
    assert f"<mark>{SECRET}</mark>" in body
    assert drafted.get_absolute_url() in body
    data = api_for(users_by_role[role]).get(API, {"q": SECRET}).json()
    assert data["counts"] == {"provision": 1, "comment": 1} and data["count"] == 2


@pytest.mark.parametrize("role", NOT_MEMBERS)
def test_non_members_never_see_a_word_of_the_bill(client, users_by_role, drafted, role):
    client.force_login(users_by_role[role])
    for q in (SECRET, SECRET[:2], SECRET[0], "传播", "disseminates"):
        body = client.get(PAGE, {"q": q}).content.decode()
        assert SECRET[2:] not in body.replace(q, "")
        assert drafted.get_absolute_url() not in body
        data = api_for(users_by_role[role]).get(API, {"q": q}).json()
        assert "provision" not in data["counts"] and "comment" not in data["counts"]
        assert all(hit["kind"] not in ("provision", "comment") for hit in data["results"])
        # Filters on the rows (status, kind) take another path through the index: no leak there
        for filters in ({"status": drafted.status}, {"kind": "provision"}, {"kind": "comment"}):
            data = api_for(users_by_role[role]).get(API, {"q": q, **filters}).json()
            assert data["count"] == 0 and data["results"] == []


def test_outsider_searching_a_word_only_in_another_bill_gets_nothing(drafted, outsider):
    other = BillFactory(created_by=outsider)
    data = api_for(outsider).get(API, {"q": SECRET}).json()
    assert data == {"count": 0, "counts": {}, "capped": [], "page": 1, "pages": 1, "results": []}
    # Filtering by the bill is refused exactly as for a bill that does not exist.
    refused = api_for(outsider).get(API, {"q": SECRET, "bill": drafted.bill_id})
    missing = api_for(outsider).get(API, {"q": SECRET, "bill": 999999})
    assert refused.status_code == missing.status_code == 400
    assert refused.json() == {
        "bill": [missing.json()["bill"][0].replace("999999", str(drafted.bill_id))]
    }
    assert api_for(outsider).get(API, {"q": SECRET, "bill": other.pk}).json()["count"] == 0


def test_snippets_escape_the_text_and_mark_the_words(drafter, drafted):
    hit = next(
        h
        for h in api_for(drafter).get(API, {"q": SECRET}).json()["results"]
        if h["kind"] == "provision"
    )
    assert f"<mark>{SECRET}</mark>" in hit["snippet"]
    assert "&lt;script&gt;" in hit["snippet"] and "<script>" not in hit["snippet"]
    assert hit["url"] == drafted.get_absolute_url()


def test_results_link_to_the_exact_place(drafter, drafted):
    data = api_for(drafter).get(API, {"q": "淫秽"}).json()
    assert data["results"][0]["url"] == "/reference/instruments/PRC-CL/articles/364/"
    comment = api_for(drafter).get(API, {"q": "意见", "kind": "comment"}).json()["results"][0]
    assert "#thread-" in comment["url"]


def test_filters_narrow_the_results(drafter, drafted, bill):
    api = api_for(drafter)
    assert api.get(API, {"q": "传播"}).json()["counts"] == {"article": 1, "provision": 1}
    assert api.get(API, {"q": "传播", "kind": "article"}).json()["count"] == 1
    assert api.get(API, {"q": "传播", "bill": bill.pk}).json()["counts"] == {"provision": 1}
    assert api.get(API, {"q": "传播", "status": "draft"}).json()["counts"] == {"provision": 1}
    assert api.get(API, {"q": "传播", "status": "approved"}).json()["count"] == 0
    assert api.get(API, {"q": "传播", "instrument": "PRC-CL"}).json()["counts"] == {"article": 1}
    assert api.get(API, {"q": "传播", "binding": "no"}).json()["counts"] == {"article": 1}


def test_phrase_mode_needs_the_words_together(drafter, drafted):
    api = api_for(drafter)
    assert api.get(API, {"q": "disseminates whoever"}).json()["count"] == 1
    assert api.get(API, {"q": "disseminates whoever", "mode": "phrase"}).json()["count"] == 0
    assert api.get(API, {"q": "whoever disseminates", "mode": "phrase"}).json()["count"] == 1


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": ""},
        {"q": "x" * 201},
        {"q": "a", "kind": "bill"},
        {"q": "a", "page": "0"},
        {"q": "a", "page": "x"},
        {"q": "a", "bill": "abc"},
        {"q": "a", "status": "nonsense"},
        {"q": "a", "binding": "maybe"},
        {"q": "a", "instrument": "NOPE"},
        {"q": "a", "mode": "fuzzy"},
    ],
)
def test_bad_parameters_are_a_clear_400(client, drafter, drafted, params):
    client.force_login(drafter)
    assert client.get(PAGE, params).status_code == (200 if not params else 400)  # {}: empty form
    response = api_for(drafter).get(API, params)
    assert response.status_code == 400
    assert set(response.json()) <= {
        "q",
        "kind",
        "page",
        "bill",
        "status",
        "binding",
        "instrument",
        "mode",
    }


def test_punctuation_only_finds_nothing(drafter, drafted):
    assert api_for(drafter).get(API, {"q": "，。！"}).json()["count"] == 0


def test_pages_of_results(client, drafter, drafted):
    law = LawFactory()
    for number in range(1, 46):
        ArticleFactory(instrument=law, number=number, paragraphs=["分页测试的条文。"])
    rebuild()
    api = api_for(drafter)
    first = api.get(API, {"q": "分页"}).json()
    assert (first["count"], first["pages"], len(first["results"])) == (45, 3, 20)
    last = api.get(API, {"q": "分页", "page": 3}).json()
    assert len(last["results"]) == 5
    assert api.get(API, {"q": "分页", "page": 9}).json()["page"] == 3
    client.force_login(drafter)
    body = client.get(PAGE, {"q": "分页", "page": 2}).content.decode()
    assert 'rel="next"' in body and 'rel="prev"' in body


def test_search_box_is_in_the_top_bar_of_every_page(client, drafter, drafted):
    client.force_login(drafter)
    for url in (
        reverse("drafting:dashboard"),
        drafted.get_absolute_url(),
        "/reference/instruments/",
    ):
        assert 'class="site-search"' in client.get(url).content.decode()


def test_page_in_chinese(client, drafter, drafted):
    client.force_login(drafter)
    client.cookies["django_language"] = "zh-hans"
    body = client.get(PAGE, {"q": "传播"}, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "搜索" in body


def _queries(client, q: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(PAGE, {"q": q}).status_code == 200
    return len(ctx.captured_queries)


def test_page_queries_do_not_grow_with_results(client, drafter, drafted, django_assert_num_queries):
    client.force_login(drafter)
    few = _queries(client, SECRET)
    law = LawFactory()
    for number in range(1, 30):
        ArticleFactory(instrument=law, number=number, paragraphs=[f"{SECRET}测试。"])
    rebuild()
    assert _queries(client, SECRET) == few
    with django_assert_num_queries(few):
        client.get(PAGE, {"q": SECRET, "page": 2})


def test_api_queries_do_not_grow_with_results(drafter, drafted):
    api = api_for(drafter)
    with CaptureQueriesContext(connection) as few:
        api.get(API, {"q": SECRET})
    UserFactory()  # unrelated
    law = LawFactory()
    for number in range(1, 30):
        ArticleFactory(instrument=law, number=number, paragraphs=[f"{SECRET}测试。"])
    rebuild()
    with CaptureQueriesContext(connection) as many:
        assert api.get(API, {"q": SECRET}).json()["count"] == 31
    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.fixture
def common_articles(db):
    """Three articles of one law sharing a term, created out of their order (3, 1, 2)."""
    law = LawFactory()
    for number in (3, 1, 2):
        ArticleFactory(instrument=law, number=number, paragraphs=["常见词语的条文。"])
    rebuild()
    return law


def test_very_common_terms_come_in_document_order(drafter, drafted, common_articles, monkeypatch):
    monkeypatch.setattr(engine, "RANKED_UP_TO", 2)
    urls = [h["url"] for h in api_for(drafter).get(API, {"q": "常见"}).json()["results"]]
    assert [url.split("/")[-2] for url in urls] == ["1", "2", "3"]


def test_counts_stop_at_the_cap_and_say_so(client, drafter, drafted, common_articles, monkeypatch):
    monkeypatch.setattr(engine, "COUNTED_UP_TO", 2)
    data = api_for(drafter).get(API, {"q": "常见"}).json()
    assert (data["counts"], data["capped"], data["count"]) == ({"article": 2}, ["article"], 2)
    assert len(data["results"]) == 2
    client.force_login(drafter)
    body = client.get(PAGE, {"q": "常见"}).content.decode()
    assert "More than 2 results" in body and "(2+)" in body
    monkeypatch.setattr(engine, "COUNTED_UP_TO", 3)
    data = api_for(drafter).get(API, {"q": "常见"}).json()
    assert (data["counts"], data["capped"]) == ({"article": 3}, [])


def test_a_filtered_search_is_ranked_too(drafter, drafted):
    # Filtering by instrument reads the rows; the hits still come best first, not in id order.
    law = LawFactory()
    ArticleFactory(instrument=law, number=1, paragraphs=["常见一次，其余都是别的词语。" * 3])
    ArticleFactory(instrument=law, number=2, paragraphs=["常见常见常见。"])
    rebuild()
    for filters in ({}, {"instrument": law.code}):
        hits = api_for(drafter).get(API, {"q": "常见", **filters}).json()["results"]
        assert [h["url"].split("/")[-2] for h in hits] == ["2", "1"], filters

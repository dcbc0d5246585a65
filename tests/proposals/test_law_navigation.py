"""Law navigation: contents by 编/章/节, a chapter a page, "go to article", stable article links."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from proposals.navigation import parse_article_ref
from tests.factories import ArticleFactory, InstrumentFactory, LawFactory

pytestmark = pytest.mark.django_db

HEADINGS = {
    (1, 0): "第一编 总则 / 第一章 刑法的任务、基本原则和适用范围",
    (2, 0): "第一编 总则 / 第一章 刑法的任务、基本原则和适用范围",
    (61, 0): "第一编 总则 / 第四章 刑罚的具体运用 / 第一节 量刑",
    (287, 1): "第二编 分则 / 第六章 妨害社会管理秩序罪 / 第一节 扰乱公共秩序罪",
    (364, 0): "第二编 分则 / 第六章 妨害社会管理秩序罪 / 第九节 制作、贩卖、传播淫秽物品罪",
}


@pytest.fixture
def law(db):
    law = LawFactory()
    for (number, sub), heading in HEADINGS.items():
        ArticleFactory(
            instrument=law,
            number=number,
            sub=sub,
            heading_zh=heading,
            paragraphs=[f"第{number}条之{sub}的条文。"],
        )
    return law


def page(law, query: str = "") -> str:
    return reverse("proposals:instrument", kwargs={"code": law.code}) + query


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("364", (364, 0)),
        ("287-1", (287, 1)),
        ("第三百六十四条", (364, 0)),
        ("第三百六十四条之一", (364, 1)),
        ("三百六十四", (364, 0)),
        ("２８７－１", (287, 1)),
        (" 287之1 ", (287, 1)),
        ("art. 9", (9, 0)),
        ("", None),
        ("abc", None),
        ("第三百六十四条 以及", None),
        ("第条", None),
    ],
)
def test_article_references_a_reader_types(typed, expected):
    assert parse_article_ref(typed) == expected


def test_anonymous_goes_to_login(client, law):
    for url in (
        page(law),
        reverse("proposals:article_ref", kwargs={"code": "PRC-CL", "ref": "364"}),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", ["outsider", "viewer", "reviewer", "drafter", "staff"])
def test_every_signed_in_user_reads_the_law(client, users_by_role, law, role):
    client.force_login(users_by_role[role])
    assert client.get(page(law)).status_code == 200


def test_contents_list_every_part_and_one_chapter_is_shown(client, drafter, law):
    client.force_login(drafter)
    body = client.get(page(law)).content.decode()
    for part in (
        "第一编 总则",
        "第一章 刑法的任务、基本原则和适用范围",
        "第四章 刑罚的具体运用",
        "第一节 量刑",
        "第二编 分则",
        "第九节 制作、贩卖、传播淫秽物品罪",
    ):
        assert part in body
    assert 'id="article-1"' in body and 'id="article-2"' in body
    assert 'id="article-61"' not in body and 'id="article-364"' not in body
    assert "?chapter=3#article-287-1" in body  # the 节 links into its chapter


def test_a_later_chapter_holds_its_articles_only(client, drafter, law):
    client.force_login(drafter)
    body = client.get(page(law, "?chapter=3")).content.decode()
    assert 'id="article-287-1"' in body and 'id="article-364"' in body
    assert 'id="article-1"' not in body
    assert 'rel="prev"' in body and 'rel="next"' not in body


@pytest.mark.parametrize("chapter", ["0", "4", "x", "-1", "9" * 30])
def test_a_chapter_that_is_not_there_is_404(client, drafter, law, chapter):
    client.force_login(drafter)
    assert client.get(page(law, f"?chapter={chapter}")).status_code == 404


@pytest.mark.parametrize(
    ("ref", "location"),
    [
        ("364", "?chapter=3#article-364"),
        ("287-1", "?chapter=3#article-287-1"),
        ("第六十一条", "?chapter=2#article-61"),
        ("2", "?chapter=1#article-2"),
    ],
)
def test_stable_article_address_redirects_to_its_chapter(client, drafter, law, ref, location):
    client.force_login(drafter)
    response = client.get(reverse("proposals:article_ref", kwargs={"code": law.code, "ref": ref}))
    assert response.status_code == 302
    assert response["Location"] == page(law, location)


@pytest.mark.parametrize("ref", ["365", "abc", "287-2"])
def test_unknown_article_address_is_404(client, drafter, law, ref):
    client.force_login(drafter)
    assert (
        client.get(
            reverse("proposals:article_ref", kwargs={"code": law.code, "ref": ref})
        ).status_code
        == 404
    )


@pytest.mark.parametrize("typed", ["364", "第三百六十四条", "第二百八十七条之一", "287-1"])
def test_go_to_article_box(client, drafter, law, typed):
    client.force_login(drafter)
    response = client.get(
        reverse("proposals:article_goto", kwargs={"code": law.code}), {"article": typed}
    )
    assert response.status_code == 302
    assert "#article-" in response["Location"] and "?chapter=3" in response["Location"]


@pytest.mark.parametrize("typed", ["", "第九百条", "nonsense", "x" * 500])
def test_go_to_an_article_that_is_not_there_says_so(client, drafter, law, typed):
    client.force_login(drafter)
    url = reverse("proposals:article_goto", kwargs={"code": law.code})
    response = client.get(url, {"article": typed}, follow=True)
    assert response.status_code == 200
    assert "No article" in response.content.decode()


def test_instrument_without_parts_lists_its_articles(client, drafter):
    treaty = InstrumentFactory(code="TREATY-1")
    ArticleFactory(instrument=treaty, number=1, heading_zh="", label="art. 1", paragraphs=["Text."])
    client.force_login(drafter)
    body = client.get(page(treaty)).content.decode()
    assert 'id="article-1"' in body and "law-contents" not in body


def test_page_queries_do_not_grow_with_articles(client, drafter, law):
    client.force_login(drafter)
    with CaptureQueriesContext(connection) as few:
        client.get(page(law, "?chapter=3"))
    for number in range(365, 400):
        ArticleFactory(
            instrument=law,
            number=number,
            heading_zh=HEADINGS[(364, 0)],
            paragraphs=["一。", "二。"],
        )
    with CaptureQueriesContext(connection) as many:
        body = client.get(page(law, "?chapter=3")).content.decode()
    assert 'id="article-399"' in body
    assert len(many.captured_queries) == len(few.captured_queries)

"""The article page: its text, its amendment history and its cross-references both ways."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from drafting.services.references import amendment_import, statute_references_rebuild
from tests.factories import ArticleFactory, LawFactory

AMENDMENT = """# 中华人民共和国刑法修正案（试）

2020年1月2日 第一次会议通过

<!-- INFO END -->

一、将刑法第三百六十三条第二款修改为：“为他人提供书号的，依照前款的规定处罚。”

二、本修正案自2020年3月1日起施行。
"""


@pytest.fixture
def law(db):
    law = LawFactory(code="PRC-CL")
    ArticleFactory(
        instrument=law, number=152, paragraphs=["甲。", "乙。", "犯前两款罪的，依照前款处罚。"]
    )
    target = ArticleFactory(instrument=law, number=363, paragraphs=["丙。", "依照前款的规定处罚。"])
    ArticleFactory(instrument=law, number=364, paragraphs=["依照本法第三百六十三条的规定处罚。"])
    statute_references_rebuild(instrument=law)
    amendment_import(instrument=law, text=AMENDMENT)
    return target


def url(article) -> str:
    return reverse("proposals:article", args=[article.pk])


@pytest.mark.parametrize("role", ["outsider", "viewer", "reviewer", "drafter", "staff"])
def test_every_signed_in_user_reads_it(request, law, role):
    client = Client()
    client.force_login(request.getfixturevalue(role))
    response = client.get(url(law))
    assert response.status_code == 200
    text = response.content.decode()
    assert "中华人民共和国刑法修正案（试）" in text and "2020-03-01" in text
    assert "第三百六十四条第一款" in text  # cited by
    assert "第三百六十三条第二款：“前款”" in text  # cites
    assert "paragraphs amended：第二款" in text


def test_anonymous_users_go_to_login(client, law):
    response = client.get(url(law))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_unknown_article_is_404(client, outsider):
    client.force_login(outsider)
    assert client.get(reverse("proposals:article", args=[999999])).status_code == 404


def test_queries_do_not_grow_with_references(client, outsider, law):
    client.force_login(outsider)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(law)).status_code == 200
        return len(queries)

    before = count()
    for number in range(365, 375):
        ArticleFactory(
            instrument=law.instrument, number=number, paragraphs=["依照第三百六十三条处罚。"]
        )
    statute_references_rebuild(instrument=law.instrument)
    assert count() == before

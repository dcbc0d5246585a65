"""Compare page: redlines between revisions, for members only, at a constant query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from drafting.models import Revision
from tests.factories import ProvisionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def edited(bill):
    """A provision whose second revision changes a few words in both languages."""
    provision = ProvisionFactory(bill=bill, revisions=1)
    first = provision.current_revision
    second = Revision.objects.create(
        provision=provision,
        number=2,
        base=first,
        text_zh="制作、复制、传播儿童性侵害材料的，处五年以下有期徒刑，并处罚金。",
        text_en="Whoever produces, copies or disseminates such material shall be sentenced.",
        author=bill.created_by,
    )
    provision.current_revision = second
    provision.save(update_fields=["current_revision"])
    return provision


def url(provision, **params):
    base = reverse("drafting:compare", args=[provision.pk])
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{base}?{query}" if query else base


def test_anonymous_users_go_to_login(client, edited):
    response = client.get(url(edited))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("role", ["outsider", "staff"])
def test_non_members_get_404(client, users_by_role, edited, role):
    client.force_login(users_by_role[role])
    response = client.get(url(edited))
    assert response.status_code == 404
    assert "复制" not in response.content.decode()


@pytest.mark.parametrize("role", ["viewer", "reviewer", "drafter"])
def test_members_see_previous_against_current_by_default(client, users_by_role, edited, role):
    client.force_login(users_by_role[role])
    response = client.get(url(edited))
    assert response.status_code == 200
    content = response.content.decode()
    assert response.context["a"] == 1 and response.context["b"] == 2
    # Character-level for Chinese: only 复制、 is new.
    assert '<ins class="redline-ins" id="chg-1-new" data-change="1">复制、</ins>' in content
    assert 'href="#chg-1-new"' in content  # a plain link to the change, no JavaScript needed
    assert "compare.js" in content


def test_inline_view_and_english_words(client, drafter, edited):
    client.force_login(drafter)
    content = client.get(url(edited, lang="en", view="inline")).content.decode()
    # Word-level for English: ", copies" is inserted whole, "(draft 1)" deleted whole.
    assert '<ins class="redline-ins" id="chg-1" data-change="1">, copies</ins>' in content
    assert '<del class="redline-del" id="chg-2" data-change="2"> (draft 1)</del>' in content
    assert 'href="#chg-1"' in content and 'href="#chg-2"' in content
    assert 'lang="en"' in content


def test_same_revision_shows_no_changes(client, drafter, edited):
    client.force_login(drafter)
    response = client.get(url(edited, a=2, b=2))
    assert response.status_code == 200
    assert response.context["change_count"] == 0
    assert "0 changes" in response.content.decode()


def test_first_revision_alone_compares_with_itself(client, drafter, bill):
    provision = ProvisionFactory(bill=bill, revisions=1)
    client.force_login(drafter)
    response = client.get(url(provision))
    assert response.status_code == 200
    assert response.context["a"] == response.context["b"] == 1


@pytest.mark.parametrize("params, status", [({"a": "x"}, 400), ({"b": "-1"}, 400), ({"a": 9}, 404)])
def test_bad_revision_numbers(client, drafter, edited, params, status):
    client.force_login(drafter)
    assert client.get(url(edited, **params)).status_code == status


def test_unknown_language_and_view_fall_back(client, drafter, edited):
    client.force_login(drafter)
    response = client.get(url(edited, lang="<script>", view="nope"))
    assert response.status_code == 200
    assert response.context["lang"] == "zh" and response.context["view"] == "side"
    assert "<script>" not in response.content.decode().split("<body", 1)[1].split("compare.js")[0]


def test_htmx_gets_the_fragment(client, drafter, edited):
    client.force_login(drafter)
    response = client.get(url(edited, lang="en"), headers={"HX-Request": "true"})
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="compare-body">')
    assert "<html" not in content


def test_hostile_text_is_escaped(client, drafter, bill):
    provision = ProvisionFactory(bill=bill, revisions=1)
    second = Revision.objects.create(
        provision=provision,
        number=2,
        base=provision.current_revision,
        text_zh="<img src=x onerror=alert(1)>",
        author=drafter,
    )
    provision.current_revision = second
    provision.save(update_fields=["current_revision"])
    client.force_login(drafter)
    content = client.get(url(provision)).content.decode()
    assert "<img src=x" not in content
    assert "&lt;img src=x onerror=alert(1)&gt;" in content


def test_query_count_does_not_grow_with_revisions(
    client, drafter, edited, django_assert_num_queries
):
    client.force_login(drafter)
    with CaptureQueriesContext(connection) as before:
        assert client.get(url(edited)).status_code == 200
    last = edited.current_revision
    for number in range(3, 31):
        last = Revision.objects.create(
            provision=edited, number=number, base=last, text_zh=f"第{number}稿", author=drafter
        )
    edited.current_revision = last
    edited.save(update_fields=["current_revision"])
    with django_assert_num_queries(len(before.captured_queries)):
        assert client.get(url(edited)).status_code == 200

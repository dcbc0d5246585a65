"""Optimistic locking: ETag / If-Match on provisions, 409 on a stale base revision, real races."""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from drafting.models import Provision, Revision
from tests.drafting.api.conftest import etag_of, token_client
from tests.factories import ProvisionFactory


def detail(provision) -> str:
    return reverse("api:provision-detail", args=[provision.pk])


def revisions(provision) -> str:
    return reverse("api:provision-revisions", args=[provision.pk])


@pytest.fixture
def drafter_client(drafter):
    return token_client(drafter)


def test_get_gives_an_etag_that_patch_accepts_and_replaces(provision, drafter_client):
    got = drafter_client.get(detail(provision))
    etag = got["ETag"]
    assert etag == etag_of(provision) == got.json()["etag"]

    changed = drafter_client.patch(
        detail(provision), {"title_en": "Possession"}, format="json", HTTP_IF_MATCH=etag
    )

    assert changed.status_code == 200
    assert changed.json()["title_en"] == "Possession"
    assert changed["ETag"] != etag
    assert changed["ETag"] == drafter_client.get(detail(provision))["ETag"]


def test_patch_without_if_match_is_428_and_changes_nothing(provision, drafter_client):
    response = drafter_client.patch(detail(provision), {"title_en": "X"}, format="json")
    assert response.status_code == 428
    assert "If-Match" in response.json()["detail"]
    assert Provision.objects.get(pk=provision.pk).title_en == provision.title_en


@pytest.mark.parametrize("header", ["*", ""])
def test_wildcard_or_empty_if_match_is_428(provision, drafter_client, header):
    response = drafter_client.patch(
        detail(provision), {"title_en": "X"}, format="json", HTTP_IF_MATCH=header
    )
    assert response.status_code == 428


@pytest.mark.parametrize("method", ["patch", "put"])
def test_stale_if_match_is_412_with_the_current_etag(provision, drafter_client, method):
    stale = etag_of(provision)
    body = {
        "title_en": "First writer",
        "operation": "replace_article",
        "target_article": provision.target_article_id,
    }
    first = getattr(drafter_client, method)(
        detail(provision), body, format="json", HTTP_IF_MATCH=stale
    )
    assert first.status_code == 200

    second = getattr(drafter_client, method)(
        detail(provision), {**body, "title_en": "Second writer"}, format="json", HTTP_IF_MATCH=stale
    )

    assert second.status_code == 412
    assert second.json()["current_etag"] == first["ETag"]
    assert Provision.objects.get(pk=provision.pk).title_en == "First writer"


@pytest.mark.parametrize("header", ['W/"{pk}-{v}"', '"999999-{v}"', "garbage", '"{pk}-x"'])
def test_if_match_of_another_kind_never_matches(provision, drafter_client, header):
    value = header.format(pk=provision.pk, v=provision.version)
    response = drafter_client.patch(
        detail(provision), {"title_en": "X"}, format="json", HTTP_IF_MATCH=value
    )
    assert response.status_code == 412


def test_a_new_revision_changes_the_etag(provision, drafter_client):
    etag = drafter_client.get(detail(provision))["ETag"]
    drafter_client.post(
        revisions(provision),
        {"base_revision": provision.current_revision_id, "text_zh": "新条文。"},
        format="json",
    )
    response = drafter_client.patch(
        detail(provision), {"title_en": "X"}, format="json", HTTP_IF_MATCH=etag
    )
    assert response.status_code == 412


def test_revision_on_a_stale_base_is_409_with_the_current_revision(provision, drafter_client):
    base = provision.current_revision_id
    first = drafter_client.post(
        revisions(provision), {"base_revision": base, "text_zh": "甲稿。"}, format="json"
    )
    assert first.status_code == 201
    assert first.json()["number"] == 3
    assert first.json()["base"] == base

    second = drafter_client.post(
        revisions(provision), {"base_revision": base, "text_zh": "乙稿。"}, format="json"
    )

    assert second.status_code == 409
    assert second.json()["current_revision"]["id"] == first.json()["id"]
    assert second.json()["current_revision"]["text_zh"] == "甲稿。"
    assert (
        list(Revision.objects.filter(provision=provision).values_list("text_zh", flat=True))[-1]
        == "甲稿。"
    )
    assert Revision.objects.filter(provision=provision).count() == 3


def test_delete_of_a_provision_is_not_offered(provision, drafter_client):
    response = drafter_client.delete(detail(provision), HTTP_IF_MATCH=etag_of(provision))
    assert response.status_code == 405
    assert Provision.objects.filter(pk=provision.pk).exists()


# --- real races against PostgreSQL ---------------------------------------------------------


def race(calls) -> list:
    """Run the calls at the same moment in threads (each with its own connection)."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs real concurrent transactions (PostgreSQL)"
)


@postgres_only
@pytest.mark.parametrize("attempt", range(5))
def test_two_writers_on_the_same_base_one_wins(transactional_db, drafter, attempt):
    provision = ProvisionFactory(bill__created_by=drafter, revisions=1)
    base = provision.current_revision_id
    clients = [token_client(drafter), token_client(drafter)]
    texts = ["甲方案。", "乙方案。"]

    responses = race(
        [
            lambda c=c, t=t: c.post(
                revisions(provision), {"base_revision": base, "text_zh": t}, format="json"
            )
            for c, t in zip(clients, texts, strict=True)
        ]
    )

    codes = sorted(r.status_code for r in responses)
    assert codes == [201, 409]
    winner = next(r for r in responses if r.status_code == 201).json()
    loser = next(r for r in responses if r.status_code == 409).json()
    assert loser["current_revision"]["id"] == winner["id"]
    provision.refresh_from_db()
    assert provision.current_revision_id == winner["id"]
    assert Revision.objects.filter(provision=provision).count() == 2
    assert provision.current_revision.text_zh == winner["text_zh"]


@postgres_only
@pytest.mark.parametrize("attempt", range(5))
def test_two_metadata_writers_with_one_etag_one_wins(transactional_db, drafter, attempt):
    provision = ProvisionFactory(bill__created_by=drafter, revisions=1)
    etag = etag_of(provision)
    clients = [token_client(drafter), token_client(drafter)]

    responses = race(
        [
            lambda c=c, t=t: c.patch(
                detail(provision), {"title_en": t}, format="json", HTTP_IF_MATCH=etag
            )
            for c, t in zip(clients, ["Alpha", "Beta"], strict=True)
        ]
    )

    assert sorted(r.status_code for r in responses) == [200, 412]
    winner = next(r for r in responses if r.status_code == 200)
    provision.refresh_from_db()
    assert provision.title_en == winner.json()["title_en"]
    assert provision.version == 2

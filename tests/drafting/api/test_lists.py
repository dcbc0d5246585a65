"""Lists: filters, search and ordering, including the lists inside a bill or a provision."""

import pytest
from django.urls import reverse

from drafting import services
from drafting.models import Revision
from tests.drafting.api.conftest import World, module_fixtures, token_client
from tests.factories import ObligationFactory


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content[:300]
    return response.json()["results"]


def test_obligations_filter_by_instrument_binding_kind_strength_and_search(viewer):
    """Each filter lists this test's matching obligations besides what it listed before they were
    made: the module's world, when an earlier test made it (its obligations are listed too)."""
    client = token_client(viewer)
    url = reverse("api:obligation-list")

    def codes(**query) -> list[str]:
        return sorted(row["code"] for row in results(client.get(url, query)))

    filters = [
        ({"instrument": "T"}, ["T-1", "T-2"]),
        ({"instrument": "T", "binding": "true"}, ["T-1"]),
        ({"binding": "false"}, ["T-2"]),
        ({"strength": "optional"}, ["T-2"]),
        ({"kind": "procedure"}, ["U-1"]),
        ({"search": "proceeds"}, ["U-1"]),
        ({"binding": "1"}, ["T-1", "U-1"]),
    ]
    listed_before = [codes(**query) for query, _ in filters]
    ObligationFactory(code="T-1", instrument__code="T", binding_on_china=True)
    ObligationFactory(code="T-2", instrument__code="T", binding_on_china=False, strength="optional")
    ObligationFactory(
        code="U-1",
        instrument__code="U",
        binding_on_china=True,
        statement_en="Seize the proceeds.",
        kind="procedure",
    )

    for (query, added), before in zip(filters, listed_before, strict=True):
        assert codes(**query) == sorted(before + added), query
    assert client.get(url, {"strength": "bogus"}).status_code == 400
    # A yes/no filter of the wrong type is refused with a message, never silently ignored
    refused = client.get(url, {"binding": "maybe"})
    assert refused.status_code == 400
    assert refused.json() == {"binding": ["Enter true or false."]}
    chinese = client.get(url, {"binding": "maybe"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert chinese.json() == {"binding": ["请输入 true 或 false。"]}


# One world for the tests below (tests/drafting/api/conftest.py), read afresh by each.
users_by_role, world = module_fixtures()


def test_comment_thread_filter_refuses_what_is_not_true_or_false(world: World, client_for):
    client = client_for("reviewer")
    url = reverse("api:comment-list")
    assert client.get(url, {"thread": "true"}).status_code == 200
    assert client.get(url, {"thread": "abc"}).status_code == 400


def test_provisions_filter_by_bill_and_status_and_order(world: World, client_for, drafter):
    client = client_for("drafter")
    second = client.post(
        reverse("api:provision-list"),
        {
            "bill": world.bill.pk,
            "operation": "replace_article",
            "target_article": world.provision.target_article_id,
            "title_en": "Second",
            "text_zh": "第二条文。",
            "position": 1,
        },
        format="json",
    ).json()
    assert second["position"] == 1
    client.post(
        reverse("api:provision-transition", args=[second["id"]]),
        {"to_status": "in_review"},
        format="json",
    )
    url = reverse("api:provision-list")
    assert [p["id"] for p in results(client.get(url, {"bill": world.bill.pk}))] == [
        second["id"],
        world.provision.pk,
    ]
    assert [p["id"] for p in results(client.get(url, {"status": "in_review"}))] == [second["id"]]
    ordered = results(client.get(url, {"ordering": "-position"}))
    assert [p["id"] for p in ordered] == [world.provision.pk, second["id"]]


def test_members_filter_by_role_search_and_order(world: World, client_for, reviewer):
    url = reverse("api:bill-members", args=[world.bill.pk])
    client = client_for("viewer")
    assert [m["role"] for m in results(client.get(url, {"role": "reviewer"}))] == ["reviewer"]
    everyone = results(client.get(url, {"ordering": "-role"}))
    assert [m["role"] for m in everyone] == ["viewer", "reviewer", "drafter"]
    found = results(client.get(url, {"search": reviewer.username}))
    assert [m["username"] for m in found] == [reviewer.username]
    assert client.get(url, {"role": "owner"}).status_code == 400


def test_revisions_filter_by_author_and_order(world: World, client_for, reviewer):
    url = reverse("api:provision-revisions", args=[world.provision.pk])
    client = client_for("viewer")
    numbers = [r["number"] for r in results(client.get(url))]
    assert numbers == sorted(numbers) and len(numbers) == 2
    assert [r["number"] for r in results(client.get(url, {"ordering": "-number"}))] == [2, 1]
    author = world.bill.created_by.username
    assert len(results(client.get(url, {"author": author}))) == 2
    assert results(client.get(url, {"author": reviewer.username})) == []
    assert results(client.get(url, {"search": "draft 2"}))[0]["number"] == 2
    assert client.get(url, {"since": "yesterday"}).status_code == 400
    assert Revision.objects.filter(provision=world.provision).count() == 2


def test_links_filter_by_extent_instrument_and_show_only_active(world: World, client_for, drafter):
    services.obligation_link(
        actor=drafter,
        provision=world.provision,
        obligation=world.obligation,
        extent="partial",
        rationale="Covers part of it.",
    )
    other = ObligationFactory(code="X-9", instrument__code="X")
    services.obligation_link(
        actor=drafter, provision=world.provision, obligation=other, extent="full", rationale="All."
    )
    services.obligation_unlink(actor=drafter, provision=world.provision, obligation=other)
    url = reverse("api:provision-obligations", args=[world.provision.pk])
    client = client_for("reviewer")

    def codes(**query) -> list[str]:
        return sorted(row["obligation"] for row in results(client.get(url, query)))

    assert codes() == ["OPSC-3-1-a", "OPSC-3-1-c"]
    assert codes(extent="partial") == ["OPSC-3-1-c"]
    assert codes(instrument="OPSC") == ["OPSC-3-1-a", "OPSC-3-1-c"]
    assert codes(instrument="X") == []
    assert codes(search="part of") == ["OPSC-3-1-c"]
    assert client.get(url, {"extent": "most"}).status_code == 400


@pytest.mark.parametrize(
    "name,arg",
    [
        ("bill-members", "bill"),
        ("provision-revisions", "provision"),
        ("provision-obligations", "provision"),
    ],
)
def test_lists_inside_a_resource_are_paginated(world: World, client_for, name, arg):
    obj = getattr(world, arg)
    body = client_for("viewer").get(reverse(f"api:{name}", args=[obj.pk])).json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert client_for("outsider").get(reverse(f"api:{name}", args=[obj.pk])).status_code == 404


def test_a_reply_names_its_threads_revision_or_none(world: World, client_for):
    client = client_for("reviewer")
    other = Revision.objects.filter(provision=world.provision).order_by("number").first()
    assert other.pk != world.thread.revision_id
    response = client.post(
        reverse("api:comment-list"),
        {"parent": world.thread.pk, "revision": other.pk, "body": "On another draft?"},
        format="json",
    )
    assert response.status_code == 400
    assert "revision" in response.json()

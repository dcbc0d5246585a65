"""Drafts, comparison, dispositions and the 说明 over the API: matrix, bad input, ETag, queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from drafting import services
from drafting.models import BillDraft, CommentDisposition, DraftKind, StatementEdit
from tests.conftest import ROLES
from tests.drafting.api.conftest import World, module_fixtures, token_client
from tests.factories import BillFactory, ProvisionFactory

MEMBERS = {"anonymous": 401, "outsider": 404, "staff": 404, "viewer": 200, "reviewer": 200}
MEMBERS["drafter"] = 200


def drafters(ok: int) -> dict:
    return {**MEMBERS, "viewer": 403, "reviewer": 403, "drafter": ok}


users_by_role, world, drafter, reviewer = module_fixtures("drafter", "reviewer")


@pytest.fixture
def issued(world: World, drafter) -> BillDraft:
    return services.draft_issue(actor=drafter, bill=world.bill, kind=DraftKind.CONSULTATION)


def urls(world: World) -> dict[str, str]:
    pk = world.bill.pk
    return {
        "drafts": reverse("api:bill-drafts", args=[pk]),
        "draft": reverse("api:bill-draft", args=[pk, 1]),
        "compare": reverse("api:bill-drafts-compare", args=[pk]) + "?a=1&b=working",
        "dispositions": reverse("api:bill-dispositions", args=[pk]) + "?state=open",
        "statement": reverse("api:bill-statement", args=[pk]) + "?draft=1",
    }


@pytest.mark.parametrize("role", ROLES)
def test_read_matrix(world, issued, users_by_role, role):
    client = token_client(users_by_role[role])
    for name, url in urls(world).items():
        assert client.get(url).status_code == MEMBERS[role], name


@pytest.mark.parametrize("role", ROLES)
def test_write_matrix(world, issued, users_by_role, role):
    client = token_client(users_by_role[role])
    pk = world.bill.pk
    issue = client.post(reverse("api:bill-drafts", args=[pk]), {"kind": "first_reading"}, "json")
    dispose = client.put(
        reverse("api:comment-disposition", args=[world.thread.pk]), {"kind": "adopted"}, "json"
    )
    statement_url = reverse("api:bill-statement", args=[pk])
    edit = client.patch(
        statement_url,
        {"section": "necessity", "language": "en", "text": "Needed."},
        "json",
        HTTP_IF_MATCH=f'"statement-{pk}-0-0"',
    )
    expected = drafters(201)[role]
    assert issue.status_code == expected
    assert dispose.status_code == drafters(200)[role]
    assert edit.status_code == drafters(200)[role]
    written = role == "drafter"
    assert BillDraft.objects.count() == (2 if written else 1)
    assert CommentDisposition.objects.count() == StatementEdit.objects.count() == int(written)


def test_issue_detail_and_compare(world, drafter, issued):
    client = token_client(drafter)
    services.revision_create(
        actor=drafter,
        provision=world.provision,
        base_revision=world.provision.current_revision,
        text_zh="制作、传播儿童性侵害材料的，处十年以下有期徒刑。",
        text_en="",
    )
    made = client.post(
        reverse("api:bill-drafts", args=[world.bill.pk]), {"kind": "first_reading"}, "json"
    )
    assert made.status_code == 201 and made.json()["name"] == "一审稿"
    assert made["Location"] == reverse("api:bill-draft", args=[world.bill.pk, 2])
    detail = client.get(made["Location"]).json()
    assert detail["items"][0]["revision"] == 3 and detail["items"][0]["obligations"] == [
        "OPSC-3-1-a"
    ]
    assert detail["documents"]["amendment.docx"].endswith("?draft=2")
    compare = client.get(reverse("api:bill-drafts-compare", args=[world.bill.pk]) + "?a=1&b=2")
    (change,) = compare.json()["changes"]
    assert change["kind"] == "changed" and change["text_changed"]
    assert "修改了条文表述" in change["summary_zh"]


def test_bad_input_changes_nothing(world, drafter, reviewer, issued):
    client = token_client(drafter)
    pk = world.bill.pk
    assert (
        client.post(reverse("api:bill-drafts", args=[pk]), {"kind": "x"}, "json").status_code == 400
    )
    assert (
        client.post(reverse("api:bill-drafts", args=[pk]), {"kind": "other"}, "json").status_code
        == 400
    )
    empty = BillFactory(created_by=drafter)
    assert (
        client.post(reverse("api:bill-drafts", args=[empty.pk]), {"kind": "consultation"}, "json")
    ).status_code == 400
    assert BillDraft.objects.count() == 1
    url = reverse("api:comment-disposition", args=[world.thread.pk])
    assert client.put(url, {"kind": "not_adopted"}, "json").status_code == 400
    assert client.put(url, {"kind": "adopted", "draft": 9}, "json").status_code == 400
    reply = services.comment_reply(actor=reviewer, parent=world.thread, body="再议")
    reply_url = reverse("api:comment-disposition", args=[reply.pk])
    assert client.put(reply_url, {"kind": "adopted"}, "json").status_code == 400
    assert not CommentDisposition.objects.exists()
    compare = reverse("api:bill-drafts-compare", args=[pk])
    assert client.get(compare).status_code == 400
    assert client.get(compare + "?a=7").status_code == 404
    other = BillFactory(created_by=drafter)
    ProvisionFactory(bill=other)
    services.draft_issue(actor=drafter, bill=other, kind="consultation")
    services.draft_issue(actor=drafter, bill=other, kind="first_reading")
    assert client.get(compare + "?a=1&b=2").status_code == 404  # draft 2 is the other bill's
    bad = reverse("api:bill-dispositions", args=[pk])
    assert client.get(bad + "?state=zzz").status_code == 400


def test_statement_etag_rules(world, drafter, issued):
    client = token_client(drafter)
    url = reverse("api:bill-statement", args=[world.bill.pk]) + "?draft=1"
    read = client.get(url)
    etag = read["ETag"]
    assert [s["key"] for s in read.json()["sections"]][0] == "necessity"
    body = {"section": "content", "language": "zh", "text": "主要内容如下。"}
    assert client.patch(url, body, "json").status_code == 428
    assert client.patch(url, body, "json", HTTP_IF_MATCH='"stale"').status_code == 412
    assert not StatementEdit.objects.exists()
    saved = client.patch(url, body, "json", HTTP_IF_MATCH=etag)
    assert saved.status_code == 200 and saved["ETag"] != etag
    assert saved.json()["sections"][2]["zh"] == "主要内容如下。"
    assert client.patch(url, body, "json", HTTP_IF_MATCH=etag).status_code == 412
    assert (
        client.patch(url, {**body, "section": "x"}, "json", HTTP_IF_MATCH=saved["ETag"]).status_code
        == 400
    )


def test_dispositions_list_filters(world, drafter, issued):
    services.disposition_set(
        actor=drafter,
        comment=world.thread,
        kind="not_adopted",
        reason="不宜。",
        major_disagreement=True,
    )
    client = token_client(drafter)
    url = reverse("api:bill-dispositions", args=[world.bill.pk])
    assert len(client.get(url).json()) == 3
    assert [t["kind"] for t in client.get(url + "?state=major").json()] == ["not_adopted"]
    assert len(client.get(url + "?state=open").json()) == 2
    assert client.get(url + "?kind=adopted").json() == []


@pytest.mark.parametrize("name", ["dispositions", "compare", "draft"])
def test_query_counts_constant(world, drafter, reviewer, name):
    client = token_client(drafter)

    def measure() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(urls(world)[name]).status_code == 200
        return len(queries.captured_queries)

    services.draft_issue(actor=drafter, bill=world.bill, kind=DraftKind.CONSULTATION)
    before = measure()
    for _ in range(5):
        provision = ProvisionFactory(bill=world.bill, revisions=2)
        from tests.drafting.web.test_bills import thread_on

        thread = thread_on(provision, reviewer)
        services.disposition_set(actor=drafter, comment=thread, kind="later", reason="待研究。")
    assert measure() == before

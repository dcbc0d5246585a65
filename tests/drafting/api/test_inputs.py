"""Bad input gets a clear 4xx with field messages and changes nothing."""

import pytest
from django.conf import settings
from django.urls import reverse

from drafting.models import Bill, Comment, Provision, ProvisionObligation, ReviewEvent, Revision
from proposals.models import Proposal
from tests.drafting.api.conftest import World, etag_of

MODELS = (Bill, Provision, Revision, Comment, ProvisionObligation, ReviewEvent, Proposal)


@pytest.fixture
def users_by_role(module_users):
    return module_users


@pytest.fixture
def world(module_world) -> World:
    """One world for the module (tests/drafting/api/conftest.py); each test's writes roll back."""
    return module_world


def snapshot() -> tuple:
    """Everything a bad request could have changed."""
    counts = tuple(model.objects.count() for model in MODELS)
    provisions = tuple(
        Provision.objects.order_by("pk").values_list("version", "title_en", "status")
    )
    comments = tuple(Comment.objects.order_by("pk").values_list("status", "body"))
    return counts, provisions, comments


def thread_body(w: World, **anchor) -> dict:
    text = w.provision.current_revision.text_zh
    start = text.index("罚金")
    return {
        "provision": w.provision.pk,
        "revision": w.provision.current_revision_id,
        "body": "Why?",
        "anchor": {"language": "zh", "exact": "罚金", "start": start, "end": start + 2, **anchor},
    }


def revision_body(w: World, **over) -> dict:
    return {"base_revision": w.provision.current_revision_id, "text_zh": "新条文。", **over}


BIG_TEXT = "刑" * (settings.MAX_PROVISION_TEXT + 1)
CASES = [
    # (name, url name, url arg, body, field expected in the error)
    (
        "revision text too long",
        "provision-revisions",
        "p",
        lambda w: revision_body(w, text_zh=BIG_TEXT),
        "text_zh",
    ),
    (
        "revision note too long",
        "provision-revisions",
        "p",
        lambda w: revision_body(w, note="n" * (settings.MAX_NOTE + 1)),
        "note",
    ),
    (
        "revision text is a number",
        "provision-revisions",
        "p",
        lambda w: revision_body(w, text_zh=12),
        "text_zh",
    ),
    (
        "revision base unknown",
        "provision-revisions",
        "p",
        lambda w: revision_body(w, base_revision=999999),
        "base_revision",
    ),
    (
        "revision base a string",
        "provision-revisions",
        "p",
        lambda w: revision_body(w, base_revision="1"),
        "base_revision",
    ),
    (
        "revision base huge",
        "provision-revisions",
        "p",
        lambda w: revision_body(w, base_revision=10**30),
        "base_revision",
    ),
    (
        "revision text missing",
        "provision-revisions",
        "p",
        lambda w: {"base_revision": w.provision.current_revision_id},
        "text_zh",
    ),
    (
        "comment body too long",
        "comment-list",
        None,
        lambda w: {**thread_body(w), "body": "b" * (settings.MAX_COMMENT_BODY + 1)},
        "body",
    ),
    (
        "comment anchor not in text",
        "comment-list",
        None,
        lambda w: thread_body(w, exact="徒刑"),
        "anchor",
    ),
    (
        "comment anchor offsets wrong",
        "comment-list",
        None,
        lambda w: thread_body(w, start=0, end=2),
        "anchor",
    ),
    (
        "comment anchor prefix wrong",
        "comment-list",
        None,
        lambda w: thread_body(w, prefix="不对的前文"),
        "anchor",
    ),
    (
        "comment anchor language bad",
        "comment-list",
        None,
        lambda w: thread_body(w, language="fr"),
        "anchor",
    ),
    (
        "comment on unknown provision",
        "comment-list",
        None,
        lambda w: {**thread_body(w), "provision": 999999},
        "provision",
    ),
    (
        "comment on revision of elsewhere",
        "comment-list",
        None,
        lambda w: {**thread_body(w), "revision": 999999},
        "revision",
    ),
    (
        "comment without anchor",
        "comment-list",
        None,
        lambda w: {k: v for k, v in thread_body(w).items() if k != "anchor"},
        "anchor",
    ),
    (
        "reply with anchor",
        "comment-list",
        None,
        lambda w: {**thread_body(w), "parent": w.thread.pk},
        "anchor",
    ),
    (
        "reply to unknown parent",
        "comment-list",
        None,
        lambda w: {"parent": 999999, "body": "x"},
        "parent",
    ),
    (
        "link unknown obligation code",
        "provision-obligations",
        "p",
        lambda w: {"obligation": "NOPE-1", "extent": "full", "rationale": "r"},
        "obligation",
    ),
    (
        "link unknown obligation id",
        "provision-obligations",
        "p",
        lambda w: {"obligation": 999999, "extent": "full", "rationale": "r"},
        "obligation",
    ),
    (
        "link bad extent",
        "provision-obligations",
        "p",
        lambda w: {"obligation": w.obligation.code, "extent": "most", "rationale": "r"},
        "extent",
    ),
    (
        "link obligation a list",
        "provision-obligations",
        "p",
        lambda w: {"obligation": [1], "extent": "full", "rationale": "r"},
        "obligation",
    ),
    (
        "unlink what is not linked",
        "provision-obligation-unlink",
        "p",
        lambda w: {"obligation": w.obligation.code},
        "obligation",
    ),
    (
        "provision unknown article",
        "provision-list",
        None,
        lambda w: {
            "bill": w.bill.pk,
            "operation": "replace_article",
            "target_article": 999999,
            "title_en": "T",
            "text_zh": "文",
        },
        "target_article",
    ),
    (
        "provision unknown bill",
        "provision-list",
        None,
        lambda w: {
            "bill": 999999,
            "operation": "replace_article",
            "target_article": w.provision.target_article_id,
            "title_en": "T",
            "text_zh": "文",
        },
        "bill",
    ),
    (
        "provision paragraphs not ints",
        "provision-list",
        None,
        lambda w: {
            "bill": w.bill.pk,
            "operation": "replace_paragraphs",
            "target_article": w.provision.target_article_id,
            "paragraphs": ["a"],
            "title_en": "T",
            "text_zh": "文",
        },
        "paragraphs",
    ),
    (
        "provision bad operation",
        "provision-list",
        None,
        lambda w: {
            "bill": w.bill.pk,
            "operation": "amend",
            "target_article": w.provision.target_article_id,
            "title_en": "T",
            "text_zh": "文",
        },
        "operation",
    ),
    (
        "provision repeal with text",
        "provision-list",
        None,
        lambda w: {
            "bill": w.bill.pk,
            "operation": "repeal_article",
            "target_article": w.provision.target_article_id,
            "title_en": "T",
            "text_zh": "文",
        },
        "text_zh",
    ),
    (
        "provision unknown proposal",
        "provision-list",
        None,
        lambda w: {
            "bill": w.bill.pk,
            "operation": "replace_article",
            "target_article": w.provision.target_article_id,
            "title_en": "T",
            "text_zh": "文",
            "proposals": ["zz"],
        },
        "proposals",
    ),
    (
        "transition to nowhere",
        "provision-transition",
        "p",
        lambda w: {"to_status": "published"},
        "to_status",
    ),
    ("changes requested without note", "provision-transition", "p", None, "note"),
    ("reorder missing one", "bill-reorder", "b", lambda w: {"order": []}, "order"),
    ("reorder not a list", "bill-reorder", "b", lambda w: {"order": "1,2"}, "order"),
    (
        "bill unknown instrument",
        "bill-list",
        None,
        lambda w: {"title_zh": "甲", "title_en": "A", "target_instrument": "NOPE"},
        "target_instrument",
    ),
]


def _url(world: World, name: str, arg: str | None) -> str:
    args = {"p": [world.provision.pk], "b": [world.bill.pk], None: []}[arg]
    return reverse(f"api:{name}", args=args)


@pytest.mark.parametrize("name,url_name,arg,body,field", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_400_with_the_field_and_changes_nothing(
    world: World, client_for, name, url_name, arg, body, field
):
    client = client_for("drafter")
    if body is None:  # changes requested: the provision must be in review first
        client.post(
            _url(world, "provision-transition", "p"), {"to_status": "in_review"}, format="json"
        )
        body = lambda w: {"to_status": "changes_requested", "note": "  "}  # noqa: E731
    before = snapshot()

    response = client.post(_url(world, url_name, arg), body(world), format="json")

    assert response.status_code == 400, response.content[:300]
    assert field in response.json(), response.json()
    assert snapshot() == before


@pytest.mark.parametrize(
    "payload",
    [b'{"base_revision": 1, "text_zh": "x"', b"not json", b'["a list"]', b"\xff\xfe", b"null"],
)
def test_malformed_json_is_400_with_a_message(world: World, client_for, payload):
    before = snapshot()
    response = client_for("drafter").post(
        reverse("api:provision-revisions", args=[world.provision.pk]),
        payload,
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()  # a message, as JSON
    assert snapshot() == before


def test_form_posts_are_refused_as_unsupported(world: World, client_for):
    response = client_for("drafter").post(
        reverse("api:provision-revisions", args=[world.provision.pk]), {"text_zh": "x"}
    )
    assert response.status_code == 415


def test_patch_with_bad_types_is_400_and_keeps_the_version(world: World, client_for):
    before = snapshot()
    response = client_for("drafter").patch(
        reverse("api:provision-detail", args=[world.provision.pk]),
        {"title_en": ["list"], "insert_count": "many", "target_article": 10**40},
        format="json",
        HTTP_IF_MATCH=etag_of(world.provision),
    )
    assert response.status_code == 400
    assert {"title_en", "insert_count", "target_article"} <= set(response.json())
    assert snapshot() == before


@pytest.mark.parametrize(
    "query",
    ["bill=abc", "bill=99999999999999999999999", "status=bogus", "page=9999", "page=x"],
)
def test_bad_list_parameters_are_4xx(world: World, client_for, query):
    response = client_for("drafter").get(reverse("api:provision-list") + "?" + query)
    assert 400 <= response.status_code < 500


def test_huge_ids_in_paths_are_404(world: World, client_for):
    client = client_for("drafter")
    assert client.get("/api/provisions/99999999999999999999999/").status_code == 404
    assert client.get("/api/provisions/999999999999999999/").status_code == 404
    assert client.get("/api/obligations/NOPE/").status_code == 404


def test_search_with_a_nul_character_is_400_with_a_message(world: World, client_for):
    response = client_for("drafter").get(reverse("api:obligation-list") + "?search=a%00b")
    assert response.status_code == 400
    assert "NUL character" in response.json()["detail"]  # drafting.nulbytes, before the view

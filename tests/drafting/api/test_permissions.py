"""The permission matrix: every API operation x every role, with the status a user would see."""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import reverse

from drafting.models import Provision
from tests.conftest import ROLES
from tests.drafting.api.conftest import World, etag_of

ANON, OUT, VIEW, REV, DRAFT, STAFF = ROLES


@pytest.fixture
def users_by_role(module_users):
    return module_users


@pytest.fixture
def world(module_world) -> World:
    return module_world


def expect(anonymous=401, outsider=200, viewer=200, reviewer=200, drafter=200, staff=200) -> dict:
    return dict(zip(ROLES, (anonymous, outsider, viewer, reviewer, drafter, staff), strict=True))


EVERYONE = expect()  # signed in: 200; anonymous: 401
PUBLIC = expect(anonymous=200)
STAFF_ONLY = lambda ok: expect(outsider=403, viewer=403, reviewer=403, drafter=403, staff=ok)  # noqa: E731
MEMBERS = expect(outsider=404, staff=404)


def drafters(ok: int) -> dict:
    return expect(outsider=404, staff=404, viewer=403, reviewer=403, drafter=ok)


def commenters(ok: int) -> dict:
    return expect(outsider=404, staff=404, viewer=403, reviewer=ok, drafter=ok)


@dataclass
class Op:
    name: str
    method: str
    url: Callable[[World], str]
    expected: dict
    body: Callable[[World], dict] | None = None
    headers: Callable[[World], dict] = field(default=lambda w: {})


# Draft detail and comparison need an issued draft: their matrix is in test_drafts.py.
MATRIX_NAMES: set[str] = {"schema", "bill-draft", "bill-drafts-compare"}


def u(name: str, *args: Callable[[World], object]) -> Callable[[World], str]:
    MATRIX_NAMES.add(name)
    return lambda w: reverse(f"api:{name}", args=[a(w) for a in args])


prov = lambda w: w.provision.pk  # noqa: E731
bill = lambda w: w.bill.pk  # noqa: E731
rev = lambda w: w.provision.current_revision_id  # noqa: E731


def new_provision(w: World) -> dict:
    return {
        "bill": w.bill.pk,
        "operation": "replace_article",
        "target_article": w.provision.target_article_id,
        "title_en": "Possession",
        "text_zh": "无正当理由持有儿童性侵害材料的，处三年以下有期徒刑。",
    }


def new_thread(w: World) -> dict:
    text = w.provision.current_revision.text_zh
    start = text.index("罚金")
    return {
        "provision": w.provision.pk,
        "revision": rev(w),
        "body": "Fine only?",
        "anchor": {"language": "zh", "exact": "罚金", "start": start, "end": start + 2},
    }


SEARCH = u("search")
PROPOSAL = {"code": "z", "title_en": "Speed up trials", "title_zh": "加快审判"}

OPS = [
    Op("instrument list", "get", u("instrument-list"), EVERYONE),
    Op("instrument detail", "get", u("instrument-detail", lambda w: w.instrument.code), EVERYONE),
    Op("article list", "get", u("article-list"), EVERYONE),
    Op(
        "article detail",
        "get",
        u("article-detail", lambda w: w.provision.target_article_id),
        EVERYONE,
    ),
    Op("obligation list", "get", u("obligation-list"), EVERYONE),
    Op("obligation detail", "get", u("obligation-detail", lambda w: w.obligation.code), EVERYONE),
    Op("jurisdiction list", "get", u("jurisdiction-list"), EVERYONE),
    Op(
        "jurisdiction detail",
        "get",
        u("jurisdiction-detail", lambda w: w.jurisdiction.code),
        EVERYONE,
    ),
    Op("proposal list", "get", u("proposal-list"), EVERYONE),
    Op("proposal detail", "get", u("proposal-detail", lambda w: w.proposal.code), EVERYONE),
    Op("proposal create", "post", u("proposal-list"), STAFF_ONLY(201), lambda w: PROPOSAL),
    Op(
        "proposal patch",
        "patch",
        u("proposal-detail", lambda w: w.proposal.code),
        STAFF_ONLY(200),
        lambda w: {"title_en": "Criminalize possession"},
    ),
    Op(
        "proposal put",
        "put",
        u("proposal-detail", lambda w: w.proposal.code),
        STAFF_ONLY(200),
        lambda w: {**PROPOSAL, "code": "d"},
    ),
    Op("bill list", "get", u("bill-list"), EVERYONE),
    Op(
        "bill create",
        "post",
        u("bill-list"),
        expect(outsider=201, viewer=201, reviewer=201, drafter=201, staff=201),
        lambda w: {"title_zh": "修正案（二）", "title_en": "Second", "target_instrument": "PRC-CL"},
    ),
    Op(
        "bill import",
        "post",
        u("bill-import-text"),
        expect(outsider=201, viewer=201, reviewer=201, drafter=201, staff=201),
        lambda w: {
            "text": f"修正案（三）\n\n一、将刑法{w.provision.target_article.citation}修改为：“甲。”",
            "target_instrument": "PRC-CL",
        },
    ),
    Op("bill detail", "get", u("bill-detail", bill), MEMBERS),
    Op("bill members", "get", u("bill-members", bill), MEMBERS),
    Op("bill impact", "get", u("bill-impact", bill), MEMBERS),
    Op("bill instruction check", "get", u("bill-instruction-check", bill), MEMBERS),
    Op("bill coverage", "get", u("bill-coverage", bill), MEMBERS),
    Op(
        "bill patch",
        "patch",
        u("bill-detail", bill),
        drafters(200),
        lambda w: {"title_en": "Renamed"},
        headers=lambda w: {"HTTP_IF_MATCH": f'"{w.bill.pk}-{w.bill.version}"'},
    ),
    Op(
        "bill transition",
        "post",
        u("bill-transition", bill),
        drafters(200),
        lambda w: {"to_status": "consultation"},
    ),
    Op(
        "bill member add",
        "post",
        u("bill-members", bill),
        drafters(201),
        lambda w: {"username": "staff1", "role": "viewer"},
    ),
    Op(
        "bill member role",
        "patch",
        u("bill-member", bill, lambda w: w.bill.memberships.get(role="viewer").user_id),
        drafters(200),
        lambda w: {"role": "reviewer"},
    ),
    Op(
        "bill member remove",
        "delete",
        u("bill-member", bill, lambda w: w.bill.memberships.get(role="viewer").user_id),
        drafters(204),
    ),
    Op(
        "bill reorder",
        "post",
        u("bill-reorder", bill),
        drafters(200),
        lambda w: {"order": [prov(w)]},
    ),
    Op("provision list", "get", u("provision-list"), EVERYONE),
    Op(
        "provision create",
        "post",
        u("provision-list"),
        expect(outsider=400, staff=400, viewer=403, reviewer=403, drafter=201),
        new_provision,
    ),
    Op("provision detail", "get", u("provision-detail", prov), MEMBERS),
    Op(
        "provision patch",
        "patch",
        u("provision-detail", prov),
        drafters(200),
        lambda w: {"title_en": "Renamed"},
        lambda w: {"HTTP_IF_MATCH": etag_of(w.provision)},
    ),
    Op(
        "provision put",
        "put",
        u("provision-detail", prov),
        drafters(200),
        lambda w: {
            "title_en": "Renamed",
            "operation": "replace_article",
            "target_article": w.provision.target_article_id,
        },
        lambda w: {"HTTP_IF_MATCH": etag_of(w.provision)},
    ),
    Op(
        "provision delete (not offered)",
        "delete",
        u("provision-detail", prov),
        expect(outsider=405, viewer=405, reviewer=405, drafter=405, staff=405),
        headers=lambda w: {"HTTP_IF_MATCH": etag_of(w.provision)},
    ),
    Op(
        "provision transition",
        "post",
        u("provision-transition", prov),
        drafters(200),
        lambda w: {"to_status": "in_review"},
    ),
    Op("revision list", "get", u("provision-revisions", prov), MEMBERS),
    Op(
        "revision create",
        "post",
        u("provision-revisions", prov),
        drafters(201),
        lambda w: {"base_revision": rev(w), "text_zh": "新的条文。", "note": "tighter"},
    ),
    Op("link list", "get", u("provision-obligations", prov), MEMBERS),
    Op(
        "link create",
        "post",
        u("provision-obligations", prov),
        drafters(201),
        lambda w: {"obligation": "OPSC-3-1-c", "extent": "partial", "rationale": "Part of it."},
    ),
    Op(
        "link remove (POST)",
        "post",
        u("provision-obligation-unlink", prov),
        drafters(200),
        lambda w: {"obligation": w.linked.pk},
    ),
    Op(
        "link remove (DELETE)",
        "delete",
        u("provision-obligation-unlink-by-code", prov, lambda w: w.linked.code),
        drafters(204),
    ),
    # The link is the drafter's own: a reviewer reviews it; its author is refused (400).
    Op(
        "link agree",
        "post",
        u("provision-obligation-agree", prov),
        expect(outsider=404, staff=404, viewer=403, reviewer=200, drafter=400),
        lambda w: {"obligation": w.linked.code},
    ),
    Op(
        "link dispute",
        "post",
        u("provision-obligation-dispute", prov),
        expect(outsider=404, staff=404, viewer=403, reviewer=200, drafter=400),
        lambda w: {"obligation": w.linked.code, "note": "Not this one."},
    ),
    Op("comment list", "get", u("comment-list"), EVERYONE),
    Op("comment detail", "get", u("comment-detail", lambda w: w.thread.pk), MEMBERS),
    Op(
        "comment create",
        "post",
        u("comment-list"),
        expect(outsider=400, staff=400, viewer=403, reviewer=201, drafter=201),
        new_thread,
    ),
    Op(
        "comment reply",
        "post",
        u("comment-list"),
        expect(outsider=400, staff=400, viewer=403, reviewer=201, drafter=201),
        lambda w: {"parent": w.thread.pk, "body": "Agreed."},
    ),
    Op("comment resolve", "post", u("comment-resolve", lambda w: w.thread.pk), commenters(200)),
    Op("comment reopen", "post", u("comment-reopen", lambda w: w.resolved.pk), commenters(200)),
    Op("suggestion accept", "post", u("comment-accept", lambda w: w.suggestion.pk), drafters(200)),
    Op("suggestion reject", "post", u("comment-reject", lambda w: w.suggestion.pk), drafters(200)),
    Op("draft list", "get", u("bill-drafts", bill), MEMBERS),
    Op(
        "draft issue",
        "post",
        u("bill-drafts", bill),
        drafters(201),
        lambda w: {"kind": "other", "label": "专家稿"},
    ),
    Op("dispositions", "get", u("bill-dispositions", bill), MEMBERS),
    Op(
        "disposition set",
        "put",
        u("comment-disposition", lambda w: w.thread.pk),
        drafters(200),
        lambda w: {"kind": "later", "reason": "另行研究。"},
    ),
    Op("statement", "get", u("bill-statement", bill), MEMBERS),
    Op(
        "statement edit",
        "patch",
        u("bill-statement", bill),
        drafters(200),
        lambda w: {"section": "feasibility", "language": "zh", "text": "可行。"},
        lambda w: {"HTTP_IF_MATCH": f'"statement-{w.bill.pk}-0-0"'},
    ),
    Op("search", "get", lambda w: SEARCH(w) + "?q=罚金", EVERYONE),  # issue 15
    Op("schema", "get", lambda w: reverse("api:schema") + "?format=json", PUBLIC),
    Op("docs", "get", u("docs"), PUBLIC),
    Op("token revoke", "post", u("token-revoke"), expect(*(204,) * 6) | {ANON: 401}),
    Op("token revoke all", "post", u("token-revoke-all"), expect(*(204,) * 6) | {ANON: 401}),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("op", OPS, ids=[op.name for op in OPS])
def test_permission_matrix(op: Op, role: str, world: World, client_for):
    client = client_for(role)
    kwargs = op.headers(world)
    if op.body is not None:
        kwargs.update(data=op.body(world), format="json")
    response = getattr(client, op.method)(op.url(world), **kwargs)
    assert response.status_code == op.expected[role], response.content[:300]


def test_every_route_is_in_the_matrix():
    """A new endpoint without a row in the matrix fails here."""
    from drafting.api.urls import router, urlpatterns

    names = {getattr(p, "name", None) for p in urlpatterns} | {p.name for p in router.urls}
    assert names - MATRIX_NAMES - {None, "token", "not-found"} == set()


def test_outsider_list_shows_nothing_of_the_bill(world: World, client_for):
    client = client_for(OUT)
    for name in ("bill-list", "provision-list", "comment-list"):
        assert client.get(reverse(f"api:{name}")).json()["count"] == 0
    member = client_for(VIEW)
    assert member.get(reverse("api:provision-list")).json()["count"] == 1
    assert Provision.objects.count() == 1

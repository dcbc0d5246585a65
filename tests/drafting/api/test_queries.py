"""Every list answers in the same number of SQL queries for 3 rows as for 30."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from drafting import services
from drafting.models import Revision
from drafting.text.anchoring import Anchor
from proposals.models import ProposalTarget
from tests.drafting.api.conftest import token_client
from tests.factories import (
    ArticleFactory,
    BillFactory,
    InstrumentFactory,
    JurisdictionFactory,
    MembershipFactory,
    ObligationFactory,
    ProposalFactory,
    ProvisionFactory,
    UserFactory,
)


def add_instruments(ctx, n):
    for _ in range(n):
        ObligationFactory(instrument=InstrumentFactory(jurisdiction=JurisdictionFactory()))


def add_articles(ctx, n):
    ArticleFactory.create_batch(n)


def add_obligations(ctx, n):
    for _ in range(n):
        ObligationFactory(article=ArticleFactory())


def add_jurisdictions(ctx, n):
    JurisdictionFactory.create_batch(n)


def add_proposals(ctx, n):
    for _ in range(n):
        proposal = ProposalFactory()
        ProposalTarget.objects.create(proposal=proposal, obligation=ObligationFactory())


def add_bills(ctx, n):
    for _ in range(n):
        ProvisionFactory(bill=BillFactory(created_by=ctx["drafter"]))


def add_members(ctx, n):
    for _ in range(n):
        MembershipFactory(bill=ctx["bill"], user=UserFactory())


def add_provisions(ctx, n):
    for _ in range(n):
        provision = ProvisionFactory(bill=ctx["bill"])
        provision.proposals.add(ProposalFactory())


def add_revisions(ctx, n):
    provision = ctx["provision"]
    last = ctx.get("last_revision") or provision.current_revision
    for _ in range(n):
        last = Revision.objects.create(
            provision=provision,
            number=last.number + 1,
            base=last,
            text_zh="新条文。",
            author=ctx["drafter"],
        )
    ctx["last_revision"] = last


def add_links(ctx, n):
    for _ in range(n):
        services.obligation_link(
            actor=ctx["drafter"],
            provision=ctx["provision"],
            obligation=ObligationFactory(),
            extent="full",
            rationale="Covers it.",
        )


def add_comments(ctx, n):
    revision = ctx["provision"].current_revision
    for _ in range(n):
        thread = services.comment_create(
            actor=ctx["drafter"],
            provision=ctx["provision"],
            revision=revision,
            body="Why *five*?",
            anchor=Anchor.locate(revision.text_zh, "五年", language="zh"),
        )
        services.comment_reply(actor=ctx["drafter"], parent=thread, body="Because.")


LISTS = [
    ("instrument-list", None, add_instruments),
    ("article-list", None, add_articles),
    ("obligation-list", None, add_obligations),
    ("jurisdiction-list", None, add_jurisdictions),
    ("proposal-list", None, add_proposals),
    ("bill-list", None, add_bills),
    ("bill-members", "bill", add_members),
    ("provision-list", None, add_provisions),
    ("provision-revisions", "provision", add_revisions),
    ("provision-obligations", "provision", add_links),
    ("comment-list", None, add_comments),
]


@pytest.mark.parametrize("name,arg,add", LISTS, ids=[item[0] for item in LISTS])
def test_list_queries_do_not_grow_with_rows(
    name, arg, add, bill, drafter, django_assert_num_queries
):
    ctx = {"bill": bill, "drafter": drafter, "provision": ProvisionFactory(bill=bill)}
    url = reverse(f"api:{name}", args=[ctx[arg].pk] if arg else [])
    client = token_client(drafter)
    add(ctx, 3)
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    assert response.status_code == 200
    add(ctx, 27)

    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)

    assert response.status_code == 200
    assert response.json()["count"] >= 30

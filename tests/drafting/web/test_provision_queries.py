"""The provision page and the edit page cost as many queries for 3 threads and revisions as for 30,
and as many in a bill of 30 more provisions.

The provisions are seeded once for the module (seeding 30 takes a second): each test reads them
afresh and its own writes (the placements its views store) roll back.
"""

from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from drafting import services
from drafting.models import Provision, Role
from tests.conftest import shared_logins, shared_roles
from tests.drafting.web.provision_pages import (
    client_for,
    comment_on,
    count_queries,
    edit_post,
    edit_url,
    page,
)
from tests.factories import BillFactory, MembershipFactory, ProvisionFactory

pytestmark = pytest.mark.django_db

bill, drafter, reviewer, viewer, outsider, staff, users_by_role = shared_roles()
reuse_logins = shared_logins()


def seed(provision, reviewer, drafter, n: int) -> None:
    """n threads (some with replies, some on older revisions) and n more revisions."""
    for i in range(n):
        thread = comment_on(provision, reviewer, body=f"Remark {i}")
        services.comment_reply(actor=drafter, parent=thread, body=f"Answer {i}")
        services.revision_create(
            actor=drafter,
            provision=provision,
            base_revision=provision.current_revision,
            text_zh=f"制作、传播儿童性侵害材料的，处五年以下有期徒刑，并处罚金。（修改{i}）",
            text_en=f"Whoever produces such material shall be sentenced (change {i}).",
        )
        provision.refresh_from_db()


@pytest.fixture(scope="module")
def seeded(module_rows, django_db_blocker) -> SimpleNamespace:
    """In the module's bill a provision seeded 3 times (small) and one seeded 30 times (large);
    in a second bill of the same drafter and reviewer, a provision seeded 3 times (crowded) among
    30 provisions seeded once each."""
    drafter, reviewer = module_rows["drafter"], module_rows["reviewer"]
    with django_db_blocker.unblock():
        small = ProvisionFactory(bill=module_rows["bill"])
        large = ProvisionFactory(bill=module_rows["bill"])
        seed(small, reviewer, drafter, 3)
        seed(large, reviewer, drafter, 30)
        other = BillFactory(created_by=drafter)
        MembershipFactory(bill=other, user=reviewer, role=Role.REVIEWER)
        crowded = ProvisionFactory(bill=other)
        seed(crowded, reviewer, drafter, 3)
        for _ in range(30):
            seed(ProvisionFactory(bill=other), reviewer, drafter, 1)
    return SimpleNamespace(small=small.pk, large=large.pk, crowded=crowded.pk)


@pytest.fixture
def small(seeded, db) -> Provision:
    return Provision.objects.get(pk=seeded.small)


@pytest.fixture
def large(seeded, db) -> Provision:
    return Provision.objects.get(pk=seeded.large)


@pytest.fixture
def crowded(seeded, db) -> Provision:
    return Provision.objects.get(pk=seeded.crowded)


def test_page_queries_do_not_grow_with_comments_or_revisions(reviewer, small, large):
    """A provision of 30 threads and revisions costs what one of 3 costs."""
    client = client_for(reviewer)
    client.get(page(small))  # warm the session and store the placements of older threads
    client.get(page(large))
    assert count_queries(client, page(small)) == count_queries(client, page(large))


def test_page_query_count_is_small(reviewer, small, django_assert_max_num_queries):
    """A page built afresh (older threads placed already) costs at most 16 queries."""
    client = client_for(reviewer)
    client.get(page(small))  # the first view stores where older threads stand now
    cache.clear()  # build the page again rather than serve its cached body
    # 10, the article history, the law, the item, the stored placements and the page's state
    with django_assert_max_num_queries(16):
        client.get(page(small))


def test_page_queries_do_not_grow_with_the_bills_provisions(reviewer, small, crowded):
    """A provision among 30 more of its bill costs what the same provision costs in a bill of
    two."""
    assert crowded.bill.provisions.count() == 31
    client = client_for(reviewer)
    client.get(page(small))
    client.get(page(crowded))
    assert count_queries(client, page(crowded)) == count_queries(client, page(small))


def test_edit_and_conflict_pages_do_not_grow_with_revisions(drafter, small, large):
    """The edit page and the conflict page of 30 revisions cost what those of 3 cost."""
    client = client_for(drafter)
    client.get(edit_url(small))
    assert count_queries(client, edit_url(small)) == count_queries(client, edit_url(large))

    def conflict_queries(provision) -> int:
        stale = provision.revisions.order_by("number").first()
        with CaptureQueriesContext(connection) as queries:
            response = client.post(edit_url(provision), edit_post(stale, "过时的改写。"))
        assert response.status_code == 409
        return len(queries)

    assert conflict_queries(small) == conflict_queries(large)


def test_older_threads_are_reanchored_once_and_then_read_back(reviewer, small, monkeypatch):
    """The first view places older threads on the current text and stores it; the next reads it."""
    from drafting.models import CommentPlacement
    from drafting.services import placements

    provision = small
    calls = []
    real = placements.reanchor_many
    monkeypatch.setattr(
        placements, "reanchor_many", lambda anchors, text: calls.append(1) or real(anchors, text)
    )
    client = client_for(reviewer)
    first = client.get(page(provision)).content
    stored = CommentPlacement.objects.filter(revision=provision.current_revision).count()
    assert (
        calls
        and stored
        == provision.comments.filter(parent=None)
        .exclude(revision=provision.current_revision)
        .count()
    )
    calls.clear()
    assert client.get(page(provision)).content.count(b"comment-mark") == first.count(
        b"comment-mark"
    )
    assert not calls  # read back, not recomputed

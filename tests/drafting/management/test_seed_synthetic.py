"""`manage.py seed_synthetic`: consistent synthetic bills for benchmarks."""

from io import StringIO
from itertools import pairwise

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from drafting.management.synthetic import LAW_ARTICLES
from drafting.management.synthetic_reference import LAW_CODE, TREATY_CODE
from drafting.models import (
    Bill,
    Comment,
    Membership,
    Provision,
    ProvisionObligation,
    ReviewEvent,
    Revision,
    Role,
)
from drafting.text.anchoring import Anchor
from proposals.models import Article, Assessment, Instrument, Obligation

pytestmark = pytest.mark.django_db

SMALL = [
    "--obligations=20",
    "--provisions=12",
    "--bills=2",
    "--revisions-per-provision=3",
    "--comments-per-provision=2",
    "--seed=7",
]


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_synthetic", *args, stdout=out)
    return out.getvalue()


def test_counts():
    output = seed(*SMALL)
    assert "20 obligations, 2 bills, 12 provisions, 36 revisions, 24 comments" in output
    assert "24 obligation links" in output
    treaty = Instrument.objects.get(code=TREATY_CODE)
    assert treaty.china_status == Instrument.ChinaStatus.PARTY
    assert Obligation.objects.filter(instrument=treaty).count() == 20
    assert Obligation.objects.filter(code="SYN-0001").exists()
    assert Obligation.objects.filter(code="SYN-0020").exists()
    assert (
        Assessment.objects.filter(jurisdiction__code="CN", obligation__instrument=treaty).count()
        == 20
    )
    assert Bill.objects.filter(target_instrument__code=LAW_CODE).count() == 2
    assert Provision.objects.count() == 12
    assert Revision.objects.count() == 36
    assert Comment.objects.count() == 24
    assert ProvisionObligation.objects.active().count() == 24
    for bill in Bill.objects.all():
        assert sorted(bill.provisions.values_list("position", flat=True)) == [1, 2, 3, 4, 5, 6]


def test_comment_anchors_match_their_revision_text():
    seed(*SMALL)
    for comment in Comment.objects.select_related("revision"):
        text = (
            comment.revision.text_zh
            if comment.anchor_language == "zh"
            else comment.revision.text_en
        )
        assert text[comment.anchor_start : comment.anchor_end] == comment.anchor_exact
        Anchor(
            language=comment.anchor_language,
            exact=comment.anchor_exact,
            prefix=comment.anchor_prefix,
            suffix=comment.anchor_suffix,
            start=comment.anchor_start,
            end=comment.anchor_end,
        ).check(text)
        assert comment.revision.provision_id == comment.provision_id
        assert comment.parent_id is None


def test_current_revision_is_the_latest_and_numbers_run_from_one():
    seed(*SMALL)
    for provision in Provision.objects.select_related("current_revision"):
        revisions = list(provision.revisions.order_by("number"))
        assert [r.number for r in revisions] == [1, 2, 3]
        assert provision.current_revision == revisions[-1]
        assert provision.version == 3
        assert [r.base_id for r in revisions] == [None, revisions[0].pk, revisions[1].pk]
        # Each revision changes one element of the text before it.
        assert all(a.text_zh != b.text_zh for a, b in pairwise(revisions))


def test_provisions_fit_their_target_articles():
    seed(*SMALL)
    for provision in Provision.objects.select_related("target_article__instrument"):
        assert provision.target_article.instrument.code == LAW_CODE
        existing = provision.target_article.paragraphs.count()
        if provision.operation == Provision.Operation.REPLACE_PARAGRAPHS:
            assert 1 <= provision.paragraphs[0] <= existing
        elif provision.operation == Provision.Operation.INSERT_PARAGRAPH:
            assert provision.paragraphs == [existing + 1]
        else:
            assert provision.paragraphs == []
        events = list(provision.events.order_by("pk").values_list("to_status", flat=True))
        assert (events[-1] if events else Provision.Status.DRAFT) == provision.status


def test_demo_users_are_members_with_their_roles():
    User = get_user_model()
    existing = User.objects.create_user("reviewer", password="kept password 123")
    seed(*SMALL)
    for bill in Bill.objects.all():
        roles = dict(bill.memberships.values_list("user__username", "role"))
        assert roles == {"drafter": Role.DRAFTER, "reviewer": Role.REVIEWER, "viewer": Role.VIEWER}
    assert not User.objects.get(username="drafter").has_usable_password()
    existing.refresh_from_db()
    assert existing.check_password("kept password 123")
    assert Membership.objects.count() == 6


def test_second_run_reuses_reference_data_and_adds_bills():
    seed(*SMALL)
    seed("--obligations=25", "--provisions=4", "--seed=8")
    assert Obligation.objects.filter(instrument__code=TREATY_CODE).count() == 25
    assert Assessment.objects.count() == 25
    assert Bill.objects.count() == 3
    assert Provision.objects.count() == 16
    assert Article.objects.filter(instrument__code=LAW_CODE).count() == LAW_ARTICLES
    assert not ReviewEvent.objects.exclude(provision__bill__target_instrument__code=LAW_CODE)


def test_rejects_impossible_sizes():
    with pytest.raises(CommandError):
        seed("--bills=0")
    with pytest.raises(CommandError):
        seed("--revisions-per-provision=0")

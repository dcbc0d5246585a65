"""The invariants in Meta.constraints hold in the database itself, whatever code writes."""

from django.db import IntegrityError, transaction

from drafting.models import Comment, Membership, Provision, ProvisionObligation, Revision, Role
from proposals.models import Assessment, Obligation, Paragraph
from tests.factories import (
    ArticleFactory,
    AssessmentFactory,
    InstrumentFactory,
    ObligationFactory,
    ProvisionFactory,
    UserFactory,
)


def refused(write) -> bool:
    try:
        with transaction.atomic():
            write()
    except IntegrityError:
        return True
    return False


def test_membership_is_unique_and_roles_are_known(bill, drafter):
    assert refused(lambda: Membership.objects.create(bill=bill, user=drafter, role=Role.VIEWER))
    assert refused(lambda: Membership.objects.create(bill=bill, user=UserFactory(), role="owner"))


def test_provision_invariants(bill):
    provision = ProvisionFactory(bill=bill)
    updates = [
        {"position": ProvisionFactory(bill=bill).position},
        {"operation": "rewrite"},
        {"status": "published"},
        {"version": 0},
        {"insert_count": 0},
        {"restate_article": True},
    ]
    for values in updates:
        assert refused(lambda v=values: Provision.objects.filter(pk=provision.pk).update(**v)), (
            values
        )


def test_revision_numbers_are_unique_and_positive(provision):
    def add(number):
        return Revision.objects.create(
            provision=provision, number=number, text_zh="条文。", author=provision.bill.created_by
        )

    assert refused(lambda: add(provision.current_revision.number))
    assert refused(lambda: add(0))


def test_obligation_link_extent_and_removal_are_complete(provision, drafter):
    obligation = ObligationFactory()

    def link(**values):
        fields = {
            "provision": provision,
            "obligation": obligation,
            "rationale": "x",
            "created_by": drafter,
        }
        return ProvisionObligation.objects.create(**{**fields, **values})

    assert refused(lambda: link(extent="most"))
    from django.utils import timezone

    assert refused(lambda: link(extent="full", removed_at=timezone.now()))


def test_comment_invariants(provision, reviewer):
    revision = provision.current_revision

    def comment(**values):
        fields = {
            "provision": provision,
            "revision": revision,
            "author": reviewer,
            "body": "x",
            "anchor_language": "zh",
            "anchor_exact": "传播",
            "anchor_start": 2,
            "anchor_end": 4,
        }
        return Comment.objects.create(**{**fields, **values})

    thread = comment()
    assert refused(lambda: comment(anchor_start=4, anchor_end=4))
    assert refused(lambda: comment(parent=thread))
    assert refused(lambda: comment(status="accepted", suggestion="散布"))
    assert refused(lambda: comment(status="rejected"))
    assert refused(lambda: comment(status="archived"))


def test_reference_invariants(db):
    article = ArticleFactory()
    assert refused(
        lambda: type(article).objects.create(instrument=article.instrument, number=article.number)
    )
    assert refused(lambda: Paragraph.objects.create(article=article, number=1, text_zh="重复"))
    assert refused(lambda: Paragraph.objects.create(article=article, number=0, text_zh="零"))
    assessment = AssessmentFactory()
    assert refused(
        lambda: Assessment.objects.create(
            jurisdiction=assessment.jurisdiction, obligation=assessment.obligation, level="none"
        )
    )
    assert refused(lambda: Assessment.objects.filter(pk=assessment.pk).update(level="some"))
    treaty = InstrumentFactory()
    assert refused(
        lambda: Obligation.objects.create(
            code="REC-1",
            instrument=treaty,
            article_ref="art. 1",
            statement_en="x",
            kind="prevention",
            strength="recommended",
            binding_on_china=True,
        )
    )

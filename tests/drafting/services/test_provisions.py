"""The write rules of drafting.services for provisions: creating, updating, ordering, revising
and moving them through review, and every error they give."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from drafting import services
from drafting.models import ImmutableRevisionError, Provision, ReviewEvent, Revision, Role
from tests.conftest import shared_roles
from tests.drafting.services.conftest import make_provision
from tests.factories import ArticleFactory, InstrumentFactory, ProposalFactory

Op = Provision.Operation
Status = Provision.Status

bill, drafter, reviewer, viewer, outsider, staff, users_by_role = shared_roles()


# --- provisions -----------------------------------------------------------------------------


def test_provision_create_writes_revision_one(bill, drafter):
    proposal = ProposalFactory()
    provision = make_provision(bill, drafter, proposals=[proposal], note="First draft.")
    assert provision.position == 1
    assert provision.current_revision.number == 1
    assert provision.current_revision.author == drafter
    assert list(provision.proposals.all()) == [proposal]


def test_provision_create_at_a_position_shifts_the_others(bill, drafter):
    first = make_provision(bill, drafter)
    second = make_provision(bill, drafter)
    inserted = make_provision(bill, drafter, position=1)
    positions = dict(bill.provisions.values_list("pk", "position"))
    assert positions == {inserted.pk: 1, first.pk: 2, second.pk: 3}


@pytest.mark.parametrize("role", ["reviewer", "viewer", "outsider"])
def test_only_drafters_create_provisions(bill, role, request):
    with pytest.raises(PermissionDenied):
        make_provision(bill, request.getfixturevalue(role))
    assert not Provision.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"operation": "rewrite_everything"}, "operation"),
        ({"operation": Op.REPLACE_PARAGRAPHS, "paragraphs": [3]}, "paragraphs"),
        ({"operation": Op.REPLACE_PARAGRAPHS, "paragraphs": []}, "paragraphs"),
        ({"operation": Op.REPLACE_PARAGRAPHS, "paragraphs": [1, 1]}, "paragraphs"),
        ({"operation": Op.INSERT_PARAGRAPH, "paragraphs": [4]}, "paragraphs"),
        ({"operation": Op.REPLACE_ARTICLE, "paragraphs": [1]}, "paragraphs"),
        ({"operation": Op.REPLACE_PARAGRAPHS, "paragraphs": ["2"]}, "paragraphs"),
        ({"restate_article": True}, "restate_article"),
        ({"insert_count": 2}, "insert_count"),
        ({"operation": Op.REPEAL_ARTICLE}, "text_zh"),
        ({"text_zh": "   "}, "text_zh"),
        ({"text_zh": "字" * 200_001}, "text_zh"),
        ({"note": "n" * 2001}, "note"),
    ],
)
def test_provision_create_refuses_bad_operations(bill, drafter, overrides, field):
    with pytest.raises(ValidationError) as error:
        make_provision(bill, drafter, **overrides)
    assert field in error.value.message_dict
    assert not Provision.objects.exists()


def test_repeal_needs_no_text_and_insert_paragraph_may_restate(bill, drafter):
    repeal = make_provision(
        bill, drafter, operation=Op.REPEAL_PARAGRAPHS, paragraphs=[2], text_zh="", text_en=""
    )
    assert repeal.current_revision.text_zh == ""
    restated = make_provision(
        bill, drafter, operation=Op.INSERT_PARAGRAPH, paragraphs=[3], restate_article=True
    )
    assert restated.restate_article


def test_target_article_must_belong_to_the_amended_law(bill, drafter):
    foreign = ArticleFactory(instrument=InstrumentFactory())
    with pytest.raises(ValidationError) as error:
        make_provision(bill, drafter, target_article=foreign)
    assert "target_article" in error.value.message_dict


def test_inserting_articles_refuses_numbers_that_exist(bill, drafter):
    law = bill.target_instrument
    base = ArticleFactory(instrument=law, number=287)
    ArticleFactory(instrument=law, number=287, sub=1)
    with pytest.raises(ValidationError, match="之一"):
        make_provision(bill, drafter, operation=Op.INSERT_ARTICLES, target_article=base)
    after_last = ArticleFactory(instrument=law, number=287, sub=2)
    provision = make_provision(
        bill, drafter, operation=Op.INSERT_ARTICLES, target_article=after_last
    )
    assert provision.insert_count == 1


def test_provision_update_is_one_conditional_update_on_the_version(bill, drafter):
    provision = make_provision(bill, drafter)
    updated = services.provision_update(
        actor=drafter, provision=provision, expected_version=1, title_en="Possession offence"
    )
    assert updated.version == 2
    with pytest.raises(services.StaleVersionError) as error:
        services.provision_update(
            actor=drafter, provision=provision, expected_version=1, title_en="Lost update"
        )
    assert error.value.current_version == 2
    assert Provision.objects.get(pk=provision.pk).title_en == "Possession offence"


def test_provision_update_refuses_unknown_fields_and_other_roles(bill, drafter, reviewer):
    provision = make_provision(bill, drafter)
    with pytest.raises(ValidationError):
        services.provision_update(actor=drafter, provision=provision, status="approved")
    with pytest.raises(PermissionDenied):
        services.provision_update(actor=reviewer, provision=provision, title_en="x")


def test_provision_reorder(bill, drafter):
    a, b, c = (make_provision(bill, drafter) for _ in range(3))
    services.provision_reorder(actor=drafter, bill=bill, order=[c.pk, a.pk, b.pk])
    assert list(bill.provisions.order_by("position").values_list("pk", flat=True)) == [
        c.pk,
        a.pk,
        b.pk,
    ]
    with pytest.raises(ValidationError):
        services.provision_reorder(actor=drafter, bill=bill, order=[c.pk, a.pk])
    with pytest.raises(ValidationError):
        services.provision_reorder(actor=drafter, bill=bill, order=[c.pk, a.pk, a.pk])


# --- revisions ------------------------------------------------------------------------------


def test_revision_create_on_the_current_base(bill, drafter):
    provision = make_provision(bill, drafter)
    first = provision.current_revision
    second = services.revision_create(
        actor=drafter,
        provision=provision,
        base_revision=first,
        text_zh="新的条文。",
        text_en="New.",
        note="Shorter.",
    )
    provision.refresh_from_db()
    assert (second.number, second.base, provision.current_revision) == (2, first, second)
    assert provision.version == 2


def test_revision_create_refuses_a_stale_base_and_keeps_the_newer_text(bill, drafter):
    provision = make_provision(bill, drafter)
    base = provision.current_revision
    winner = services.revision_create(
        actor=drafter, provision=provision, base_revision=base, text_zh="甲稿。", text_en="A."
    )
    with pytest.raises(services.StaleRevisionError) as error:
        services.revision_create(
            actor=drafter, provision=provision, base_revision=base, text_zh="乙稿。", text_en="B."
        )
    assert error.value.current == winner
    assert provision.revisions.count() == 2
    assert Provision.objects.get(pk=provision.pk).current_revision == winner


def test_revision_create_refuses_other_roles_foreign_bases_and_withdrawn(bill, drafter, reviewer):
    provision = make_provision(bill, drafter)
    other = make_provision(bill, drafter)
    with pytest.raises(PermissionDenied):
        services.revision_create(
            actor=reviewer,
            provision=provision,
            base_revision=provision.current_revision,
            text_zh="改。",
            text_en="",
        )
    with pytest.raises(ValidationError):
        services.revision_create(
            actor=drafter,
            provision=provision,
            base_revision=other.current_revision,
            text_zh="改。",
            text_en="",
        )
    services.provision_transition(actor=drafter, provision=provision, to_status=Status.WITHDRAWN)
    with pytest.raises(ValidationError, match="withdrawn"):
        services.revision_create(
            actor=drafter,
            provision=provision,
            base_revision=provision.current_revision,
            text_zh="改。",
            text_en="",
        )
    assert provision.revisions.count() == 1


def test_revisions_are_immutable(provision):
    revision = provision.current_revision
    revision.text_zh = "篡改"
    with pytest.raises(ImmutableRevisionError):
        revision.save()
    with pytest.raises(ImmutableRevisionError):
        revision.delete()
    with pytest.raises(ImmutableRevisionError):
        Revision.objects.filter(pk=revision.pk).update(text_zh="篡改")
    with pytest.raises(ImmutableRevisionError):
        Revision.objects.filter(pk=revision.pk).delete()
    assert Revision.objects.get(pk=revision.pk).text_zh != "篡改"


def test_a_revision_after_approval_goes_back_to_review(bill, drafter, reviewer):
    provision = make_provision(bill, drafter)
    services.provision_transition(actor=drafter, provision=provision, to_status=Status.IN_REVIEW)
    services.provision_transition(actor=reviewer, provision=provision, to_status=Status.APPROVED)
    services.revision_create(
        actor=drafter,
        provision=provision,
        base_revision=provision.current_revision,
        text_zh="再改。",
        text_en="",
    )
    provision.refresh_from_db()
    assert provision.status == Status.IN_REVIEW
    assert provision.events.last().from_status == Status.APPROVED


# --- workflow -------------------------------------------------------------------------------


def test_workflow_round_trip_writes_events(bill, drafter, reviewer):
    provision = make_provision(bill, drafter)
    steps = [
        (drafter, Status.IN_REVIEW, ""),
        (reviewer, Status.CHANGES_REQUESTED, "Define the age."),
        (drafter, Status.IN_REVIEW, ""),
        (reviewer, Status.APPROVED, ""),
        (drafter, Status.WITHDRAWN, ""),
        (drafter, Status.DRAFT, ""),
    ]
    for actor, to_status, note in steps:
        services.provision_transition(
            actor=actor, provision=provision, to_status=to_status, note=note
        )
    events = list(
        ReviewEvent.objects.filter(provision=provision).values_list("from_status", "to_status")
    )
    assert events[0] == (Status.DRAFT, Status.IN_REVIEW)
    assert [to for _, to in events] == [step[1] for step in steps]
    provision.refresh_from_db()
    assert provision.status == Status.DRAFT


def test_workflow_refusals(bill, drafter, reviewer, viewer, outsider):
    provision = make_provision(bill, drafter)
    with pytest.raises(services.TransitionError):
        services.provision_transition(actor=drafter, provision=provision, to_status=Status.APPROVED)
    with pytest.raises(services.TransitionError):
        services.provision_transition(actor=drafter, provision=provision, to_status="published")
    with pytest.raises(PermissionDenied):
        services.provision_transition(
            actor=reviewer, provision=provision, to_status=Status.IN_REVIEW
        )
    for user in (viewer, outsider):
        with pytest.raises(PermissionDenied):
            services.provision_transition(
                actor=user, provision=provision, to_status=Status.IN_REVIEW
            )
    services.provision_transition(actor=drafter, provision=provision, to_status=Status.IN_REVIEW)
    with pytest.raises(ValidationError) as error:
        services.provision_transition(
            actor=reviewer, provision=provision, to_status=Status.CHANGES_REQUESTED
        )
    assert "note" in error.value.message_dict
    assert ReviewEvent.objects.count() == 1


def test_allowed_transitions_depend_on_role(bill, drafter):
    provision = make_provision(bill, drafter)
    assert [
        t.to_status for t in services.allowed_transitions(provision=provision, role=Role.DRAFTER)
    ] == [
        Status.IN_REVIEW,
        Status.WITHDRAWN,
    ]
    assert services.allowed_transitions(provision=provision, role=Role.VIEWER) == []


def test_scope_names_what_an_item_touches(bill, drafter):
    law = bill.target_instrument
    article = ArticleFactory(instrument=law, number=364)
    insert = make_provision(
        bill, drafter, operation=Op.INSERT_ARTICLES, target_article=article, insert_count=2
    )
    assert insert.new_article_labels == ["第三百六十四条之一", "第三百六十四条之二"]
    assert insert.scope_zh == "第三百六十四条之一、第三百六十四条之二（在第三百六十四条后增加）"
    paragraph = make_provision(
        bill, drafter, operation=Op.REPLACE_PARAGRAPHS, target_article=article, paragraphs=[2]
    )
    assert paragraph.scope_zh == "第三百六十四条第二款"
    assert make_provision(bill, drafter, target_article=article).scope_zh == "第三百六十四条"

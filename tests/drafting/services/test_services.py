"""Every write rule of drafting.services, and every error it gives."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from drafting import services
from drafting.models import (
    Comment,
    ImmutableRevisionError,
    Membership,
    Provision,
    ProvisionObligation,
    ReviewEvent,
    Revision,
    Role,
)
from drafting.text.anchoring import Anchor
from tests.conftest import make_roles, module_transaction
from tests.factories import (
    ArticleFactory,
    InstrumentFactory,
    LawFactory,
    ObligationFactory,
    ProposalFactory,
    UserFactory,
)

Op = Provision.Operation
Status = Provision.Status


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker) -> dict:
    """The bill and the users of every role, made once for the module (rolled back at its end)."""
    with module_transaction(django_db_blocker):
        with django_db_blocker.unblock():
            roles = make_roles()
        yield roles


def read_afresh(name: str):
    """A fixture that overrides `name` with the module's row, read again for each test: a test
    changes memberships and caches permissions on its objects, and its writes roll back."""

    @pytest.fixture(name=name)
    def fixture(shared, db):
        row = shared[name]
        return type(row)._base_manager.get(pk=row.pk)

    return fixture


bill, drafter, reviewer, viewer, outsider, staff = (
    read_afresh(name) for name in ("bill", "drafter", "reviewer", "viewer", "outsider", "staff")
)


def make_provision(bill, actor, **overrides):
    article = overrides.pop("target_article", None) or ArticleFactory(
        instrument=bill.target_instrument
    )
    fields = {
        "operation": Op.REPLACE_ARTICLE,
        "title_en": "Possession without justification",
        "text_zh": "无正当理由持有儿童性侵害材料的，处三年以下有期徒刑、拘役或者管制，并处或者单处罚金。",
        "text_en": "Whoever possesses such material without justification shall be sentenced.",
    }
    fields.update(overrides)
    return services.provision_create(actor=actor, bill=bill, target_article=article, **fields)


def zh_anchor(revision, words):
    return Anchor.locate(revision.text_zh, words, language="zh")


def open_thread(actor, revision, words, *, body="x", suggestion=None):
    """A thread on the first occurrence of words in the revision's Chinese text."""
    return services.comment_create(
        actor=actor,
        provision=revision.provision,
        revision=revision,
        body=body,
        anchor=zh_anchor(revision, words),
        suggestion=suggestion,
    )


# --- bills and members ----------------------------------------------------------------------


def test_bill_create_makes_the_creator_its_drafter(db):
    user = UserFactory()
    bill = services.bill_create(
        actor=user, title_zh="刑法修正案（草案）", title_en="Draft", target_instrument=LawFactory()
    )
    assert Membership.objects.get(bill=bill).role == Role.DRAFTER
    assert user.has_perm("drafting.draft_bill", bill)


def test_membership_set_adds_and_changes_roles(bill, drafter):
    user = UserFactory()
    services.membership_set(actor=drafter, bill=bill, user=user, role=Role.REVIEWER)
    assert user.has_perm("drafting.comment_bill", bill)
    services.membership_set(actor=drafter, bill=bill, user=user, role=Role.VIEWER)
    assert not user.has_perm("drafting.comment_bill", bill)
    assert user.has_perm("drafting.view_bill", bill)


def test_membership_needs_a_drafter_and_a_known_role(bill, drafter, reviewer):
    with pytest.raises(PermissionDenied):
        services.membership_set(actor=reviewer, bill=bill, user=UserFactory(), role=Role.VIEWER)
    with pytest.raises(ValidationError):
        services.membership_set(actor=drafter, bill=bill, user=UserFactory(), role="owner")
    with pytest.raises(ValidationError, match="at least one drafter"):
        services.membership_set(actor=drafter, bill=bill, user=drafter, role=Role.VIEWER)
    with pytest.raises(ValidationError, match="at least one drafter"):
        services.membership_remove(actor=drafter, bill=bill, user=drafter)
    services.membership_remove(actor=drafter, bill=bill, user=reviewer)
    assert not reviewer.has_perm("drafting.view_bill", bill)


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


# --- obligation links -----------------------------------------------------------------------


def test_obligation_link_keeps_history(bill, drafter):
    provision = make_provision(bill, drafter)
    obligation = ObligationFactory()
    services.obligation_link(
        actor=drafter,
        provision=provision,
        obligation=obligation,
        extent="partial",
        rationale="Covers production.",
    )
    services.obligation_link(
        actor=drafter,
        provision=provision,
        obligation=obligation,
        extent="full",
        rationale="Now all acts.",
    )
    services.obligation_unlink(actor=drafter, provision=provision, obligation=obligation)
    links = ProvisionObligation.objects.filter(provision=provision).order_by("created_at", "pk")
    assert [(link.extent, link.is_active) for link in links] == [
        ("partial", False),
        ("full", False),
    ]
    assert all(link.removed_by == drafter for link in links)


def test_obligation_link_is_idempotent_for_the_same_values(bill, drafter):
    provision = make_provision(bill, drafter)
    obligation = ObligationFactory()
    for _ in range(2):
        services.obligation_link(
            actor=drafter,
            provision=provision,
            obligation=obligation,
            extent="full",
            rationale="Same.",
        )
    assert ProvisionObligation.objects.count() == 1


def test_obligation_link_errors(bill, drafter, reviewer):
    provision = make_provision(bill, drafter)
    obligation = ObligationFactory()
    with pytest.raises(ValidationError):
        services.obligation_link(
            actor=drafter, provision=provision, obligation=obligation, extent="most", rationale="x"
        )
    with pytest.raises(ValidationError):
        services.obligation_link(
            actor=drafter, provision=provision, obligation=obligation, extent="full", rationale=" "
        )
    with pytest.raises(PermissionDenied):
        services.obligation_link(
            actor=reviewer, provision=provision, obligation=obligation, extent="full", rationale="x"
        )
    with pytest.raises(ValidationError):
        services.obligation_unlink(actor=drafter, provision=provision, obligation=obligation)
    assert not ProvisionObligation.objects.exists()


def test_only_one_active_link_per_pair_in_the_database(bill, drafter):
    provision = make_provision(bill, drafter)
    obligation = ObligationFactory()
    services.obligation_link(
        actor=drafter, provision=provision, obligation=obligation, extent="full", rationale="x"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        ProvisionObligation.objects.create(
            provision=provision,
            obligation=obligation,
            extent="partial",
            rationale="y",
            created_by=drafter,
        )


# --- comments -------------------------------------------------------------------------------


def test_comment_thread_reply_resolve_reopen(provision, reviewer, drafter):
    revision = provision.current_revision
    thread = open_thread(reviewer, revision, "传播", body="Too narrow.")
    reply = services.comment_reply(actor=drafter, parent=thread, body="Widened in the next draft.")
    nested = services.comment_reply(actor=reviewer, parent=reply, body="Thanks.")
    assert nested.parent == thread and reply.anchor_start is None
    services.comment_resolve(actor=reviewer, comment=thread)
    thread.refresh_from_db()
    assert (thread.status, thread.resolved_by) == (Comment.Status.RESOLVED, reviewer)
    services.comment_reopen(actor=drafter, comment=thread)
    thread.refresh_from_db()
    assert thread.status == Comment.Status.OPEN and thread.resolved_by is None


def test_comment_anchor_must_match_the_revision(provision, reviewer):
    revision = provision.current_revision
    good = zh_anchor(revision, "传播")
    wrong_words = Anchor(
        language="zh", exact="持有", prefix="", suffix="", start=good.start, end=good.end
    )
    outside = Anchor(language="zh", exact="传播", prefix="", suffix="", start=5000, end=5002)
    bad_language = Anchor(
        language="fr", exact="传播", prefix="", suffix="", start=good.start, end=good.end
    )
    for anchor in (wrong_words, outside, bad_language):
        with pytest.raises(ValidationError):
            services.comment_create(
                actor=reviewer, provision=provision, revision=revision, body="x", anchor=anchor
            )
    assert not Comment.objects.exists()


def test_comment_permissions_and_limits(provision, viewer, outsider, reviewer):
    revision = provision.current_revision
    anchor = zh_anchor(revision, "传播")
    for user in (viewer, outsider):
        with pytest.raises(PermissionDenied):
            services.comment_create(
                actor=user, provision=provision, revision=revision, body="x", anchor=anchor
            )
    for body in ("", "x" * 10_001):
        with pytest.raises(ValidationError):
            services.comment_create(
                actor=reviewer, provision=provision, revision=revision, body=body, anchor=anchor
            )
    thread = services.comment_create(
        actor=reviewer, provision=provision, revision=revision, body="ok", anchor=anchor
    )
    with pytest.raises(PermissionDenied):
        services.comment_reply(actor=viewer, parent=thread, body="me too")
    with pytest.raises(PermissionDenied):
        services.comment_resolve(actor=viewer, comment=thread)


def test_reviewers_resolve_only_their_own_threads(provision, reviewer, bill, drafter):
    other = UserFactory()
    services.membership_set(actor=drafter, bill=bill, user=other, role=Role.REVIEWER)
    revision = provision.current_revision
    thread = open_thread(other, revision, "传播")
    with pytest.raises(PermissionDenied):
        services.comment_resolve(actor=reviewer, comment=thread)
    services.comment_resolve(actor=other, comment=thread)
    with pytest.raises(ValidationError):
        services.comment_resolve(actor=other, comment=thread)


def test_suggestion_accept_applies_the_words_as_a_new_revision(provision, reviewer, drafter):
    revision = provision.current_revision
    thread = open_thread(
        reviewer, revision, "传播", body="Say 传播 and 提供.", suggestion="传播、提供"
    )
    new = services.suggestion_accept(actor=drafter, comment=thread)
    thread.refresh_from_db()
    assert "传播、提供儿童性侵害材料" in new.text_zh
    assert new.text_en == revision.text_en
    assert (thread.status, thread.applied_revision) == (Comment.Status.ACCEPTED, new)
    assert Provision.objects.get(pk=provision.pk).current_revision == new


def test_suggestion_accept_follows_moved_words_and_refuses_orphans(provision, reviewer, drafter):
    revision = provision.current_revision
    thread = open_thread(reviewer, revision, "有期徒刑", suggestion="有期徒刑或者拘役")
    moved = services.revision_create(
        actor=drafter,
        provision=provision,
        base_revision=revision,
        text_zh="依照本条，" + revision.text_zh,
        text_en="",
    )
    new = services.suggestion_accept(actor=drafter, comment=thread)
    assert new.text_zh == moved.text_zh.replace("有期徒刑", "有期徒刑或者拘役", 1)

    gone = open_thread(reviewer, new, "依照本条", suggestion="按照本条")
    services.revision_create(
        actor=drafter, provision=provision, base_revision=new, text_zh="全新的条文。", text_en=""
    )
    with pytest.raises(ValidationError, match="no longer"):
        services.suggestion_accept(actor=drafter, comment=gone)
    gone.refresh_from_db()
    assert gone.status == Comment.Status.OPEN


def test_suggestion_verdicts_need_a_drafter_and_an_open_suggestion(provision, reviewer, drafter):
    revision = provision.current_revision
    plain = open_thread(reviewer, revision, "传播")
    with pytest.raises(ValidationError):
        services.suggestion_accept(actor=drafter, comment=plain)
    suggestion = open_thread(reviewer, revision, "传播", suggestion="散布")
    with pytest.raises(PermissionDenied):
        services.suggestion_accept(actor=reviewer, comment=suggestion)
    services.suggestion_reject(actor=drafter, comment=suggestion)
    with pytest.raises(ValidationError):
        services.suggestion_accept(actor=drafter, comment=suggestion)
    assert provision.revisions.count() == 2


def test_comment_moderation_is_for_overseeing_staff(provision, reviewer, staff, overseer, drafter):
    revision = provision.current_revision
    thread = open_thread(reviewer, revision, "传播")
    for someone in (drafter, staff):
        with pytest.raises(PermissionDenied):
            services.comment_set_hidden(actor=someone, comment=thread, hidden=True, reason="离题。")
    with pytest.raises(ValidationError):
        services.comment_set_hidden(actor=overseer, comment=thread, hidden=True, reason="  ")
    assert Comment.objects.visible().exists()
    services.comment_set_hidden(actor=overseer, comment=thread, hidden=True, reason="离题。")
    assert not Comment.objects.visible().exists()
    assert list(thread.moderations.values_list("actor", "hidden", "reason")) == [
        (overseer.pk, True, "离题。")
    ]


def test_comment_constraints_hold_in_the_database(provision, reviewer):
    revision = provision.current_revision
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.create(
            provision=provision, revision=revision, author=reviewer, body="no anchor"
        )


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

"""The write rules of drafting.services for comments: threads, replies, suggestions and
moderation, and every error they give."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from drafting import services
from drafting.models import Comment, Provision, Role
from drafting.text.anchoring import Anchor
from tests.conftest import shared_roles
from tests.drafting.services.conftest import open_thread, zh_anchor
from tests.factories import UserFactory

bill, drafter, reviewer, viewer, outsider, staff, users_by_role = shared_roles()


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

"""The provision page's cached body: served in three queries, never after a change, never to the
wrong reader, and always with the reader's own CSRF token."""

import re

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from drafting import services
from drafting.models import Comment, Role
from drafting.web import page_cache
from drafting.web.page_state import provision_state
from proposals.edition import ReferenceEdition, quietly
from proposals.models import Paragraph
from tests.conftest import grant_oversight, shared_logins, shared_roles
from tests.drafting.web.conftest import shared_provision
from tests.drafting.web.kept_pages import assert_change_shows, same_page
from tests.drafting.web.provision_pages import WORDS, client_for, comment_on, page
from tests.factories import (
    MembershipFactory,
    ObligationFactory,
    ProposalFactory,
    ProvisionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


bill, drafter, reviewer, viewer, outsider, staff, users_by_role = shared_roles()
reuse_logins = shared_logins()
provision = shared_provision()


def html(client, provision) -> str:
    response = client.get(page(provision))
    assert response.status_code == 200
    return response.content.decode()


def test_a_second_view_costs_three_queries(provision, reviewer, django_assert_num_queries):
    client = client_for(reviewer)
    first = html(client, provision)
    with django_assert_num_queries(3):  # the session, the user, the page's state
        second = html(client, provision)
    assert same_page(first, second)


def test_each_reader_gets_their_own_token_and_it_works(provision, reviewer, drafter):
    thread = comment_on(provision, reviewer)
    for user in (reviewer, drafter, reviewer):  # the later views are served from the cache
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        body = html(client, provision)
        assert page_cache.TOKEN not in body
        token = TOKEN.search(body).group(1)
        reply = client.post(
            reverse("drafting:comment_reply", kwargs={"pk": thread.pk}),
            {"body": f"Agreed ({user.username}).\r\nSecond line.", "csrfmiddlewaretoken": token},
        )
        assert reply.status_code == 302, reply.status_code
    assert thread.replies.count() == 3


def test_a_reply_posted_through_the_form_shows_to_a_reader_who_saw_the_page(
    provision, reviewer, drafter
):
    thread = comment_on(provision, reviewer)
    reader = client_for(drafter)
    assert "Shall we say 儿童?" not in html(reader, provision)
    client_for(reviewer).post(
        reverse("drafting:comment_reply", kwargs={"pk": thread.pk}),
        {"body": "Shall we say 儿童?\r\nSee the brief."},
    )
    assert "Shall we say 儿童?" in html(reader, provision)


# Each change: (set up, then change); the text that must appear after the change.
def change_reply(provision, reviewer, drafter, _staff):
    thread = comment_on(provision, reviewer)
    yield
    services.comment_reply(actor=drafter, parent=thread, body="Answered in revision 3.")
    yield "Answered in revision 3."


def change_resolve(provision, reviewer, drafter, _staff):
    thread = comment_on(provision, reviewer)
    yield
    services.comment_resolve(actor=drafter, comment=thread)
    yield reverse("drafting:comment_reopen", kwargs={"pk": thread.pk})


def change_hide(provision, reviewer, drafter, staff):
    thread = comment_on(provision, reviewer, body="A remark staff will hide.")
    yield
    services.comment_set_hidden(actor=staff, comment=thread, hidden=True, reason="Off topic.")
    yield "!A remark staff will hide."


def change_disposition(provision, reviewer, drafter, _staff):
    thread = comment_on(provision, reviewer)
    yield
    services.disposition_set(actor=drafter, comment=thread, kind="later", reason="Next session.")
    yield "Next session."


def change_revision(provision, reviewer, drafter, _staff):
    yield
    services.revision_create(
        actor=drafter,
        provision=provision,
        base_revision=provision.current_revision,
        text_zh="持有儿童性侵害材料的，处三年以下有期徒刑。",
        text_en="Possession is punished.",
    )
    yield "持有儿童性侵害材料的，处三年以下有期徒刑。"


def change_link(provision, reviewer, drafter, _staff):
    obligation = ObligationFactory(code="OPSC-CACHE", article_ref="art. 77(9)")
    yield
    services.obligation_link(
        actor=drafter,
        provision=provision,
        obligation=obligation,
        extent="full",
        rationale="Covers the whole conduct.",
    )
    yield "Covers the whole conduct."


def change_link_review(provision, reviewer, drafter, _staff):
    link = services.obligation_link(
        actor=drafter,
        provision=provision,
        obligation=ObligationFactory(code="OPSC-REVIEWED"),
        extent="full",
        rationale="Covers it.",
    )
    yield
    services.obligation_review(actor=reviewer, link=link, verdict="agreed", note="Checked twice.")
    yield "Checked twice."


def change_transition(provision, reviewer, drafter, _staff):
    yield
    services.provision_transition(actor=drafter, provision=provision, to_status="in_review")
    yield 'data-status="in_review"'


def change_title(provision, reviewer, drafter, _staff):
    yield
    services.provision_update(actor=drafter, provision=provision, title_en="Possession offence")
    yield "Possession offence"


def change_bill_title(provision, reviewer, drafter, _staff):
    yield
    services.bill_update(actor=drafter, bill=provision.bill, title_en="Second amendment (draft)")
    yield "Second amendment (draft)"


def change_order(provision, reviewer, drafter, _staff):
    other = ProvisionFactory(bill=provision.bill)
    yield
    services.provision_reorder(actor=drafter, bill=provision.bill, order=[other.pk, provision.pk])
    yield "<h1>Item 2: "


def change_proposal(provision, reviewer, drafter, _staff):
    proposal = ProposalFactory(code="p-cache", title_en="Raise the protected age to eighteen")
    yield
    provision.proposals.add(proposal)
    yield "Raise the protected age to eighteen"


def change_role(provision, reviewer, drafter, _staff):
    reader = UserFactory(username="promoted")
    MembershipFactory(bill=provision.bill, user=reader, role=Role.VIEWER)  # no comment form
    yield
    services.membership_set(actor=drafter, bill=provision.bill, user=reader, role="reviewer")
    yield 'id="comment-form"'


def change_law_text(provision, reviewer, drafter, _staff):
    yield
    paragraph = Paragraph.objects.filter(article=provision.target_article).first()
    paragraph.text_zh = "经工作人员更正的条文。"
    paragraph.save()  # as the admin saves it
    yield "经工作人员更正的条文。"


CHANGES = [
    change_reply,
    change_resolve,
    change_hide,
    change_disposition,
    change_revision,
    change_link,
    change_link_review,
    change_transition,
    change_title,
    change_bill_title,
    change_order,
    change_proposal,
    change_role,
    change_law_text,
]


@pytest.mark.parametrize("change", CHANGES, ids=lambda c: c.__name__)
def test_every_write_shows_on_the_next_view(change, provision, reviewer, drafter, staff):
    steps = change(provision, reviewer, drafter, grant_oversight(staff))
    next(steps)
    promoted = UserFactory(username="promoted")
    reader = client_for(promoted if change is change_role else drafter)
    before = html(reader, provision)
    html(reader, provision)  # now surely cached
    expected = next(steps)
    provision.refresh_from_db()
    assert_change_shows(before, html(reader, provision), expected)


def test_a_thread_author_keeps_their_own_actions(provision, reviewer, bill):
    other = MembershipFactory(bill=bill, user=UserFactory(), role=Role.REVIEWER).user
    thread = comment_on(provision, reviewer)
    resolve = reverse("drafting:comment_resolve", kwargs={"pk": thread.pk})
    assert resolve not in html(client_for(other), provision)  # cached for reviewers first
    assert resolve in html(client_for(reviewer), provision)
    assert resolve not in html(client_for(other), provision)


def test_four_eyes_survive_the_cache(provision, drafter, bill):
    services.provision_transition(actor=drafter, provision=provision, to_status="in_review")
    provision.refresh_from_db()
    assert provision.current_revision.author == drafter
    second = MembershipFactory(bill=bill, user=UserFactory(), role=Role.DRAFTER).user
    approve = 'value="approved"'
    assert approve in html(client_for(second), provision)
    assert approve not in html(client_for(drafter), provision)
    assert approve in html(client_for(second), provision)


def test_outsiders_get_a_404_even_when_the_body_is_cached(provision, reviewer, outsider):
    html(client_for(reviewer), provision)
    assert client_for(outsider).get(page(provision)).status_code == 404
    assert client_for(None).get(page(provision)).status_code == 302  # to the login page


def test_each_language_has_its_own_body(provision, reviewer):
    client = client_for(reviewer)
    english = client.get(page(provision), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    chinese = client.get(page(provision), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "Workflow" in english and "Workflow" not in chinese


def test_a_link_search_is_rendered_fresh(provision, drafter, rf):
    request = rf.get(page(provision), {"q": WORDS})
    request.user = drafter
    state = provision_state(drafter, provision.pk)
    assert page_cache.cache_key(request, "provision", state.fingerprint, {"threads"}) is None
    assert page_cache.cache_key(
        rf.get(page(provision)), "provision", state.fingerprint, {"threads"}
    )


def test_only_the_pages_threads_are_shared_across_readers(provision, reviewer, drafter):
    """The 25-thread screenful and ?threads=all are kept apart."""
    for n in range(27):
        comment_on(provision, reviewer, body=f"Remark number {n}.")
    client = client_for(drafter)
    shown = client.get(page(provision)).content.decode().count('class="thread ')
    everything = client.get(page(provision), {"threads": "all"}).content.decode()
    assert shown == 25 and everything.count('class="thread ') == 27


# --- the reference data edition ------------------------------------------------------------


def edition() -> int:
    return ReferenceEdition.objects.get(pk=1).number


def test_a_reference_write_moves_the_edition(provision):
    before = edition()
    paragraph = Paragraph.objects.filter(article=provision.target_article).first()
    paragraph.save()
    assert edition() == before + 1


def test_a_rolled_back_write_moves_nothing(provision):
    before = edition()
    paragraph = Paragraph.objects.filter(article=provision.target_article).first()
    with pytest.raises(RuntimeError), transaction.atomic():
        paragraph.save()
        raise RuntimeError
    assert edition() == before


def test_a_bulk_writer_moves_the_edition_once(provision):
    before = edition()
    with quietly():
        for paragraph in Paragraph.objects.filter(article=provision.target_article):
            paragraph.save()
        ProposalFactory(code="p-quiet")
    assert edition() == before + 1


def test_hidden_threads_never_reach_a_cached_body(provision, reviewer, drafter, staff):
    thread = comment_on(provision, reviewer, body="Hidden before anyone looked.")
    services.comment_set_hidden(
        actor=grant_oversight(staff), comment=thread, hidden=True, reason="Spam."
    )
    assert Comment.objects.get(pk=thread.pk).hidden
    assert "Hidden before anyone looked." not in html(client_for(drafter), provision)


def test_a_new_comment_rebuilds_only_the_review_section(provision, reviewer, drafter):
    thread = comment_on(provision, reviewer)
    client = client_for(drafter)

    def tables_read() -> tuple[set[str], str]:
        with CaptureQueriesContext(connection) as captured:
            body = html(client, provision)
        names = {"proposals_paragraph", "proposals_articlechange"}  # never in the state query
        return {n for q in captured for n in names if n in q["sql"]}, body

    cache.clear()
    whole, _ = tables_read()
    assert whole == {"proposals_paragraph", "proposals_articlechange"}
    services.comment_reply(actor=reviewer, parent=thread, body="A reply that changes the threads.")
    section, body = tables_read()
    assert "A reply that changes the threads." in body
    assert section == set()  # the law and its history come from the cache

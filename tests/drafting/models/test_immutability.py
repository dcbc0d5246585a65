"""History cannot be rewritten: the database refuses every forging path; the hash chain shows any."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse

from drafting import services
from drafting.history import verify_all, verify_provision
from drafting.immutability import history_maintenance
from drafting.models import ProvisionObligation, ReviewEvent, Revision
from tests.factories import ObligationFactory


@pytest.fixture
def history(provision, drafter):
    """A provision with three revisions, a review event and a removed obligation link."""
    services.revision_create(
        actor=drafter,
        provision=provision,
        base_revision=provision.current_revision,
        text_zh=provision.current_revision.text_zh + "第三稿。",
        text_en="",
    )
    services.provision_transition(actor=drafter, provision=provision, to_status="in_review")
    obligation = ObligationFactory()
    services.obligation_link(
        actor=drafter, provision=provision, obligation=obligation, extent="full", rationale="r"
    )
    services.obligation_unlink(actor=drafter, provision=provision, obligation=obligation)
    return provision


def first_revision(provision) -> Revision:
    return provision.revisions.order_by("number").first()


def refused(action) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        action()


def test_a_queryset_update_is_refused(history):
    refused(
        lambda: Revision._base_manager.filter(pk=first_revision(history).pk).update(text_zh="x")
    )


def test_a_save_with_a_primary_key_is_refused(history):
    old = first_revision(history)
    forged = Revision(
        pk=old.pk,
        provision=old.provision,
        number=old.number,
        text_zh="forged",
        author=old.author,
        created_at=old.created_at,
    )
    forged._state.adding = True  # as a fresh object would be
    refused(lambda: Revision.save_base(forged, force_update=True))


def test_bulk_create_with_update_conflicts_is_refused(history):
    old = first_revision(history)
    forged = Revision(
        provision=old.provision, number=old.number, text_zh="forged", author=old.author
    )
    refused(
        lambda: Revision.objects.bulk_create(
            [forged],
            update_conflicts=True,
            unique_fields=["provision", "number"],
            update_fields=["text_zh"],
        )
    )


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE drafting_revision SET text_zh = 'forged'",
        "DELETE FROM drafting_revision",
        "UPDATE drafting_reviewevent SET note = 'forged'",
        "DELETE FROM drafting_reviewevent",
        "UPDATE drafting_provisionobligation SET rationale = 'forged'",
        "UPDATE drafting_provisionobligation SET removed_at = NULL",
        "DELETE FROM drafting_provisionobligation",
    ],
)
def test_raw_sql_is_refused(history, sql):
    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql)

    refused(run)


def test_unlinking_still_stamps_the_link_once(provision, drafter):
    obligation = ObligationFactory()
    link = services.obligation_link(
        actor=drafter, provision=provision, obligation=obligation, extent="full", rationale="r"
    )
    services.obligation_unlink(actor=drafter, provision=provision, obligation=obligation)
    assert ProvisionObligation.objects.get(pk=link.pk).removed_at is not None


def test_review_events_and_drafts_are_covered(history, drafter):
    assert ReviewEvent.objects.filter(provision=history).exists()
    draft = services.draft_issue(actor=drafter, bill=history.bill, kind="consultation")
    refused(lambda: type(draft)._base_manager.filter(pk=draft.pk).update(note="forged"))


def test_the_chain_holds_and_verify_history_says_so(history):
    assert verify_provision(history.pk) is None
    out = StringIO()
    call_command("verify_history", stdout=out)
    assert "History verified: 3 revisions" in out.getvalue()


def forge_in_maintenance(revision: Revision, **changes) -> None:
    with transaction.atomic(), history_maintenance():
        Revision._base_manager.filter(pk=revision.pk).update(**changes)


def test_a_forged_text_is_named_by_verify_history(history):
    second = history.revisions.get(number=2)
    forge_in_maintenance(second, text_zh="forged")
    with pytest.raises(CommandError, match=f"revision 2 of provision {history.pk}"):
        call_command("verify_history")
    assert verify_all()[1].revision_id == second.pk


def test_a_forged_text_with_a_recomputed_digest_breaks_the_next_link(history):
    second = history.revisions.get(number=2)
    second.text_zh = "forged"
    second.seal()
    forge_in_maintenance(second, text_zh="forged", digest=second.digest)
    found = verify_provision(history.pk)
    assert found is not None and found.number == 3


def test_the_provision_page_and_the_admin_show_the_state(history, drafter, superuser):
    client = Client()
    client.force_login(drafter)
    url = reverse("drafting:provision", args=[history.pk])
    assert 'data-history="verified"' in client.get(url).content.decode()
    forge_in_maintenance(first_revision(history), note="forged")
    page = client.get(url).content.decode()
    assert 'data-history="broken"' in page and "History broken at revision 1" in page
    client.force_login(superuser)
    admin_page = client.get(reverse("admin:drafting_provision_change", args=[history.pk]))
    assert "History broken at revision 1" in admin_page.content.decode()


def test_a_links_review_is_stamped_once(provision, drafter, reviewer):
    obligation = ObligationFactory()
    link = services.obligation_link(
        actor=drafter, provision=provision, obligation=obligation, extent="full", rationale="r"
    )
    services.obligation_review(actor=reviewer, link=link, verdict="agreed", note="")
    rows = ProvisionObligation.objects.filter(pk=link.pk)
    refused(lambda: rows.update(review="disputed"))
    refused(lambda: rows.update(review_note="rewritten"))
    refused(lambda: rows.update(rationale="rewritten"))
    assert rows.get().review == "agreed"

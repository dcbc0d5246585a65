"""The demo data as load_demo leaves it: the bill, its threads, users and roles (loaded once)."""

import hashlib
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

from drafting.management.commands.load_demo import COUNTED_MODELS
from drafting.models import Comment, Membership, ProvisionObligation
from tests.conftest import DEMO_PASSWORD


def run() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def snapshot() -> dict[str, tuple[int, str]]:
    """Per model: row count and a digest of every stored value."""
    result = {}
    for label in COUNTED_MODELS:
        rows = list(apps.get_model(label).objects.order_by("pk").values())
        result[label] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    return result


@pytest.fixture
def demo_password(settings):
    settings.DEMO_PASSWORD = DEMO_PASSWORD
    return DEMO_PASSWORD


@pytest.fixture
def demo(demo_bill, demo_password):
    """The demo, loaded once for this module (tests/conftest.py) with DEMO_PASSWORD as set here."""
    return demo_bill


def test_demo_bill_has_provisions_revisions_and_links(demo):
    provisions = list(demo.provisions.order_by("position"))

    assert demo.title_en == "Amendment XIII to the Criminal Law of the PRC (Draft)"
    assert demo.target_instrument.code == "PRC-CL"
    assert demo.created_by.username == "drafter"
    assert len(provisions) >= 5
    for provision in provisions:
        revisions = list(provision.revisions.order_by("number"))
        assert len(revisions) >= 2
        assert provision.current_revision == revisions[-1]
        assert revisions[1].base == revisions[0]
        assert revisions[0].text_zh != revisions[1].text_zh
        assert ProvisionObligation.objects.active().filter(provision=provision).exists()
    inserted = {p.target_article.citation for p in provisions if p.operation == "insert_articles"}
    assert {"第三百六十三条", "第三百六十四条", "第二百八十七条之二"} <= inserted


def test_possession_provision_fully_meets_icmec_possession(demo):
    link = ProvisionObligation.objects.get(
        provision__bill=demo, obligation__code="ICMEC-4", removed_at__isnull=True
    )

    assert link.extent == "full"
    assert "持有" in link.provision.current_revision.text_zh


def test_demo_bill_has_a_resolved_thread_and_an_open_suggestion(demo):
    threads = Comment.objects.filter(provision__bill=demo, parent__isnull=True)
    resolved = threads.filter(status=Comment.Status.RESOLVED)
    suggestions = threads.filter(status=Comment.Status.OPEN, suggestion__isnull=False)

    assert resolved.exists()
    assert all(thread.replies.exists() for thread in resolved)
    assert suggestions.exists()
    # Every thread is anchored in the words of the revision it was written on ...
    for thread in threads:
        revision = thread.revision
        text = revision.text_zh if thread.anchor_language == "zh" else revision.text_en
        assert text[thread.anchor_start : thread.anchor_end] == thread.anchor_exact
    # ... and what is still open reads the current text.
    for thread in threads.filter(status=Comment.Status.OPEN):
        assert thread.revision == thread.provision.current_revision


def test_demo_users_and_roles(demo):
    User = get_user_model()
    roles = dict(Membership.objects.filter(bill=demo).values_list("user__username", "role"))
    admin = User.objects.get(username="admin")

    assert roles == {"drafter": "drafter", "reviewer": "reviewer", "viewer": "viewer"}
    assert admin.is_superuser and admin.is_staff
    assert User.objects.get(username="viewer").check_password(DEMO_PASSWORD)


def test_second_run_changes_nothing(demo):
    before = snapshot()

    output = run()

    assert snapshot() == before
    assert "Rows created: none" in output
    assert "password" not in output

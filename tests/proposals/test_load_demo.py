"""load_demo: reference data, demo users and the demo bill, idempotent and all-or-nothing."""

import hashlib
import shutil
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from drafting.management.commands.load_demo import BILL_FILE, COUNTED_MODELS
from drafting.models import Bill, Comment, Membership, ProvisionObligation
from proposals.loading import DATA_DIR, load_reference
from proposals.models import Jurisdiction, Obligation

TITLE = "中华人民共和国刑法修正案（草案）"


def run(**options) -> str:
    out = StringIO()
    call_command("load_demo", stdout=out, **options)
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
    settings.DEMO_PASSWORD = "demo-pass-123"
    return settings.DEMO_PASSWORD


@pytest.fixture
def demo(db, demo_password):
    run()
    return Bill.objects.get(title_zh=TITLE)


def test_demo_bill_has_provisions_revisions_and_links(demo):
    provisions = list(demo.provisions.order_by("position"))

    assert demo.title_en == "Amendment to the Criminal Law of the PRC (Draft)"
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
    for thread in threads:
        revision = thread.provision.current_revision
        text = revision.text_zh if thread.anchor_language == "zh" else revision.text_en
        assert thread.revision == revision
        assert text[thread.anchor_start : thread.anchor_end] == thread.anchor_exact


def test_demo_users_and_roles(demo):
    User = get_user_model()
    roles = dict(Membership.objects.filter(bill=demo).values_list("user__username", "role"))
    admin = User.objects.get(username="admin")

    assert roles == {"drafter": "drafter", "reviewer": "reviewer", "viewer": "viewer"}
    assert admin.is_superuser and admin.is_staff
    assert User.objects.get(username="viewer").check_password("demo-pass-123")


def test_second_run_changes_nothing(demo):
    before = snapshot()

    output = run()

    assert snapshot() == before
    assert "Rows created: none" in output
    assert "password" not in output


def test_random_password_is_printed_once(db, settings):
    settings.DEMO_PASSWORD = ""

    first = run()
    second = run()

    assert "password:" in first
    password = first.split("password:")[1].split()[0]
    assert get_user_model().objects.get(username="drafter").check_password(password)
    assert "password" not in second


def test_summary_counts_rows_created_per_model(db, demo_password):
    output = run()

    assert "proposals.Obligation: 49" in output
    assert "drafting.Bill: 1" in output


def copy_data(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def test_malformed_yaml_names_the_file_and_line_and_writes_nothing(db, tmp_path):
    data_dir = copy_data(tmp_path)
    broken = data_dir / "obligations.yaml"
    lines = broken.read_text(encoding="utf-8").splitlines()
    lines.insert(9, "- code: [unclosed")
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")

    with pytest.raises(CommandError, match=r"obligations\.yaml:1\d: malformed YAML"):
        run(data_dir=str(data_dir))

    assert Jurisdiction.objects.count() == 0
    assert get_user_model().objects.count() == 0


def test_unknown_reference_names_the_file_and_line_and_writes_nothing(db, tmp_path):
    data_dir = copy_data(tmp_path)
    broken = data_dir / "assessments.yaml"
    text = broken.read_text(encoding="utf-8")
    line = text[: text.index("obligation: OPSC-2-c")].count("\n")
    broken.write_text(text.replace("obligation: OPSC-2-c", "obligation: OPSC-99", 1))

    with pytest.raises(CommandError) as caught:
        load_reference(data_dir)

    assert f"assessments.yaml:{line}: unknown obligation 'OPSC-99'" in str(caught.value)
    assert Obligation.objects.count() == 0
    assert Jurisdiction.objects.count() == 0


def test_bill_anchor_not_in_the_text_names_the_line_and_writes_nothing(db, tmp_path):
    bill_file = tmp_path / "bill.yaml"
    text = BILL_FILE.read_text(encoding="utf-8")
    line = text[: text.index("exact: 故意获取、浏览")].count("\n") - 1
    bill_file.write_text(text.replace("exact: 故意获取、浏览", "exact: 不存在的词语"))

    with pytest.raises(CommandError) as caught:
        run(bill_file=str(bill_file))

    assert f"bill.yaml:{line}: anchor:" in str(caught.value)
    assert Bill.objects.count() == 0
    assert Jurisdiction.objects.count() == 0

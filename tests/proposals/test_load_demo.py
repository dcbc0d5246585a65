"""load_demo: reference data, demo users and the demo bill, idempotent and all-or-nothing."""

import hashlib
import shutil
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings

from drafting.management.commands.load_demo import BILL_FILE, COUNTED_MODELS
from drafting.models import Bill
from proposals.loading import DATA_DIR, load_reference
from proposals.models import Jurisdiction, Obligation
from tests.conftest import module_transaction


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


@pytest.fixture(scope="class")
def outputs(django_db_setup, django_db_blocker) -> tuple[str, str]:
    """Two runs of load_demo into an empty database without DEMO_PASSWORD, made once for the
    tests of a class that read them (each run takes seconds) and rolled back when it ends."""
    with module_transaction(django_db_blocker), override_settings(DEMO_PASSWORD=""):
        with django_db_blocker.unblock():
            first = run()
            second = run()
        yield first, second


class TestTwoRuns:
    """The outputs of a first and a second run, and what the first one stored."""

    def test_random_password_is_printed_once(self, db, outputs):
        first, second = outputs

        assert "password:" in first
        password = first.split("password:")[1].split()[0]
        assert get_user_model().objects.get(username="drafter").check_password(password)
        assert "password" not in second

    def test_summary_counts_rows_created_per_model(self, db, outputs):
        """The first run reports what it created (the demo password does not change the counts)."""
        output = outputs[0]

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

"""Benchmark the impact list (影响清单) and the instruction check of a 500-provision bill.

On a temporary SQLite database: migrate, import the whole Criminal Law, then a bill of 500 items
spread over its articles (rewrites, paragraph inserts and repeals, article repeals, new articles).
Prints the median time of the whole impact list (law loaded, every reference resolved, every item
analysed) and of the instruction check; the target for the impact list is under 300 ms.
Run from the repository root: `.venv/bin/python bench/impact.py [--provisions N]`
"""

import argparse
import atexit
import os
import shutil
import statistics
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = tempfile.mkdtemp(prefix="bench-impact-")
atexit.register(shutil.rmtree, WORKDIR, ignore_errors=True)
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "drafting.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402

from drafting.law_state import bill_impact_list, instruction_findings  # noqa: E402
from drafting.models import Bill, Provision, Revision  # noqa: E402
from proposals.models import Instrument  # noqa: E402
from proposals.statutes import parse_statute_file, statute_import  # noqa: E402

LAW = ROOT.parent / "shared/reference/statutes/criminal-law.md"
RUNS = 7
TARGET_MS = 300
TEXT = "组织、胁迫未成年人参与网络服务提供者传播淫秽物品，情节严重的，处三年以下有期徒刑。"


def seed(count: int) -> Bill:
    """The law and a bill of `count` items cycling over five operations."""
    instrument = Instrument.objects.create(
        code="PRC-CL",
        kind="prc_law",
        china_status="domestic",
        title_en="Criminal Law",
        short_title_en="Criminal Law",
    )
    statute_import(instrument=instrument, statute=parse_statute_file(LAW))
    user = get_user_model().objects.create_user("bench")
    bill = Bill.objects.create(
        title_zh="基准", title_en="Bench", target_instrument=instrument, created_by=user
    )
    articles = [a for a in instrument.articles.prefetch_related("paragraphs") if a.number > 100]
    kinds = ("replace_article", "insert_paragraph", "repeal_paragraphs", "replace_paragraphs")
    provisions = []
    for position in range(1, count + 1):
        article = articles[position % len(articles)]
        kind = kinds[position % len(kinds)]
        paragraphs = [1] if kind != "replace_article" else []
        provisions.append(
            Provision(
                bill=bill,
                position=position,
                title_en=f"Item {position}",
                operation=kind,
                target_article=article,
                paragraphs=paragraphs,
            )
        )
    Provision.objects.bulk_create(provisions)
    revisions = Revision.objects.bulk_create(
        Revision(
            provision=p, number=1, author=user, text_zh="" if "repeal" in p.operation else TEXT
        )
        for p in bill.provisions.all()
    )
    for revision in revisions:
        revision.provision.current_revision = revision
    Provision.objects.bulk_update([r.provision for r in revisions], ["current_revision"])
    return bill


def median_ms(work) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--provisions", type=int, default=500)
    count = parser.parse_args().provisions
    if not LAW.exists():
        print(f"skipped: {LAW} is absent")
        return 0
    call_command("migrate", verbosity=0, stdout=StringIO())
    bill = seed(count)
    impacts = bill_impact_list(bill)
    kinds: dict[str, int] = {}
    for impact in impacts:
        kinds[impact.kind] = kinds.get(impact.kind, 0) + 1
    impact_ms = median_ms(lambda: bill_impact_list(bill))
    check_ms = median_ms(lambda: instruction_findings(bill))
    print(f"bill of {count} items: {len(impacts)} impacts {kinds}")
    print(f"impact list: {impact_ms:.0f} ms (median of {RUNS}; target < {TARGET_MS} ms)")
    print(f"instruction check: {check_ms:.0f} ms, {len(instruction_findings(bill))} findings")
    return 0 if impact_ms < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())

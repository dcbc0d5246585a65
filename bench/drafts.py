"""Benchmark drafts and their papers on a 500-provision synthetic bill (temporary SQLite database).

Run from the repository root: `.venv/bin/python bench/drafts.py [--provisions 500] [--runs 3]`
Prints the median of the runs: issuing a draft of the whole bill (target < 1 s), the three-column
table as Word between two drafts (target < 3 s) and the 意见处理情况表 as XLSX for 5,000 comments
(target < 3 s); the HTML of the same papers for reference.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup(database: Path, provisions: int, comments: int) -> None:
    """Point Django at a fresh SQLite file, migrate it and seed the synthetic bill."""
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "drafting.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command(
        "seed_synthetic",
        provisions=provisions,
        obligations=200,
        comments_per_provision=max(1, comments // provisions),
        revisions_per_provision=2,
        seed=1,
        verbosity=0,
    )


def median(action, runs: int) -> tuple[float, object]:
    timings, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings), result


def revise(bill, drafter, count: int) -> None:
    """New wording for the first `count` provisions, so that the second draft differs."""
    from drafting import services

    for provision in bill.provisions.select_related("current_revision")[:count]:
        current = provision.current_revision
        services.revision_create(
            actor=drafter,
            provision=provision,
            base_revision=current,
            text_zh=current.text_zh.replace("。", "，情节严重的，从重处罚。", 1),
            text_en=current.text_en,
        )


def report(name: str, seconds: float, size: int, target: float | None) -> bool:
    verdict = ""
    ok = True
    if target is not None:
        ok = seconds < target
        verdict = f"  (target < {target:.0f} s: {'ok' if ok else 'TOO SLOW'})"
    print(f"{name:<42} {seconds:7.3f} s  {size / 1024:9.0f} KiB{verdict}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provisions", type=int, default=500)
    parser.add_argument("--comments", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        setup(Path(tmp) / "bench.sqlite3", args.provisions, args.comments)
        from drafting import services
        from drafting.documents.export import export_three_column
        from drafting.documents.papers import export_comments_report
        from drafting.models import Bill, Comment, Role

        bill = Bill.objects.select_related("target_instrument").latest("pk")
        drafter = bill.memberships.filter(role=Role.DRAFTER).first().user
        comments = Comment.objects.filter(provision__bill=bill).count()
        print(
            f"seeded {bill.provisions.count()} provisions and {comments} comments in "
            f"{time.perf_counter() - started:.1f} s; median of {args.runs} runs"
        )

        def issue():
            return services.draft_issue(actor=drafter, bill=bill, kind="consultation")

        from drafting.documents.export import export

        # For scale on a busy machine: the existing two-column table of the same bill.
        seconds, result = median(lambda: export(bill, "comparison", "docx"), args.runs)
        report("修改对照表 .docx (existing, for scale)", seconds, len(result.content), None)
        seconds, first = median(issue, args.runs)
        ok = report(f"issue a draft ({first.items.count()} items)", seconds, 0, 1.0)
        revise(bill, drafter, args.provisions // 10)
        second = services.draft_issue(actor=drafter, bill=bill, kind="first_reading")
        for fmt, target in (("docx", 3.0), ("html", None)):
            seconds, result = median(
                lambda fmt=fmt: export_three_column(bill, first, second, fmt), args.runs
            )
            ok &= report(f"three-column table .{fmt}", seconds, len(result.content), target)
        for fmt, target in (("xlsx", 3.0), ("csv", None), ("docx", None)):
            seconds, result = median(lambda fmt=fmt: export_comments_report(bill, fmt), args.runs)
            name = f"意见处理情况表 .{fmt} ({comments} comments)"
            ok &= report(name, seconds, len(result.content), target)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

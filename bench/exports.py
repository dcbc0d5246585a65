"""Benchmark the bill exports on a 500-provision synthetic bill (temporary SQLite database).

Run from the repository root: `.venv/bin/python bench/exports.py [--provisions 500] [--runs 3]`
Prints the median of the runs for each document and format; the targets are DOCX and Akoma Ntoso
under 3 s, the amendment and comparison PDFs under 2 s and the consolidated law PDF under 1 s.
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

TARGETS = {
    ("amendment", "docx"): 3.0,
    ("amendment", "xml"): 3.0,
    ("amendment", "pdf"): 2.0,
    ("comparison", "pdf"): 2.0,
    ("consolidated", "pdf"): 1.0,
}
CASES = [
    ("amendment", "docx"),
    ("amendment", "xml"),
    ("amendment", "pdf"),
    ("amendment", "html"),
    ("comparison", "docx"),
    ("comparison", "pdf"),
    ("consolidated", "docx"),
    ("consolidated", "pdf"),
]


def setup(database: Path, provisions: int) -> None:
    """Point Django at a fresh SQLite file, migrate it and seed the synthetic bill."""
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    # The view is timed rendering in the request, as before large exports went to a task worker.
    os.environ["BACKGROUND_EXPORT_ROWS"] = str(10**9)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "drafting.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command(
        "seed_synthetic",
        provisions=provisions,
        obligations=200,
        comments_per_provision=1,
        revisions_per_provision=2,
        seed=1,
        verbosity=0,
    )


def time_export(bill, doc: str, fmt: str, runs: int) -> tuple[float, float, int]:
    """Median wall and CPU seconds over the runs (loading included) and the file size.

    CPU time is this process's (Typst's threads included): on a shared machine the wall time
    also counts waiting for a core.
    """
    from drafting.documents.export import export

    timings, cpu, size = [], [], 0
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = export(bill, doc, fmt, comments=True, obligations=True)
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        size = len(result.content)
    return statistics.median(timings), statistics.median(cpu), size


def time_cached(bill, runs: int) -> None:
    """The export view: first request renders, the next ones are served from the cache or 304."""
    from django.test import Client

    client = Client()
    client.force_login(bill.created_by)
    path = f"/bills/{bill.pk}/export/comparison.pdf?comments=1"
    started = time.perf_counter()
    first = client.get(path)
    rendered = time.perf_counter() - started
    assert first.status_code == 200, first.status_code
    cached, not_modified = [], []
    for _ in range(runs * 3):
        started = time.perf_counter()
        assert client.get(path).status_code == 200
        cached.append(time.perf_counter() - started)
        started = time.perf_counter()
        assert client.get(path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
        not_modified.append(time.perf_counter() - started)
    print(
        f"view comparison.pdf: rendered {rendered:.2f} s, cached {statistics.median(cached) * 1000:.0f} ms, "
        f"304 {statistics.median(not_modified) * 1000:.0f} ms (target cached < 50 ms: "
        f"{'ok' if statistics.median(cached) < 0.05 else 'TOO SLOW'})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provisions", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        setup(Path(tmp) / "bench.sqlite3", args.provisions)
        from drafting.models import Bill

        bill = Bill.objects.select_related("target_instrument").latest("pk")
        count = bill.provisions.count()
        articles = bill.target_instrument.articles.count()
        print(
            f"seeded {count} provisions on {articles} articles in "
            f"{time.perf_counter() - started:.1f} s; median of {args.runs} runs"
        )
        failed = False
        for doc, fmt in CASES:
            seconds, cpu, size = time_export(bill, doc, fmt, args.runs)
            target = TARGETS.get((doc, fmt))
            verdict = ""
            if target is not None:
                ok = seconds < target
                failed |= not ok
                verdict = f"  (target < {target:.0f} s: {'ok' if ok else 'TOO SLOW'})"
            print(
                f"{doc:>12}.{fmt:<5} {seconds:7.2f} s (CPU {cpu:5.2f} s) {size / 1024:9.0f} KiB{verdict}"
            )
        time_cached(bill, args.runs)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

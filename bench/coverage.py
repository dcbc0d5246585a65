"""Benchmark the coverage read model and GET /api/bills/{id}/coverage/ on a large synthetic bill.

On a temporary SQLite database: migrate, `seed_synthetic --obligations 1000 --provisions 2000`,
then for the largest bill print the SQL queries of the computation (must be at most 5), the median
time of the computation, the median time of the API answer through the Django test client, and
its ratio to a bare DRF view ({"ok": true}, same authentication) defined in this script's URLconf.
Run from the repository root: `.venv/bin/python bench/coverage.py [--obligations N --provisions N]`
"""

import argparse
import atexit
import os
import shutil
import statistics
import sys
import tempfile
import time
import types
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
WORKDIR = tempfile.mkdtemp(prefix="bench-coverage-")
atexit.register(shutil.rmtree, WORKDIR, ignore_errors=True)
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "drafting.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)
from django.urls import include, path  # noqa: E402
from rest_framework.response import Response  # noqa: E402
from rest_framework.views import APIView  # noqa: E402

from drafting.api.base import ApiMixin  # noqa: E402

RUNS = 15
WARMUP = 2
QUERY_LIMIT = 5
TARGET_MS = 250


class BareView(ApiMixin, APIView):
    """The floor: the same authentication and rendering, no work."""

    def get(self, request):
        return Response({"ok": True})


URLCONF = types.ModuleType("bench_coverage_urls")
URLCONF.urlpatterns = [
    path("bench/bare/", BareView.as_view()),
    path("", include("drafting.urls")),
]
sys.modules[URLCONF.__name__] = URLCONF


def timed(fn, runs: int = RUNS) -> list[float]:
    """Milliseconds of each run after a warm-up."""
    for _ in range(WARMUP):
        fn()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
        reset_queries()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--obligations", type=int, default=1000)
    parser.add_argument("--provisions", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args()

    from drafting.coverage import compute_coverage
    from drafting.models import Bill, ProvisionObligation

    print(f"database: {os.environ['DATABASE_URL']}")
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command(
        "seed_synthetic",
        obligations=args.obligations,
        provisions=args.provisions,
        seed=1,
        verbosity=0,
    )
    print(f"seeded in {time.perf_counter() - started:.1f} s")
    bill = Bill.objects.annotate(n=Count("provisions")).order_by("-n").first()
    links = ProvisionObligation.objects.active().filter(provision__bill=bill).count()
    print(f"largest bill #{bill.pk}: {bill.n} provisions, {links} active obligation links")

    with CaptureQueriesContext(connection) as queries:
        coverage = compute_coverage(bill)
    query_count = len(queries.captured_queries)
    summary = coverage.summary
    print(
        f"obligations {summary.total}, binding {summary.binding_total}, "
        f"binding gaps {summary.gaps_before} -> {summary.gaps_after}"
    )
    compute_ms = statistics.median(timed(lambda: compute_coverage(bill), args.runs))

    setup_test_environment()
    try:
        with override_settings(ROOT_URLCONF=URLCONF.__name__):
            client = Client()
            client.force_login(bill.created_by)
            url = f"/api/bills/{bill.pk}/coverage/"
            response = client.get(url)
            assert response.status_code == 200, response.status_code
            size_kb = len(response.content) / 1024
            assert client.get("/bench/bare/").status_code == 200
            api_ms = statistics.median(timed(lambda: client.get(url), args.runs))
            bare_ms = statistics.median(timed(lambda: client.get("/bench/bare/"), args.runs))
    finally:
        teardown_test_environment()

    print(f"SQL queries of the computation: {query_count} (limit {QUERY_LIMIT})")
    print(f"computation median: {compute_ms:.1f} ms over {args.runs} runs")
    print(f"GET {url} median: {api_ms:.1f} ms ({size_kb:.0f} KiB JSON; target < {TARGET_MS} ms)")
    print(f"bare DRF view median: {bare_ms:.2f} ms; ratio {api_ms / bare_ms:.0f}x")
    ok = query_count <= QUERY_LIMIT and api_ms < TARGET_MS
    print("OK" if ok else "OVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

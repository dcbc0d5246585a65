"""Benchmark search: the whole Criminal Law, the reference data and a synthetic 10,000-provision bill.

Corpus: `load_demo` (reference data and the demo bill), `import_statute` of the Criminal Law,
`seed_synthetic --provisions 10000 --comments-per-provision 5` (one bill, 50,000 comments). Prints
the time of a full `rebuild_search_index`, then for two-character Chinese terms (rare to very
common) the median of a ranked top 20 with snippets through drafting.search and through
GET /api/search/, as the synthetic bill's drafter (a member: the bill's entries are searched).
SQLite by default (a temporary file); `--database-url postgres://.../NAME` drops and creates NAME.
Run from the repository root: `.venv/bin/python bench/search.py [--database-url URL]`
"""

import argparse
import atexit
import logging
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = tempfile.mkdtemp(prefix="bench-search-")
atexit.register(shutil.rmtree, WORKDIR, ignore_errors=True)
STATUTE = ROOT.parent / "shared/reference/statutes/criminal-law.md"
TERMS = ["淫秽", "罚金", "儿童", "网络"]
RUNS = 21
TARGETS_MS = {"sqlite": 15, "postgresql": 30}
API_TARGET_MS = 60
REINDEX_TARGET_S = 60


def fresh_postgres(url: str) -> None:
    """Drop and create the benchmark's PostgreSQL database."""
    import psycopg

    name = urlparse(url).path.lstrip("/")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=f"sqlite:///{WORKDIR}/bench.sqlite3")
    parser.add_argument("--provisions", type=int, default=10_000)
    parser.add_argument("--comments-per-provision", type=int, default=5)
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="Keep the database's corpus if it has one (SQLite file).",
    )
    parser.add_argument(
        "--no-reindex", action="store_true", help="With --reuse: time queries only."
    )
    return parser.parse_args()


ARGS = parse_args()
if ARGS.database_url.startswith("postgres") and not ARGS.reuse:
    fresh_postgres(ARGS.database_url)
os.environ["DATABASE_URL"] = ARGS.database_url
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "drafting.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DEMO_PASSWORD", "bench-only")

import django  # noqa: E402

django.setup()
logging.getLogger("drafting.request").setLevel(logging.WARNING)  # one line a request otherwise

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)

from drafting.models import SearchEntry  # noqa: E402
from drafting.search.engine import COUNTED_UP_TO  # noqa: E402
from drafting.search.index import rebuild  # noqa: E402
from drafting.search.query import SearchQuery, search  # noqa: E402


def timed(fn, runs: int) -> float:
    """Median milliseconds after two warm-up runs."""
    fn()
    fn()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def build_corpus() -> None:
    started = time.perf_counter()
    call_command("load_demo", verbosity=0)
    call_command("import_statute", str(STATUTE), instrument="PRC-CL", verbosity=0)
    call_command(
        "seed_synthetic",
        obligations=0,
        provisions=ARGS.provisions,
        comments_per_provision=ARGS.comments_per_provision,
        revisions_per_provision=2,
        seed=1,
        verbosity=0,
    )
    print(f"corpus built in {time.perf_counter() - started:.0f} s")


def main() -> int:
    vendor = connection.vendor
    call_command("migrate", verbosity=0)
    print(f"database: {vendor}")
    if not (ARGS.reuse and SearchEntry.objects.exists()):
        build_corpus()
    started = time.perf_counter()
    count = SearchEntry.objects.count() if ARGS.no_reindex else rebuild()
    reindex_s = time.perf_counter() - started
    chars = sum(len(b) for b in SearchEntry.objects.values_list("body", flat=True).iterator())
    print(f"full reindex: {count} entries ({chars / 1e6:.1f} M characters) in {reindex_s:.1f} s")
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE drafting_searchentry")
    user = get_user_model().objects.get(username="drafter")
    ok = reindex_s < REINDEX_TARGET_S
    setup_test_environment()
    try:
        client = Client()
        client.force_login(user)
        for term in TERMS:
            query = SearchQuery(term)
            reset_queries()  # the log is capped: full after the corpus was built, it counts 0
            with CaptureQueriesContext(connection) as queries:
                result = search(user, query)
            direct = timed(lambda q=query: search(user, q), ARGS.runs)
            url = f"/api/search/?q={term}"
            assert client.get(url).status_code == 200
            api = timed(lambda u=url: client.get(u), ARGS.runs)
            print(
                f"{term}: {result.total}{'+' if result.capped else ''} matches "
                f"(counted up to {COUNTED_UP_TO} a kind), top {len(result.hits)} with snippets in "
                f"{len(queries.captured_queries)} SQL queries: median {direct:.1f} ms "
                f"(target < {TARGETS_MS[vendor]}); GET {url} median {api:.1f} ms "
                f"(target < {API_TARGET_MS})"
            )
            ok = ok and direct < TARGETS_MS[vendor] and api < API_TARGET_MS
    finally:
        teardown_test_environment()
    print("OK" if ok else "OVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

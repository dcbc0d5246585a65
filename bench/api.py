"""Benchmark the API under gunicorn: provision detail and a 50-item list against a bare DRF view.

Run from the repository root: `.venv/bin/python bench/api.py [--requests 2000] [--rounds 3]`.
It seeds a temporary SQLite database, starts gunicorn (gthread) on a free loopback port with
bench/settings_bench.py, and prints requests per second and the ratios to the bare view
(targets: detail >= 0.4, list >= 0.15).
"""

import argparse
import http.client
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv/bin/python"
GUNICORN = ROOT / ".venv/bin/gunicorn"
TARGETS = {"detail": 0.4, "list": 0.15}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [str(PYTHON), "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def seed(env: dict) -> dict:
    """Migrate, seed synthetic bills, and return the drafter's token and ids to request."""
    manage(env, "migrate", "--verbosity", "0")
    manage(env, "seed_synthetic", "--obligations", "200", "--provisions", "300", "--seed", "7")
    script = (
        "import json;"
        "from django.contrib.auth import get_user_model;"
        "from knox.models import AuthToken;"
        "from drafting.models import Provision;"
        "u = get_user_model().objects.get(username='drafter');"
        "p = Provision.objects.filter(bill__memberships__user=u).order_by('pk').first();"
        "print(json.dumps({'token': AuthToken.objects.create(user=u)[1],"
        " 'provision': p.pk, 'bill': p.bill_id}))"
    )
    return json.loads(manage(env, "shell", "-c", script).strip().splitlines()[-1])


def start_server(env: dict, port: int, workers: int, threads: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(GUNICORN),
            "drafting.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--worker-class",
            "gthread",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


class Client:
    """One keep-alive connection per client thread."""

    local = threading.local()

    def __init__(self, port: int, token: str):
        self.port = port
        self.headers = {"Authorization": f"Token {token}", "Accept": "application/json"}

    def get(self, path: str) -> int:
        conn = getattr(self.local, "conn", None)
        if conn is None:
            conn = self.local.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request("GET", path, headers=self.headers)
            response = conn.getresponse()
            response.read()
            return response.status
        except (http.client.HTTPException, OSError):
            self.local.conn = None
            conn.close()
            raise


def measure(client: Client, path: str, requests: int, concurrency: int) -> float:
    """Requests per second for a fixed number of GETs from a bounded thread pool."""
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        statuses = list(pool.map(lambda _: client.get(path), range(requests)))
    elapsed = time.perf_counter() - started
    bad = [s for s in statuses if s != 200]
    if bad:
        raise RuntimeError(f"{path}: {len(bad)} responses were not 200 (e.g. {bad[0]})")
    return requests / elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1500, help="per endpoint per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="apibench-") as tmp:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{Path(tmp) / 'bench.sqlite3'}",
            "DJANGO_SETTINGS_MODULE": "bench.settings_bench",
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(40),
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_COOKIES": "0",
            "PYTHONPATH": str(ROOT),
            "LOG_LEVEL": "ERROR",
        }
        ids = seed(env)
        port = free_port()
        server = start_server(env, port, args.workers, args.threads)
        try:
            client = Client(port, ids["token"])
            paths = {
                "bare": "/api/bench/bare/",
                "detail": f"/api/provisions/{ids['provision']}/",
                "list": f"/api/provisions/?bill={ids['bill']}",
            }
            for path in paths.values():  # warm up every worker and check the answers
                measure(client, path, 50, args.concurrency)
            results: dict[str, list[float]] = {name: [] for name in paths}
            for _ in range(args.rounds):
                for name, path in paths.items():
                    results[name].append(measure(client, path, args.requests, args.concurrency))
        finally:
            server.terminate()
            server.wait(10)

    print(
        f"gunicorn gthread {args.workers}x{args.threads}, {args.concurrency} client threads, "
        f"{args.requests} requests x {args.rounds} rounds per endpoint (SQLite)"
    )
    median = {name: statistics.median(values) for name, values in results.items()}
    for name, values in results.items():
        runs = ", ".join(f"{v:.0f}" for v in values)
        print(f"  {name:7s} median {median[name]:7.0f} req/s   (runs: {runs})")
    failed = False
    for name, target in TARGETS.items():
        ratio = median[name] / median["bare"]
        ok = ratio >= target
        failed |= not ok
        print(
            f"  {name}/bare = {ratio:.2f}  (target >= {target})  {'ok' if ok else 'BELOW TARGET'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

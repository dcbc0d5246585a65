"""Load test (locust, headless, loopback only): reviewers against `make serve` on PostgreSQL.

Run from the repository root, with locust installed (`.venv/bin/pip install '.[load]'`):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/drafting_load .venv/bin/python bench/load.py \\
        [--users 200] [--duration 60] [--port 8790]

It migrates and loads the demo data into that database, adds one reviewer account per simulated
user, starts `make serve` (DEBUG off, bench URLconf) on 127.0.0.1, then runs locust three times:
1. reviewers (1-3 s think time): dashboard, bill, provision page, a compare of two revisions, a
   reply every few pages, the amendment as DOCX now and then;
2. and 3. the provision page alone, then a bare signed-in Django view alone, with no think time,
   for their throughput ratio. Prints p50/p99, errors and requests per second per endpoint.
Only 127.0.0.1 is ever contacted; every phase stops after its fixed duration.
"""

import argparse
import csv
import json
import os
import random
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAN = os.environ.get("LOAD_PLAN")

try:
    from locust import between, task
    from locust.contrib.fasthttp import FastHttpUser
except ImportError:  # only the orchestrating half runs without locust
    FastHttpUser = object

if PLAN:
    plan = json.loads(Path(PLAN).read_text())

    class SignedIn(FastHttpUser):
        """geventhttpclient rather than requests: the load generator shares the two cores with
        the server, so the less of them it takes the more the measurement is of the server."""

        abstract = True

        def on_start(self) -> None:
            # Signed in through a session made by the seed step: password hashing is deliberately
            # slow and would be all that a load test of sign-ins measures. The CSRF cookie is a
            # secret of our own, as a browser holds the one the server gave it.
            self.session, self.csrf = random.choice(plan["sessions"]), secrets.token_hex(16)
            self.cookie = {"Cookie": f"sessionid={self.session}; csrftoken={self.csrf}"}
            self.get(f"/provisions/{plan['provisions'][0]}/", "provision")

        def get(self, path: str, name: str) -> None:
            self.client.get(path, name=name, headers=self.cookie)

    class Reviewer(SignedIn):
        """A reviewer reading the bill and commenting now and then."""

        wait_time = between(1, 3)

        @task(3)
        def dashboard(self) -> None:
            self.get("/", "dashboard")

        @task(3)
        def bill(self) -> None:
            self.get(f"/bills/{plan['bill']}/", "bill")

        @task(6)
        def provision(self) -> None:
            self.get(f"/provisions/{random.choice(plan['provisions'])}/", "provision")

        @task(2)
        def compare(self) -> None:
            pk, a, b = random.choice(plan["compare"])
            self.get(f"/provisions/{pk}/compare/?a={a}&b={b}", "compare")

        @task(2)
        def reply(self) -> None:
            """A reply through the plain form: POST, then the page the redirect leads to."""
            self.client.post(
                f"/comments/{random.choice(plan['threads'])}/reply/",
                data={"body": "负载测试回复：同意。", "csrfmiddlewaretoken": self.csrf},
                headers=self.cookie,
                name="reply",
            )

        @task(1)
        def docx(self) -> None:
            self.get(f"/bills/{plan['bill']}/export/amendment.docx", "amendment.docx")

    class ProvisionOnly(SignedIn):
        @task
        def provision(self) -> None:
            self.get(f"/provisions/{plan['provisions'][0]}/", "provision")

    class BareOnly(SignedIn):
        @task
        def bare(self) -> None:
            self.get("/bench/bare-page/", "bare page")


SEED = """
import json
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from drafting.models import Bill, Comment, Membership, Role
bill = Bill.objects.order_by("pk").first()
password = make_password({password!r})
names = [f"load-reviewer-{{n}}" for n in range({users})]
existing = set(User.objects.filter(username__in=names).values_list("username", flat=True))
User.objects.bulk_create([User(username=n, password=password) for n in names if n not in existing])
User.objects.filter(username__in=names).update(password=password)
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
sessions = []
for user in User.objects.filter(username__in=names):
    Membership.objects.get_or_create(bill=bill, user=user, defaults={{"role": Role.REVIEWER}})
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    sessions.append(session.session_key)
provisions = list(bill.provisions.order_by("position").values_list("pk", flat=True))
compare = []
for p in bill.provisions.all():
    numbers = sorted(p.revisions.values_list("number", flat=True))
    if len(numbers) > 1:
        compare.append([p.pk, numbers[0], numbers[-1]])
threads = list(Comment.objects.filter(provision__bill=bill, parent=None).values_list("pk", flat=True))
print(json.dumps({{"bill": bill.pk, "provisions": provisions, "compare": compare or [[provisions[0], 1, 1]],
                  "threads": threads, "sessions": sessions}}))
"""


def manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [str(ROOT / ".venv/bin/python"), "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def start_server(env: dict, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        ["make", "serve", f"PORT={port}", "HOST=127.0.0.1"],
        cwd=ROOT,
        env=env,
        stdout=open(Path(tempfile.gettempdir()) / "load-serve.log", "w"),  # noqa: SIM115
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                if r.status == 200:
                    return server
        except OSError:
            time.sleep(1)
    os.killpg(server.pid, signal.SIGTERM)
    raise RuntimeError("make serve did not answer /healthz")


def run_locust(env: dict, port: int, users_class: str, users: int, seconds: int) -> list[dict]:
    """One headless locust run; its per-endpoint statistics rows."""
    prefix = Path(tempfile.mkdtemp()) / "stats"
    subprocess.run(
        [
            str(ROOT / ".venv/bin/locust"),
            "-f",
            str(Path(__file__)),
            users_class,
            "--headless",
            "-u",
            str(users),
            "-r",
            str(max(1, users // 10)),
            "-t",
            f"{seconds}s",
            "--host",
            f"http://127.0.0.1:{port}",
            "--csv",
            str(prefix),
            "--only-summary",
            "--stop-timeout",
            "5",
            "--loglevel",
            "WARNING",
        ],
        cwd=ROOT,
        env=env,
        check=False,
        capture_output=True,
    )
    with open(f"{prefix}_stats.csv") as handle:
        return list(csv.DictReader(handle))


def report(title: str, rows: list[dict]) -> dict:
    print(f"\n{title}")
    print(f"{'endpoint':<18}{'requests':>9}{'errors':>8}{'p50 ms':>9}{'p99 ms':>9}{'req/s':>9}")
    for row in rows:
        print(
            f"{row['Name']:<18}{row['Request Count']:>9}{row['Failure Count']:>8}"
            f"{row['50%']:>9}{row['99%']:>9}{float(row['Requests/s']):>9.1f}"
        )
    return {row["Name"]: row for row in rows}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--port", type=int, default=8790)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        print("Set DATABASE_URL to a PostgreSQL database (it is migrated and filled).")
        return 2
    password = secrets.token_urlsafe(12)
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "DEMO_PASSWORD": password,
        "DJANGO_SETTINGS_MODULE": "bench.settings_bench",
        "ACCESS_LOG": "/dev/null",
        "REQUEST_LOG": "0",
        "LOGIN_FAILURE_LIMIT": "1000",
    }
    manage(env, "migrate", "--no-input")
    manage(env, "load_demo")
    output = manage(env, "shell", "-c", SEED.format(password=password, users=args.users))
    seeded = json.loads(output.strip().splitlines()[-1])  # the shell may announce its imports
    base = f"http://127.0.0.1:{args.port}"
    plan_file = Path(tempfile.mkdtemp()) / "plan.json"
    plan_file.write_text(json.dumps({**seeded, "password": password, "base": base}))
    env["LOAD_PLAN"] = str(plan_file)
    server = start_server(env, args.port)
    try:
        reviewers = report(
            f"{args.users} reviewers, 1-3 s think time, {args.duration} s",
            run_locust(env, args.port, "Reviewer", args.users, args.duration),
        )
        page = report(
            "provision page alone, 20 users, no think time, 20 s",
            run_locust(env, args.port, "ProvisionOnly", 20, 20),
        )
        bare = report(
            "bare signed-in Django view alone, 20 users, no think time, 20 s",
            run_locust(env, args.port, "BareOnly", 20, 20),
        )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    total = reviewers["Aggregated"]
    endpoints = [r for name, r in reviewers.items() if name != "Aggregated"]
    slowest = max(endpoints, key=lambda r: float(r["99%"]))
    bare_rps = float(bare.get("bare page", {}).get("Requests/s", 0)) or float("nan")
    ratio = float(page.get("provision", {}).get("Requests/s", 0)) / bare_rps
    ok = int(total["Failure Count"]) == 0 and float(total["99%"]) < 500
    print(
        f"\n{args.users} reviewers: p99 {total['99%']} ms, {total['Failure Count']} errors, "
        f"{float(total['Requests/s']):.1f} req/s ({'held' if ok else 'NOT held'}: p99 < 500 ms, "
        f"no errors); slowest endpoint {slowest['Name']} (p99 {slowest['99%']} ms); provision "
        f"page {ratio:.2f}x the bare view's throughput (target >= 0.2x)"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark the provision page with 200 comment threads and 50 revisions, and with 200 threads
written against an earlier revision of a 200,000-character text (target: under 300 ms once the
placements are stored; the first view after a revision computes and stores them). Each is timed
built (the kept body dropped before every view: what the first reader after a write waits) and
kept (the body served from the cache).

Seeds a throw-away test database (SQLite in memory unless DATABASE_URL says otherwise), fetches
the page with the test client several times and prints the SQL query count and the timings.
Run from the repository root: `.venv/bin/python bench/provision_page.py`
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "drafting.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)
from django.urls import reverse  # noqa: E402

RUNS = 15
THREADS = 200
REVISIONS = 50

CLAUSES = [
    "以牟利或者传播为目的，制作、复制、出版、贩卖、传播儿童性侵害材料的，",
    "处五年以下有期徒刑、拘役或者管制，并处罚金；",
    "情节严重的，处五年以上十年以下有期徒刑，并处罚金；",
    "情节特别严重的，处十年以上有期徒刑或者无期徒刑，并处罚金或者没收财产。",
    "明知是儿童性侵害材料而故意持有的，处三年以下有期徒刑、拘役或者管制，并处或者单处罚金。",
    "网络服务提供者明知他人利用其服务实施前款行为，不采取删除、屏蔽等必要措施的，依照前款的规定处罚。",
    "本条所称儿童，是指未满十八周岁的人。",
]


def article_text(version: int) -> str:
    """A seven-clause article; each revision changes one clause a little."""
    clauses = list(CLAUSES)
    clauses[version % len(clauses)] = clauses[version % len(clauses)].replace(
        "处", f"依法处（第{version}稿）", 1
    )
    return "\n".join(clauses)


def seed():
    """A bill with a drafter and a reviewer, one provision, its revisions and its threads."""
    from drafting import services
    from drafting.models import Role
    from drafting.text.anchoring import Anchor
    from tests.factories import BillFactory, MembershipFactory, ProvisionFactory, UserFactory

    drafter = UserFactory(username="bench-drafter")
    bill = BillFactory(created_by=drafter)
    reviewer = MembershipFactory(bill=bill, user=UserFactory(), role=Role.REVIEWER).user
    provision = ProvisionFactory(bill=bill)
    words = ["儿童性侵害材料", "并处罚金", "有期徒刑", "网络服务提供者", "必要措施", "未满十八周岁"]
    per_revision = THREADS // REVISIONS
    made = 0
    for number in range(REVISIONS):
        revision = services.revision_create(
            actor=drafter,
            provision=provision,
            base_revision=provision.current_revision,
            text_zh=article_text(number),
            text_en=f"Whoever produces child sexual abuse material ... (draft {number}).",
        )
        provision.refresh_from_db()
        for i in range(per_revision):
            exact = words[(made + i) % len(words)]
            occurrence = 1 + (i % max(1, revision.text_zh.count(exact)))
            thread = services.comment_create(
                actor=reviewer,
                provision=provision,
                revision=revision,
                body=f"Remark {made + i}: is **{exact}** the right term here?",
                anchor=Anchor.locate(revision.text_zh, exact, language="zh", occurrence=occurrence),
            )
            if i % 2:
                services.comment_reply(actor=drafter, parent=thread, body="Noted; see next draft.")
        made += per_revision
    return provision, reviewer


def seed_long():
    """One 200,000-character provision; 200 threads on revision 1, then a revised revision 2."""
    from drafting import services
    from drafting.models import Role
    from drafting.text.anchoring import Anchor
    from tests.factories import BillFactory, MembershipFactory, ProvisionFactory, UserFactory

    drafter = UserFactory(username="bench-long-drafter")
    bill = BillFactory(created_by=drafter)
    reviewer = MembershipFactory(bill=bill, user=UserFactory(), role=Role.REVIEWER).user
    provision = ProvisionFactory(bill=bill)
    clauses = [f"第{n}项：{CLAUSES[n % len(CLAUSES)]}" for n in range(4000)]
    text = "\n".join(clauses)
    while len(text) < 200_000:
        clauses.append(f"第{len(clauses)}项：{CLAUSES[len(clauses) % len(CLAUSES)]}")
        text = "\n".join(clauses)
    text = text[:200_000]
    first = services.revision_create(
        actor=drafter,
        provision=provision,
        base_revision=provision.current_revision,
        text_zh=text,
        text_en="Working translation to follow.",
    )
    step = len(text) // THREADS
    for i in range(THREADS):
        start = i * step + 3
        services.comment_create(
            actor=reviewer,
            provision=provision,
            revision=first,
            body=f"Remark {i}.",
            anchor=Anchor(
                language="zh",
                exact=text[start : start + 6],
                prefix=text[max(0, start - 32) : start],
                suffix=text[start + 6 : start + 38],
                start=start,
                end=start + 6,
            ),
        )
    revised = text.replace("并处罚金", "并处或者单处罚金")[:200_000]
    services.revision_create(
        actor=drafter,
        provision=provision,
        base_revision=first,
        text_zh=revised,
        text_en="Working translation to follow.",
    )
    provision.refresh_from_db()
    return provision, reviewer


def drop_kept_pages() -> None:
    """Drop the kept page bodies and nothing else (the law redline stays cached by its texts, as
    it does when a comment or a revision changes the page). Reads the memory cache's keys."""
    cache.delete_many([key.split(":", 2)[2] for key in list(cache._cache) if ":page:" in key])


def timed(client, url: str, *, built: bool) -> tuple[float, set[int]]:
    """Median milliseconds and query counts of RUNS views; built: the kept body dropped first."""
    timings, counts = [], set()
    for _ in range(RUNS):
        if built:
            drop_kept_pages()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        counts.add(len(queries))
    return statistics.median(timings), counts


def time_long(client_class) -> None:
    provision, reviewer = seed_long()
    client = client_class()
    client.force_login(reviewer)
    url = reverse("drafting:provision", kwargs={"pk": provision.pk})
    started = time.perf_counter()
    assert client.get(url).status_code == 200
    first = (time.perf_counter() - started) * 1000
    built, _ = timed(client, url, built=True)
    kept, _ = timed(client, url, built=False)
    print(
        f"provision page, {THREADS} threads on an earlier revision of a 200,000-character text: "
        f"first view (re-anchors and stores) {first:.0f} ms, then built {built:.1f} ms, "
        f"kept {kept:.1f} ms (median; target < 300 ms: {'ok' if built < 300 else 'TOO SLOW'})"
    )


def main() -> None:
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        provision, reviewer = seed()
        client = Client()
        client.force_login(reviewer)
        url = reverse("drafting:provision", kwargs={"pk": provision.pk})
        client.get(url)  # warm templates and the session
        built, built_counts = timed(client, url, built=True)
        kept, kept_counts = timed(client, url, built=False)
        body = client.get(url).content.decode()
        marks = body.count('class="comment-mark"')
        print(
            f"provision page, {THREADS} threads on {REVISIONS + 1} revisions "
            f"({connection.vendor}, {RUNS} runs): built {built:.1f} ms ({sorted(built_counts)} "
            f"queries), kept {kept:.1f} ms ({sorted(kept_counts)} queries), "
            f"{len(body) // 1024} KiB, {marks} highlight marks"
        )
        time_long(Client)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()

"""Fixtures of the drafting tests: a small law of real article numbers and a 修正案 text for it;
for the browser tests, Chromium, the live server speaking plain HTTP and a small team."""

import threading

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test.utils import override_settings

from drafting import services
from drafting.models import Role
from tests.drafting.browsing import CHROMIUM, TEXT_EN, TEXT_ZH
from tests.factories import ArticleFactory, MembershipFactory, ProvisionFactory, UserFactory

TEXT = """中华人民共和国刑法修正案（草案）

一、将刑法第三百六十四条修改为：“甲。

“乙。”

二、删去刑法第三百六十条第二款。

三、在刑法第二百八十七条之二后增加一条，作为第二百八十七条之三：“丙。”

四、在刑法第三百六十三条中增加一款作为第三款：“丁。”

五、本修正案自2026年3月1日起施行。
"""


@pytest.fixture
def law(bill):
    law = bill.target_instrument
    for number, sub, count in (
        (360, 0, 2),
        (363, 0, 2),
        (364, 0, 4),
        (287, 0, 1),
        (287, 1, 1),
        (287, 2, 1),
    ):
        ArticleFactory(
            instrument=law, number=number, sub=sub, paragraphs=[f"第{n}款。" for n in range(count)]
        )
    return law


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


def _reload_middleware(live_server) -> None:
    """Rebuild the middleware of every handler the live server stacks (media and static too)."""
    app = live_server.thread.httpd.get_app()
    app = getattr(app, "app", app)  # inside _OneAtATime
    while isinstance(app, WSGIHandler):
        app.load_middleware()
        app = getattr(app, "application", None)


class _OneAtATime:
    """A WSGI app answering one request at a time. On SQLite the live server's threads share the
    test's in-memory connection, which two requests at once (a page and a late htmx poll of the
    one before) break with "bad parameter or other API misuse"."""

    def __init__(self, app) -> None:
        self.app, self.lock = app, threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            result = self.app(environ, start_response)
            try:
                return list(result)
            finally:
                if hasattr(result, "close"):
                    result.close()  # Django's request_finished, as the server would


@pytest.fixture
def server(live_server, transactional_db):
    """The live server speaking plain http (production redirects to https and marks cookies secure).

    The live server builds its middleware once, when it starts, so it is rebuilt with the
    override and again afterwards.
    """
    httpd = live_server.thread.httpd
    if connection.vendor == "sqlite" and not isinstance(httpd.get_app(), _OneAtATime):
        httpd.set_app(_OneAtATime(httpd.get_app()))
    with override_settings(
        SECURE_SSL_REDIRECT=False, SESSION_COOKIE_SECURE=False, CSRF_COOKIE_SECURE=False
    ):
        _reload_middleware(live_server)
        yield live_server.url
    _reload_middleware(live_server)


@pytest.fixture
def team(transactional_db):
    """A bill with two drafters and a reviewer, and one provision with Chinese and English text."""
    drafter = UserFactory(username="drafter-a")
    provision = ProvisionFactory(bill__created_by=drafter)
    services.revision_create(
        actor=drafter,
        provision=provision,
        base_revision=provision.current_revision,
        text_zh=TEXT_ZH,
        text_en=TEXT_EN,
    )
    bill = provision.bill
    reviewer = MembershipFactory(
        bill=bill, user=UserFactory(username="reviewer-a"), role=Role.REVIEWER
    ).user
    second = MembershipFactory(
        bill=bill, user=UserFactory(username="drafter-b"), role=Role.DRAFTER
    ).user
    provision.refresh_from_db()
    return {"provision": provision, "drafter": drafter, "second": second, "reviewer": reviewer}

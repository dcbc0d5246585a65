"""A large document in Debian's Chromium: the link opens the progress page, the bar follows the
task worker (htmx polling, no inline script) and the download appears without reloading."""

import re

import pytest
from django.core.management import call_command

from tests.drafting.browsing import (
    BROWSER,
    expect,
    signed_in,
)

pytestmark = BROWSER


@pytest.fixture
def database_tasks(settings):
    settings.BACKGROUND_EXPORT_ROWS = 1
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }


def test_the_progress_page_shows_the_download_when_the_worker_is_done(
    browser,
    server,
    team,
    database_tasks,
):
    bill = team["provision"].bill
    page = signed_in(browser, server, team["reviewer"], bill.get_absolute_url())
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.locator("table.exports tr", has_text="修改对照表").get_by_role("link", name="PDF").click()
    expect(page).to_have_url(re.compile(r"/jobs/[0-9a-f-]{36}/$"))
    expect(page.locator("#job-progress")).to_contain_text("Waiting for a worker")
    expect(page.locator("#job-progress progress")).to_have_attribute("value", "0")
    url = page.url

    call_command("db_worker", batch=True, startup_delay=False, interval=0.1, verbosity=0)

    download = page.get_by_role("link", name="Download")
    expect(download).to_be_visible(timeout=10_000)  # htmx polls every second
    assert page.url == url  # no reload: the fragment was swapped in
    expect(page.locator("#job-progress progress")).to_have_attribute("value", "100")
    response = page.request.get(server + download.get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert errors == []


@pytest.fixture
def waiting_tasks(settings):
    """Large exports go to a task that no worker runs: the page keeps polling."""
    settings.BACKGROUND_EXPORT_ROWS = 1
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


def test_the_progress_page_stops_polling_when_the_session_ends(
    browser,
    server,
    team,
    waiting_tasks,
):
    bill = team["provision"].bill
    page = signed_in(browser, server, team["reviewer"], bill.get_absolute_url())
    page.locator("table.exports tr", has_text="修改对照表").get_by_role("link", name="PDF").click()
    expect(page).to_have_url(re.compile(r"/jobs/[0-9a-f-]{36}/$"))
    polls = []
    page.on("request", lambda request: "/jobs/" in request.url and polls.append(request.url))
    page.context.clear_cookies()  # signed out elsewhere, or the session expired

    expect(page.locator("#job-progress")).to_contain_text("can no longer follow the job")
    expect(page.locator("#job-progress")).to_have_attribute("role", "alert")
    asked = len(polls)
    page.wait_for_timeout(2500)  # two more ticks of the old polling
    assert len(polls) == asked

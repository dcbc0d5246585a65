"""The Content-Security-Policy in Debian's Chromium: pages, htmx interactions, the admin, the API
docs and an exported document work under it, and the browser reports no violation."""

import re

from django.urls import reverse

from tests.drafting.browsing import (
    BROWSER,
    expect,
    provision_path,
    select_words,
    signed_in,
)
from tests.factories import UserFactory

pytestmark = BROWSER


def watch(page) -> list[str]:
    """Collect what the browser says about the policy (a refused script, style, image or request)."""
    violations: list[str] = []

    def on_console(message) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            violations.append(f"{message.location.get('url')}: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: violations.append(f"page error: {error}"))
    return violations


def visit(page, url: str) -> None:
    response = page.goto(url)
    assert response.status == 200, url
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("load")


def test_pages_and_htmx_work_with_no_policy_violation(browser, server, team):
    provision, reviewer = team["provision"], team["reviewer"]
    page = signed_in(browser, server, reviewer, provision_path(provision))
    violations = watch(page)
    page.reload()
    page.wait_for_load_state("load")
    # htmx: a comment, a reply and a resolve, each swapped into the page.
    select_words(page, "zh", "处五年以下有期徒刑")
    form = page.locator("#comment-form")
    form.locator("textarea[name=body]").fill("Is five years enough?")
    form.locator("button[type=submit]").click()
    thread = page.locator(".thread", has_text="Is five years enough?")
    expect(thread).to_be_visible()
    thread.locator("summary", has_text="Reply").click()
    thread.locator("textarea[name=body]").fill("Compare OPSC art. 3(3).")
    thread.locator("button", has_text="Send reply").click()
    expect(page.locator(".thread", has_text="Compare OPSC art. 3(3).")).to_be_visible()
    page.locator(".thread", has_text="Is five years enough?").locator(
        "button", has_text="Resolve"
    ).click()
    expect(page.locator(".comment-status-resolved")).to_be_visible()

    bill = provision.bill
    for path in (
        reverse("drafting:dashboard"),
        reverse("drafting:bill", kwargs={"pk": bill.pk}),
        reverse("drafting:compare", kwargs={"pk": provision.pk}),
        reverse("drafting:coverage", kwargs={"pk": bill.pk}),
        reverse("drafting:statement", kwargs={"pk": bill.pk}),
        reverse("drafting:bill_new"),
        reverse("password_change"),
        reverse("password_reset"),
        reverse("proposals:instruments"),
        reverse("api:docs"),
    ):
        visit(page, server + path)
    # Swagger UI renders after it fetched the schema, whose first build takes seconds on a busy machine.
    expect(page.locator("#swagger-ui .information-container")).to_be_visible(timeout=20_000)
    # htmx's history: back to the compare page and on again, without a script error.
    page.go_back()
    page.wait_for_load_state("load")
    page.context.close()
    assert violations == []


def test_exported_document_has_its_own_policy_and_no_violation(browser, server, team):
    bill = team["provision"].bill
    path = reverse("drafting:export", kwargs={"pk": bill.pk, "doc": "amendment", "fmt": "html"})
    page = signed_in(browser, server, team["reviewer"], reverse("drafting:dashboard"))
    violations = watch(page)
    response = page.goto(server + path)
    assert response.status == 200
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy
    # The document's own styles apply: the title is centred.
    assert page.locator("h1.doc-title").evaluate("e => getComputedStyle(e).textAlign") == "center"
    page.context.close()
    assert violations == []


def test_admin_pages_work_with_no_policy_violation(browser, server, team):
    UserFactory(username="root", is_staff=True, is_superuser=True)
    provision = team["provision"]
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    violations = watch(page)
    page.goto(server + reverse("admin:login"))
    page.fill("#id_username", "root")
    page.fill("#id_password", "correct horse battery staple")
    page.click("input[type=submit]")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    revision = provision.current_revision
    for path in (
        reverse("admin:drafting_bill_changelist"),
        reverse("admin:drafting_revision_change", args=[revision.pk]),
        reverse("admin:auth_user_changelist"),
    ):
        visit(page, server + path)
    context.close()
    assert violations == []

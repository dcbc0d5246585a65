"""Content-Security-Policy (Django's middleware): scripts and styles from this site only, a nonce
where a page has an inline block (the API docs), and a stricter policy of its own on exported documents.

tests/drafting/web/test_browser_csp.py checks in Chromium that nothing is refused."""

import re

import pytest
from django.urls import reverse

from tests.drafting.web.provision_pages import comment_post


def directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in policy.split(";") if " " in part.strip())


def test_pages_allow_only_this_site(client, provision, drafter):
    client.force_login(drafter)
    for url in (
        reverse("drafting:dashboard"),
        reverse("drafting:provision", args=[provision.pk]),
        reverse("proposals:instruments"),
        reverse("login"),
    ):
        response = client.get(url)
        policy = directives(response)
        assert policy["script-src"] == "'self'", url  # no nonce: the page has no inline script
        assert policy["style-src"] == "'self'", url
        assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
        assert policy["base-uri"] == "'none'" and policy["form-action"] == "'self'"
        content = response.content.decode()
        assert "<script>" not in content and " style=" not in content, url
        assert "javascript:" not in content, url
        assert '"includeIndicatorStyles": false' in content, url  # htmx injects no <style>


def test_api_anonymous_answers_carry_the_policy(client):
    response = client.get(reverse("api:bill-list"))
    assert response.status_code in (401, 403)
    assert "default-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_rate_limited_page_has_no_script_link(client, provision, reviewer, settings, lang):
    settings.COMMENT_RATE_LIMIT = 1
    client.force_login(reviewer)
    for _ in range(2):
        response = client.post(
            reverse("drafting:comment_create", args=[provision.pk]),
            comment_post(provision),
            headers={"accept-language": lang},
        )
    assert response.status_code == 429
    assert b"javascript:" not in response.content
    assert reverse("drafting:dashboard").encode() in response.content


def test_inline_blocks_carry_the_nonce_of_the_header(client, provision, superuser):
    client.force_login(superuser)
    revision = provision.current_revision
    admin = client.get(reverse("admin:drafting_revision_change", args=[revision.pk]))
    assert admin.status_code == 200
    # The admin's styles are files (Django's admin marks their links with the nonce).
    assert "unsafe-inline" not in admin["Content-Security-Policy"]
    assert "<style" not in admin.content.decode()
    response = client.get(reverse("api:docs"))
    nonce = re.search(r"'nonce-([^']+)'", directives(response)["style-src"]).group(1)
    assert f"'nonce-{nonce}'" in directives(response)["script-src"]
    assert f'<style nonce="{nonce}">' in response.content.decode()
    assert f'<script nonce="{nonce}">' in response.content.decode()  # the Swagger UI set-up


@pytest.mark.parametrize(
    "url_name,kwargs",
    [
        ("drafting:export", {"doc": "amendment", "fmt": "html"}),
        ("drafting:export", {"doc": "comparison", "fmt": "docx"}),
        ("drafting:statement_export", {"fmt": "html"}),
        ("drafting:comments_report", {"fmt": "html"}),
    ],
)
def test_exported_documents_run_no_script(client, provision, drafter, url_name, kwargs):
    client.force_login(drafter)
    response = client.get(reverse(url_name, kwargs={"pk": provision.bill.pk, **kwargs}))
    assert response.status_code == 200
    policy = directives(response)
    assert policy["default-src"] == "'none'" and "script-src" not in policy
    assert policy["style-src"] == "'unsafe-inline'"  # the document's own <style> and col widths
    assert policy["frame-ancestors"] == "'none'" and policy["form-action"] == "'none'"

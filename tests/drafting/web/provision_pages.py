"""What the tests of the provision page share: its addresses, a client per user, a comment (made
through the services or posted as the page's form does)."""

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from drafting import services
from drafting.text.anchoring import Anchor
from tests.drafting.web.roles import DRAFTERS_ONLY

WORDS = "处五年以下有期徒刑"

# Rows (role, status, done) of a permission matrix for the roles that may not write on a
# provision: DRAFTERS_ONLY's anonymous, outsider, staff and viewer, with nothing done.
REFUSED = [(role, status, False) for role, status in DRAFTERS_ONLY[:4]]


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def page(provision) -> str:
    return reverse("drafting:provision", kwargs={"pk": provision.pk})


def comment_on(provision, author, exact=WORDS, *, language="zh", body="Too lenient.", **kw):
    revision = provision.current_revision
    text = revision.text_zh if language == "zh" else revision.text_en
    return services.comment_create(
        actor=author,
        provision=provision,
        revision=revision,
        body=body,
        anchor=Anchor.locate(text, exact, language=language),
        **kw,
    )


def comment_post(provision, exact=WORDS, **extra) -> dict:
    """The comment form's data: a remark on `exact` in the current revision's Chinese text."""
    data = {
        "revision": provision.current_revision.pk,
        "language": "zh",
        "exact": exact,
        "body": "Should the minimum be higher?",
    }
    data.update(extra)
    return data


def edit_url(provision) -> str:
    return reverse("drafting:provision_edit", kwargs={"pk": provision.pk})


def edit_post(base, text_zh, text_en="Working translation.", note="") -> dict:
    return {"base_revision": base.pk, "text_zh": text_zh, "text_en": text_en, "note": note}


def count_queries(client, url) -> int:
    """The queries of building the page (its cached body is dropped first: test_page_cache.py
    counts the cached view)."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)

"""Pages whose body is rendered once per state and then served from the cache.

Building the provision page costs a dozen queries and a large template (about 40 ms), the bill
page about 25 ms; most views see a state an earlier view already rendered. Their body is kept in
the cache under a key made of the page's state (page_state.py: one query), the language, the time
zone, the templates and the query parameters the page reads. Any write changes that key, so a kept
body never outlives a change, on any app server; what no write moves (a user renaming themselves)
is bounded by TIMEOUT.

A body holds no per-request data: the CSRF token is a placeholder swapped for the reader's own on
the way out; the site header (name, messages, language) is rendered per request around it.
"""

import hashlib
from collections.abc import Callable
from functools import cache as once
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from drafting.web.page_state import PageState

TIMEOUT = 600  # seconds; every write changes the key long before this
TOKEN = "csrftokenplaceholder7c1e9a"  # alphanumeric: escaping leaves it as it is


@once
def _templates_digest() -> str:
    """The templates and translations the body is made of: a deploy that changes them starts
    afresh even when the cache is shared and outlives the old app servers."""
    digest = hashlib.sha256()
    roots = [Path(settings.BASE_DIR) / "templates", Path(settings.BASE_DIR) / "locale"]
    for path in sorted(p for root in roots for p in root.rglob("*") if p.is_file()):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_key(request: HttpRequest, page: str, fingerprint: str, reads: set[str]) -> str | None:
    """Where this view's body is kept; None when the request has a parameter the page does not
    keep bodies for (a search is rendered fresh)."""
    if set(request.GET) - reads:
        return None
    parts = (
        _templates_digest(),
        page,
        fingerprint,
        get_language(),
        timezone.get_current_timezone_name(),
        sorted((name, request.GET.get(name)) for name in reads),
    )
    return f"page:{page}:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def render_body(request: HttpRequest, template: str, context: dict) -> str:
    """The body as it can be kept: the CSRF token is a placeholder."""
    return render_to_string(template, {**context, "csrf_token": TOKEN}, request=request)


def kept_or_built[T](
    key: str | None,
    state: PageState,
    state_now: Callable[[], PageState | None],
    build: Callable[[], T],
) -> T:
    """The kept body, or a new one, kept unless the state moved while it was built."""
    kept = cache.get(key) if key else None
    if kept is None:
        kept = build()
        if key and state_now() == state:
            cache.set(key, kept, TIMEOUT)
    return kept


def served(request: HttpRequest, body: str) -> SafeString:
    """A kept body as this reader gets it: their own CSRF token in its forms, safe to insert
    into the site's frame (it was rendered, and escaped, by its template)."""
    return mark_safe(body.replace(TOKEN, get_token(request)))  # noqa: S308

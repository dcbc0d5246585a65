"""The provision page's body, rendered once per state and then served from the cache.

Building the page costs a dozen queries and a large template (about 40 ms); most views see a state
that an earlier view already rendered. Its body is therefore cached under a key made of the
page's state, read in ONE query (`state_of`): the provision's and the bill's rows, what was written
on the provision (revisions, comments and replies, dispositions, obligation links and their
reviews, workflow events, linked proposals), the bill's other provisions (the impact list), the
reference data edition (statute text, article history, obligations; it also moves when the
append-only history is opened for maintenance), the reader's role and,
when the reader wrote a thread, a link or the current revision (the rules then differ for them),
the reader. Any write changes that key, so a cached body never outlives a change, on any app
server. What no write moves (a user renaming themselves) is bounded by TIMEOUT.

The body holds no per-request data: the CSRF token is a placeholder swapped for the reader's own
token on the way out; the site header (name, messages, language) is rendered per request.
"""

import hashlib
from dataclasses import dataclass
from functools import cache as once
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from drafting.models import (
    Bill,
    Comment,
    CommentDisposition,
    Membership,
    Provision,
    ProvisionObligation,
    ReviewEvent,
    Revision,
)
from proposals.models import ReferenceEdition

BODY = "drafting/_provision_page.html"
TIMEOUT = 600  # seconds; every write changes the key long before this
TOKEN = "csrftokenplaceholder7c1e9a"  # alphanumeric: escaping leaves it as it is
CACHEABLE_PARAMETERS = {"threads"}  # a link search (?q=) is rendered fresh


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _col(model, name: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(name).column)


def _aggregates(model, link: str, *parts: str, alias: str = "a", of: str = "p.id") -> str:
    """One scalar subquery joining the given aggregates of the rows whose `link` column is `of`
    with ':' (one subquery per table keeps PostgreSQL's planning short). NULL when there are no
    rows: every aggregate here is then NULL, and with rows none is."""
    joined = " || ':' || ".join(parts)
    where = f"{alias}.{_col(model, link)} = {of}"
    return f"(SELECT {joined} FROM {_table(model)} {alias} WHERE {where})"


@once
def _state_sql() -> str:
    """The state query, built once per process from the models' tables and columns."""
    proposals = Provision._meta.get_field("proposals").remote_field.through
    bill = f"p.{_col(Provision, 'bill')}"
    parts = [
        f"(SELECT role FROM {_table(Membership)} m WHERE m.{_col(Membership, 'bill')} = {bill}"
        f" AND m.{_col(Membership, 'user')} = %s)",
        *(f"p.{_col(Provision, f.name)}" for f in Provision._meta.concrete_fields),
        *(f"b.{_col(Bill, f.name)}" for f in Bill._meta.concrete_fields),
        _aggregates(Revision, "provision", "COUNT(*)", "MAX(a.id)"),
        _aggregates(
            Comment, "provision", "COUNT(*)", "MAX(a.id)", f"MAX(a.{_col(Comment, 'updated_at')})"
        ),
        f"(SELECT COUNT(*) || ':' || MAX(d.{_col(CommentDisposition, 'decided_at')}) FROM "
        f"{_table(CommentDisposition)} d JOIN {_table(Comment)} c ON c.id = "
        f"d.{_col(CommentDisposition, 'comment')} WHERE c.{_col(Comment, 'provision')} = p.id)",
        _aggregates(
            ProvisionObligation,
            "provision",
            "COUNT(*)",
            "MAX(a.id)",
            f"COUNT(a.{_col(ProvisionObligation, 'removed_at')})",
            f"COUNT(a.{_col(ProvisionObligation, 'reviewed_at')})",
        ),
        _aggregates(ReviewEvent, "provision", "COUNT(*)", "MAX(a.id)"),
        _aggregates(proposals, "provision", "COUNT(*)", "MAX(a.id)"),
        _aggregates(  # the bill's provisions, for the impact list (reordering moves no stamp)
            Provision,
            "bill",
            "COUNT(*)",
            f"MAX(a.{_col(Provision, 'updated_at')})",
            f"SUM(a.{_col(Provision, 'position')} * a.id)",
            f"SUM(a.{_col(Provision, 'version')})",
            f"SUM(COALESCE(a.{_col(Provision, 'current_revision')}, 0))",
            of=bill,
        ),
        f"(SELECT number FROM {_table(ReferenceEdition)} WHERE id = 1)",
        _personal_sql(),
    ]
    return (
        f"SELECT {', '.join(parts)} FROM {_table(Provision)} p JOIN {_table(Bill)} b "
        f"ON b.id = {bill} WHERE p.id = %s"
    )


def _personal_sql() -> str:
    """Whether the reader wrote a thread or a live link here, or the current revision: then the
    rules (resolve my thread, not review my link, four eyes) single them out."""
    threads = (
        f"SELECT 1 FROM {_table(Comment)} x WHERE x.{_col(Comment, 'provision')} = p.id "
        f"AND x.{_col(Comment, 'parent')} IS NULL AND x.{_col(Comment, 'author')} = %s"
    )
    links = (
        f"SELECT 1 FROM {_table(ProvisionObligation)} y WHERE "
        f"y.{_col(ProvisionObligation, 'provision')} = p.id AND "
        f"y.{_col(ProvisionObligation, 'created_by')} = %s"
    )
    revision = (
        f"SELECT 1 FROM {_table(Revision)} z WHERE z.id = p.{_col(Provision, 'current_revision')}"
        f" AND z.{_col(Revision, 'author')} = %s"
    )
    return f"(CASE WHEN EXISTS ({threads}) OR EXISTS ({links}) OR EXISTS ({revision}) THEN 1 END)"


@dataclass(frozen=True)
class PageState:
    role: str | None
    bill_id: int
    fingerprint: str


def state_of(user, pk: int) -> PageState | None:
    """The page's state for this reader in one query (None when there is no such provision)."""
    bill_column = 1 + [f.name for f in Provision._meta.concrete_fields].index("bill")
    with connection.cursor() as cursor:
        cursor.execute(_state_sql(), [user.pk, user.pk, user.pk, user.pk, pk])
        row = cursor.fetchone()
    if row is None:
        return None
    personal = user.pk if row[-1] else None
    digest = hashlib.sha256(repr((row[:-1], personal)).encode()).hexdigest()
    return PageState(role=row[0], bill_id=row[bill_column], fingerprint=digest)


@once
def _templates_digest() -> str:
    """The templates and translations the body is made of: a deploy that changes them starts
    afresh even when the cache is shared and outlives the old app servers."""
    digest = hashlib.sha256()
    roots = [Path(settings.BASE_DIR) / "templates", Path(settings.BASE_DIR) / "locale"]
    for path in sorted(p for root in roots for p in root.rglob("*") if p.is_file()):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_key(request: HttpRequest, pk: int, state: PageState) -> str | None:
    """Where the body of this view is kept, or None when the view is not cached (a search)."""
    if set(request.GET) - CACHEABLE_PARAMETERS:
        return None
    parts = (
        _templates_digest(),
        pk,
        state.fingerprint,
        get_language(),
        timezone.get_current_timezone_name(),
        request.GET.get("threads") == "all",
    )
    return "provision-page:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def render_body(request: HttpRequest, context: dict) -> str:
    """The body as it can be kept: the CSRF token is a placeholder."""
    return render_to_string(BODY, {**context, "csrf_token": TOKEN}, request=request)


def cached_body(key: str | None) -> str | None:
    return cache.get(key) if key else None


def keep_body(key: str | None, body: str) -> None:
    if key:
        cache.set(key, body, TIMEOUT)


def with_token(request: HttpRequest, body: str) -> str:
    """The body with the reader's own CSRF token in its forms."""
    return body.replace(TOKEN, get_token(request))

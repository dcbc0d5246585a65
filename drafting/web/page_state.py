"""The state of a cached page, read in ONE query: everything its body is made of (see
page_cache.py). A write anywhere in that state changes the fingerprint, so a body kept under the old
one is never served again.

The provision page: the provision's and bill's rows; what was written on the provision (revisions,
comments and replies, dispositions, obligation links and their reviews, workflow events, linked
proposals); the bill's provisions (the impact list); the reference data edition (statute text,
article history, obligations; it also moves when the append-only history is opened for
maintenance); the reader's role and, when the reader wrote a thread, a link or the current revision
(the rules then differ for them), the reader.

The bill page: the bill's row; its provisions (reordering moves no stamp, so positions are summed
by id); its threads (the open counts; a reply changes none); its drafts; its events (every member
and status change is one); its members; the reference data edition (the instruction check reads
the law); the role.

The dashboard (one reader's): their memberships, their bills' rows, provisions and threads, the
reference data edition (the laws' short titles).
"""

import hashlib
from dataclasses import dataclass
from functools import cache as once

from django.db import connection

from drafting.models import (
    Bill,
    BillDraft,
    BillEvent,
    Comment,
    CommentDisposition,
    Membership,
    Provision,
    ProvisionObligation,
    ReviewEvent,
    Revision,
)
from proposals.models import ReferenceEdition


@dataclass(frozen=True)
class PageState:
    role: str | None
    bill_id: int
    fingerprint: str
    rest: str = ""  # the provision page without its review section


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _col(model, name: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(name).column)


def _aggregates(model, link: str, *parts: str, alias: str = "a", of: str = "p.id") -> str:
    """One scalar subquery joining the given aggregates of the rows whose `link` column is `of`
    (or is IN `of` when `of` is a subquery) with ':' (one subquery per table keeps PostgreSQL's
    planning short). NULL when there are no rows: every aggregate here is then NULL, and with
    rows none is."""
    joined = " || ':' || ".join(parts)
    test = f"IN ({of})" if of.startswith("SELECT") else f"= {of}"
    where = f"{alias}.{_col(model, link)} {test}"
    return f"(SELECT {joined} FROM {_table(model)} {alias} WHERE {where})"


@once
def _provision_sql() -> str:
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
            ProvisionObligation,
            "provision",
            "COUNT(*)",
            "MAX(a.id)",
            f"COUNT(a.{_col(ProvisionObligation, 'removed_at')})",
            f"COUNT(a.{_col(ProvisionObligation, 'reviewed_at')})",
        ),
        _aggregates(ReviewEvent, "provision", "COUNT(*)", "MAX(a.id)"),
        _aggregates(proposals, "provision", "COUNT(*)", "MAX(a.id)"),
        _bill_provisions(bill),  # the bill's provisions, for the impact list
        f"(SELECT number FROM {_table(ReferenceEdition)} WHERE id = 1)",
        _wrote_sql(),
        # The comments come last: they are the review section's alone (REVIEW_COLUMNS).
        _aggregates(
            Comment, "provision", "COUNT(*)", "MAX(a.id)", f"MAX(a.{_col(Comment, 'updated_at')})"
        ),
        f"(SELECT COUNT(*) || ':' || MAX(d.{_col(CommentDisposition, 'decided_at')}) FROM "
        f"{_table(CommentDisposition)} d JOIN {_table(Comment)} c ON c.id = "
        f"d.{_col(CommentDisposition, 'comment')} WHERE c.{_col(Comment, 'provision')} = p.id)",
        _wrote_thread_sql(),
    ]
    return (
        f"SELECT {', '.join(parts)} FROM {_table(Provision)} p JOIN {_table(Bill)} b "
        f"ON b.id = {bill} WHERE p.id = %s"
    )


def _wrote_sql() -> str:
    """Whether the reader wrote a live link here or the current revision: then the rules (not
    review my own link, four eyes) single them out."""
    links = (
        f"SELECT 1 FROM {_table(ProvisionObligation)} y WHERE "
        f"y.{_col(ProvisionObligation, 'provision')} = p.id AND "
        f"y.{_col(ProvisionObligation, 'created_by')} = %s"
    )
    revision = (
        f"SELECT 1 FROM {_table(Revision)} z WHERE z.id = p.{_col(Provision, 'current_revision')}"
        f" AND z.{_col(Revision, 'author')} = %s"
    )
    return f"(CASE WHEN EXISTS ({links}) OR EXISTS ({revision}) THEN 1 END)"


def _wrote_thread_sql() -> str:
    """Whether the reader wrote a thread here (they may resolve their own)."""
    return (
        f"(CASE WHEN EXISTS (SELECT 1 FROM {_table(Comment)} x WHERE x.{_col(Comment, 'provision')}"
        f" = p.id AND x.{_col(Comment, 'parent')} IS NULL AND x.{_col(Comment, 'author')} = %s)"
        " THEN 1 END)"
    )


REVIEW_COLUMNS = 3  # the comments, their dispositions, whether the reader wrote a thread


def provision_state(user, pk: int) -> PageState | None:
    """The provision page's state for this reader in one query (None: no such provision).

    `fingerprint` covers the whole page; `rest` all but the review section (text and threads),
    which alone changes when someone comments."""
    bill_column = 1 + [f.name for f in Provision._meta.concrete_fields].index("bill")
    with connection.cursor() as cursor:
        cursor.execute(_provision_sql(), [user.pk, user.pk, user.pk, user.pk, pk])
        row = cursor.fetchone()
    if row is None:
        return None
    flags = {len(row) - REVIEW_COLUMNS - 1, len(row) - 1}  # "wrote": the reader's id, if so
    row = tuple(user.pk if i in flags and value else value for i, value in enumerate(row))
    rest = row[:-REVIEW_COLUMNS]
    return PageState(
        role=row[0],
        bill_id=row[bill_column],
        fingerprint=hashlib.sha256(repr(row).encode()).hexdigest(),
        rest=hashlib.sha256(repr(rest).encode()).hexdigest(),
    )


def _bill_provisions(of: str) -> str:
    return _aggregates(
        Provision,
        "bill",
        "COUNT(*)",
        f"MAX(a.{_col(Provision, 'updated_at')})",
        f"SUM(a.{_col(Provision, 'position')} * a.id)",
        f"SUM(a.{_col(Provision, 'version')})",
        f"SUM(COALESCE(a.{_col(Provision, 'current_revision')}, 0))",
        of=of,
    )


@once
def _bill_sql() -> str:
    """The bill page's state query, built once per process."""
    comments = (
        f"(SELECT COUNT(*) || ':' || MAX(c.{_col(Comment, 'updated_at')}) FROM {_table(Comment)} c "
        f"JOIN {_table(Provision)} q ON q.id = c.{_col(Comment, 'provision')} "
        f"WHERE q.{_col(Provision, 'bill')} = b.id AND c.{_col(Comment, 'parent')} IS NULL)"
    )  # threads only: the page counts open threads, which a reply leaves as they were
    parts = [
        f"(SELECT role FROM {_table(Membership)} m WHERE m.{_col(Membership, 'bill')} = b.id"
        f" AND m.{_col(Membership, 'user')} = %s)",
        *(f"b.{_col(Bill, f.name)}" for f in Bill._meta.concrete_fields),
        _bill_provisions("b.id"),
        comments,
        _aggregates(BillDraft, "bill", "COUNT(*)", "MAX(a.id)", of="b.id"),
        _aggregates(BillEvent, "bill", "COUNT(*)", "MAX(a.id)", of="b.id"),
        _aggregates(
            Membership,
            "bill",
            "COUNT(*)",
            "MAX(a.id)",
            f"SUM(a.{_col(Membership, 'user')} * LENGTH(a.role))",
            of="b.id",
        ),
        f"(SELECT number FROM {_table(ReferenceEdition)} WHERE id = 1)",
    ]
    return f"SELECT {', '.join(parts)} FROM {_table(Bill)} b WHERE b.id = %s"


def bill_state(user, pk: int) -> PageState | None:
    """The bill page's state for this reader in one query (None: no such bill)."""
    with connection.cursor() as cursor:
        cursor.execute(_bill_sql(), [user.pk, pk])
        row = cursor.fetchone()
    if row is None:
        return None
    digest = hashlib.sha256(repr(row).encode()).hexdigest()
    return PageState(role=row[0], bill_id=pk, fingerprint=digest)


@once
def _dashboard_sql() -> str:
    """The dashboard's state query for one reader, built once per process."""
    m, mine = _table(Membership), f"{_col(Membership, 'user')} = %s"
    member_bills = f"SELECT {_col(Membership, 'bill')} FROM {m} WHERE {mine}"
    provisions = (
        f"SELECT id FROM {_table(Provision)} WHERE {_col(Provision, 'bill')} IN ({member_bills})"
    )
    parts = [
        f"(SELECT COUNT(*) || ':' || MAX(id) || ':' || SUM({_col(Membership, 'bill')} * "
        f"LENGTH(role)) FROM {m} WHERE {mine})",
        f"(SELECT MAX({_col(Bill, 'updated_at')}) || ':' || SUM(version) FROM {_table(Bill)} "
        f"WHERE id IN ({member_bills}))",
        _bill_provisions(member_bills),
        f"(SELECT COUNT(*) || ':' || MAX({_col(Comment, 'updated_at')}) FROM {_table(Comment)} "
        f"WHERE {_col(Comment, 'parent')} IS NULL AND {_col(Comment, 'provision')} IN ({provisions}))",
        f"(SELECT number FROM {_table(ReferenceEdition)} WHERE id = 1)",
    ]
    return f"SELECT {', '.join(parts)}"


def dashboard_state(user) -> PageState:
    """The reader's dashboard state in one query: their bills and what is written on them
    (threads only: a reply changes nothing the dashboard shows)."""
    with connection.cursor() as cursor:
        cursor.execute(_dashboard_sql(), [user.pk] * 4)
        row = cursor.fetchone()
    digest = hashlib.sha256(repr((user.pk, row)).encode()).hexdigest()
    return PageState(role=None, bill_id=0, fingerprint=digest)

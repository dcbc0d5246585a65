"""Load the reference data, the demo users and the demo bill; a second run changes nothing."""

import secrets
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand
from django.db import transaction

from drafting import services
from drafting.management.demo_papers import load_papers
from drafting.models import Bill, Comment, Provision
from drafting.text.anchoring import Anchor, AnchorError
from proposals.edition import quietly
from proposals.loading import (
    DATA_DIR,
    DataFileError,
    Rows,
    describe_error,
    find_article,
    load_reference,
    read_yaml,
)
from proposals.models import Instrument, Obligation, Proposal

BILL_FILE = Path(__file__).resolve().parents[2] / "data" / "demo_bill.yaml"

# (username, staff and superuser?): roles on the demo bill come from its file; admin has none.
DEMO_USERS = (("admin", True), ("drafter", False), ("reviewer", False), ("viewer", False))

COUNTED_MODELS = (
    "proposals.Jurisdiction",
    "proposals.Instrument",
    "proposals.Article",
    "proposals.Paragraph",
    "proposals.Obligation",
    "proposals.Assessment",
    "proposals.Proposal",
    "proposals.ProposalTarget",
    settings.AUTH_USER_MODEL,
    "drafting.Bill",
    "drafting.Membership",
    "drafting.Provision",
    "drafting.Revision",
    "drafting.ProvisionObligation",
    "drafting.Comment",
    "drafting.ReviewEvent",
)


AMENDMENTS = sorted(
    (Path(__file__).resolve().parents[3].parent / "shared/reference/statutes").glob(
        "criminal-law-amendment-*.md"
    )
)


def load_law_history() -> None:
    """The Criminal Law's cross-reference graph and, where the files are, its amendment history."""
    law = Instrument.objects.filter(code="PRC-CL").first()
    if law is None:
        return
    services.statute_references_rebuild(instrument=law)
    for path in AMENDMENTS:
        services.amendment_import(instrument=law, text=path.read_text(encoding="utf-8"))


class Command(BaseCommand):
    help = "Load reference data, demo users and the demo bill (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", default=str(DATA_DIR), help="Reference data folder.")
        parser.add_argument("--bill-file", default=str(BILL_FILE), help="Demo bill YAML file.")

    def handle(self, *args, data_dir: str, bill_file: str, **options):
        before = _row_counts()
        with transaction.atomic(), quietly():  # the reference edition moves once
            changed = load_reference(data_dir)
            users, new_users, password = ensure_demo_users()
            bill_loaded = load_demo_bill(Path(bill_file), users)
            load_law_history()
        created = {
            label: count - before[label]
            for label, count in _row_counts().items()
            if count != before[label]
        }
        self._report(created, changed, bill_loaded, new_users, password)

    def _report(
        self, created: dict, changed: Counter, bill_loaded: bool, new_users: list, password
    ) -> None:
        if created:
            self.stdout.write("Rows created:")
            for label, count in created.items():
                self.stdout.write(f"  {label}: {count}")
        else:
            self.stdout.write("Rows created: none")
        updated = {model: n for model, n in changed.items() if n}
        if updated:
            summary = ", ".join(f"{model} {n}" for model, n in sorted(updated.items()))
            self.stdout.write(f"Reference rows created or changed: {summary}")
        if not bill_loaded:
            self.stdout.write("Demo bill already present: left unchanged.")
        if password:
            names = ", ".join(new_users)
            self.stdout.write(
                self.style.WARNING(
                    f"Demo users {names} created with password: {password}\n"
                    "It is shown only this once; set DEMO_PASSWORD to choose it."
                )
            )


def _row_counts() -> dict[str, int]:
    return {label: apps.get_model(label).objects.count() for label in COUNTED_MODELS}


def ensure_demo_users() -> tuple[dict, list[str], str | None]:
    """Create missing demo users; return all of them, the new names, and a random password if made."""
    User = get_user_model()
    configured = getattr(settings, "DEMO_PASSWORD", "")
    password = configured or secrets.token_urlsafe(12)
    created = []
    users = {}
    for username, is_admin in DEMO_USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                email=f"{username}@example.org",
                is_staff=is_admin,
                is_superuser=is_admin,
            )
            user.set_password(password)
            user.full_clean()
            user.save()
            created.append(username)
        users[username] = user
    return users, created, (password if created and not configured else None)


# --- the demo bill --------------------------------------------------------------------------

PROVISION_FIELDS = (
    "operation",
    "target_article",
    "title_en",
    "title_zh",
    "paragraphs",
    "insert_count",
    "restate_article",
    "proposals",
    "revisions",
    "links",
    "comments",
    "transitions",
)


def load_demo_bill(path: Path, users: dict) -> bool:
    """Create the demo bill through the drafting services; False if it already exists."""
    data = _read_mapping(path)
    rows = _BillRows(path)
    head = rows.fields(
        data,
        required=("title_zh", "title_en", "target", "created_by", "provisions"),
        optional=("commencement_date", "description", "members", "papers"),
    )
    if Bill.objects.filter(title_zh=head["title_zh"]).exists():
        return False
    target = rows.lookup(
        data,
        "instrument",
        head["target"],
        lambda code: Instrument.objects.filter(code=code).first(),
    )
    creator = rows.lookup(data, "user", head["created_by"], users.get)
    _check_inserts(rows, head["provisions"])
    with rows.checking(data):
        bill = services.bill_create(
            actor=creator,
            title_zh=head["title_zh"],
            title_en=head["title_en"],
            target_instrument=target,
            commencement_date=head.get("commencement_date"),
            description=head.get("description", ""),
        )
    for member in head.get("members") or []:
        fields = rows.fields(member, required=("user", "role"))
        user = rows.lookup(member, "user", fields["user"], users.get)
        with rows.checking(member):
            services.membership_set(actor=creator, bill=bill, user=user, role=fields["role"])
    for row in head["provisions"]:
        _load_provision(rows, row, bill=bill, creator=creator, users=users)
    load_papers(rows, head.get("papers") or [], bill=bill, actor=creator)
    return True


# The demo bill's links were reviewed with the bill: agreed by its reviewer unless a link says.
LINK_REVIEW = {"review": "agreed", "reviewed_by": "reviewer", "review_note": ""}


def _load_links(rows: Rows, links: list, *, provision: Provision, creator, users: dict) -> None:
    """Each link proposed by the bill's creator, then reviewed (agreed unless the file says)."""
    for link in links:
        rows.fields(
            link, required=("obligation", "extent", "rationale"), optional=tuple(LINK_REVIEW)
        )
        obligation = rows.lookup(
            link,
            "obligation",
            link.get("obligation"),
            lambda code: Obligation.objects.filter(code=code).first(),
        )
        review = {**LINK_REVIEW, **{k: link[k] for k in LINK_REVIEW if k in link}}
        reviewer = rows.lookup(link, "user", review["reviewed_by"], users.get)
        with rows.checking(link):
            made = services.obligation_link(
                actor=creator,
                provision=provision,
                obligation=obligation,
                extent=link.get("extent"),
                rationale=link.get("rationale", ""),
            )
            if review["review"] != "proposed":
                services.obligation_review(
                    actor=reviewer, link=made, verdict=review["review"], note=review["review_note"]
                )


def _read_mapping(path: Path) -> dict:
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise DataFileError(path, None, "expected a mapping describing one bill")
    return data


class _BillRows(Rows):
    """Row helpers for a file that holds one mapping rather than a list."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.rows = []

    @contextmanager
    def checking(self, row: dict):
        """Report a refused service call (invalid, not permitted, stale) against the row's line."""
        try:
            yield
        except (ValidationError, PermissionDenied, services.StaleRevisionError) as exc:
            message = describe_error(exc) if isinstance(exc, ValidationError) else str(exc)
            raise self.error(row, message) from exc


def _check_inserts(rows: Rows, provisions: list) -> None:
    """No two provisions may insert articles after the same article."""
    seen: set[str] = set()
    for row in provisions:
        if row.get("operation") == Provision.Operation.INSERT_ARTICLES:
            ref = str(row.get("target_article"))
            if ref in seen:
                raise rows.error(row, f"a second insertion after article {ref}")
            seen.add(ref)


def _load_provision(rows: Rows, row: dict, *, bill: Bill, creator, users: dict) -> None:
    data = rows.fields(
        row,
        required=("operation", "target_article", "title_en", "revisions"),
        optional=PROVISION_FIELDS,
    )
    article = rows.lookup(
        row, "article", f"{bill.target_instrument.code}:{data['target_article']}", find_article
    )
    proposals = [
        rows.lookup(row, "proposal", code, lambda c: Proposal.objects.filter(code=c).first())
        for code in data.get("proposals") or []
    ]
    revisions = data["revisions"]
    if not isinstance(revisions, list) or not revisions:
        raise rows.error(row, "revisions must list at least one revision")
    for revision in revisions:
        rows.fields(revision, required=(), optional=("text_zh", "text_en", "note", "author"))
    first = revisions[0]
    with rows.checking(row):
        provision = services.provision_create(
            actor=rows.lookup(first, "user", first.get("author", creator.username), users.get),
            bill=bill,
            operation=data["operation"],
            target_article=article,
            title_en=data["title_en"],
            title_zh=data.get("title_zh", ""),
            text_zh=first.get("text_zh", ""),
            text_en=first.get("text_en", ""),
            note=first.get("note", ""),
            paragraphs=data.get("paragraphs") or (),
            insert_count=data.get("insert_count", 1),
            restate_article=data.get("restate_article", False),
            proposals=proposals,
        )
    for revision in revisions[1:]:
        author = rows.lookup(revision, "user", revision.get("author", creator.username), users.get)
        with rows.checking(revision):
            services.revision_create(
                actor=author,
                provision=provision,
                base_revision=provision.current_revision,
                text_zh=revision.get("text_zh", ""),
                text_en=revision.get("text_en", ""),
                note=revision.get("note", ""),
            )
        provision.refresh_from_db()
    _load_links(rows, data.get("links") or [], provision=provision, creator=creator, users=users)
    for comment in data.get("comments") or []:
        _load_comment(rows, comment, provision=provision, users=users)
    for step in data.get("transitions") or []:
        rows.fields(step, required=("to",), optional=("by", "note"))
        actor = rows.lookup(step, "user", step.get("by", creator.username), users.get)
        with rows.checking(step):
            services.provision_transition(
                actor=actor,
                provision=provision,
                to_status=step.get("to"),
                note=step.get("note", ""),
            )


def _load_comment(rows: Rows, row: dict, *, provision: Provision, users: dict) -> None:
    data = rows.fields(
        row,
        required=("author", "anchor_language", "exact", "body"),
        optional=("suggestion", "replies", "resolve_by"),
    )
    revision = provision.current_revision
    language = data["anchor_language"]
    if language not in Comment.Language.values:
        raise rows.error(row, f"anchor_language is zh or en, not {language!r}")
    text = revision.text_zh if language == Comment.Language.ZH else revision.text_en
    try:
        anchor = Anchor.locate(text, data["exact"], language=language)
    except AnchorError as exc:
        raise rows.error(row, f"anchor: {exc} (current revision {revision.number})") from exc
    author = rows.lookup(row, "user", data["author"], users.get)
    with rows.checking(row):
        comment = services.comment_create(
            actor=author,
            provision=provision,
            revision=revision,
            body=data["body"],
            anchor=anchor,
            suggestion=data.get("suggestion"),
        )
    for reply in data.get("replies") or []:
        rows.fields(reply, required=("author", "body"))
        replier = rows.lookup(reply, "user", reply.get("author"), users.get)
        with rows.checking(reply):
            services.comment_reply(actor=replier, parent=comment, body=reply.get("body", ""))
    if "resolve_by" in data:
        resolver = rows.lookup(row, "user", data["resolve_by"], users.get)
        with rows.checking(row):
            services.comment_resolve(actor=resolver, comment=comment)

"""The demo bill's papers: issued drafts, what the drafters did with comments in between, the
dispositions and edited sections of the 说明, read from the `papers:` steps of demo_bill.yaml.

Each step is one of issue, accept, dispose, statement; comments are named by their quoted words.
Everything goes through drafting.services, as a drafter would do it in the browser.
"""

import datetime

from django.core.exceptions import ValidationError

from drafting import services
from drafting.documents.papers import build_statement
from drafting.documents.statement import text_hash
from drafting.models import Bill, BillDraft, Comment

STEPS = {
    "issue": (("kind",), ("date", "note", "name", "label")),
    "accept": (("exact",), ("note",)),
    "dispose": (("exact", "kind"), ("reason", "major", "draft")),
    "statement": (("draft", "section", "language", "text"), ()),
}


def _thread(rows, row: dict, bill: Bill, exact: str) -> Comment:
    threads = list(
        Comment.objects.filter(provision__bill=bill, parent__isnull=True, anchor_exact=exact)
    )
    if len(threads) != 1:
        raise rows.error(row, f"{len(threads)} threads quote {exact!r}; name exactly one")
    return threads[0]


def _draft(rows, row: dict, bill: Bill, number) -> BillDraft:
    return rows.lookup(row, "draft", number, lambda n: bill.drafts.filter(number=n).first())


def _issue(rows, row, bill, actor, data) -> None:
    date = data.get("date")
    if isinstance(date, str):
        date = datetime.date.fromisoformat(date)
    services.draft_issue(
        actor=actor,
        bill=bill,
        kind=data["kind"],
        date=date,
        note=data.get("note", ""),
        name=data.get("name", ""),
        label=data.get("label", ""),
    )


def _accept(rows, row, bill, actor, data) -> None:
    comment = _thread(rows, row, bill, data["exact"])
    services.suggestion_accept(actor=actor, comment=comment, note=data.get("note", ""))


def _dispose(rows, row, bill, actor, data) -> None:
    comment = Comment.objects.get(pk=_thread(rows, row, bill, data["exact"]).pk)
    draft = _draft(rows, row, bill, data["draft"]) if "draft" in data else None
    services.disposition_set(
        actor=actor,
        comment=comment,
        kind=data["kind"],
        reason=data.get("reason", ""),
        major_disagreement=bool(data.get("major", False)),
        draft=draft,
    )


def _statement(rows, row, bill, actor, data) -> None:
    draft = _draft(rows, row, bill, data["draft"])
    current = build_statement(bill, draft)
    section = current.section(data["section"])
    if section is None:
        raise rows.error(row, f"unknown section {data['section']!r}")
    generated = section.generated(data["language"])
    services.statement_edit(
        actor=actor,
        bill=bill,
        draft=draft,
        section=data["section"],
        language=data["language"],
        text=data["text"].strip(),
        generated_hash=text_hash(generated),
        base_number=current.version,
    )


ACTIONS = {"issue": _issue, "accept": _accept, "dispose": _dispose, "statement": _statement}


def load_papers(rows, steps: list, *, bill: Bill, actor) -> None:
    """Run the steps in order; a refused step is reported against its line of the file."""
    if not isinstance(steps, list):
        raise rows.error({}, "papers must be a list of steps")
    for step in steps:
        if not isinstance(step, dict) or len(set(step) & set(STEPS)) != 1:
            raise rows.error(step if isinstance(step, dict) else {}, "one of " + ", ".join(STEPS))
        (name,) = set(step) & set(STEPS)
        required, optional = STEPS[name]
        data = rows.fields(step[name], required=required, optional=optional)
        try:
            ACTIONS[name](rows, step[name], bill, actor, data)
        except ValidationError as exc:
            raise rows.error(step[name], " ".join(exc.messages)) from exc

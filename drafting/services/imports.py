"""A new bill from a 修正案 text: one provision per item, all or nothing."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from drafting.analysis.amendment_text import AmendmentTextError, ParsedItem, parse_amendment
from drafting.analysis.instructions import ERROR, check_items
from drafting.law_state import law_counts
from drafting.models import Bill
from drafting.services.bills import bill_create
from drafting.services.provisions import provision_create
from proposals.models import Article, Instrument
from proposals.numerals import list_number_zh

Key = tuple[int, int]


def _refuse(messages: list[str]) -> ValidationError:
    return ValidationError({"text": messages})


def _provision(actor, bill: Bill, item: ParsedItem, article: Article) -> None:
    spec = item.spec
    try:
        provision_create(
            actor=actor,
            bill=bill,
            operation=str(spec.operation),
            target_article=article,
            title_en=f"Item {item.number}: Article {article.dotted}",
            title_zh=list_number_zh(item.number) + article.citation,
            text_zh=spec.text_zh,
            paragraphs=spec.paragraphs,
            insert_count=spec.insert_count,
            restate_article=spec.restate_article,
            note=_("Imported from a 修正案 text."),
        )
    except ValidationError as error:
        raise _refuse(
            [f"item {item.number}, line {item.line}: {message}" for message in error.messages]
        ) from error


@transaction.atomic
def bill_import_amendment(
    *, actor, text: str, target_instrument: Instrument, title_zh: str = "", title_en: str = ""
) -> tuple[Bill, list[str]]:
    """Create a bill whose provisions are the text's items; nothing is stored on any error.

    Returns the bill and warnings (two items on one article, renumbering notes not kept).
    """
    try:
        parsed = parse_amendment(text)
    except AmendmentTextError as error:
        raise _refuse([str(error)]) from error
    unsupported = [
        f"item {item.number}, line {item.line}: "
        + _("a follow-on clause (增加…款作为…) cannot be one provision; split the item")
        for item in parsed.items
        if item.spec.then
    ]
    counts, repealed, articles = law_counts(target_instrument)
    findings = check_items(
        ((item.number, item.spec) for item in parsed.items),
        counts,
        repealed=repealed,
        lines={item.number: item.line for item in parsed.items},
    )
    errors = unsupported + [str(f) for f in findings if f.severity == ERROR]
    if errors:
        raise _refuse(errors)
    title = title_zh.strip() or parsed.title
    if not title:
        raise _refuse([_("The text has no title; give one.")])
    bill = bill_create(
        actor=actor,
        title_zh=title,
        title_en=title_en.strip() or title,
        target_instrument=target_instrument,
        commencement_date=parsed.commencement,
    )
    for item in parsed.items:
        key = (item.spec.article_number, item.spec.article_sub)
        _provision(actor, bill, item, articles[key])
    warnings = [str(f) for f in findings if f.severity != ERROR]
    warnings += [
        f"item {item.number}: " + _("the note “%s” is not kept") % item.spec.note_zh
        for item in parsed.items
        if item.spec.note_zh
    ]
    return bill, warnings

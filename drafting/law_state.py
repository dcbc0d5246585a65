"""The law and a bill's items loaded for drafting.analysis: impact lists and instruction checks.

Reads only (named queries); the computation is in drafting/analysis/.
"""

from django.db.models import Count

from drafting.analysis.impact import DEFAULT_TERMS, Analysis, Change, Impact, bill_impacts
from drafting.analysis.instructions import Finding, check_items
from drafting.analysis.references import REPEALED_TEXT, LawIndex, law_references
from drafting.documents.amendment import ItemSpec
from drafting.models import Bill, Provision
from proposals.models import Article, Instrument, Paragraph

Key = tuple[int, int]


def law_index(instrument_id: int) -> LawIndex:
    """The law's current text in one query (an article without stored text cannot be cited)."""
    texts: dict[Key, list[str]] = {}
    rows = (
        Paragraph.objects.filter(article__instrument_id=instrument_id)
        .order_by("article__number", "article__sub", "number")
        .values_list("article__number", "article__sub", "text_zh")
    )
    for number, sub, text in rows:
        texts.setdefault((number, sub), []).append(text)
    return LawIndex(texts)


def law_counts(instrument: Instrument) -> tuple[dict[Key, int], set[Key], dict[Key, Article]]:
    """Paragraph counts of the law's articles, the repealed ones, and the articles by key."""
    articles = {
        (a.number, a.sub): a
        for a in Article.objects.filter(instrument=instrument).annotate(
            paragraph_count=Count("paragraphs")
        )
    }
    counts = {key: a.paragraph_count for key, a in articles.items()}
    repealed = set(
        Article.objects.filter(
            instrument=instrument, paragraphs__number=1, paragraphs__text_zh=REPEALED_TEXT
        ).values_list("number", "sub")
    )
    return counts, repealed, articles


def terms_of(bill: Bill) -> tuple[str, ...]:
    return tuple(bill.impact_terms) or DEFAULT_TERMS


def _live(bill: Bill):
    return (
        Provision.objects.filter(bill=bill)
        .exclude(status=Provision.Status.WITHDRAWN)
        .select_related("target_article", "current_revision")
        .order_by("position")
    )


CHANGE_FIELDS = (
    "pk",
    "position",
    "operation",
    "target_article__number",
    "target_article__sub",
    "paragraphs",
    "restate_article",
    "current_revision__text_zh",
)


def _change(row: tuple) -> Change:
    pk, position, operation, number, sub, paragraphs, restate, text = row
    paragraphs = tuple(int(p) for p in paragraphs or ())
    return Change(pk, position, operation, number, sub, paragraphs, restate, text or "")


def change_of(provision: Provision) -> Change:
    """The Change of one provision as loaded for its page."""
    article, revision = provision.target_article, provision.current_revision
    row = (
        provision.pk,
        provision.position,
        str(provision.operation),
        article.number,
        article.sub,
        provision.paragraphs,
        provision.restate_article,
        revision.text_zh if revision else "",
    )
    return _change(row)


def analysis_for(bill: Bill) -> Analysis:
    """The law of the bill, its references resolved, with the bill's terms."""
    law = law_index(bill.target_instrument_id)
    return Analysis(law, law_references(law), terms_of(bill))


def bill_changes(bill: Bill, provision_id: int | None = None) -> list[Change]:
    """The live items of the bill (or one of them) in order, without model instances."""
    rows = Provision.objects.filter(bill=bill).exclude(status=Provision.Status.WITHDRAWN)
    if provision_id is not None:
        rows = rows.filter(pk=provision_id)
    return [_change(row) for row in rows.order_by("position").values_list(*CHANGE_FIELDS)]


def bill_impact_list(bill: Bill, provision_id: int | None = None) -> list[Impact]:
    """The impact list of the bill's live items (or of one) against the current law."""
    return bill_impacts(analysis_for(bill), bill_changes(bill, provision_id))


def instruction_findings(bill: Bill) -> list[Finding]:
    """The instruction check of the bill's live items, numbered as the 修正案 numbers them."""
    counts, repealed, _ = law_counts(bill.target_instrument)
    items = [(n, ItemSpec.from_provision(p)) for n, p in enumerate(_live(bill), start=1)]
    return check_items(items, counts, repealed=repealed)

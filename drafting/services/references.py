"""Writes of the statute's derived reference data: its cross-reference graph and its history."""

from collections.abc import Iterator

from django.db import transaction

from drafting.analysis.amendment_text import (
    adoption_date,
    inserted_texts,
    parse_amendment,
)
from drafting.analysis.references import LawIndex, Reference, law_references
from drafting.documents.amendment import ItemSpec
from drafting.operations import Operation
from proposals.edition import quietly
from proposals.models import Amendment, Article, ArticleChange, CrossReference, Instrument

Key = tuple[int, int]


def law_index(instrument: Instrument) -> tuple[LawIndex, dict[Key, Article]]:
    """The instrument's current text as a LawIndex, and its articles by (number, sub)."""
    articles = {(a.number, a.sub): a for a in instrument.articles.prefetch_related("paragraphs")}
    law = LawIndex.from_articles(
        (key, [p.text_zh for p in article.paragraphs.all()]) for key, article in articles.items()
    )
    return law, articles


def _rows(reference: Reference, articles: dict[Key, Article]) -> Iterator[CrossReference]:
    common = {
        "source": articles[reference.article],
        "paragraph": reference.paragraph,
        "start": reference.start,
        "end": reference.end,
        "text": reference.text[:200],
        "external_title": reference.external[:200],
        "applies": reference.applies,
        "problem": reference.problem[:300],
    }
    if reference.external or not reference.targets:
        yield CrossReference(**common)
        return
    for target in reference.targets:
        yield CrossReference(
            **common,
            target=articles[target.key],
            target_paragraph=target.paragraph,
            target_item=target.item,
        )


@transaction.atomic
@quietly()
def statute_references_rebuild(*, instrument: Instrument) -> int:
    """Replace the instrument's cross-reference graph by one read from its current text."""
    law, articles = law_index(instrument)
    rows = [row for ref in law_references(law) for row in _rows(ref, articles)]
    CrossReference.objects.filter(source__instrument=instrument).delete()
    CrossReference.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def _changes(
    amendment: Amendment, item: int, spec: ItemSpec, articles: dict[Key, Article]
) -> Iterator[ArticleChange]:
    """One row per article a clause touches; inserted articles each get their own row."""
    for clause, part in enumerate((spec, *spec.then)):
        if part.operation == Operation.INSERT_ARTICLES:
            keys = [(part.article_number, sub) for sub in part.new_article_subs]
            texts = inserted_texts(part)
        else:
            keys, texts = [(part.article_number, part.article_sub)], [part.text_zh]
        for key, text in zip(keys, texts, strict=True):
            yield ArticleChange(
                amendment=amendment,
                item=item,
                clause=clause,
                operation=str(part.operation),
                number=key[0],
                sub=key[1],
                article=articles.get(key),
                paragraphs=list(part.paragraphs),
                text_zh=text,
            )


@transaction.atomic
@quietly()
def amendment_import(*, instrument: Instrument, text: str) -> tuple[Amendment, str]:
    """Store an enacted 修正案 and the history rows of every article it touched.

    Returns the amendment and 'created', 'updated' or 'unchanged'. Raises AmendmentTextError.
    """
    parsed = parse_amendment(text)
    fields = {
        "adopted_on": adoption_date(text),
        "in_force_on": parsed.commencement,
        "text_zh": text,
        "slips": [str(slip) for slip in parsed.slips],
    }
    amendment = Amendment.objects.filter(instrument=instrument, title_zh=parsed.title).first()
    if amendment and all(getattr(amendment, k) == v for k, v in fields.items()):
        return amendment, "unchanged"
    outcome = "updated" if amendment else "created"
    if amendment is None:
        amendment = Amendment(instrument=instrument, title_zh=parsed.title)
    for name, value in fields.items():
        setattr(amendment, name, value)
    amendment.full_clean()
    amendment.save()
    _, articles = law_index(instrument)
    amendment.changes.all().delete()
    rows = [
        row
        for item in parsed.items
        for row in _changes(amendment, item.number, item.spec, articles)
    ]
    ArticleChange.objects.bulk_create(rows)
    return amendment, outcome

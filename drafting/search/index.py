"""Keeping the index current: the services call these in the transaction of their write."""

from collections.abc import Callable, Iterable, Iterator

from django.db import connection, transaction
from django.db.models import Prefetch

from drafting.models import Comment, Provision, SearchEntry
from drafting.search import documents
from proposals.models import Article, Instrument, Obligation, Paragraph, Proposal

BATCH = 2000
PROVISION_FIELDS = ("bill_id", "title_zh", "title_en", "current_revision_id")
COMMENT_FIELDS = ("provision_id", "parent_id", "hidden", "anchor_exact", "body")


def _articles() -> "Iterable[Article]":
    paragraphs = Prefetch("paragraphs", queryset=Paragraph.objects.order_by("number"))
    return Article.objects.select_related("instrument").prefetch_related(paragraphs)


def _replace(field: str, ids: Iterable[int], entries: Iterable[SearchEntry | None]) -> None:
    SearchEntry.objects.filter(**{f"{field}__in": list(ids)}).delete()
    SearchEntry.objects.bulk_create([e for e in entries if e is not None], batch_size=BATCH)


def index_articles(ids: Iterable[int]) -> None:
    """Re-index the articles with these ids (all paragraphs and the heading)."""
    ids = list(ids)
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        articles = _articles().filter(pk__in=chunk)
        _replace("article", chunk, (documents.article_entry(a) for a in articles))


def index_instrument(instrument: Instrument) -> None:
    """Re-index an instrument; its articles and obligations follow its binding force."""
    SearchEntry.objects.filter(instrument=instrument, kind="instrument").delete()
    documents.instrument_entry(instrument).save()
    SearchEntry.objects.filter(instrument=instrument, kind="article").update(
        binding=instrument.binding_on_china
    )


def index_obligation(obligation: Obligation) -> None:
    _replace("obligation", [obligation.pk], [documents.obligation_entry(obligation)])


def index_proposal(proposal: Proposal) -> None:
    _replace("proposal", [proposal.pk], [documents.proposal_entry(proposal)])


def index_provision(provision: Provision) -> None:
    """Re-index a provision's titles and current text (not its comments)."""
    provision = Provision.objects.select_related("current_revision").get(pk=provision.pk)
    SearchEntry.objects.filter(provision=provision, kind="provision").delete()
    documents.provision_entry(provision).save()
    SearchEntry.objects.filter(provision=provision, kind="comment").update(
        title=documents.provision_title(provision)
    )


def index_comment(comment: Comment) -> None:
    """Re-index a comment; a hidden comment leaves the index."""
    comment = Comment.objects.select_related("provision").get(pk=comment.pk)
    _replace("comment", [comment.pk], [documents.comment_entry(comment)])


def on_reference_changed(sender: type, pks: list[int], **kwargs) -> None:
    """Receiver of proposals.signals.reference_changed: re-index the rows written."""
    if sender is Article:
        index_articles(pks)
    elif sender is Instrument:
        for instrument in Instrument.objects.filter(pk__in=pks):
            index_instrument(instrument)
    elif sender is Obligation:
        for obligation in Obligation.objects.filter(pk__in=pks):
            index_obligation(obligation)
    elif sender is Proposal:
        for proposal in Proposal.objects.filter(pk__in=pks):
            index_proposal(proposal)


def _all_entries() -> Iterator[SearchEntry | None]:
    for instrument in Instrument.objects.all():
        yield documents.instrument_entry(instrument)
    for article in _articles().iterator(chunk_size=BATCH):
        yield documents.article_entry(article)
    for obligation in Obligation.objects.all():
        yield documents.obligation_entry(obligation)
    for proposal in Proposal.objects.all():
        yield documents.proposal_entry(proposal)
    # Only the fields the entries read: tens of thousands of rows, each field a conversion.
    provisions = Provision.objects.select_related("current_revision").only(
        *PROVISION_FIELDS, "current_revision__text_zh", "current_revision__text_en"
    )
    for provision in provisions.iterator(chunk_size=BATCH):
        yield documents.provision_entry(provision)
    comments = (
        Comment.objects.filter(hidden=False)
        .select_related("provision")
        .only(*COMMENT_FIELDS, *(f"provision__{f}" for f in PROVISION_FIELDS))
    )
    for comment in comments.iterator(chunk_size=BATCH):
        yield documents.comment_entry(comment)


@transaction.atomic
def rebuild(progress: Callable[[int], None] | None = None) -> int:
    """Empty the index and write every entry again; returns the number of entries."""
    SearchEntry.objects.all().delete()
    batch: list[SearchEntry] = []
    total = 0
    for entry in _all_entries():
        if entry is None:
            continue
        batch.append(entry)
        if len(batch) >= BATCH:
            SearchEntry.objects.bulk_create(batch)
            total += len(batch)
            batch = []
            if progress:
                progress(total)
    SearchEntry.objects.bulk_create(batch)
    compact()
    return total + len(batch)


def compact() -> None:
    """Fold a bulk write into the engine's main index (else every query scans the new part).

    SQLite FTS5 merges its segments into one; PostgreSQL moves the GIN index's pending list
    (fastupdate) into the index and refreshes the planner's statistics.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT gin_clean_pending_list('drafting_search_tsv'::regclass)")
            cursor.execute("ANALYZE drafting_searchentry")
        else:
            cursor.execute(
                "INSERT INTO drafting_search_fts(drafting_search_fts) VALUES ('optimize')"
            )

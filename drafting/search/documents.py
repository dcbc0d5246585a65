"""What each kind of searchable thing puts in the index: its title, text, tokens and address."""

import functools

from django.urls import get_script_prefix, reverse

from drafting.models import Comment, Provision, SearchEntry
from drafting.search.tokenizer import index_string, scope_tokens
from proposals.models import Article, Instrument, Obligation, Proposal

Kind = SearchEntry.Kind


def _entry(kind: str, title: str, fields: list[str], url: str, **links) -> SearchEntry:
    """An unsaved entry whose tokens cover the title (not a comment's: its provision's) and fields."""
    fields = [f for f in fields if f]
    indexed = fields if kind == Kind.COMMENT else [title, *fields]
    scope = scope_tokens(kind, links.get("bill_id"))
    return SearchEntry(
        kind=kind,
        title=title[:500],
        body="\n".join(fields),
        tokens=f"{scope} {index_string(*indexed)}".strip(),
        url=url,
        **links,
    )


def article_url(article: Article) -> str:
    """The article's stable address (it redirects to the part of the law that holds it)."""
    return reverse(
        "proposals:article_ref", kwargs={"code": article.instrument.code, "ref": article.dotted}
    )


def article_entry(article: Article) -> SearchEntry:
    """An article with its instrument, label, heading and paragraphs (paragraphs prefetched)."""
    instrument = article.instrument
    name = instrument.short_title_zh or instrument.short_title_en
    paragraphs = list(article.paragraphs.all())
    fields = [
        article.heading_zh,
        article.heading_en,
        *(p.text_zh for p in paragraphs),
        *(p.text_en for p in paragraphs),
        article.summary_en,
    ]
    return _entry(
        Kind.ARTICLE,
        f"{name} {article.citation}",
        fields,
        article_url(article),
        instrument=instrument,
        article=article,
        binding=instrument.binding_on_china,
    )


def instrument_entry(instrument: Instrument) -> SearchEntry:
    fields = [instrument.title_zh, instrument.title_en, instrument.short_title_en]
    fields += [instrument.code, instrument.adopting_body, instrument.summary_en]
    return _entry(
        Kind.INSTRUMENT,
        instrument.short_title_zh or instrument.short_title_en,
        [*fields, instrument.short_title_zh, instrument.declarations],
        instrument.get_absolute_url(),
        instrument=instrument,
        binding=instrument.binding_on_china,
    )


def obligation_entry(obligation: Obligation) -> SearchEntry:
    fields = [obligation.article_ref, obligation.statement_zh, obligation.statement_en]
    return _entry(
        Kind.OBLIGATION,
        obligation.code,
        fields,
        obligation.get_absolute_url(),
        instrument_id=obligation.instrument_id,
        obligation=obligation,
        binding=obligation.binding_on_china,
    )


def proposal_entry(proposal: Proposal) -> SearchEntry:
    fields = [proposal.title_zh, proposal.title_en, proposal.summary_zh, proposal.summary_en]
    return _entry(
        Kind.PROPOSAL,
        f"({proposal.code}) {proposal.title_zh or proposal.title_en}",
        [*fields, proposal.drafting_note_en],
        proposal.get_absolute_url(),
        proposal=proposal,
    )


# A provision's address from one reverse() per rebuild: the index writes tens of thousands.
_SENTINEL = 2147483647


@functools.lru_cache(maxsize=8)
def _provision_url_template(script_prefix: str) -> str:
    return reverse("drafting:provision", kwargs={"pk": _SENTINEL})


def provision_url(provision_id: int) -> str:
    """reverse("drafting:provision") for this id, through a template made once per prefix."""
    template = _provision_url_template(get_script_prefix())
    return template.replace(str(_SENTINEL), str(provision_id))


def provision_title(provision: Provision) -> str:
    """The title shown for a provision and its comments (no position: reordering keeps it)."""
    return provision.title_zh or provision.title_en


def provision_entry(provision: Provision) -> SearchEntry:
    """A provision's titles and current text (current_revision selected)."""
    revision = provision.current_revision
    texts = [revision.text_zh, revision.text_en] if revision else []
    return _entry(
        Kind.PROVISION,
        provision_title(provision),
        [provision.title_zh, provision.title_en, *texts],
        provision_url(provision.pk),
        bill_id=provision.bill_id,
        provision=provision,
    )


def comment_entry(comment: Comment) -> SearchEntry | None:
    """A comment's body and the words it quotes, linked to its thread (provision selected)."""
    if comment.hidden:
        return None
    provision = comment.provision
    anchor = f"#thread-{comment.pk}" if comment.parent_id is None else f"#comment-{comment.pk}"
    return _entry(
        Kind.COMMENT,
        provision_title(provision),
        [comment.anchor_exact, comment.body],
        provision_url(provision.pk) + anchor,
        bill_id=provision.bill_id,
        provision=provision,
        comment=comment,
    )

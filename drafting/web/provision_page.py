"""The provision page as it is shown: where each thread's words stand, the highlighted texts, the
redline against current law and the page's context, so that the views in provisions.py stay short.
"""

import hashlib
from dataclasses import dataclass
from html import escape
from itertools import pairwise

import rules
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from drafting import services
from drafting.history import verify_loaded
from drafting.models import Comment, Provision, ReviewEvent, Revision
from drafting.operations import CHANGING_OPERATIONS, WHOLE_ARTICLE_OPERATIONS, Operation
from drafting.text.diff import change_count, diff_text, redline_html
from drafting.text.markdown import render_markdown
from drafting.text.reanchor import Placement
from drafting.web.forms_links import ObligationSearchForm
from drafting.web.forms_provisions import CommentForm, TransitionForm
from drafting.web.impact import provision_impact_rows
from proposals.models import ArticleChange
from proposals.numerals import article_ref_zh

Spans = dict[str, list[tuple[int, int, int]]]


def page_title(provision: Provision) -> str:
    """The page's title: the provision's Chinese title on Chinese pages when it has one."""
    zh = (get_language() or "").startswith("zh")
    return provision.title_zh if zh and provision.title_zh else provision.title_en


def text_of(revision: Revision | None, language: str) -> str:
    """The revision's text in one language ("" without a revision)."""
    if revision is None:
        return ""
    return revision.text_zh if language == Comment.Language.ZH else revision.text_en


def _placements(threads: list[Comment], current: Revision | None) -> list[Placement]:
    """Where each thread's words stand in the current revision (orphaned when they are gone)."""
    exact = {}
    earlier = []
    for thread in threads:
        if current is not None and thread.revision_id == current.pk:
            # Revisions never change, and the anchor was checked against this one when written.
            exact[thread.pk] = Placement(
                thread.anchor_start, thread.anchor_end, thread.anchor_exact, "exact"
            )
        else:
            earlier.append(thread)
    if current is None:
        orphan = Placement(None, None, "", "orphaned")
        return [exact.get(t.pk, orphan) for t in threads]
    stored = services.placements_in(earlier, current)  # re-anchored once, then read back
    return [exact.get(t.pk) or stored[t.pk] for t in threads]


def highlighted(text: str, spans: list[tuple[int, int, int]]) -> SafeString:
    """Escaped text with <mark data-thread="ids"> around the words each thread is about."""
    if not spans:
        return mark_safe(escape(text, quote=False))  # noqa: S308 (escaped just here)
    cuts = sorted({0, len(text), *(s for s, _e, _t in spans), *(e for _s, e, _t in spans)})
    out = []
    for a, b in pairwise(cuts):
        piece = escape(text[a:b], quote=False)
        ids = sorted({t for s, e, t in spans if s < b and e > a})
        if ids:
            joined = " ".join(map(str, ids))
            out.append(f'<mark class="comment-mark" data-thread="{joined}">{piece}</mark>')
        else:
            out.append(piece)
    return mark_safe("".join(out))  # noqa: S308 (every piece escaped above)


@dataclass
class LawRedline:
    html: SafeString
    changes: int
    caption: str


def law_redline(provision: Provision, revision: Revision | None) -> LawRedline:
    """The change from the current law to the draft, as the operation defines it."""
    paragraphs = list(provision.target_article.paragraphs.all())
    whole = "\n".join(p.text_zh for p in paragraphs)
    chosen = "\n".join(p.text_zh for p in paragraphs if p.number in provision.paragraphs)
    new = revision.text_zh if revision is not None and provision.has_text else ""
    op = provision.operation
    if op in WHOLE_ARTICLE_OPERATIONS:
        old, caption = whole, _("The whole article as it stands, against the draft.")
    elif op in CHANGING_OPERATIONS:
        old, caption = chosen, _("The paragraphs concerned as they stand, against the draft.")
    elif op == Operation.INSERT_PARAGRAPH and provision.restate_article:
        old, caption = whole, _("The article as it stands, against the restated article.")
    else:
        old, caption = "", _("New text: nothing in the current law is replaced.")
    html, changes = _law_diff(old, new)
    return LawRedline(mark_safe(html), changes, caption)  # noqa: S308 (redline_html escapes)


def _law_diff(old: str, new: str) -> tuple[str, int]:
    """The redline's HTML and change count, cached by the two texts (a long article costs ~0.3 s)."""
    key = "law-redline:" + hashlib.sha256(f"{old}\0{new}".encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        ops = diff_text(old, new, "zh")
        found = (redline_html(ops, id_prefix="law-chg-"), change_count(ops))
        cache.set(key, found, timeout=24 * 3600)
    return found


def _markdown(text: str) -> SafeString:
    return mark_safe(render_markdown(text))  # noqa: S308 (render_markdown sanitizes)


THREADS_SHOWN = 25  # about a screenful of the margin
REPLIES_SHOWN = 10  # per thread: the latest; ?threads=all shows every thread and reply


def _decorate(thread: Comment, user) -> None:
    """What a shown thread needs: rendered Markdown, visible replies, the user's actions."""
    thread.body_html = _markdown(thread.body)
    thread.shown_replies = thread.latest_replies[::-1]  # oldest of them first
    thread.earlier_replies = thread.reply_total - len(thread.shown_replies)
    for reply in thread.shown_replies:
        reply.body_html = _markdown(reply.body)
    thread.can_resolve = rules.has_perm("drafting.resolve_comment", user, thread)
    thread.can_decide = thread.has_suggestion and rules.has_perm(
        "drafting.decide_suggestion", user, thread
    )


def place_threads(
    provision: Provision, threads: list[Comment]
) -> tuple[list[Comment], list[Comment], Spans]:
    """The threads placed in the current text (sorted by place), the orphaned ones, the spans."""
    placements = _placements(threads, provision.current_revision)
    spans: Spans = {"zh": [], "en": []}
    placed, orphaned = [], []
    for thread, placement in zip(threads, placements, strict=True):
        thread.provision = provision  # the rules read the bill from here without a query
        thread.placement = placement
        if placement.start is None:
            orphaned.append(thread)
        else:
            spans.setdefault(thread.anchor_language, []).append(
                (placement.start, placement.end, thread.pk)
            )
            placed.append(thread)
    placed.sort(key=lambda t: (t.anchor_language != "zh", t.placement.start, t.pk))
    return placed, orphaned, spans


def shown_threads(
    request: HttpRequest, placed: list[Comment], orphaned: list[Comment], total: int
) -> tuple[list[Comment], list[Comment]]:
    """Beyond a screenful the rest wait behind "Show all" (?threads=all); shown ones are decorated."""
    if request.GET.get("threads") != "all" and total > THREADS_SHOWN:
        placed = placed[:THREADS_SHOWN]
        orphaned = orphaned[: max(0, THREADS_SHOWN - len(placed))]
    for thread in placed + orphaned:
        _decorate(thread, request.user)
    return placed, orphaned


def english_out_of_date(revisions: list[Revision]) -> bool:
    """Whether the Chinese changed in a later revision than the English last did."""
    zh_changed = en_changed = 0
    for before, after in pairwise(sorted(revisions, key=lambda r: r.number)):
        if after.text_zh != before.text_zh:
            zh_changed = after.number
        if after.text_en != before.text_en:
            en_changed = after.number
    return bool(revisions) and zh_changed > en_changed and bool(revisions[0].text_en)


def obligations_context(request: HttpRequest, provision: Provision) -> dict:
    """The obligations panel: the links with what the user may do to each, and a search."""
    user = request.user
    can_draft = rules.has_perm("drafting.draft_bill", user, provision)
    links = provision.active_links
    for link in links:
        link.provision = provision  # the rules read the bill from here without a query
        link.can_review = link.review is None and rules.has_perm("drafting.review_link", user, link)
    search = ObligationSearchForm(request.GET if "q" in request.GET else None)
    linked = {link.obligation_id for link in links}
    results = list(search.results() or []) if can_draft and search.is_bound else None
    zh = (get_language() or "").startswith("zh")
    for obligation in [link.obligation for link in links] + (results or []):
        # 第三条第一款(c)项 on Chinese pages, art. 3(1)(c) on English ones.
        obligation.article_shown = article_ref_zh(obligation.article_ref) if zh else None
        obligation.linked = obligation.pk in linked
    return {
        "links": links,
        "link_search": search,
        "link_results": results,
        "link_errors": {},
        "links_waiting": sum(1 for link in links if link.review is None),
    }


def review_context(request: HttpRequest, provision: Provision, revisions=None) -> dict:
    """The review section: the text with the words each thread is about, the threads, the form."""
    user = request.user
    current = provision.current_revision
    everything = request.GET.get("threads") == "all"
    threads = Comment.objects.for_provision_page(None if everything else REPLIES_SHOWN)
    threads = list(threads.visible().filter(provision=provision))
    placed, orphaned, spans = place_threads(provision, threads)
    placed, orphaned = shown_threads(request, placed, orphaned, len(threads))
    can_comment = rules.has_perm("drafting.comment_bill", user, provision)
    if revisions is None:
        revisions = list(provision.revisions.only("number", "text_zh", "text_en"))
    form = None
    if can_comment and current is not None and provision.has_text:
        form = CommentForm(provision=provision, initial={"revision": current.pk, "language": "zh"})
    return {
        "provision": provision,
        "bill": provision.bill,
        "revision": current,
        "role": provision.my_role,
        "text_zh_html": highlighted(text_of(current, "zh"), spans["zh"]),
        "text_en_html": highlighted(text_of(current, "en"), spans["en"]),
        "english_out_of_date": english_out_of_date(revisions),
        "threads": placed,
        "orphaned": orphaned,
        "thread_total": len(threads),
        "threads_hidden": len(threads) - len(placed) - len(orphaned),
        "open_count": sum(1 for t in threads if t.status == Comment.Status.OPEN),
        "can_comment": can_comment,
        "can_draft": rules.has_perm("drafting.draft_bill", user, provision),
        "comment_form": form,
        "thread_errors": {},
    }


def page_context(request: HttpRequest, provision: Provision, **extra) -> dict:
    """Everything the provision page shows, in a fixed number of queries."""
    revisions = list(provision.revisions.select_related("author").order_by("-number"))
    context = {
        "law_paragraphs": list(provision.target_article.paragraphs.all()),
        "law_redline": law_redline(provision, provision.current_revision),
        "impact_rows": provision_impact_rows(provision),
        "history": list(
            ArticleChange.objects.filter(article=provision.target_article_id).for_history()
        ),
        "proposals": list(provision.proposals.all()),
        "revisions": revisions,
        "history_break": verify_loaded(revisions),
        "events": list(ReviewEvent.objects.filter(provision=provision).select_related("actor")),
        "transitions": services.allowed_transitions(
            provision=provision, role=provision.my_role, user=request.user
        ),
        "transition_form": TransitionForm(),
    }
    context.update(review_context(request, provision, revisions))
    context.update(obligations_context(request, provision))
    context.update(extra)
    return context

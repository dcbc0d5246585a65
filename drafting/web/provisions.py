"""The provision page: text in both languages, redline against current law, comment threads,
suggestions, revision history and the review workflow; plus the drafter's edit and conflict pages.

Every form works by plain POST and redirect; with htmx the same views answer with a partial
(`drafting/provision.html#review` or `#workflow`) that replaces its section of the page.
"""

from dataclasses import dataclass
from html import escape
from itertools import pairwise

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from drafting import services
from drafting.history import verify_loaded
from drafting.models import Comment, Provision, ReviewEvent, Revision
from drafting.operations import CHANGING_OPERATIONS, WHOLE_ARTICLE_OPERATIONS, Operation
from drafting.rules import remember_role
from drafting.text.diff import change_count, diff_text, redline_html
from drafting.text.markdown import render_markdown
from drafting.text.reanchor import Placement
from drafting.web.conflict import conflict_page, dropped_changes
from drafting.web.forms_provisions import (
    CommentForm,
    DecisionForm,
    ReplyForm,
    RevisionForm,
    TransitionForm,
)
from drafting.web.impact import provision_impact_rows
from proposals.models import ArticleChange

PAGE = "drafting/provision.html"


# --- reads ----------------------------------------------------------------------------------


def provision_for_member(user, pk: int) -> Provision:
    """The provision with everything the page shows; 404 unless the user is a member of its bill."""
    provision = Provision.objects.for_review_page(user).filter(pk=pk).first()
    if provision is None or provision.my_role is None:
        raise Http404(_("No such provision."))
    remember_role(user, provision.bill_id, provision.my_role)
    return provision


def thread_for_member(user, pk: int) -> Comment:
    """A visible comment with its provision and bill; 404 for outsiders and hidden comments."""
    comment = Comment.objects.for_thread_page(user).filter(pk=pk).first()
    if comment is None or comment.my_role is None:
        raise Http404(_("No such comment."))
    remember_role(user, comment.provision.bill_id, comment.my_role)
    return comment


def can(user, perm: str, obj) -> bool:
    """Check the bill role through the rules (superusers get no bypass: non-members see nothing)."""
    return rules.has_perm(perm, user, obj)


def _text(revision: Revision | None, language: str) -> str:
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
    ops = diff_text(old, new, "zh")
    return LawRedline(
        mark_safe(redline_html(ops, id_prefix="law-chg-")),  # noqa: S308 (redline_html escapes)
        change_count(ops),
        caption,
    )


THREADS_SHOWN = 25  # about a screenful of the margin


def _decorate(thread: Comment, provision: Provision, user) -> None:
    """What a shown thread needs: rendered Markdown, visible replies, the user's actions."""
    thread.provision = provision  # the rules read the bill from here without a query
    thread.body_html = mark_safe(render_markdown(thread.body))  # noqa: S308 (sanitized)
    thread.shown_replies = [r for r in thread.replies.all() if not r.hidden]
    for reply in thread.shown_replies:
        reply.body_html = mark_safe(render_markdown(reply.body))  # noqa: S308 (sanitized)
    thread.can_resolve = can(user, "drafting.resolve_comment", thread)
    thread.can_decide = thread.has_suggestion and can(user, "drafting.decide_suggestion", thread)


def english_out_of_date(revisions: list[Revision]) -> bool:
    """Whether the Chinese changed in a later revision than the English last did."""
    zh_changed = en_changed = 0
    for before, after in pairwise(sorted(revisions, key=lambda r: r.number)):
        if after.text_zh != before.text_zh:
            zh_changed = after.number
        if after.text_en != before.text_en:
            en_changed = after.number
    return bool(revisions) and zh_changed > en_changed and bool(revisions[0].text_en)


def page_context(request: HttpRequest, provision: Provision, **extra) -> dict:
    """Everything the provision page shows, in a fixed number of queries."""
    user = request.user
    current = provision.current_revision
    threads = list(Comment.objects.threads().visible().filter(provision=provision))
    placements = _placements(threads, current)
    spans: dict[str, list[tuple[int, int, int]]] = {"zh": [], "en": []}
    placed, orphaned = [], []
    for thread, placement in zip(threads, placements, strict=True):
        thread.placement = placement
        if placement.start is None:
            orphaned.append(thread)
        else:
            spans.setdefault(thread.anchor_language, []).append(
                (placement.start, placement.end, thread.pk)
            )
            placed.append(thread)
    placed.sort(key=lambda t: (t.anchor_language != "zh", t.placement.start, t.pk))
    # Beyond a screenful the rest of the threads wait behind "Show all" (?threads=all).
    show_all = request.GET.get("threads") == "all" or len(threads) <= THREADS_SHOWN
    if not show_all:
        placed = placed[:THREADS_SHOWN]
        orphaned = orphaned[: max(0, THREADS_SHOWN - len(placed))]
    for thread in placed + orphaned:
        _decorate(thread, provision, user)
    role = provision.my_role
    revisions = list(provision.revisions.select_related("author").order_by("-number"))
    events = list(ReviewEvent.objects.filter(provision=provision).select_related("actor"))
    can_comment = can(user, "drafting.comment_bill", provision)
    context = {
        "provision": provision,
        "bill": provision.bill,
        "revision": current,
        "role": role,
        "text_zh_html": highlighted(_text(current, "zh"), spans["zh"]),
        "text_en_html": highlighted(_text(current, "en"), spans["en"]),
        "english_out_of_date": english_out_of_date(revisions),
        "law_paragraphs": list(provision.target_article.paragraphs.all()),
        "law_redline": law_redline(provision, current),
        "impact_rows": provision_impact_rows(provision),
        "history": list(
            ArticleChange.objects.filter(article=provision.target_article_id).for_history()
        ),
        "links": provision.active_links,
        "proposals": list(provision.proposals.all()),
        "threads": placed,
        "orphaned": orphaned,
        "thread_total": len(threads),
        "threads_hidden": len(threads) - len(placed) - len(orphaned),
        "open_count": sum(1 for t in threads if t.status == Comment.Status.OPEN),
        "revisions": revisions,
        "history_break": verify_loaded(revisions),
        "events": events,
        "transitions": services.allowed_transitions(
            provision=provision, role=role, user=request.user
        ),
        "can_comment": can_comment,
        "can_draft": can(user, "drafting.draft_bill", provision),
        "comment_form": None,
        "transition_form": TransitionForm(),
        "thread_errors": {},
    }
    if can_comment and current is not None and provision.has_text:
        context["comment_form"] = CommentForm(
            provision=provision, initial={"revision": current.pk, "language": "zh"}
        )
    context.update(extra)
    return context


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _answer(
    request: HttpRequest, provision: Provision, partial: str, fragment: str, **extra
) -> HttpResponse:
    """Success: the refreshed section for htmx, otherwise a redirect back to the page."""
    if _is_htmx(request):
        return render(request, f"{PAGE}#{partial}", page_context(request, provision, **extra))
    return redirect(f"{provision.get_absolute_url()}#{fragment}")


def _refuse(request: HttpRequest, provision: Provision, partial: str, **extra) -> HttpResponse:
    """Bad input: the page again with the errors; nothing was stored.

    htmx does not swap 4xx answers, so it gets its section with the errors and a 200.
    """
    context = page_context(request, provision, **extra)
    if _is_htmx(request):
        return render(request, f"{PAGE}#{partial}", context)
    return render(request, PAGE, context, status=400)


def _messages_of(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]


# --- the page -------------------------------------------------------------------------------


@login_required
def provision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The review page of one provision."""
    provision = provision_for_member(request.user, pk)
    return render(request, PAGE, page_context(request, provision))


@login_required
@require_POST
def provision_transition(request: HttpRequest, pk: int) -> HttpResponse:
    """Move the provision through the workflow (request-changes needs a note)."""
    provision = provision_for_member(request.user, pk)
    form = TransitionForm(request.POST)
    if form.is_valid():
        try:
            services.provision_transition(
                actor=request.user,
                provision=provision,
                to_status=form.cleaned_data["to_status"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            provision = provision_for_member(request.user, pk)
            messages.success(request, _("Status is now “%s”.") % provision.get_status_display())
            return _answer(request, provision, "workflow", "workflow")
    return _refuse(request, provision, "workflow", transition_form=form)


def _add_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form fields it names, the rest on the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


# --- comments -------------------------------------------------------------------------------


def too_fast(request: HttpRequest) -> HttpResponse | None:
    """A 429 page when the user posted COMMENT_RATE_LIMIT comments in the last minute."""
    try:
        services.check_comment_rate(request.user)
    except services.RateLimitedError as error:
        response = render(request, "drafting/rate_limited.html", {"error": error}, status=429)
        response["Retry-After"] = str(error.retry_after)
        return response
    return None


@login_required
@require_POST
def comment_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Start a thread on words the reader selected (or pasted), maybe suggesting new words."""
    provision = provision_for_member(request.user, pk)
    if not can(request.user, "drafting.comment_bill", provision):
        raise PermissionDenied(_("Viewers read; reviewers and drafters comment."))
    if limited := too_fast(request):
        return limited
    form = CommentForm(request.POST, provision=provision)
    if form.is_valid():
        try:
            comment = services.comment_create(
                actor=request.user,
                provision=provision,
                revision=form.cleaned_data["revision"],
                body=form.cleaned_data["body"],
                anchor=form.cleaned_data["anchor"],
                suggestion=form.suggestion_value,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return _answer(request, provision, "review", f"thread-{comment.pk}")
    return _refuse(request, provision, "review", comment_form=form, comment_form_open=True)


def _thread_action(request: HttpRequest, pk: int, perm: str, action) -> HttpResponse:
    """Run one action on a thread; errors are shown at the thread, nothing changes."""
    comment = thread_for_member(request.user, pk)
    if not can(request.user, perm, comment):
        raise PermissionDenied(_("Your role on this bill does not allow this."))
    provision = provision_for_member(request.user, comment.provision_id)
    try:
        action(comment)
    except ValidationError as error:
        return _refuse(
            request, provision, "review", thread_errors={comment.pk: _messages_of(error)}
        )
    thread_id = comment.parent_id or comment.pk
    return _answer(request, provision, "review", f"thread-{thread_id}")


@login_required
@require_POST
def comment_reply(request: HttpRequest, pk: int) -> HttpResponse:
    """Reply in a thread."""
    if limited := too_fast(request):
        return limited
    form = ReplyForm(request.POST)

    def reply(comment: Comment) -> None:
        if not form.is_valid():
            raise ValidationError(
                [m for errors in form.errors.values() for m in errors] or [_("Write something.")]
            )
        services.comment_reply(actor=request.user, parent=comment, body=form.cleaned_data["body"])

    return _thread_action(request, pk, "drafting.comment_bill", reply)


@login_required
@require_POST
def comment_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    """Close a thread as resolved."""
    return _thread_action(
        request,
        pk,
        "drafting.resolve_comment",
        lambda c: services.comment_resolve(actor=request.user, comment=c),
    )


@login_required
@require_POST
def comment_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    """Reopen a resolved thread."""
    return _thread_action(
        request,
        pk,
        "drafting.resolve_comment",
        lambda c: services.comment_reopen(actor=request.user, comment=c),
    )


@login_required
@require_POST
def suggestion_accept(request: HttpRequest, pk: int) -> HttpResponse:
    """Apply a suggestion as a new revision (always a full page: the text itself changes)."""
    comment = thread_for_member(request.user, pk)
    if not can(request.user, "drafting.decide_suggestion", comment):
        raise PermissionDenied(_("Only drafters accept suggestions."))
    form = DecisionForm(request.POST)
    try:
        if not form.is_valid():  # a bad note changes nothing: the form's error comes first
            raise ValidationError([m for errors in form.errors.values() for m in errors])
        revision = services.suggestion_accept(
            actor=request.user, comment=comment, note=form.cleaned_data["note"]
        )
    except services.StaleRevisionError:
        error = ValidationError(_("Someone saved a newer revision in the meantime; try again."))
    except ValidationError as exc:
        error = exc
    else:
        messages.success(
            request, _("Suggestion accepted: revision %(n)d.") % {"n": revision.number}
        )
        response = redirect(f"{comment.provision.get_absolute_url()}#thread-{comment.pk}")
        if _is_htmx(request):
            response = HttpResponse(status=204, headers={"HX-Redirect": response.url})
        return response
    provision = provision_for_member(request.user, comment.provision_id)
    return _refuse(request, provision, "review", thread_errors={comment.pk: _messages_of(error)})


@login_required
@require_POST
def suggestion_reject(request: HttpRequest, pk: int) -> HttpResponse:
    """Decline a suggestion; the thread stays with its verdict."""
    return _thread_action(
        request,
        pk,
        "drafting.decide_suggestion",
        lambda c: services.suggestion_reject(actor=request.user, comment=c),
    )


# --- drafting -------------------------------------------------------------------------------


@login_required
def provision_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Drafters write a new revision on top of the one they opened; a race ends on a merge page."""
    provision = provision_for_member(request.user, pk)
    if not can(request.user, "drafting.draft_bill", provision):
        raise PermissionDenied(_("Only drafters edit the text."))
    current = provision.current_revision
    if request.method != "POST":
        initial = {
            "base_revision": current.pk if current else None,
            "text_zh": _text(current, "zh"),
            "text_en": _text(current, "en"),
        }
        form = RevisionForm(provision=provision, initial=initial)
        return render(request, "drafting/provision_edit.html", _edit_context(provision, form))
    form = RevisionForm(request.POST, provision=provision)
    if not form.is_valid():
        return render(
            request, "drafting/provision_edit.html", _edit_context(provision, form), status=400
        )
    data = form.cleaned_data
    base, theirs = data["merge_base"], data["base_revision"]
    if base and theirs and base != theirs and not data["confirm_drop"]:
        dropped = dropped_changes(base, theirs, data)
        if dropped:
            return conflict_page(request, provision, data, theirs, dropped=dropped)
    try:
        revision = services.revision_create(
            actor=request.user,
            provision=provision,
            base_revision=data["base_revision"],
            text_zh=data["text_zh"],
            text_en=data["text_en"],
            note=data["note"],
        )
    except services.StaleRevisionError as stale:
        return conflict_page(request, provision, data, stale.current)
    except ValidationError as error:
        _add_errors(form, error)
        return render(
            request, "drafting/provision_edit.html", _edit_context(provision, form), status=400
        )
    messages.success(request, _("Revision %(n)d saved.") % {"n": revision.number})
    return redirect(provision.get_absolute_url())


def _edit_context(provision: Provision, form: RevisionForm) -> dict:
    return {"provision": provision, "bill": provision.bill, "form": form}

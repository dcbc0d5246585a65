"""The provision page: text in both languages, redline against current law, comment threads,
suggestions, revision history and the review workflow; plus the drafter's edit and conflict pages.

Every form works by plain POST and redirect; with htmx the same views answer with a partial
(`drafting/provision.html#review` or `#workflow`) that replaces its section of the page.
"""

from functools import partial

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from drafting import services
from drafting.models import Comment, Provision
from drafting.rules import remember_role
from drafting.web import page_cache
from drafting.web.common import add_service_errors, is_htmx, login_required
from drafting.web.conflict import conflict_page, dropped_changes
from drafting.web.forms_provisions import (
    CommentForm,
    DecisionForm,
    ReplyForm,
    RevisionForm,
    TransitionForm,
)
from drafting.web.page_state import PageState, provision_state
from drafting.web.provision_page import page_context, page_title, review_context, text_of

PAGE = "drafting/provision.html"  # the site's frame around BODY
BODY = "drafting/_provision_page.html"  # the page itself, its htmx sections (#review, #workflow)
REVIEW_SLOT = mark_safe("<!-- review section -->")  # where a kept body takes its review section


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


def _answer(
    request: HttpRequest, provision: Provision, partial: str, fragment: str, **extra
) -> HttpResponse:
    """Success: the refreshed section for htmx, otherwise a redirect back to the page."""
    if is_htmx(request):
        return render(request, f"{BODY}#{partial}", page_context(request, provision, **extra))
    return redirect(f"{provision.get_absolute_url()}#{fragment}")


def _refuse(request: HttpRequest, provision: Provision, partial: str, **extra) -> HttpResponse:
    """Bad input: the page again with the errors; nothing was stored.

    htmx does not swap 4xx answers, so it gets its section with the errors and a 200.
    """
    context = page_context(request, provision, **extra)
    if is_htmx(request):
        return render(request, f"{BODY}#{partial}", context)
    return page_response(request, provision, context, status=400)


def page_response(
    request: HttpRequest, provision: Provision, context: dict, status: int = 200
) -> HttpResponse:
    """The whole page for a context built in this request (a form with its errors)."""
    body = render_to_string(BODY, context, request=request)
    return _framed(request, page_title(provision), body, status)


def _framed(request: HttpRequest, title: str, body: str, status: int = 200) -> HttpResponse:
    context = {"title": title, "body": mark_safe(body)}  # noqa: S308 (rendered by BODY)
    return render(request, PAGE, context, status=status)


def _messages_of(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]


# --- the page -------------------------------------------------------------------------------


@login_required
def provision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The review page of one provision, from the cache when its state was seen before: the
    review section (text and threads) and the rest of the page are kept apart, so a new comment
    rebuilds only the section."""
    state = provision_state(request.user, pk)
    if state is None or state.role is None:
        raise Http404(_("No such provision."))
    remember_role(request.user, state.bill_id, state.role)
    built = {}  # a page built whole renders its review section once, for both keys

    def now() -> PageState | None:  # read once, after whatever was built
        if "state" not in built:
            built["state"] = provision_state(request.user, pk)
        return built["state"]

    def rest() -> tuple[str, str]:
        provision = provision_for_member(request.user, pk)
        context = page_context(request, provision)
        built["review"] = page_cache.render_body(request, f"{BODY}#review", context)
        body = page_cache.render_body(request, BODY, {**context, "review_html": REVIEW_SLOT})
        return page_title(provision), body

    def review() -> str:
        if "review" in built:
            return built["review"]
        provision = Provision.objects.for_review_section(request.user).get(pk=pk)
        context = review_context(request, provision)
        return page_cache.render_body(request, f"{BODY}#review", context)

    key = partial(page_cache.cache_key, request, reads={"threads"})
    title, body = page_cache.kept_or_built(key(f"provision:{pk}", state.rest), state, now, rest)
    section = page_cache.kept_or_built(key(f"review:{pk}", state.fingerprint), state, now, review)
    return _framed(request, title, page_cache.served(request, body.replace(REVIEW_SLOT, section)))


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
            add_service_errors(form, error)
        else:
            provision = provision_for_member(request.user, pk)
            messages.success(request, _("Status is now “%s”.") % provision.get_status_display())
            return _answer(request, provision, "workflow", "workflow")
    return _refuse(request, provision, "workflow", transition_form=form)


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
            add_service_errors(form, error)
        else:
            return _answer(request, provision, "review", f"thread-{comment.pk}")
    return _refuse(request, provision, "review", comment_form=form, comment_form_open=True)


def _thread_action(request: HttpRequest, pk: int, perm: str, action) -> HttpResponse:
    """Run one action on a thread; errors are shown at the thread, nothing changes."""
    comment = thread_for_member(request.user, pk)
    if not can(request.user, perm, comment):
        raise PermissionDenied(_("Your role on this bill does not allow this."))
    try:
        action(comment)
    except ValidationError as error:
        provision = provision_for_member(request.user, comment.provision_id)
        return _refuse(
            request, provision, "review", thread_errors={comment.pk: _messages_of(error)}
        )
    fragment = f"thread-{comment.parent_id or comment.pk}"
    if not is_htmx(request):  # the page is built by the GET the redirect leads to
        return redirect(f"{comment.provision.get_absolute_url()}#{fragment}")
    provision = provision_for_member(request.user, comment.provision_id)  # as the action left it
    return _answer(request, provision, "review", fragment)


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
        if is_htmx(request):
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
            "text_zh": text_of(current, "zh"),
            "text_en": text_of(current, "en"),
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
        add_service_errors(form, error)
        return render(
            request, "drafting/provision_edit.html", _edit_context(provision, form), status=400
        )
    messages.success(request, _("Revision %(n)d saved.") % {"n": revision.number})
    return redirect(provision.get_absolute_url())


def _edit_context(provision: Provision, form: RevisionForm) -> dict:
    return {"provision": provision, "bill": provision.bill, "form": form}

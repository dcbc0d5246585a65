"""Compare two revisions of a provision: side by side or inline, Chinese or English."""

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from drafting.models import Provision, Revision
from drafting.text.diff import change_count, diff_text, redline_html, side_by_side
from drafting.web.common import is_htmx, login_required

LANGUAGES = ("zh", "en")
VIEWS = ("side", "inline")


def _number(value: str | None) -> int | None:
    """A revision number from the query string; ValueError for anything but a positive integer."""
    if value is None or value == "":
        return None
    if not (value.isascii() and value.isdigit()) or len(value) > 9 or int(value) < 1:
        raise ValueError(value)
    return int(value)


def _defaults(provision: Provision, numbers: list[int]) -> tuple[int, int]:
    """The current revision against the one before it (or itself when it is the first)."""
    current = provision.current_revision.number if provision.current_revision else numbers[-1]
    earlier = [n for n in numbers if n < current]
    return (earlier[-1] if earlier else current), current


@login_required
@require_GET
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    """Redline between revisions ?a= and ?b= of a provision (members only; others get 404)."""
    provision = get_object_or_404(Provision.objects.for_compare(request.user), pk=pk)
    # The pickers need numbers and authors, not the (possibly long) texts of every revision.
    revisions = list(
        provision.revisions.select_related("author").defer("text_zh", "text_en").order_by("number")
    )
    if not revisions:
        return HttpResponseBadRequest(_("This provision has no revisions yet."))
    try:
        a, b = _number(request.GET.get("a")), _number(request.GET.get("b"))
    except ValueError:
        return HttpResponseBadRequest(_("Revision numbers are whole numbers from 1."))
    default_a, default_b = _defaults(provision, [r.number for r in revisions])
    a = default_a if a is None else a
    b = default_b if b is None else b
    lang = request.GET.get("lang") if request.GET.get("lang") in LANGUAGES else "zh"
    view = request.GET.get("view") if request.GET.get("view") in VIEWS else "side"
    pair = {r.number: r for r in Revision.objects.filter(provision=provision, number__in={a, b})}
    if a not in pair or b not in pair:
        return HttpResponse(_("This provision has no such revision."), status=404)
    old, new = pair[a], pair[b]
    field = "text_zh" if lang == "zh" else "text_en"
    ops = diff_text(getattr(old, field), getattr(new, field), lang)
    left, right = side_by_side(ops)
    count = change_count(ops)
    anchor_suffix = "-new" if view == "side" else ""
    context = {
        "provision": provision,
        "bill": provision.bill,
        "revisions": revisions,
        "old": old,
        "new": new,
        "a": a,
        "b": b,
        "lang": lang,
        "view": view,
        "inline_html": mark_safe(redline_html(ops)),  # diff.py escapes every piece of text
        "left_html": mark_safe(left),
        "right_html": mark_safe(right),
        "change_count": count,
        "change_anchors": [f"chg-{n}{anchor_suffix}" for n in range(1, count + 1)],
        "text_missing": not getattr(old, field) and not getattr(new, field),
    }
    template = "drafting/compare.html#compare-body" if is_htmx(request) else "drafting/compare.html"
    return render(request, template, context)

"""Law navigation: an instrument's articles a chapter at a time, its contents, stable article links."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from proposals.models import Article, Instrument, Obligation, Paragraph
from proposals.navigation import chapter_key, parse_article_ref, table_of_contents
from proposals.statutes import HEADING_SEPARATOR


def _chapter_articles(instrument: Instrument, chapter: str):
    articles = Article.objects.filter(instrument=instrument).order_by("number", "sub")
    if chapter:
        articles = articles.filter(
            Q(heading_zh=chapter) | Q(heading_zh__startswith=chapter + HEADING_SEPARATOR)
        )
    return articles.prefetch_related(
        Prefetch("paragraphs", queryset=Paragraph.objects.order_by("number"))
    )


def _headings(instrument: Instrument) -> list[tuple[str, str]]:
    """(heading, dotted reference) of every article in order, in one light query."""
    rows = (
        Article.objects.filter(instrument=instrument)
        .order_by("number", "sub")
        .values_list("heading_zh", "number", "sub")
    )
    return [(h, f"{n}-{s}" if s else str(n)) for h, n, s in rows]


def _chapter_number(request: HttpRequest, count: int) -> int:
    """The chapter asked for (?chapter=N, from 1); 404 for one that is not there."""
    raw = request.GET.get("chapter", "1")
    if not raw.isdigit() or not 1 <= int(raw) <= max(count, 1):
        raise Http404(_("No such part of this law."))
    return int(raw)


@login_required
@require_GET
def instrument_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One instrument: its obligations, contents by 编/章/节 and one chapter's articles."""
    instrument = get_object_or_404(
        Instrument.objects.select_related("jurisdiction", "interprets"), code=code
    )
    contents, chapters = table_of_contents(_headings(instrument))
    number = _chapter_number(request, len(chapters))
    chapter = chapters[number - 1] if chapters else ""
    obligations = Obligation.objects.filter(instrument=instrument).select_related(
        "article", "instrument"
    )
    context = {
        "instrument": instrument,
        "articles": _chapter_articles(instrument, chapter),
        "obligations": obligations,
        "contents": contents,
        "chapter": chapter,
        "chapter_number": number,
        "chapter_count": len(chapters),
    }
    return render(request, "proposals/instrument_detail.html", context)


def _article_location(instrument: Instrument, article: Article) -> str:
    """The page (chapter) and anchor of an article."""
    _, chapters = table_of_contents(_headings(instrument))
    key = chapter_key(article.heading_zh)
    query = f"?chapter={chapters.index(key) + 1}" if key in chapters else ""
    return f"{instrument.get_absolute_url()}{query}#article-{article.dotted}"


@login_required
@require_GET
def article_redirect(request: HttpRequest, code: str, ref: str) -> HttpResponse:
    """The stable address of an article: /reference/instruments/PRC-CL/articles/287-1/."""
    instrument = get_object_or_404(Instrument, code=code)
    parsed = parse_article_ref(ref)
    if parsed is None:
        raise Http404(_("Not an article reference."))
    article = get_object_or_404(Article, instrument=instrument, number=parsed[0], sub=parsed[1])
    return HttpResponseRedirect(_article_location(instrument, article))


@login_required
@require_GET
def article_goto(request: HttpRequest, code: str) -> HttpResponse:
    """The "go to article" box: 364, 287-1, 第三百六十四条 or 第三百六十四条之一."""
    instrument = get_object_or_404(Instrument, code=code)
    typed = request.GET.get("article", "")[:60]
    parsed = parse_article_ref(typed)
    article = (
        Article.objects.filter(instrument=instrument, number=parsed[0], sub=parsed[1]).first()
        if parsed
        else None
    )
    if article is None:
        messages.error(request, _("No article “%(ref)s” in this law.") % {"ref": typed})
        return HttpResponseRedirect(instrument.get_absolute_url())
    return HttpResponseRedirect(_article_location(instrument, article))

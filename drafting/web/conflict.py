"""The edit conflict page: a three-way merge of base, theirs and mine, shown before saving."""

from html import escape

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString, mark_safe

from drafting.models import Provision, Revision
from drafting.text.diff import diff_text, redline_html
from drafting.text.merge import Merge, merge3, touched_changes
from drafting.web.forms_provisions import RevisionForm

LANGUAGES = ("zh", "en")


def _text(revision: Revision | None, language: str) -> str:
    return getattr(revision, f"text_{language}", "") if revision else ""


def marked_html(merge: Merge) -> SafeString:
    """The merged text with every change marked by whose it is (deleted words struck)."""
    pieces, position = [], 0
    for mark in merge.marks:
        pieces.append(escape(merge.text[position : mark.start]))
        if mark.deleted:
            pieces.append(f'<del class="merge-{mark.side}">{escape(mark.deleted)}</del>')
        if mark.end > mark.start:
            text = escape(merge.text[mark.start : mark.end])
            pieces.append(f'<ins class="merge-{mark.side}">{text}</ins>')
        position = mark.end
    pieces.append(escape(merge.text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 (every piece escaped above)


def dropped_changes(base: Revision, theirs: Revision, final: dict[str, str]) -> list[str]:
    """Their changes since base that the final text undoes or alters (needs confirmation)."""
    touched: list[str] = []
    for language in LANGUAGES:
        touched += touched_changes(
            _text(base, language), _text(theirs, language), final[f"text_{language}"], language
        )
    return touched


def conflict_page(
    request: HttpRequest,
    provision: Provision,
    mine: dict,
    current: Revision | None,
    dropped: list[str] | None = None,
) -> HttpResponse:
    """Someone saved first: merge three ways; clean merges are offered marked, conflicts listed."""
    base = mine.get("merge_base") or mine["base_revision"]
    merges = {
        language: merge3(
            _text(base, language), _text(current, language), mine[f"text_{language}"], language
        )
        for language in LANGUAGES
    }
    clean = all(m.clean for m in merges.values()) and base is not None
    proposed = {lang: merges[lang].text if clean else mine[f"text_{lang}"] for lang in LANGUAGES}
    form = RevisionForm(
        provision=provision,
        initial={
            "base_revision": current.pk if current else None,
            "merge_base": base.pk if base else None,
            "text_zh": proposed["zh"],
            "text_en": proposed["en"],
            "note": mine["note"],
        },
    )

    def redline(old: str, new: str, language: str) -> SafeString:
        return mark_safe(redline_html(diff_text(old, new, language), id_prefix=f"{language}-"))  # noqa: S308

    context = {
        "provision": provision,
        "bill": provision.bill,
        "form": form,
        "base": base,
        "current": current,
        "mine": mine,
        "clean": clean,
        "dropped": dropped,
        "merged_zh": marked_html(merges["zh"]) if clean else None,
        "merged_en": marked_html(merges["en"]) if clean and proposed["en"] else None,
        "conflicts": [c for m in merges.values() for c in m.conflicts],
        "mine_vs_theirs_zh": redline(_text(current, "zh"), mine["text_zh"], "zh"),
        "mine_vs_theirs_en": redline(_text(current, "en"), mine["text_en"], "en"),
        "their_changes_zh": redline(_text(base, "zh"), _text(current, "zh"), "zh")
        if base
        else None,
    }
    return render(request, "drafting/conflict.html", context, status=409)

"""Snippets: a window of an entry's text around the first match, matched words marked, escaped."""

import re
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from drafting.search.tokenizer import CJK_CLASS, Piece, fold, fold_char

WINDOW = 160
BEFORE = 40


def _folded_with_offsets(text: str) -> tuple[str, Sequence[int]]:
    """The folded text and, for each folded character, the offset of its source character."""
    folded = fold(text)
    if len(folded) == len(text):
        return folded, range(len(text))  # one character for one: the offsets are the same
    folded: list[str] = []
    offsets: list[int] = []
    for i, char in enumerate(text):
        f = fold_char(char)
        folded.append(f)
        offsets.extend([i] * len(f))
    return "".join(folded), offsets


def _pattern(pieces: list[Piece]) -> re.Pattern | None:
    """One regex for every piece: CJK runs anywhere, words only as whole words."""
    parts = []
    for piece in sorted(pieces, key=lambda p: -len(p.text)):
        text = re.escape(piece.text)
        before, after = rf"(?:(?<=[{CJK_CLASS}])|(?<![^\W_]))", rf"(?:(?=[{CJK_CLASS}])|(?![^\W_]))"
        parts.append(text if piece.cjk else f"{before}{text}{after}")
    return re.compile("|".join(parts)) if parts else None


def match_spans(text: str, pieces: list[Piece]) -> list[tuple[int, int]]:
    """The (start, end) offsets in the source text of every matched piece."""
    pattern = _pattern(pieces)
    if pattern is None or not text:
        return []
    folded, offsets = _folded_with_offsets(text)
    return [(offsets[m.start()], offsets[m.end() - 1] + 1) for m in pattern.finditer(folded)]


def snippet(text: str, pieces: list[Piece], width: int = WINDOW) -> SafeString:
    """Escaped HTML of a window of the text around its first match, with <mark> on each match."""
    spans = match_spans(text, pieces)
    start = max(0, spans[0][0] - BEFORE) if spans else 0
    end = min(len(text), start + width)
    out: list[str] = ["…" if start else ""]
    cursor = start
    for s, e in spans:
        if e <= start or s < cursor:
            continue
        if s >= end:
            break
        out += [escape(text[cursor:s]), "<mark>", escape(text[s:e]), "</mark>"]
        cursor = e
    out += [escape(text[cursor:end]) if cursor < end else "", "…" if end < len(text) else ""]
    return mark_safe("".join(out).replace("\n", " "))  # noqa: S308 (every piece is escaped)

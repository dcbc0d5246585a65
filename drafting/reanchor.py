"""Find where a comment's quoted words stand in a later revision of the text.

A comment keeps a W3C-style text-quote anchor (exact words, up to 32 characters of prefix and
suffix, start/end offsets). Offsets are Python str indices (Unicode code points), the same
convention the browser side follows (it counts code points, not UTF-16 units). Placement status:

- "exact": the same words at the same offsets;
- "moved": the same words elsewhere (the occurrence whose context matches best, then the nearest);
- "fuzzy": slightly changed words found near where they were (start/end are the new words);
- "orphaned": the words are gone; start/end are None and exact keeps the old quote.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import fast_diff_match_patch

from drafting.anchoring import Anchor

Status = Literal["exact", "moved", "fuzzy", "orphaned"]

MATCH_THRESHOLD = 0.4  # diff-match-patch: 0 = perfect match only, 1 = anything
MATCH_BITS = 32  # the bitap matcher's pattern limit
MIN_SIMILARITY = 0.6  # of the found words to the quoted words, for a fuzzy placement
MIN_CONTEXT_SIMILARITY = 0.5  # of the surrounding words, when the quote alone is not telling
MIN_CONTEXT_CHARS = 6  # of matching context needed to trust a repeated or short quote elsewhere
DISTINCTIVE = {"zh": 4, "en": 12}  # quote length that identifies itself without context


@dataclass(frozen=True, slots=True)
class Placement:
    """Where an anchor's words stand in a revision; start/end are None when orphaned."""

    start: int | None
    end: int | None
    exact: str
    status: Status


def reanchor_many(anchors: Iterable[Anchor], new_text: str) -> list[Placement]:
    """reanchor() for every anchor, in order."""
    return [reanchor(anchor, new_text) for anchor in anchors]


def reanchor(anchor: Anchor, new_text: str) -> Placement:
    """The placement of anchor's words in new_text."""
    exact, start = anchor.exact, anchor.start
    end = start + len(exact)
    if not exact:
        return Placement(None, None, exact, "orphaned")
    if (
        new_text.startswith(exact, start)
        and new_text.endswith(anchor.prefix, 0, start)
        and new_text.startswith(anchor.suffix, end)
    ):
        return Placement(start, end, exact, "exact")
    found = _same_words(anchor, new_text)
    if found is not None:
        return Placement(found, found + len(exact), exact, "exact" if found == start else "moved")
    span = _similar_words(anchor, new_text)
    if span is not None:
        return Placement(span[0], span[1], new_text[span[0] : span[1]], "fuzzy")
    return Placement(None, None, exact, "orphaned")


def _same_words(anchor: Anchor, text: str) -> int | None:
    """Start of the occurrence of the exact words whose context matches best, then nearest."""
    quote = anchor.prefix + anchor.exact + anchor.suffix
    whole = _occurrences(text, quote)
    if whole:  # The common case, text edited elsewhere: one C-speed search settles it.
        return min(whole, key=lambda at: abs(at - anchor.start)) + len(anchor.prefix)
    candidates = _occurrences(text, anchor.exact)
    if not candidates:
        return None
    available = len(anchor.prefix) + len(anchor.suffix)
    needed = min(available, MIN_CONTEXT_CHARS)
    if len(candidates) == 1 and len(anchor.exact) >= DISTINCTIVE.get(anchor.language, 12):
        needed = 0
    best, best_score = None, None
    for at in candidates:
        context = _context_match(anchor, text, at)
        if context < needed:
            continue
        score = (context, -abs(at - anchor.start))
        if best_score is None or score > best_score:
            best, best_score = at, score
    return best


def _occurrences(text: str, words: str) -> list[int]:
    found, at = [], text.find(words)
    while at >= 0:
        found.append(at)
        at = text.find(words, at + 1)
    return found


def _context_match(anchor: Anchor, text: str, at: int) -> int:
    """How many characters of prefix (from its end) and suffix (from its start) still match."""
    prefix, suffix = anchor.prefix, anchor.suffix
    end = at + len(anchor.exact)
    before = next(
        (n for n in range(len(prefix), 0, -1) if text.endswith(prefix[-n:], 0, at)), 0
    )
    after = next((n for n in range(len(suffix), 0, -1) if text.startswith(suffix[:n], end)), 0)
    return before + after


def _similar_words(anchor: Anchor, text: str) -> tuple[int, int] | None:
    """(start, end) of slightly changed words near where they were, or None."""
    best, best_score = None, None
    tried = set()
    for guess in _guesses(anchor, text):
        if guess in tried:
            continue
        tried.add(guess)
        span = _align(anchor, text, guess)
        if span is None:
            continue
        similarity = _similarity(anchor.exact, text[span[0] : span[1]])
        context = _similarity(
            anchor.prefix + anchor.suffix,
            text[max(0, span[0] - len(anchor.prefix)) : span[0]]
            + text[span[1] : span[1] + len(anchor.suffix)],
        )
        distinctive = len(anchor.exact) >= DISTINCTIVE.get(anchor.language, 12) * 2
        if similarity < MIN_SIMILARITY or (context < MIN_CONTEXT_SIMILARITY and not distinctive):
            continue
        score = (round(similarity + context, 3), -abs(span[0] - anchor.start))
        if best_score is None or score > best_score:
            best, best_score = span, score
    return best


def _guesses(anchor: Anchor, text: str) -> Iterable[int]:
    """Approximate new starts of the quote, from bitap matches of its head, tail and context."""
    exact, start = anchor.exact, anchor.start
    head, tail = exact[:MATCH_BITS], exact[-MATCH_BITS:]
    before, after = anchor.prefix[-MATCH_BITS:], anchor.suffix[:MATCH_BITS]
    landmarks = [
        (head, start, 0),
        (tail, start + len(exact) - len(tail), len(exact) - len(tail)),
        (before, start - len(before), -len(before)),
        (after, start + len(exact), len(exact)),
    ]
    distance = max(1000, len(text))
    for pattern, expected, offset in landmarks:
        if not pattern or len(pattern) > len(text):
            continue
        loc = min(max(expected, 0), len(text))
        at = fast_diff_match_patch.match(
            text, pattern, loc, match_threshold=MATCH_THRESHOLD, match_distance=distance
        )
        if at >= 0:
            yield at - offset


def _align(anchor: Anchor, text: str, guess: int) -> tuple[int, int] | None:
    """Map the quote's bounds through a diff of its old context against the text around guess."""
    prefix, exact, suffix = anchor.prefix, anchor.exact, anchor.suffix
    slack = len(exact) // 2 + 8
    lo = max(0, guess - len(prefix) - slack)
    hi = min(len(text), guess + len(exact) + len(suffix) + slack)
    ops = fast_diff_match_patch.diff(
        prefix + exact + suffix, text[lo:hi], cleanup="No", checklines=False
    )
    start = lo + _map_index(ops, len(prefix))
    end = lo + _map_index(ops, len(prefix) + len(exact))
    if anchor.language != "zh":
        start, end = _whole_words(text, start, end, exact)
    return (start, end) if start < end else None


def _map_index(ops: list[tuple[str, int]], loc: int) -> int:
    """diff_xIndex: the position in the new text that position loc of the old text became."""
    old = new = last_old = last_new = 0
    for op, length in ops:
        if op != "+":
            old += length
        if op != "-":
            new += length
        if old > loc:
            if op == "-":
                return last_new
            break
        last_old, last_new = old, new
    return last_new + (loc - last_old)


def _whole_words(text: str, start: int, end: int, exact: str) -> tuple[int, int]:
    """Widen a span so it never splits a word, and trim spaces the quote did not have."""
    while 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    if not exact[0].isspace():
        while start < end and text[start].isspace():
            start += 1
    if not exact[-1].isspace():
        while end > start and text[end - 1].isspace():
            end -= 1
    return start, end


def _similarity(a: str, b: str) -> float:
    """1 - Levenshtein distance / longer length (diff-match-patch's diff_levenshtein)."""
    if not a and not b:
        return 1.0
    distance = inserted = deleted = 0
    for op, length in fast_diff_match_patch.diff(a, b, cleanup="No", checklines=False):
        if op == "+":
            inserted += length
        elif op == "-":
            deleted += length
        else:
            distance += max(inserted, deleted)
            inserted = deleted = 0
    distance += max(inserted, deleted)
    return 1 - distance / max(len(a), len(b))

"""Find where a comment's quoted words stand in a later revision of the text.

A comment keeps a W3C-style text-quote anchor (exact words, up to 32 characters of prefix and
suffix, start/end offsets). Offsets are Python str indices (Unicode code points), the same
convention the browser side follows (it counts code points, not UTF-16 units). Placement status:

- "exact": the same words at the same offsets;
- "moved": the same words elsewhere (the occurrence whose context matches best, then the nearest);
- "fuzzy": slightly changed words found near where they were (start/end and exact are the new
  words); preferred to an exact copy elsewhere whose context hardly matches;
- "orphaned": the words are gone; start/end are None and exact keeps the old quote.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

import fast_diff_match_patch

from drafting.text.anchoring import Anchor

Status = Literal["exact", "moved", "fuzzy", "orphaned"]

MATCH_THRESHOLD = 0.4  # diff-match-patch: 0 = perfect match only, 1 = anything
MATCH_BITS = 32  # the bitap matcher's pattern limit
MIN_SIMILARITY = 0.6  # of the found words to the quoted words, for a fuzzy placement
MIN_CONTEXT_SIMILARITY = 0.5  # of the surrounding words, when the quote alone is not telling
MIN_CONTEXT_CHARS = 6  # of matching context needed to trust a repeated or short quote elsewhere
STRONG_CONTEXT = 0.75  # share of context matching that settles a "moved" without a fuzzy search
DISTINCTIVE = {"zh": 4, "en": 12}  # quote length that identifies itself without context
# Weights of quote and context similarity when an exact copy elsewhere competes with changed
# words in place (Hypothesis's text-quote matcher weighs them 50:40).
QUOTE_WEIGHT, CONTEXT_WEIGHT = 50, 40


@dataclass(frozen=True, slots=True)
class Placement:
    """Where an anchor's words stand in a revision; start/end are None when orphaned."""

    start: int | None
    end: int | None
    exact: str
    status: Status


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    quote: float  # similarity of the words found to the quoted words
    context: float  # similarity of the words around them to the quoted context

    def score(self, anchor: Anchor) -> tuple[float, int]:
        weight = QUOTE_WEIGHT * self.quote + CONTEXT_WEIGHT * self.context
        return round(weight, 6), -abs(self.start - anchor.start)


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
    quote = anchor.prefix + exact + anchor.suffix
    whole = _occurrences(new_text, quote)
    if whole:  # The common case, text edited elsewhere: one C-speed search settles it.
        found = min(whole, key=lambda at: abs(at - anchor.start)) + len(anchor.prefix)
        return _placed(anchor, new_text, found, found + len(exact))
    same = _same_words(anchor, new_text)
    if same is None or same.context < STRONG_CONTEXT:
        # Weak context: the words changed in place may be a better home than a copy elsewhere.
        similar = _similar_words(anchor, new_text)
        if similar is not None and (same is None or similar.score(anchor) > same.score(anchor)):
            same = similar
    if same is None:
        return Placement(None, None, exact, "orphaned")
    return _placed(anchor, new_text, same.start, same.end)


def _placed(anchor: Anchor, text: str, start: int, end: int) -> Placement:
    words = text[start:end]
    if words != anchor.exact:
        return Placement(start, end, words, "fuzzy")
    return Placement(start, end, words, "exact" if start == anchor.start else "moved")


def _same_words(anchor: Anchor, text: str) -> _Candidate | None:
    """The occurrence of the exact words whose context matches best, then the nearest."""
    exact, prefix, suffix = anchor.exact, anchor.prefix, anchor.suffix
    available = len(prefix) + len(suffix)
    needed = min(available, MIN_CONTEXT_CHARS)
    candidates = _occurrences(text, exact)
    if len(candidates) == 1 and len(exact) >= DISTINCTIVE.get(anchor.language, 12):
        needed = 0
    elif needed:
        # Only occurrences with enough context on one side can qualify; find those in C.
        side = (needed + 1) // 2
        before = prefix[len(prefix) - min(side, len(prefix)) :]
        after = suffix[: needed - side + 1]
        candidates = sorted(
            {at + len(before) for at in _occurrences(text, before + exact)}
            | set(_occurrences(text, exact + after))
        )
    best, best_score = None, None
    for at in candidates:
        context = _context_match(anchor, text, at)
        if context < needed:
            continue
        score = (context, -abs(at - anchor.start))
        if best_score is None or score > best_score:
            best, best_score = at, score
    if best is None:
        return None
    return _Candidate(
        best, best + len(exact), 1.0, _context_similarity(anchor, text, best, best + len(exact))
    )


def _occurrences(text: str, words: str) -> list[int]:
    found, at = [], text.find(words)
    while at >= 0:
        found.append(at)
        at = text.find(words, at + 1)
    return found


def _context_match(anchor: Anchor, text: str, at: int) -> int:
    """How many characters of prefix (from its end) and suffix (from its start) still match."""
    prefix, suffix = anchor.prefix, anchor.suffix
    before = _longest(len(prefix), lambda n: text.endswith(prefix[len(prefix) - n :], 0, at))
    end = at + len(anchor.exact)
    after = _longest(len(suffix), lambda n: text.startswith(suffix[:n], end))
    return before + after


def _longest(limit: int, matches: Callable[[int], bool]) -> int:
    """The largest n <= limit with matches(n), for a matches() that holds up to some n."""
    low, high = 0, limit
    while low < high:
        middle = (low + high + 1) // 2
        if matches(middle):
            low = middle
        else:
            high = middle - 1
    return low


def _context_similarity(anchor: Anchor, text: str, start: int, end: int) -> float:
    around = text[max(0, start - len(anchor.prefix)) : start] + text[end : end + len(anchor.suffix)]
    return _similarity(anchor.prefix + anchor.suffix, around)


def _similar_words(anchor: Anchor, text: str) -> _Candidate | None:
    """Slightly changed words near where they were: from the quote's own head and tail first,
    then from its context when the quote alone cannot be found."""
    exact, prefix, suffix = anchor.exact, anchor.prefix, anchor.suffix
    head, tail = exact[:MATCH_BITS], exact[-MATCH_BITS:]
    before, after = prefix[-MATCH_BITS:], suffix[:MATCH_BITS]
    rounds = [
        [(head, anchor.start, 0), (tail, anchor.end - len(tail), len(exact) - len(tail))],
        [(before, anchor.start - len(before), -len(before)), (after, anchor.end, len(exact))],
    ]
    distinctive = len(exact) >= DISTINCTIVE.get(anchor.language, 12) * 2
    tried: set[int] = set()
    for landmarks in rounds:
        best = None
        for guess in _guesses(text, landmarks):
            if guess in tried:
                continue
            tried.add(guess)
            span = _align(anchor, text, guess)
            if span is None:
                continue
            candidate = _Candidate(
                span[0],
                span[1],
                _similarity(exact, text[span[0] : span[1]]),
                _context_similarity(anchor, text, span[0], span[1]),
            )
            if candidate.quote < MIN_SIMILARITY:
                continue
            if candidate.context < MIN_CONTEXT_SIMILARITY and not distinctive:
                continue
            if best is None or candidate.score(anchor) > best.score(anchor):
                best = candidate
        if best is not None:
            return best
    return None


def _guesses(text: str, landmarks: list[tuple[str, int, int]]) -> Iterable[int]:
    """Approximate new starts of the quote from bitap matches of landmark patterns.

    Each landmark is (pattern, where it was, its offset from the quote's start).
    """
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

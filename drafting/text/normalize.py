"""One normalisation of legal text at every way in: line endings, and nothing else.

Browsers submit a textarea's line breaks as CRLF; a CR the page's script does not count shifts
every offset after it. Legal text is stored with LF only. No other character is touched: the
words a drafter typed are the words stored.
"""

from collections.abc import Iterable


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF; every other character stays as it was."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def normalize_optional(text: str | None) -> str | None:
    """normalize_newlines() that lets None through (an absent suggestion stays absent)."""
    return None if text is None else normalize_newlines(text)


def offset_after_normalizing(text: str, offset: int) -> int:
    """Where offset into text lands once text is normalised (each CR of a CRLF pair drops out)."""
    removed = 0
    for index in _dropped_positions(text):
        if index >= offset:
            break
        removed += 1
    return offset - removed


def _dropped_positions(text: str) -> Iterable[int]:
    """Indices of the characters normalize_newlines() removes: the CR of every CRLF pair."""
    start = text.find("\r\n")
    while start >= 0:
        yield start
        start = text.find("\r\n", start + 2)

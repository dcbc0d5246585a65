"""Text-quote anchors: the exact words a comment is about, with context and offsets.

Offsets are Python str indices (Unicode code points) into one revision's text in one language.
"""

from dataclasses import dataclass

CONTEXT = 32


class AnchorError(ValueError):
    """The anchor does not describe words that stand in the text."""


@dataclass(frozen=True)
class Anchor:
    language: str
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int

    @classmethod
    def at(cls, text: str, start: int, end: int, *, language: str) -> "Anchor":
        """The anchor for text[start:end], with up to CONTEXT characters of context each side."""
        if not 0 <= start < end <= len(text):
            raise AnchorError(f"offsets {start}..{end} are outside the text (0..{len(text)})")
        return cls(
            language=language,
            exact=text[start:end],
            prefix=text[max(0, start - CONTEXT) : start],
            suffix=text[end : end + CONTEXT],
            start=start,
            end=end,
        )

    @classmethod
    def locate(cls, text: str, exact: str, *, language: str, occurrence: int = 1) -> "Anchor":
        """The anchor for the n-th occurrence of exact words in text."""
        if not exact:
            raise AnchorError("the quoted words are empty")
        start = -1
        for _ in range(occurrence):
            start = text.find(exact, start + 1)
            if start < 0:
                raise AnchorError(f"the words {exact!r} are not in the text")
        return cls.at(text, start, start + len(exact), language=language)

    def check(self, text: str) -> None:
        """Raise AnchorError unless the exact words stand at the offsets in text."""
        if not 0 <= self.start < self.end <= len(text):
            raise AnchorError(f"offsets {self.start}..{self.end} are outside the text")
        if text[self.start : self.end] != self.exact:
            raise AnchorError("the quoted words are not at those offsets in this revision")
        if self.prefix and not text[: self.start].endswith(self.prefix):
            raise AnchorError("the words before the quote do not match this revision")
        if self.suffix and not text[self.end :].startswith(self.suffix):
            raise AnchorError("the words after the quote do not match this revision")

"""Law navigation: article references typed by a reader, and the parts (编/章/节) of a law."""

import re
import unicodedata
from dataclasses import dataclass, field

from proposals.numerals import ARTICLE_LABEL_RE, parse_article_label
from proposals.statutes import HEADING_SEPARATOR

_DOTTED = re.compile(r"^\s*(?:art(?:icle)?\.?\s*)?(\d+)\s*(?:(?:-|之)\s*(\d+))?\s*$", re.I)


def parse_article_ref(text: str) -> tuple[int, int] | None:
    """364, 287-1, 287之1, 第三百六十四条, 第三百六十四条之一 -> (number, sub); None if not a reference."""
    text = unicodedata.normalize("NFKC", text or "").strip()
    match = _DOTTED.match(text)
    if match:
        return int(match.group(1)), int(match.group(2) or 0)
    if not text.startswith("第"):
        text = f"第{text}"
    if not text.endswith("条") and "条之" not in text:
        text = f"{text}条"
    match = ARTICLE_LABEL_RE.match(text)
    if match is None or match.end() != len(text):
        return None
    return parse_article_label(text)


@dataclass
class Part:
    """A 编, 章 or 节 of a law with the parts inside it."""

    title: str
    path: str
    level: int
    chapter: int = 0
    first: str = ""
    children: list["Part"] = field(default_factory=list)


def split_heading(heading: str) -> list[str]:
    return [h.strip() for h in heading.split(HEADING_SEPARATOR.strip()) if h.strip()]


def chapter_key(heading: str) -> str:
    """The part loaded as one page: the heading's first two levels (编 / 章), or its only one."""
    return HEADING_SEPARATOR.join(split_heading(heading)[:2])


def table_of_contents(articles: list[tuple[str, str]]) -> tuple[list[Part], list[str]]:
    """The tree of parts and the ordered chapter keys, from (heading, dotted) of the articles."""
    roots: list[Part] = []
    chapters: list[str] = []
    index: dict[str, Part] = {}
    for heading, dotted in articles:
        key = chapter_key(heading)
        if key and key not in chapters:
            chapters.append(key)
        names = split_heading(heading)
        siblings = roots
        for level, name in enumerate(names):
            path = HEADING_SEPARATOR.join(names[: level + 1])
            part = index.get(path)
            if part is None:
                number = chapters.index(key) + 1 if key else 0
                part = Part(name, path, level, chapter=number, first=dotted)
                index[path] = part
                siblings.append(part)
            siblings = part.children
    return roots, chapters

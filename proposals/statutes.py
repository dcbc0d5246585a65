"""Read a PRC statute in the reference Markdown form and write its articles and paragraphs.

The form (see /work/shared/reference/statutes/): a header ending with `<!-- INFO END -->`, `#`
headings for 编/章/节, one line per paragraph separated by blank lines, each article opening with
its label and an ASCII space (`第二百八十六条之一 网络服务提供者…`), later unlabelled lines being
further 款 of it, and lines opening with `（一）` being items (项) of the 款 before them.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.db.models import Q

from proposals.edition import quietly
from proposals.models import (
    Annex,
    Article,
    ArticleChange,
    CrossReference,
    Instrument,
    Paragraph,
)
from proposals.numerals import article_label_zh, from_chinese, parse_article_label, to_chinese
from proposals.signals import announce
from proposals.xmltext import first_illegal

INFO_END = "<!-- INFO END -->"
HEADING_SEPARATOR = " / "

HEADING_RE = re.compile(r"^(#{1,6})\s+(.+?)\s*#*$")
# Looser than numerals.ARTICLE_LABEL_RE so that a garbled numeral is reported, not read as a 款.
LABEL_RE = re.compile(r"^(第[^\s第条]{1,12}条(?:之[^\s]{1,6})?)[ \u3000]+(.*)$")
BARE_LABEL_RE = re.compile(r"^第[^\s第条]{1,12}条(?:之[^\s]{1,6})?$")
ITEM_RE = re.compile(r"^（[一二三四五六七八九十]+）")
FOOTNOTE_RE = re.compile(r"^[①-⑳]")
ANNEX_RE = re.compile(r"^附\s*[件录]")
AMENDMENT_ITEM_RE = re.compile(r"^[一二三四五六七八九十百]+、")
CHAPTER_RE = re.compile(r"^第([零一二三四五六七八九十百千]+)([编章节])\s*")
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
SENTENCE_PUNCTUATION = re.compile(r"[。；：，、？！“”]")
MAX_INFERRED_HEADING = 20


class StatuteFormatError(ValueError):
    """The file is not in the statute form; names the file and the line."""

    def __init__(self, source: str, line: int, message: str) -> None:
        super().__init__(f"{source}:{line}: {message}")
        self.source = source
        self.line = line
        self.message = message


@dataclass
class ParsedArticle:
    number: int
    sub: int
    heading: tuple[str, ...]
    line: int
    paragraphs: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def heading_zh(self) -> str:
        return HEADING_SEPARATOR.join(self.heading)

    @property
    def key(self) -> tuple[int, int]:
        return (self.number, self.sub)


@dataclass
class ParsedStatute:
    source: str
    title: str
    info: list[str]
    preamble: list[str] = field(default_factory=list)
    articles: list[ParsedArticle] = field(default_factory=list)
    annexes: dict[str, list[str]] = field(default_factory=dict)

    @property
    def paragraph_count(self) -> int:
        return sum(len(article.paragraphs) for article in self.articles)


def clean_line(line: str) -> str:
    """Drop invisible characters and surrounding (also full-width) spaces."""
    return line.translate({ord(ch): None for ch in INVISIBLE}).strip(" \t\u3000\r\n")


def split_header(text: str, source: str) -> tuple[str, list[str], int]:
    """Title, info lines, and the index of the first body line."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if line.strip() == INFO_END:
            header = [clean_line(raw) for raw in lines[:index] if clean_line(raw)]
            title = header[0].lstrip("#").strip() if header and header[0].startswith("#") else ""
            return title, header[1:] if title else header, index + 1
    last_line = max(len(lines) - (lines[-1] == ""), 1)
    raise StatuteFormatError(source, last_line, f"no {INFO_END!r} line ends the header")


def parse_label(label: str, source: str, line: int) -> tuple[int, int]:
    """第二百八十七条之一 -> (287, 1), or a StatuteFormatError at the line."""
    try:
        parsed = parse_article_label(label)
    except ValueError as error:
        raise StatuteFormatError(source, line, f"unreadable article number {label!r}") from error
    if parsed is None or article_label_zh(*parsed) != label:
        raise StatuteFormatError(source, line, f"unreadable article number {label!r}")
    return parsed


def looks_like_lost_heading(text: str) -> bool:
    """A short line without sentence punctuation, as a division title is."""
    return len(text) <= MAX_INFERRED_HEADING and not SENTENCE_PUNCTUATION.search(text)


def inferred_heading(title: str, previous: str | None) -> str:
    """Number a bare division title after the previous one at its level (第一章 -> 第二章)."""
    match = CHAPTER_RE.match(previous or "")
    if not match:
        return title
    return f"第{to_chinese(from_chinese(match.group(1)) + 1)}{match.group(2)} {title}"


class _Parser:
    """State of one pass over the body lines of a statute."""

    def __init__(self, statute: ParsedStatute) -> None:
        self.statute = statute
        self.source = statute.source
        self.headings: dict[int, str] = {}
        self.last_level = 2
        self.article: ParsedArticle | None = None
        self.annex: list[str] | None = None
        self.after_separator = False

    def heading(self, level: int, title: str) -> None:
        title = re.sub(r"\s+", " ", title)
        if ANNEX_RE.match(title):
            self.annex = self.statute.annexes.setdefault(title, [])
            self.article = None
            return
        self.annex = None
        self.article = None  # text under a new heading must open with an article label
        self.headings = {lvl: text for lvl, text in self.headings.items() if lvl < level}
        self.headings[level] = title
        self.last_level = level

    def path(self) -> tuple[str, ...]:
        return tuple(self.headings[level] for level in sorted(self.headings))

    def start_article(self, label: str, rest: str, lineno: int) -> None:
        number, sub = parse_label(label, self.source, lineno)
        previous = self.statute.articles[-1] if self.statute.articles else None
        if previous and (number, sub) == previous.key:
            raise StatuteFormatError(
                self.source, lineno, f"{label} repeats the article at line {previous.line}"
            )
        if previous and (number, sub) < previous.key:
            raise StatuteFormatError(
                self.source, lineno, f"{label} comes after a later article (line {previous.line})"
            )
        if not rest:
            raise StatuteFormatError(self.source, lineno, f"{label} has no text")
        self.article = ParsedArticle(number, sub, self.path(), lineno, [rest])
        self.statute.articles.append(self.article)

    def text(self, text: str, lineno: int) -> None:
        if self.article is None:
            amendment = AMENDMENT_ITEM_RE.match(text) and not self.statute.articles
            if not (self.headings or self.statute.articles or amendment) and text.endswith("："):
                self.statute.preamble.append(text)
                return
            hint = " (an amending instrument's items are not articles)" if amendment else ""
            raise StatuteFormatError(
                self.source, lineno, f"paragraph before any article: {text[:20]!r}{hint}"
            )
        if FOOTNOTE_RE.match(text):
            self.article.notes.append(text)
        elif ITEM_RE.match(text):
            self.article.paragraphs[-1] += "\n" + text
        else:
            self.article.paragraphs.append(text)

    def line(self, raw: str, lineno: int) -> None:
        text = clean_line(raw)
        if not text:
            # A line of nothing but invisible characters stands where a title was lost.
            self.after_separator = self.after_separator or bool(raw.strip(" \t\u3000\r\n"))
            return
        after_separator, self.after_separator = self.after_separator, False
        heading = HEADING_RE.match(text)
        if heading:
            self.heading(len(heading.group(1)), heading.group(2))
        elif self.annex is not None:
            self.annex.append(text)
        elif label := LABEL_RE.match(text):
            self.start_article(label.group(1), label.group(2).strip(), lineno)
        elif BARE_LABEL_RE.match(text):
            raise StatuteFormatError(self.source, lineno, f"{text} has no text")
        elif after_separator and self.headings and looks_like_lost_heading(text):
            previous = self.headings.get(self.last_level)
            self.heading(self.last_level, inferred_heading(text, previous))
        else:
            self.text(text, lineno)


def parse_statute(text: str, source: str = "<statute>") -> ParsedStatute:
    """Parse statute Markdown into plain dataclasses; raises StatuteFormatError naming the line."""
    # Line endings as drafting.text.normalize has them (proposals may not import drafting).
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    found = first_illegal(text)
    if found is not None:
        position, char = found
        line = text.count("\n", 0, position - 1) + 1
        raise StatuteFormatError(source, line, f"control character U+{ord(char):04X}")
    title, info, start = split_header(text, source)
    statute = ParsedStatute(source=source, title=title, info=info)
    parser = _Parser(statute)
    for index, raw in enumerate(text.split("\n")[start:], start=start + 1):
        parser.line(raw, index)
    if not statute.articles:
        raise StatuteFormatError(source, start, "no articles after the header")
    return statute


def parse_statute_file(path: Path) -> ParsedStatute:
    """Read and parse one statute file (UTF-8)."""
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise StatuteFormatError(str(path), line, "not UTF-8 text") from error
    return parse_statute(text, source=str(path))


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    paragraphs: int = 0
    paragraphs_written: int = 0
    paragraphs_deleted: int = 0
    missing: int = 0
    pruned: int = 0
    kept: list[str] = field(default_factory=list)

    def summary(self, code: str) -> str:
        """One line for the command's output."""
        line = (
            f"{code}: {self.created} articles created, {self.updated} updated, "
            f"{self.unchanged} unchanged; {self.paragraphs} paragraphs "
            f"({self.paragraphs_written} written, {self.paragraphs_deleted} deleted)"
        )
        if self.missing and not (self.pruned or self.kept):
            line += f"; {self.missing} articles not in the file kept (use --prune)"
        if self.pruned or self.kept:
            line += f"; {self.pruned} articles pruned"
        if self.kept:
            line += f", {len(self.kept)} kept with dependents: {', '.join(self.kept)}"
        return line


def _dependent_filter() -> Q:
    """Articles something other than their own text (paragraphs, references, history) points at."""
    condition = Q()
    derived = (Paragraph, CrossReference, ArticleChange)
    for relation in Article._meta.related_objects:
        if relation.related_model not in derived:
            condition |= Q(**{f"{relation.name}__isnull": False})
    return condition


def _write_paragraphs(
    parsed: list[ParsedArticle], ids: dict[tuple[int, int], int], result: ImportResult
) -> None:
    """Bring the paragraphs of the given articles to the parsed text, keeping unchanged ones."""
    existing: dict[tuple[int, int], Paragraph] = {
        (p.article_id, p.number): p
        for p in Paragraph.objects.filter(article_id__in=[ids[a.key] for a in parsed])
    }
    wanted: set[tuple[int, int]] = set()
    to_create: list[Paragraph] = []
    to_update: list[Paragraph] = []
    for article in parsed:
        article_id = ids[article.key]
        for number, text in enumerate(article.paragraphs, start=1):
            wanted.add((article_id, number))
            current = existing.get((article_id, number))
            if current is None:
                to_create.append(Paragraph(article_id=article_id, number=number, text_zh=text))
            elif current.text_zh != text:
                # The Chinese changed, so the old working translation no longer matches it.
                current.text_zh, current.text_en = text, ""
                to_update.append(current)
    stale = [p.pk for key, p in existing.items() if key not in wanted]
    Paragraph.objects.filter(pk__in=stale).delete()
    Paragraph.objects.bulk_update(to_update, ["text_zh", "text_en"], batch_size=500)
    Paragraph.objects.bulk_create(to_create, batch_size=500)
    result.paragraphs_written += len(to_create) + len(to_update)
    result.paragraphs_deleted += len(stale)


def _prune(instrument: Instrument, keys: set[tuple[int, int]], result: ImportResult) -> None:
    """Delete articles missing from the file unless something depends on them."""
    missing = [
        a for a in instrument.articles.only("pk", "number", "sub") if (a.number, a.sub) not in keys
    ]
    ids = [a.pk for a in missing]
    held = set(
        Article.objects.filter(pk__in=ids).filter(_dependent_filter()).values_list("pk", flat=True)
    )
    result.kept = [a.dotted for a in missing if a.pk in held]
    result.pruned = len(ids) - len(held)
    Article.objects.filter(pk__in=[pk for pk in ids if pk not in held]).delete()


@transaction.atomic
@quietly()  # one move of the reference edition for the whole import
def statute_import(
    *, instrument: Instrument, statute: ParsedStatute, prune: bool = False
) -> ImportResult:
    """Upsert the statute's articles and paragraphs into the instrument, in bulk."""
    result = ImportResult(paragraphs=statute.paragraph_count)
    articles = {(a.number, a.sub): a for a in instrument.articles.prefetch_related("paragraphs")}
    new: list[Article] = []
    moved: list[Article] = []
    rewritten: list[ParsedArticle] = []
    for parsed in statute.articles:
        current = articles.get(parsed.key)
        if current is None:
            new.append(
                Article(
                    instrument=instrument,
                    number=parsed.number,
                    sub=parsed.sub,
                    heading_zh=parsed.heading_zh,
                )
            )
            rewritten.append(parsed)
            result.created += 1
            continue
        texts = [p.text_zh for p in current.paragraphs.all()]
        if current.heading_zh == parsed.heading_zh and texts == parsed.paragraphs:
            result.unchanged += 1
            continue
        if current.heading_zh != parsed.heading_zh:
            current.heading_zh = parsed.heading_zh
            moved.append(current)
        if texts != parsed.paragraphs:
            rewritten.append(parsed)
        result.updated += 1
    Article.objects.bulk_create(new, batch_size=500)
    Article.objects.bulk_update(moved, ["heading_zh"], batch_size=500)
    ids = {
        (number, sub): pk
        for pk, number, sub in instrument.articles.values_list("pk", "number", "sub")
    }
    _write_paragraphs(rewritten, ids, result)
    announce(Article, [ids[a.key] for a in rewritten] + [a.pk for a in moved])
    keys = {a.key for a in statute.articles}
    result.missing = len(set(ids) - keys)
    if prune and result.missing:
        _prune(instrument, keys, result)
    _write_front_and_back(instrument, statute)
    return result


def _write_front_and_back(instrument: Instrument, statute: ParsedStatute) -> None:
    """The official history note under the title, and the annexes (附件一 …) the articles cite."""
    history = "\n".join(statute.info)
    if instrument.history_zh != history:
        instrument.history_zh = history
        instrument.save(update_fields=["history_zh"])
    for position, (label, lines) in enumerate(statute.annexes.items(), start=1):
        Annex.objects.update_or_create(
            instrument=instrument,
            label=label,
            defaults={"position": position, "text_zh": "\n".join(lines)},
        )
    instrument.annexes.exclude(label__in=list(statute.annexes)).delete()

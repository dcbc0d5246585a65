"""Read a 刑法修正案 as the NPC prints it back into items: the inverse of documents.amendment.

Pure functions. Every paragraph is one non-blank line (Markdown, pasted text or DOCX paragraphs).
An item the parser does not understand stops it with the item number and line; slips of the
official text (a quotation never closed, a full stop outside the closing mark) are reported as
slips and can be put back, so that rebuilding reproduces the text character for character.
"""

import datetime
import re
from dataclasses import dataclass, field, replace

from drafting.documents.amendment import (
    AMENDMENT_IX_STYLE,
    NPC_STYLE,
    PARAGRAPH_SEPARATOR,
    ItemSpec,
    Operation,
    ZhStyle,
    amendment_item_zh,
    check_item,
    commencement_zh,
)
from proposals.numerals import from_chinese, list_number_zh, parse_article_label

INFO_END = "<!-- INFO END -->"
NUM = "[零一二三四五六七八九十百千]+"
ARTICLE = rf"第{NUM}条(?:之{NUM})?"
PARAS = rf"第{NUM}款(?:、第{NUM}款)*"
COLON = "[:：]"
ITEM_RE = re.compile(rf"^({NUM})、")
COMMENCEMENT_RE = re.compile(r"^本修正案自(?:(\d{4})年(\d{1,2})月(\d{1,2})日|公布之日)起施行。$")
REPEAL_RE = re.compile(rf"^删去刑法({ARTICLE})({PARAS})?。$")
REPLACE_RE = re.compile(rf"^将刑法({ARTICLE})({PARAS})?修改为({COLON})$")
INSERT_PARAGRAPH_RE = re.compile(
    rf"^在刑法({ARTICLE})中增加({NUM})款作为({PARAS})(，将该条修改为)?({COLON})$"
)
INSERT_ARTICLES_RE = re.compile(
    rf"^在刑法({ARTICLE})后增加({NUM})条(，?)作为((?:{ARTICLE}、?)+)({COLON})$"
)
CONTINUATION_RE = re.compile(rf"^增加({NUM})款作为({PARAS})({COLON})$")
NOTE_RE = re.compile(rf"^原{PARAS}作为{PARAS}。$")
OPEN, CLOSE = "“", "”"

UNCLOSED = "unclosed quotation"
STOP_OUTSIDE = "full stop outside the quotation"


class AmendmentTextError(ValueError):
    """The text is not a 修正案 the parser understands; names the item and the line."""

    def __init__(self, item: int, line: int, message: str) -> None:
        where = f"item {item}, line {line}" if item else f"line {line}"
        super().__init__(f"{where}: {message}")
        self.item = item
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Slip:
    """A slip of the official text, kept so that the text can be rebuilt as it was printed."""

    item: int
    kind: str

    def __str__(self) -> str:
        return f"item {self.item}: {self.kind}"


@dataclass
class ParsedItem:
    number: int
    line: int
    spec: ItemSpec
    style: ZhStyle = NPC_STYLE
    slips: list[Slip] = field(default_factory=list)

    def rebuilt(self) -> str:
        """The item as the builder writes it, the official slips put back."""
        text = amendment_item_zh(self.spec, self.number, self.style)
        for slip in self.slips:
            text = _reapply(slip.kind, text)
        return text


@dataclass
class ParsedAmendment:
    title: str
    items: list[ParsedItem]
    commencement: datetime.date | None = None
    commencement_item: int = 0  # 0 when the text has no commencement item

    @property
    def slips(self) -> list[Slip]:
        return [slip for item in self.items for slip in item.slips]

    def rebuilt(self) -> str:
        """Title and items separated by blank lines, as documents.amendment writes them."""
        texts = [self.title, *(item.rebuilt() for item in self.items)]
        if self.commencement_item:
            texts.append(
                list_number_zh(self.commencement_item) + commencement_zh(self.commencement)
            )
        return PARAGRAPH_SEPARATOR.join(texts)


def _reapply(kind: str, text: str) -> str:
    if kind == UNCLOSED:
        return text.removesuffix(CLOSE)
    return text.removesuffix("。" + CLOSE) + CLOSE + "。"


def body_lines(text: str) -> list[tuple[int, str]]:
    """(line number, text) of every non-blank line after a Markdown header, if there is one."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    start = next((i + 1 for i, line in enumerate(lines) if line.strip() == INFO_END), 0)
    title = [(1, lines[0])] if start and lines[0].startswith("#") else []
    body = [(n, line) for n, line in enumerate(lines[start:], start=start + 1)]
    return [(n, line.strip(" \t\u3000")) for n, line in title + body if line.strip(" \t\u3000")]


def _article(label: str) -> tuple[int, int]:
    parsed = parse_article_label(label)
    assert parsed is not None  # the regular expressions only pass labels
    return parsed


def _paragraphs(labels: str | None) -> tuple[int, ...]:
    return tuple(from_chinese(n) for n in re.findall(rf"第({NUM})款", labels or ""))


def _quotation(paragraphs: list[str], item: int) -> tuple[str, list[Slip]]:
    """The quoted text, one paragraph per line, and the slips of its quotation marks."""
    if not paragraphs:
        return "", []
    lines = [p.removeprefix(OPEN) for p in paragraphs]
    last = lines[-1]
    if last.endswith(CLOSE):
        lines[-1] = last.removesuffix(CLOSE)
        return "\n".join(lines), []
    if last.endswith(CLOSE + "。"):
        lines[-1] = last.removesuffix(CLOSE + "。") + "。"
        return "\n".join(lines), [Slip(item, STOP_OUTSIDE)]
    return "\n".join(lines), [Slip(item, UNCLOSED)]


def _style(colon: str, comma: str = "，") -> ZhStyle:
    base = AMENDMENT_IX_STYLE if colon == ":" else NPC_STYLE
    return replace(base, insert_articles_comma=comma) if comma != "，" else base


def _clause(lead: str, text: str) -> tuple[ItemSpec, ZhStyle] | None:
    """One lead-in (将刑法…修改为：, 删去…) with its quoted text; None when not understood."""
    if m := REPEAL_RE.match(lead):
        kind = Operation.REPEAL_PARAGRAPHS if m[2] else Operation.REPEAL_ARTICLE
        return ItemSpec(kind, *_article(m[1]), _paragraphs(m[2])), NPC_STYLE
    if m := REPLACE_RE.match(lead):
        kind = Operation.REPLACE_PARAGRAPHS if m[2] else Operation.REPLACE_ARTICLE
        return ItemSpec(kind, *_article(m[1]), _paragraphs(m[2]), text_zh=text), _style(m[3])
    if m := INSERT_PARAGRAPH_RE.match(lead):
        added = _paragraphs(m[3])
        if from_chinese(m[2]) != len(added):
            return None
        spec = ItemSpec(
            Operation.INSERT_PARAGRAPH,
            *_article(m[1]),
            added,
            restate_article=bool(m[4]),
            text_zh=text,
        )
        return spec, _style(m[5])
    if m := INSERT_ARTICLES_RE.match(lead):
        number, sub = _article(m[1])
        count = from_chinese(m[2])
        spec = ItemSpec(Operation.INSERT_ARTICLES, number, sub, insert_count=count, text_zh=text)
        labels = re.findall(ARTICLE, m[4])
        if [_article(label) for label in labels] != [(number, s) for s in spec.new_article_subs]:
            return None
        return spec, _style(m[5], m[3])
    return None


def _split_clauses(paragraphs: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """A new clause starts at every paragraph that does not continue a quotation."""
    clauses: list[list[tuple[int, str]]] = []
    for line, paragraph in paragraphs:
        if paragraph.startswith(OPEN) and clauses:
            clauses[-1].append((line, paragraph))
        else:
            clauses.append([(line, paragraph)])
    return clauses


def _parse_clause(clause: list[tuple[int, str]], item: int, main: ItemSpec | None):
    """(spec, style, slips) of one clause; a continuation (增加一款作为…) needs the main clause."""
    line, lead = clause[0]
    rest = [p for _, p in clause[1:]]
    if OPEN in lead:
        lead, first = lead.split(OPEN, 1)
        rest = [first, *rest]
    text, slips = _quotation(rest, item)
    parsed = _clause(lead, text)
    if parsed is None and main is not None and (m := CONTINUATION_RE.match(lead)):
        added = _paragraphs(m[2])
        if from_chinese(m[1]) == len(added):
            spec = replace(main, operation=Operation.INSERT_PARAGRAPH, paragraphs=added, then=())
            parsed = replace(spec, text_zh=text, restate_article=False), _style(m[3])
    if parsed is None:
        raise AmendmentTextError(item, line, f"not an amendment instruction: {lead[:40]!r}")
    return (*parsed, slips)


def parse_item(number: int, paragraphs: list[tuple[int, str]]) -> ParsedItem:
    """One item (its number already removed from the first paragraph)."""
    clauses = _split_clauses(paragraphs)
    main, style, slips = _parse_clause(clauses[0], number, None)
    then, notes = [], []
    for clause in clauses[1:]:
        if len(clause) == 1 and NOTE_RE.match(clause[0][1]):
            notes.append(clause[0][1])
            continue
        spec, _, more = _parse_clause(clause, number, main)
        then.append(spec)
        slips += more
    spec = replace(main, then=tuple(then), note_zh="\n".join(notes))
    try:
        check_item(spec)
    except ValueError as error:
        raise AmendmentTextError(number, paragraphs[0][0], str(error)) from None
    return ParsedItem(number, paragraphs[0][0], spec, style, slips)


def _group_items(lines: list[tuple[int, str]]) -> tuple[list[str], list[list[tuple[int, str]]]]:
    """The title lines and the paragraphs of each numbered item, numbers checked in sequence."""
    title: list[str] = []
    items: list[list[tuple[int, str]]] = []
    for line, text in lines:
        m = ITEM_RE.match(text)
        if m and not text.startswith(OPEN):
            expected = len(items) + 1
            if from_chinese(m[1]) != expected:
                raise AmendmentTextError(expected, line, f"item {m[1]} where {expected} was due")
            items.append([(line, text[m.end() :])])
        elif items:
            items[-1].append((line, text))
        else:
            title.append(text.lstrip("#").strip())
    if not items:
        last = lines[-1][0] if lines else 1
        raise AmendmentTextError(0, last, "no numbered items (一、二、…)")
    return title, items


def parse_amendment(text: str) -> ParsedAmendment:
    """Parse a whole 修正案; raises AmendmentTextError at the first problem."""
    title, groups = _group_items(body_lines(text))
    parsed = ParsedAmendment(title=title[0] if title else "", items=[])
    for number, paragraphs in enumerate(groups, start=1):
        first_line, first = paragraphs[0]
        if m := COMMENCEMENT_RE.match(first):
            if number != len(groups) or len(paragraphs) > 1:
                raise AmendmentTextError(number, first_line, "the commencement item comes last")
            if m[1]:
                parsed.commencement = _date(m, number, first_line)
            parsed.commencement_item = number
            continue
        parsed.items.append(parse_item(number, paragraphs))
    return parsed


def _date(m: re.Match, item: int, line: int) -> datetime.date:
    try:
        return datetime.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise AmendmentTextError(item, line, "no such date") from None


ADOPTED_RE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日")


def adoption_date(text: str) -> datetime.date | None:
    """The date of the first header line (2015年8月29日 第十二届…通过), if the text has a header."""
    header, found, _ = text.partition(INFO_END)
    if not found:
        return None
    for line in header.splitlines():
        if m := ADOPTED_RE.match(line.strip()):
            return datetime.date(int(m[1]), int(m[2]), int(m[3]))
    return None


def inserted_texts(spec: ItemSpec) -> list[str]:
    """The text of each article an insert_articles clause adds, in order (labels stripped)."""
    lines = [line for line in spec.text_zh.splitlines() if line.strip()]
    if spec.insert_count == 1:
        return ["\n".join(lines)]
    texts: list[list[str]] = []
    for line in lines:
        if parse_article_label(line) and (not texts or " " in line[:16] or "\u3000" in line[:16]):
            label, _, rest = line.replace("\u3000", " ").partition(" ")
            texts.append([rest])
        else:
            texts[-1].append(line)
    return ["\n".join(text) for text in texts]

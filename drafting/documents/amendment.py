"""The items of a 刑法修正案 written exactly as the NPC writes them, plus an English working rendering.

Pure functions over plain data: nothing here touches the database, so the golden tests can rebuild
the official amendments character for character.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from drafting.operations import (
    CONTINUATION_OPERATIONS,
    PARAGRAPH_OPERATIONS,
    TEXTLESS_OPERATIONS,
    Operation,
    Problem,
    shape_problems,
)
from proposals.numerals import article_label_zh, list_number_zh, paragraph_label_zh, to_chinese

LAW_ZH = "刑法"
LAW_EN = "the Criminal Law"
OPEN_QUOTE = "“"
CLOSE_QUOTE = "”"
PARAGRAPH_SEPARATOR = "\n\n"
MISSING_EN = "[English text not yet written]"
ARTICLE_LABEL_SPACES = (" ", "\u3000")
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
COUNT_WORDS_EN = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


@dataclass(frozen=True)
class ZhStyle:
    """Punctuation on which the amendments differ; the defaults are the NPC's current (XII) style."""

    colon: str = "："  # Amendment IX writes an ASCII ':' before every quotation
    insert_articles_comma: str = "，"  # 后增加一条，作为…; IX item 23 alone omits the comma


NPC_STYLE = ZhStyle()
AMENDMENT_IX_STYLE = ZhStyle(colon=":")


@dataclass(frozen=True)
class ItemSpec:
    """One amendment item: an operation on an article, with the new text one paragraph per line.

    For inserting several articles, each article's first line starts with its label and a space
    ("第一百二十条之二 有下列情形之一的…"), as the NPC quotes them.
    """

    operation: str
    article_number: int
    article_sub: int = 0
    paragraphs: tuple[int, ...] = ()
    insert_count: int = 1
    restate_article: bool = False
    text_zh: str = ""
    text_en: str = ""
    note_zh: str = ""  # a trailing sentence of its own, e.g. 原第二款作为第三款。
    note_en: str = ""
    then: tuple["ItemSpec", ...] = ()  # follow-on clauses on the same article (IX item 31)

    @classmethod
    def from_provision(cls, provision, revision=None) -> "ItemSpec":
        """Build from a Provision and a Revision (its current one unless given)."""
        revision = revision if revision is not None else provision.current_revision
        article = provision.target_article
        return cls(
            operation=str(provision.operation),
            article_number=article.number,
            article_sub=article.sub,
            paragraphs=tuple(int(p) for p in provision.paragraphs or ()),
            insert_count=provision.insert_count,
            restate_article=provision.restate_article,
            text_zh=revision.text_zh if revision else "",
            text_en=revision.text_en if revision else "",
        )

    @property
    def new_article_subs(self) -> tuple[int, ...]:
        """The 之N numbers of inserted articles: after 第一百二十条之一, five give 2..6."""
        return tuple(self.article_sub + i for i in range(1, self.insert_count + 1))


# The rules of shape (drafting/operations.py) in the words of an exception.
SHAPE_ERRORS = {
    Problem.UNKNOWN_OPERATION: "unknown operation {op!r}",
    Problem.PARAGRAPHS_UNWANTED: "{op} takes no paragraph numbers",
    Problem.PARAGRAPHS_NOT_NUMBERS: "paragraph numbers must be given, from 1, ascending, each once",
    Problem.PARAGRAPHS_MISSING: "paragraph numbers must be given, from 1, ascending, each once",
    Problem.PARAGRAPHS_REPEATED: "paragraph numbers must be given, from 1, ascending, each once",
    Problem.COUNT_TOO_SMALL: "insert_count is for inserting articles and is at least 1",
    Problem.COUNT_UNWANTED: "insert_count is for inserting articles and is at least 1",
    Problem.RESTATE_UNWANTED: "restate_article is only for inserting a paragraph",
    Problem.TEXT_MISSING: "{op} needs the Chinese text",
}
# The order in which an item's problems are reported (the first one is raised).
SHAPE_ORDER = tuple(SHAPE_ERRORS)
PARAGRAPH_PROBLEMS = SHAPE_ORDER[1:5]


def check_item(item: ItemSpec, *, continued: bool = False) -> None:
    """Raise ValueError when the item cannot be written as an amendment item."""
    problems = shape_problems(
        operation=item.operation,
        paragraphs=item.paragraphs,
        insert_count=item.insert_count,
        restate_article=item.restate_article,
        has_text=bool(_lines(item.text_zh)),
    )
    # A repeal's text is never printed, so a stray one does not stop the document.
    reported = [SHAPE_ERRORS[p].format(op=item.operation) for p in SHAPE_ORDER if p in problems]
    if Problem.UNKNOWN_OPERATION in problems:
        raise ValueError(reported[0])
    if item.article_number < 1 or item.article_sub < 0:
        raise ValueError("an article number starts at 1 and its 之N suffix at 0")
    if problems and problems[0] in PARAGRAPH_PROBLEMS:
        raise ValueError(reported[0])
    _check_paragraph_order(item)
    if reported:
        raise ValueError(reported[0])
    _check_clauses(item, continued)


def _check_paragraph_order(item: ItemSpec) -> None:
    """The amendment names paragraphs in order, and inserted ones follow each other."""
    paragraphs = item.paragraphs
    if item.operation not in PARAGRAPH_OPERATIONS or not paragraphs:
        return
    if list(paragraphs) != sorted(paragraphs):
        raise ValueError("paragraph numbers must be given, from 1, ascending, each once")
    if (
        item.operation == Operation.INSERT_PARAGRAPH
        and paragraphs[-1] - paragraphs[0] != len(paragraphs) - 1
    ):
        raise ValueError("inserted paragraphs are numbered consecutively")


def _check_clauses(item: ItemSpec, continued: bool) -> None:
    """Follow-on clauses only add paragraphs to the same article, one level deep."""
    if continued and (item.operation not in CONTINUATION_OPERATIONS or item.restate_article):
        raise ValueError("a follow-on clause can only add paragraphs (增加…款作为…)")
    for clause in item.then:
        if continued:
            raise ValueError("follow-on clauses do not nest")
        if (clause.article_number, clause.article_sub) != (item.article_number, item.article_sub):
            raise ValueError("a follow-on clause amends the same article")
        check_item(clause, continued=True)


def _lines(text: str) -> list[str]:
    """The paragraphs (and items 项, each on its own line) of a text; blank lines ignored."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def _quoted(lines: Sequence[str]) -> list[str]:
    """Every paragraph opens a quotation mark; only the last one closes it."""
    out = [OPEN_QUOTE + line for line in lines]
    out[-1] += CLOSE_QUOTE
    return out


# Chinese


def _paragraphs_zh(numbers: Sequence[int]) -> str:
    return "、".join(paragraph_label_zh(n) for n in numbers)


def _lead_zh(item: ItemSpec, style: ZhStyle, continued: bool) -> str:
    """The words before the quotation: 将刑法第三百九十条修改为：, 删去刑法第一百九十九条。 …"""
    article = LAW_ZH + article_label_zh(item.article_number, item.article_sub)
    paragraphs = _paragraphs_zh(item.paragraphs)
    colon = style.colon
    match Operation(item.operation):
        case Operation.REPLACE_ARTICLE:
            return f"将{article}修改为{colon}"
        case Operation.REPLACE_PARAGRAPHS:
            return f"将{article}{paragraphs}修改为{colon}"
        case Operation.INSERT_PARAGRAPH:
            where = "" if continued else f"在{article}中"
            restate = "，将该条修改为" if item.restate_article else ""
            count = to_chinese(len(item.paragraphs))
            return f"{where}增加{count}款作为{paragraphs}{restate}{colon}"
        case Operation.INSERT_ARTICLES:
            labels = "、".join(
                article_label_zh(item.article_number, sub) for sub in item.new_article_subs
            )
            count = to_chinese(item.insert_count)
            return f"在{article}后增加{count}条{style.insert_articles_comma}作为{labels}{colon}"
        case Operation.REPEAL_ARTICLE:
            return f"删去{article}。"
        case Operation.REPEAL_PARAGRAPHS:
            return f"删去{article}{paragraphs}。"


def _check_article_labels(item: ItemSpec, lines: Sequence[str]) -> None:
    """Several inserted articles are quoted with their labels; make sure the text carries them."""
    previous = -1
    for sub in item.new_article_subs:
        label = article_label_zh(item.article_number, sub)
        starts = [
            i
            for i, line in enumerate(lines)
            if i > previous
            and any(line.startswith(label + space) for space in ARTICLE_LABEL_SPACES)
        ]
        if not starts or (previous == -1 and starts[0] != 0):
            raise ValueError(f"the text of the inserted articles must start {label} with a space")
        previous = starts[0]


def _clause_zh(item: ItemSpec, style: ZhStyle, continued: bool = False) -> list[str]:
    lead = _lead_zh(item, style, continued)
    if item.operation in TEXTLESS_OPERATIONS:
        return [lead]
    lines = _lines(item.text_zh)
    if item.operation == Operation.INSERT_ARTICLES and item.insert_count > 1:
        _check_article_labels(item, lines)
        return [lead, *_quoted(lines)]
    first, *rest = _quoted(lines)
    return [lead + first, *rest]


def amendment_item_paragraphs_zh(
    item: ItemSpec, number: int, style: ZhStyle = NPC_STYLE
) -> list[str]:
    """The paragraphs of item number `number`, the first opening with 一、"""
    check_item(item)
    paragraphs = _clause_zh(item, style)
    for clause in item.then:
        paragraphs += _clause_zh(clause, style, continued=True)
    paragraphs += _lines(item.note_zh)
    paragraphs[0] = list_number_zh(number) + paragraphs[0]
    return paragraphs


def amendment_item_zh(item: ItemSpec, number: int, style: ZhStyle = NPC_STYLE) -> str:
    """One item as the NPC prints it, paragraphs separated by a blank line."""
    return PARAGRAPH_SEPARATOR.join(amendment_item_paragraphs_zh(item, number, style))


def renumber_note_zh(old: Sequence[int], new: Sequence[int]) -> str:
    """原第二款作为第三款。 — the note after inserting a paragraph before existing ones."""
    return f"原{_paragraphs_zh(old)}作为{_paragraphs_zh(new)}。"


def commencement_zh(commencement: datetime.date | None) -> str:
    """本修正案自2024年3月1日起施行。 (no zero padding); without a date, from promulgation."""
    if commencement is None:
        return "本修正案自公布之日起施行。"
    d = commencement
    return f"本修正案自{d.year}年{d.month}月{d.day}日起施行。"


def amendment_items_zh(
    items: Iterable[ItemSpec], commencement: datetime.date | None, style: ZhStyle = NPC_STYLE
) -> list[str]:
    """All items numbered 一、二、…, closing with the commencement item."""
    texts = [amendment_item_zh(item, n, style) for n, item in enumerate(items, start=1)]
    texts.append(list_number_zh(len(texts) + 1) + commencement_zh(commencement))
    return texts


def amendment_text_zh(
    title: str,
    items: Iterable[ItemSpec],
    commencement: datetime.date | None,
    style: ZhStyle = NPC_STYLE,
) -> str:
    """The title followed by every item, separated by blank lines."""
    return PARAGRAPH_SEPARATOR.join([title, *amendment_items_zh(items, commencement, style)])


# English working rendering


def _article_en(number: int, sub: int = 0) -> str:
    return f"Article {number}-{sub}" if sub else f"Article {number}"


def _and_list(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _paragraphs_en(numbers: Sequence[int]) -> str:
    if not numbers:
        return ""
    noun = "Paragraph" if len(numbers) == 1 else "Paragraphs"
    return f"{noun} {_and_list([str(n) for n in numbers])}"


def _count_word(count: int) -> str:
    return COUNT_WORDS_EN[count - 1] if count <= len(COUNT_WORDS_EN) else str(count)


def _count_en(count: int, noun: str) -> str:
    """'A paragraph is', 'Two paragraphs are'."""
    if count == 1:
        return f"A {noun} is"
    return f"{_count_word(count).capitalize()} {noun}s are"


def _lead_en(item: ItemSpec, continued: bool) -> str:
    article = f"{_article_en(item.article_number, item.article_sub)} of {LAW_EN}"
    paragraphs = _paragraphs_en(item.paragraphs)
    verb = "is" if len(item.paragraphs) == 1 else "are"
    match Operation(item.operation):
        case Operation.REPLACE_ARTICLE:
            return f"{article} is amended to read:"
        case Operation.REPLACE_PARAGRAPHS:
            return f"{paragraphs} of {article} {verb} amended to read:"
        case Operation.INSERT_PARAGRAPH:
            where = "" if continued else f" to {article}"
            restate = ", and the Article is amended to read:" if item.restate_article else ":"
            added = _count_en(len(item.paragraphs), "paragraph")
            return f"{added} added{where} as {paragraphs}{restate}"
        case Operation.INSERT_ARTICLES:
            new = [_article_en(item.article_number, sub) for sub in item.new_article_subs]
            if item.insert_count == 1:
                return f"The following article is added after {article} as {new[0]}:"
            count = _count_word(item.insert_count)
            numbers = _and_list([label.removeprefix("Article ") for label in new])
            return (
                f"The following {count} articles are added after {article} as Articles {numbers}:"
            )
        case Operation.REPEAL_ARTICLE:
            return f"{article} is deleted."
        case Operation.REPEAL_PARAGRAPHS:
            return f"{paragraphs} of {article} {verb} deleted."


def _clause_en(item: ItemSpec, continued: bool = False) -> list[str]:
    lead = _lead_en(item, continued)
    if item.operation in TEXTLESS_OPERATIONS:
        return [lead]
    quoted = _quoted(_lines(item.text_en) or [MISSING_EN])
    if item.operation == Operation.INSERT_ARTICLES and item.insert_count > 1:
        return [lead, *quoted]
    return [f"{lead} {quoted[0]}", *quoted[1:]]


def amendment_item_paragraphs_en(item: ItemSpec, number: int) -> list[str]:
    """The English paragraphs of item `number`, the first opening with '1. '."""
    check_item(item)
    paragraphs = _clause_en(item)
    for clause in item.then:
        paragraphs += _clause_en(clause, continued=True)
    paragraphs += _lines(item.note_en)
    paragraphs[0] = f"{number}. {paragraphs[0]}"
    return paragraphs


def amendment_item_en(item: ItemSpec, number: int) -> str:
    """'3. Article 364 of the Criminal Law is amended to read: “…”'"""
    return PARAGRAPH_SEPARATOR.join(amendment_item_paragraphs_en(item, number))


def renumber_note_en(old: Sequence[int], new: Sequence[int]) -> str:
    """'Former Paragraph 2 becomes Paragraph 3.'"""
    verb = "becomes" if len(old) == 1 else "become"
    return f"Former {_paragraphs_en(old)} {verb} {_paragraphs_en(new)}."


def commencement_en(commencement: datetime.date | None) -> str:
    """'This Amendment shall come into force on 1 March 2024.'"""
    if commencement is None:
        return "This Amendment shall come into force on the date of its promulgation."
    d = commencement
    return f"This Amendment shall come into force on {d.day} {MONTHS_EN[d.month - 1]} {d.year}."


def amendment_items_en(items: Iterable[ItemSpec], commencement: datetime.date | None) -> list[str]:
    """All items numbered 1. 2. …, closing with the commencement item."""
    texts = [amendment_item_en(item, n) for n, item in enumerate(items, start=1)]
    texts.append(f"{len(texts) + 1}. {commencement_en(commencement)}")
    return texts

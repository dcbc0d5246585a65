"""Cross-references in PRC statute text: find each one with its exact span and resolve its targets.

Pure functions over plain data. A reference is one citation expression ("本法第二百三十四条、第二百三十二条",
"前两款", "第一百五十二条第二款、第三款", "《中华人民共和国治安管理处罚法》") with the articles, paragraphs
(款) and items (项) it points at. Whatever cannot be resolved is reported in `problem`, never guessed.
"""

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from proposals.numerals import from_chinese

Key = tuple[int, int]  # (article number, 之N suffix)

NUM = "[零一二三四五六七八九十百千]+"
COUNTS = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5}
START_RE = re.compile(
    rf"《[^》\n]{{1,60}}》|本法|本节|本章|本条|第{NUM}[条款项]|前[两二三四五]?款|前条|前项"
)
TITLE_RE = re.compile(r"《([^》\n]{1,60})》")
SCOPE_RE = re.compile(r"本法|本节|本章|本条")
ATOM_RE = re.compile(
    rf"第(?P<art>{NUM})条(?:之(?P<sub>{NUM}))?|第(?P<para>{NUM})款|第(?P<item>{NUM})项"
    r"|前(?P<prev>[两二三四五])?款|(?P<prevart>前条)|(?P<previtem>前项)"
)
JOINER_RE = re.compile(r"、|至|和|或者|以及|及")
ITEM_LINE_RE = re.compile(r"^（[一二三四五六七八九十]+）", re.MULTILINE)
APPLY_BEFORE = ("依照", "按照", "适用", "依")
APPLY_AFTER = ("的规定", "规定")
REPEALED_TEXT = "（删去）"

ARTICLE, PARAGRAPH, ITEM = 0, 1, 2


@dataclass(frozen=True, order=True)
class Target:
    """An article, or one of its paragraphs, or an item of a paragraph."""

    number: int
    sub: int = 0
    paragraph: int | None = None
    item: int | None = None

    @property
    def key(self) -> Key:
        return (self.number, self.sub)

    @property
    def code(self) -> str:
        """Compact form used in tests and URLs: 287-1, 152.2, 383.1.3."""
        text = f"{self.number}-{self.sub}" if self.sub else str(self.number)
        for part in (self.paragraph, self.item):
            if part is None:
                break
            text += f".{part}"
        return text

    @property
    def level(self) -> int:
        return ITEM if self.item is not None else PARAGRAPH if self.paragraph else ARTICLE


@dataclass(frozen=True)
class Reference:
    """One citation expression in paragraph `paragraph` of `article`, at text[start:end]."""

    article: Key
    paragraph: int
    start: int
    end: int
    text: str
    targets: tuple[Target, ...] = ()
    external: str = ""  # title of another law, e.g. 中华人民共和国治安管理处罚法
    applies: bool = False  # 依照/按照/适用…的规定: the target's rule is applied here
    problem: str = ""  # why (part of) it could not be resolved

    @property
    def resolved(self) -> bool:
        return not self.problem


@dataclass
class LawIndex:
    """The articles of one statute in order, their paragraphs and each paragraph's item count."""

    paragraphs: dict[Key, list[str]]
    keys: list[Key] = field(init=False)
    items: dict[Key, list[int]] = field(init=False)

    def __post_init__(self) -> None:
        self.keys = sorted(self.paragraphs)
        self._position = {key: i for i, key in enumerate(self.keys)}
        self.items = {
            key: [len(ITEM_LINE_RE.findall(text)) for text in texts]
            for key, texts in self.paragraphs.items()
        }

    @classmethod
    def from_articles(cls, articles: Iterable[tuple[Key, Sequence[str]]]) -> "LawIndex":
        return cls({key: list(texts) for key, texts in articles})

    def repealed(self, key: Key) -> bool:
        return self.paragraphs.get(key) == [REPEALED_TEXT]

    def previous(self, key: Key) -> Key | None:
        position = self._position.get(key)
        return self.keys[position - 1] if position else None

    def between(self, first: Key, last: Key) -> list[Key]:
        """Every article from first to last inclusive, 之N articles included, in order."""
        return [key for key in self.keys if first <= key <= last]

    def check(self, target: Target) -> str:
        """Why the target does not exist in this law, or ''."""
        key = target.key
        if key not in self.paragraphs:
            return f"no article {target.code}"
        if self.repealed(key):
            return f"article {target.code} is repealed"
        counts = self.items[key]
        if target.paragraph is not None and not 1 <= target.paragraph <= len(counts):
            return f"no paragraph {target.code}"
        if target.item is not None and not 1 <= target.item <= counts[target.paragraph - 1]:
            return f"no item {target.code}"
        return ""


@dataclass
class _Context:
    """Where the expression stands: its article, paragraph and the item line it is in."""

    law: LawIndex
    article: Key
    paragraph: int
    item: int  # 0 outside an item line


class _Unresolved(Exception):
    pass


def _chinese(text: str) -> int:
    return from_chinese(text)


def _atoms(text: str, pos: int) -> tuple[list[tuple[str, re.Match]], int]:
    """The atoms of a chain from pos, each with the joiner before it, and where the chain ends."""
    atoms: list[tuple[str, re.Match]] = []
    first = ATOM_RE.match(text, pos)
    if not first:
        return atoms, pos
    atoms.append(("", first))
    pos = first.end()
    while True:
        joiner = JOINER_RE.match(text, pos)
        after = joiner.end() if joiner else pos
        atom = ATOM_RE.match(text, after)
        if atom is None or (joiner is None and not _refines(atoms[-1][1], atom)):
            return atoms, pos
        atoms.append((joiner.group() if joiner else "", atom))
        pos = atom.end()


def _refines(previous: re.Match, atom: re.Match) -> bool:
    """第一百五十二条第二款, 前款第三项: a lower level directly after a higher one."""
    if atom["para"]:
        return bool(previous["art"])
    if atom["item"]:
        return bool(previous["para"] or (previous.group().endswith("款") and not previous["prev"]))
    return False


def _item_home(ctx: _Context, number: int) -> int:
    """The paragraph a bare 第三项 points into: this one if it has items, else the only one."""
    counts = ctx.law.items.get(ctx.article, [])
    if ctx.paragraph <= len(counts) and counts[ctx.paragraph - 1] >= number:
        return ctx.paragraph
    homes = [i for i, count in enumerate(counts, start=1) if count >= number]
    if len(homes) != 1:
        raise _Unresolved(f"which paragraph's item {number} is meant is unclear")
    return homes[0]


def _first_node(ctx: _Context, atom: re.Match) -> list[Target]:
    """Targets of an atom that opens a chain (or follows a joiner with nothing to inherit)."""
    number, sub = ctx.article
    if atom["art"]:
        return [Target(_chinese(atom["art"]), _chinese(atom["sub"]) if atom["sub"] else 0)]
    if atom["para"]:
        return [Target(number, sub, _chinese(atom["para"]))]
    if atom["item"]:
        item = _chinese(atom["item"])
        return [Target(number, sub, _item_home(ctx, item), item)]
    if atom["prevart"]:
        previous = ctx.law.previous(ctx.article)
        if previous is None:
            raise _Unresolved("前条 in the first article")
        return [Target(*previous)]
    if atom["previtem"]:
        if ctx.item < 2:
            raise _Unresolved("前项 outside a second or later item")
        return [Target(number, sub, ctx.paragraph, ctx.item - 1)]
    count = COUNTS[atom["prev"]] if atom["prev"] else 1
    if ctx.paragraph - count < 1:
        raise _Unresolved(f"{atom.group()} in paragraph {ctx.paragraph}")
    return [Target(number, sub, p) for p in range(ctx.paragraph - count, ctx.paragraph)]


def _next_node(ctx: _Context, previous: Target, joiner: str, atom: re.Match) -> list[Target]:
    """Targets of an atom after the first: a refinement, a sibling, or the end of a range."""
    if not joiner:
        if atom["para"]:
            return [replace(previous, paragraph=_chinese(atom["para"]))]
        return [replace(previous, item=_chinese(atom["item"]))]
    if atom["para"] and previous.level >= PARAGRAPH:
        node = replace(previous, paragraph=_chinese(atom["para"]), item=None)
    elif atom["item"] and previous.level == ITEM:
        node = replace(previous, item=_chinese(atom["item"]))
    else:
        node = _first_node(ctx, atom)[0]
    if joiner != "至":
        return [node]
    return _range(ctx, previous, node)


def _range(ctx: _Context, first: Target, last: Target) -> list[Target]:
    """第X条至第Y条 (之N included), 第一款至第三款: everything after first up to last."""
    if first.level != last.level or last <= first:
        raise _Unresolved(f"range {first.code} to {last.code}")
    if last.level == ARTICLE:
        return [Target(*key) for key in ctx.law.between(first.key, last.key) if key != first.key]
    if last.level == PARAGRAPH:
        return [replace(first, paragraph=p) for p in range(first.paragraph + 1, last.paragraph + 1)]
    return [replace(first, item=i) for i in range(first.item + 1, last.item + 1)]


def _resolve(ctx: _Context, atoms: list[tuple[str, re.Match]]) -> list[Target]:
    """The leaf targets of a chain: refined nodes replace their parent."""
    nodes = _first_node(ctx, atoms[0][1])
    for joiner, atom in atoms[1:]:
        found = _next_node(ctx, nodes[-1], joiner, atom)
        if joiner:
            nodes.extend(found)
        else:
            if len(nodes) > 1 and atoms[0][1]["prev"]:
                raise _Unresolved("an item of several paragraphs")
            nodes[-1] = found[0]
    return nodes


def _applies(text: str, start: int, end: int) -> bool:
    return text[:start].endswith(APPLY_BEFORE) and text.startswith(APPLY_AFTER, end)


def _chain(ctx: _Context, text: str, start: int) -> Reference | None:
    """The reference starting at `start`, or None when nothing citable starts there."""
    pos, external = start, ""
    if title := TITLE_RE.match(text, pos):
        external, pos = title[1], title.end()
    elif scope := SCOPE_RE.match(text, pos):
        pos = scope.end()
    atoms, end = _atoms(text, pos)
    if not atoms and not external:
        return None
    end = max(end, pos)
    reference = Reference(
        ctx.article, ctx.paragraph, start, end, text[start:end], external=external
    )
    reference = replace(reference, applies=_applies(text, start, end))
    if not atoms:
        return reference
    try:
        targets = _resolve(ctx, atoms)
    except _Unresolved as error:
        return replace(reference, problem=str(error))
    if external:
        return replace(reference, targets=tuple(targets))
    problems = [p for p in (ctx.law.check(t) for t in targets) if p]
    good = tuple(t for t in targets if not ctx.law.check(t))
    return replace(reference, targets=good, problem="; ".join(problems))


def paragraph_references(law: LawIndex, article: Key, paragraph: int) -> Iterator[Reference]:
    """Every reference in one paragraph of an article of the law, in text order."""
    text = law.paragraphs[article][paragraph - 1]
    item_starts = [m.start() for m in ITEM_LINE_RE.finditer(text)]
    pos = 0
    while match := START_RE.search(text, pos):
        item = sum(1 for s in item_starts if s <= match.start())
        found = _chain(_Context(law, article, paragraph, item), text, match.start())
        if found is None:
            pos = match.end()
            continue
        yield found
        pos = max(found.end, match.start() + 1)


def article_references(law: LawIndex, article: Key) -> list[Reference]:
    """Every reference in every paragraph of one article."""
    return [
        reference
        for number in range(1, len(law.paragraphs[article]) + 1)
        for reference in paragraph_references(law, article, number)
    ]


def law_references(law: LawIndex) -> list[Reference]:
    """Every reference of the whole law, article by article."""
    return [ref for key in law.keys for ref in article_references(law, key)]


def incoming(references: Iterable[Reference]) -> Mapping[Key, list[Reference]]:
    """References grouped by the article they point at (internal ones only)."""
    grouped: dict[Key, list[Reference]] = {}
    for reference in references:
        if reference.external:
            continue
        for key in dict.fromkeys(t.key for t in reference.targets):
            grouped.setdefault(key, []).append(reference)
    return grouped

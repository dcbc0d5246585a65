"""Redlines between two revisions of statute text: Chinese by character, English by word.

All offsets and lengths are Python str indices (Unicode code points), the convention the
browser side follows too. A "change" is a run of adjacent deletions and insertions between two
unchanged stretches; it is always shown deletion first, and gets one number N (from 1) so a
page can step through changes: `id="chg-N"` on its first mark, `data-change="N"` on every mark.
Any language other than "zh" is diffed by word.
"""

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html import escape
from itertools import chain
from typing import Literal

import fast_diff_match_patch

Kind = Literal["equal", "insert", "delete"]

# Bounds a pathological diff (two unrelated 150,000-character texts); normal revisions take ms.
DIFF_TIMEOUT_SECONDS = 1.0

# English tokens: CJK characters one by one, words (keeping "person's" whole), whitespace runs,
# and any other single character (punctuation).
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+(?:['\u2019][^\W{_CJK}]+)*|\s+|.", re.DOTALL)
_TOKEN_NO_CJK = re.compile(r"\w+(?:['\u2019]\w+)*|\s+|.", re.DOTALL)  # the same, faster
_HAS_CJK = re.compile(f"[{_CJK}]")

_OPS = {"=": "equal", "+": "insert", "-": "delete"}


@dataclass(frozen=True, slots=True)
class Op:
    """One stretch of a redline: unchanged, inserted or deleted text."""

    kind: Kind
    text: str


def diff_text(old: str, new: str, language: str) -> list[Op]:
    """The redline from old to new: characters for "zh", whole words for "en"."""
    if old == new:
        return [Op("equal", old)] if old else []
    if language == "zh":
        raw = fast_diff_match_patch.diff(
            old,
            new,
            cleanup="No",  # finer than "Semantic", which swallows unchanged words like 实施
            checklines=True,  # line pass first: articles are lines, and it is 2x faster
            timelimit=DIFF_TIMEOUT_SECONDS,
            counts_only=False,
        )
        pieces = [(_OPS[op], text) for op, text in raw]
    else:
        pieces = _word_diff(old, new)
    return _tidy(pieces, language)


def _word_diff(old: str, new: str) -> list[tuple[Kind, str]]:
    """Diff token sequences by mapping each distinct token to one code point, then back."""
    pattern = _TOKEN if _HAS_CJK.search(old) or _HAS_CJK.search(new) else _TOKEN_NO_CJK
    old_tokens, new_tokens = pattern.findall(old), pattern.findall(new)
    codes = dict.fromkeys(chain(old_tokens, new_tokens), "")
    for n, token in enumerate(codes, start=0x100):
        codes[token] = chr(n if n < 0xD800 else n + 0x800)  # no lone surrogates
    raw = fast_diff_match_patch.diff(
        "".join(map(codes.__getitem__, old_tokens)),
        "".join(map(codes.__getitem__, new_tokens)),
        cleanup="No",
        checklines=False,
        timelimit=DIFF_TIMEOUT_SECONDS,
    )
    pieces: list[tuple[Kind, str]] = []
    i = j = 0
    for op, count in raw:
        if op == "+":
            pieces.append(("insert", "".join(new_tokens[j : j + count])))
            j += count
        else:
            pieces.append((_OPS[op], "".join(old_tokens[i : i + count])))
            i += count
            if op == "=":
                j += count
    return pieces


def _tidy(pieces: Sequence[tuple[Kind, str]], language: str) -> list[Op]:
    """Group changes (deletion first) and absorb slight equalities stranded between changes."""
    groups: list[list[str]] = []  # [unchanged] or [deleted, inserted]
    for kind, text in pieces:
        if not text:
            continue
        if kind == "equal":
            groups.append([text])
            continue
        if not groups or len(groups[-1]) == 1:
            groups.append(["", ""])
        groups[-1][0 if kind == "delete" else 1] += text
    merged: list[list[str]] = []
    for group in groups:
        if (
            len(group) == 2
            and len(merged) >= 2
            and _stranded(merged[-1], merged[-2], group, language)
        ):
            equal = merged.pop()[0]
            merged[-1] = [merged[-1][0] + equal + group[0], merged[-1][1] + equal + group[1]]
        else:
            merged.append(group)
    ops: list[Op] = []
    for group in merged:
        if len(group) == 1:
            ops.append(Op("equal", group[0]))
        else:
            ops.extend(Op(k, t) for k, t in zip(("delete", "insert"), group, strict=True) if t)
    return ops


def _stranded(equal: list[str], before: list[str], after: list[str], language: str) -> bool:
    """Whether unchanged text between two changes is too slight to show on its own."""
    if len(equal) != 1 or len(before) != 2 or "\n" in equal[0]:
        return False
    if language == "zh":
        # One shared character (的, 处) between two real changes is coincidence, not content:
        # "[-从重-]处[-罚-]{+五年以下有期徒刑+}" reads better as "[-从重处罚-]{+处五年以下有期徒刑+}".
        return len(equal[0]) == 1 and max(map(len, before)) >= 2 and max(map(len, after)) >= 2
    return equal[0].isspace()  # "[-quick-] [-brown-]" reads better as "[-quick brown-]".


def _changes(ops: Sequence[Op]) -> Iterator[tuple[int, Op]]:
    """Each op with its change number (0 for unchanged text)."""
    number, previous = 0, "equal"
    for op in ops:
        if op.kind != "equal" and previous == "equal":
            number += 1
        previous = op.kind
        yield (0 if op.kind == "equal" else number), op


def change_count(ops: Sequence[Op]) -> int:
    """How many changes the redline has."""
    return max((n for n, _ in _changes(ops)), default=0)


def _mark(op: Op, number: int, id_: str | None) -> str:
    tag, css = ("ins", "redline-ins") if op.kind == "insert" else ("del", "redline-del")
    id_attr = f' id="{id_}"' if id_ else ""
    return f'<{tag} class="{css}"{id_attr} data-change="{number}">{escape(op.text)}</{tag}>'


def redline_html(ops: Sequence[Op], *, id_prefix: str = "chg-") -> str:
    """Escaped inline redline; the first mark of change N has id chg-N, every mark data-change=N.

    Newlines stay as "\\n": the template shows the text with white-space: pre-wrap.
    """
    out, seen = [], 0
    for number, op in _changes(ops):
        if not number:
            out.append(escape(op.text))
        else:
            out.append(_mark(op, number, f"{id_prefix}{number}" if number != seen else None))
            seen = number
    return "".join(out)


def side_by_side(ops: Sequence[Op], *, id_prefix: str = "chg-") -> tuple[str, str]:
    """(old, new) HTML: deletions marked on the left, insertions on the right.

    Change N is `id="chg-N-old"` on the left and `id="chg-N-new"` on the right (ids must be
    unique on a page), both with data-change=N; a side with nothing for a change gets an empty
    `<span class="redline-gap">` so the two panes can always be lined up.
    """
    left, right = [], []
    numbered = list(_changes(ops))
    for i, (number, op) in enumerate(numbered):
        if not number:
            left.append(escape(op.text))
            right.append(escape(op.text))
        elif op.kind == "delete":
            left.append(_mark(op, number, f"{id_prefix}{number}-old"))
            if i + 1 == len(numbered) or numbered[i + 1][1].kind != "insert":
                right.append(_gap(number, f"{id_prefix}{number}-new"))
        else:
            if i == 0 or numbered[i - 1][1].kind != "delete":
                left.append(_gap(number, f"{id_prefix}{number}-old"))
            right.append(_mark(op, number, f"{id_prefix}{number}-new"))
    return "".join(left), "".join(right)


def _gap(number: int, id_: str) -> str:
    return f'<span class="redline-gap" id="{id_}" data-change="{number}"></span>'


def redline_runs(ops: Sequence[Op]) -> Iterator[tuple[str, Kind]]:
    """(text, kind) runs with neighbours of the same kind merged, for DOCX and PDF output."""
    text, kind = "", None
    for op in ops:
        if op.kind == kind:
            text += op.text
            continue
        if text:
            yield text, kind
        text, kind = op.text, op.kind
    if text:
        yield text, kind

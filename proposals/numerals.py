"""Chinese numerals as the NPC writes them: 第十七条, 第二百一十三条, 第三百零三条, 第一百三十三条之一."""

import re

DIGITS = "零一二三四五六七八九"
UNITS = ((1000, "千"), (100, "百"), (10, "十"))
ORDINAL_ITEMS = "一二三四五六七八九十"


def to_chinese(n: int) -> str:
    """1 -> 一, 10 -> 十, 110 -> 一百一十, 303 -> 三百零三; 1 to 9999."""
    if not 1 <= n <= 9999:
        raise ValueError(f"{n} is outside 1..9999")
    if 10 <= n < 20:
        return "十" + (DIGITS[n - 10] if n > 10 else "")
    parts: list[str] = []
    rest = n
    pending_zero = False
    for value, unit in UNITS:
        digit, rest = divmod(rest, value)
        if digit:
            if pending_zero:
                parts.append("零")
                pending_zero = False
            parts.append(DIGITS[digit] + unit)
        elif parts:
            pending_zero = True
    if rest:
        if pending_zero:
            parts.append("零")
        parts.append(DIGITS[rest])
    return "".join(parts)


def from_chinese(text: str) -> int:
    """The inverse of to_chinese; raises ValueError for anything it would not write."""
    if not text or any(ch not in DIGITS + "十百千" for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    total = 0
    digit = None
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS.index(ch)
            continue
        unit = {"十": 10, "百": 100, "千": 1000}[ch]
        total += (1 if digit is None else digit) * unit
        digit = None
    total += digit or 0
    if to_chinese(total) != text:
        raise ValueError(f"not written as the NPC writes numbers: {text!r}")
    return total


def article_label_zh(number: int, sub: int = 0) -> str:
    """第二百八十七条之一."""
    label = f"第{to_chinese(number)}条"
    return f"{label}之{to_chinese(sub)}" if sub else label


ARTICLE_LABEL_RE = re.compile(
    r"^第([零一二三四五六七八九十百千]+)条(?:之([零一二三四五六七八九十百千]+))?"
)


def parse_article_label(text: str) -> tuple[int, int] | None:
    """'第二百八十七条之一 …' -> (287, 1); None when the text does not start with an article label."""
    match = ARTICLE_LABEL_RE.match(text)
    if not match:
        return None
    number = from_chinese(match.group(1))
    sub = from_chinese(match.group(2)) if match.group(2) else 0
    return number, sub


def paragraph_label_zh(number: int) -> str:
    """第二款."""
    return f"第{to_chinese(number)}款"


def item_label_zh(number: int) -> str:
    """（三）, the form of an item (项) inside a paragraph."""
    return f"（{to_chinese(number)}）"


def list_number_zh(number: int) -> str:
    """一、 the numbering of the items of an amendment."""
    return f"{to_chinese(number)}、"


ARTICLE_REF_RE = re.compile(r"^arts?\. ([\d\-–, ]+)(.*)$")


def article_ref_zh(ref: str) -> str:
    """ "art. 19(2)" -> "第19条(2)", "arts. 9, 12, 13" -> "第9、12、13条", "criterion 1" -> "标准1"."""
    match = ARTICLE_REF_RE.match(ref)
    if match:
        numbers = match.group(1).strip().rstrip(",").replace(", ", "、")
        return f"第{numbers}条{match.group(2).strip()}"
    if ref.startswith("criterion "):
        return "标准" + ref.removeprefix("criterion ")
    return ref

"""The shared tokenizer: CJK runs become overlapping character pairs, Latin text lowercased words.

Tokens are stored in the index as plain ASCII so that both engines (PostgreSQL's 'simple' parser
and SQLite FTS5's unicode61) take them as single words: a CJK string is "z" followed by five hex
digits per character (so 𠀀 and other astral-plane characters work), an ASCII word is itself
(but for words starting with "qq", encoded like CJK: that prefix belongs to the scope tokens,
which let the engine itself filter by kind and bill).
A run of CJK characters ABCD is indexed as AB BC CD D: the pairs make any substring of two or
more characters a phrase of pairs, and the run's last character, together with the pairs
starting with a character, makes a single character findable as a prefix query.
"""

import functools
import re
import unicodedata
from dataclasses import dataclass

CJK_CLASS = (
    "\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3038-\u303b\u3040-\u30ff\u3100-\u312f"
    "\u3190-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
    "\U00020000-\U0003134f"
)
# A word: letters and digits that are not CJK (a negated class: not a non-word, _ or CJK).
_PIECE = re.compile(rf"(?P<cjk>[{CJK_CLASS}]+)|(?P<word>[^\W_{CJK_CLASS}]+)")


@functools.cache
def fold_char(char: str) -> str:
    """One character folded: full-width and compatibility forms to their plain form, lowercased."""
    if char.isascii():
        return char.lower()
    return unicodedata.normalize("NFKC", char).casefold()


def fold(text: str) -> str:
    """The text as the index sees it (character by character, so offsets stay comparable)."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD_TABLE)


class _FoldTable(dict):
    """str.translate's table, filled on first sight of each character (translate runs in C)."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


@functools.cache
def _hex(char: str) -> str:
    return f"{ord(char):05x}"


def encode(chars: str) -> str:
    """An ASCII token for a CJK string (or a non-ASCII word): z + 5 hex digits per character."""
    return "z" + "".join(map(_hex, chars))


# Scope tokens (an entry's kind and bill) start with this; a word of text that does is encoded.
SCOPE_PREFIX = "qq"


def _word_token(word: str) -> str:
    return word if word.isascii() and not word.startswith(SCOPE_PREFIX) else encode(word)


def kind_scope(kind: str) -> str:
    """The token every entry of a kind carries."""
    return f"{SCOPE_PREFIX}k{kind}"


def bill_scope(bill_id: int | None) -> str:
    """The token every entry of a bill carries; reference data (no bill) carries qqbref."""
    return f"{SCOPE_PREFIX}b{'ref' if bill_id is None else bill_id}"


def scope_tokens(kind: str, bill_id: int | None) -> str:
    """The two tokens an entry's token string begins with."""
    return f"{kind_scope(kind)} {bill_scope(bill_id)}"


@dataclass(frozen=True)
class Piece:
    """A run of CJK characters or a word, as found in folded text."""

    text: str
    cjk: bool


def pieces(text: str) -> list[Piece]:
    """The CJK runs and words of a text, folded, in order."""
    return [Piece(m.group(), m.lastgroup == "cjk") for m in _PIECE.finditer(fold(text))]


def run_tokens(run: str) -> list[str]:
    """AB BC CD D for the run ABCD; A for the run A."""
    hexes = [_hex(c) for c in run]
    pairs = [f"z{a}{b}" for a, b in zip(hexes, hexes[1:], strict=False)]
    return [*pairs, f"z{hexes[-1]}"]


def index_tokens(text: str) -> list[str]:
    """The tokens stored in the index for a text."""
    tokens: list[str] = []
    for match in _PIECE.finditer(fold(text)):
        if match.lastgroup == "cjk":
            tokens.extend(run_tokens(match.group()))
        else:
            tokens.append(_word_token(match.group()))
    return tokens


def index_string(*texts: str) -> str:
    """The stored token string of several fields (each field's runs end where the field ends)."""
    return " ".join(" ".join(index_tokens(t)) for t in texts if t).strip()


@dataclass(frozen=True)
class QueryToken:
    """One token of a query phrase; a prefix token matches every token starting with it."""

    value: str
    prefix: bool = False


def phrase_tokens(term: str) -> list[QueryToken]:
    """The phrase that finds a term (one query word) wherever it occurs as a substring.

    A CJK run inside the term ends where the term's next piece starts, so the run's last
    character is there as a singleton token; only the term's last run may continue in the text.
    """
    found = pieces(term)
    phrase: list[QueryToken] = []
    for n, piece in enumerate(found):
        last = n == len(found) - 1
        if not piece.cjk:
            phrase.append(QueryToken(_word_token(piece.text)))
        elif len(piece.text) == 1:
            phrase.append(QueryToken(encode(piece.text), prefix=last))
        else:
            tokens = run_tokens(piece.text)
            phrase.extend(QueryToken(t) for t in (tokens[:-1] if last else tokens))
    return phrase


def query_phrases(query: str, *, exact: bool) -> list[list[QueryToken]]:
    """The phrases that must all match: one for the whole text (exact), else one per word."""
    terms = [query] if exact else query.split()
    return [p for p in (phrase_tokens(t) for t in terms) if p]


def highlight_pieces(query: str) -> list[Piece]:
    """The folded pieces of a query, to mark in a snippet."""
    return pieces(query)

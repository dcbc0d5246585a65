"""Line endings of legal text: CRLF and CR become LF, nothing else changes."""

import pytest

from drafting.text.normalize import normalize_newlines, normalize_optional, offset_after_normalizing


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("第一款。\r\n第二款。", "第一款。\n第二款。"),
        ("one\rtwo", "one\ntwo"),
        ("a\r\n\r\nb", "a\n\nb"),
        ("a\n\rb", "a\n\nb"),  # LF CR is two line breaks, not one
        (
            "  spaces\tand\u3000ideographic space stay  ",
            "  spaces\tand\u3000ideographic space stay  ",
        ),
        ("", ""),
    ],
)
def test_only_line_endings_change(raw, expected):
    assert normalize_newlines(raw) == expected


def test_none_stays_none():
    assert normalize_optional(None) is None
    assert normalize_optional("x\r\ny") == "x\ny"


def test_offsets_follow_the_dropped_carriage_returns():
    text = "甲\r\n乙\r\n丙丁"
    normal = normalize_newlines(text)
    for old in range(len(text) + 1):
        if old and text[old - 1] == "\r":
            continue  # between CR and LF: no such place in the normalised text
        assert normal[offset_after_normalizing(text, old) :] == normalize_newlines(text[old:])

"""The one definition of operations and their rules of shape."""

import pytest

from drafting.operations import (
    CHANGING_OPERATIONS,
    PARAGRAPH_OPERATIONS,
    TEXTLESS_OPERATIONS,
    Operation,
    Problem,
    shape_problems,
)


def problems(operation, paragraphs=(), insert_count=1, restate=False, text=True):
    return shape_problems(
        operation=operation,
        paragraphs=paragraphs,
        insert_count=insert_count,
        restate_article=restate,
        has_text=text,
    )


def test_the_sets_are_subsets_of_the_operations():
    for group in (PARAGRAPH_OPERATIONS, TEXTLESS_OPERATIONS, CHANGING_OPERATIONS):
        assert group <= set(Operation)
    assert TEXTLESS_OPERATIONS <= CHANGING_OPERATIONS
    assert Operation.INSERT_ARTICLES not in CHANGING_OPERATIONS


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("rewrite",), [Problem.UNKNOWN_OPERATION]),
        (("replace_article",), []),
        (("replace_article", (1,)), [Problem.PARAGRAPHS_UNWANTED]),
        (("replace_paragraphs",), [Problem.PARAGRAPHS_MISSING]),
        (("replace_paragraphs", (1, 1)), [Problem.PARAGRAPHS_REPEATED]),
        (("replace_paragraphs", (0,)), [Problem.PARAGRAPHS_NOT_NUMBERS]),
        (("replace_paragraphs", (True,)), [Problem.PARAGRAPHS_NOT_NUMBERS]),
        (("replace_article", (), 1, True), [Problem.RESTATE_UNWANTED]),
        (("insert_paragraph", (2,), 1, True), []),
        (("insert_articles", (), 0), [Problem.COUNT_TOO_SMALL]),
        (("insert_articles", (), 3), []),
        (("replace_article", (), 2), [Problem.COUNT_UNWANTED]),
        (("repeal_article", (), 1, False, True), [Problem.TEXT_UNWANTED]),
        (("repeal_article", (), 1, False, False), []),
        (("replace_article", (), 1, False, False), [Problem.TEXT_MISSING]),
    ],
)
def test_shape_rules(args, expected):
    assert problems(*args) == expected


def test_plain_strings_and_members_are_the_same_operation():
    assert "replace_paragraphs" in PARAGRAPH_OPERATIONS
    assert Operation("repeal_article") in TEXTLESS_OPERATIONS

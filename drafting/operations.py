"""What a provision can do to the law it amends: the one definition of the operations, their sets
and the rules of their shape (which numbers and text each takes).

Imports nothing of drafting: models, services, documents, coverage and web all read it from here.
"""

from collections.abc import Sequence
from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Operation(models.TextChoices):
    REPLACE_ARTICLE = "replace_article", _("replace an article")
    REPLACE_PARAGRAPHS = "replace_paragraphs", _("replace paragraph(s)")
    INSERT_ARTICLES = "insert_articles", _("insert article(s) after an article")
    INSERT_PARAGRAPH = "insert_paragraph", _("insert a paragraph")
    REPEAL_ARTICLE = "repeal_article", _("repeal an article")
    REPEAL_PARAGRAPHS = "repeal_paragraphs", _("repeal paragraph(s)")


# Operations that name paragraphs (款) of their article.
PARAGRAPH_OPERATIONS = frozenset(
    {Operation.REPLACE_PARAGRAPHS, Operation.INSERT_PARAGRAPH, Operation.REPEAL_PARAGRAPHS}
)
# Repeals carry no new text.
TEXTLESS_OPERATIONS = frozenset({Operation.REPEAL_ARTICLE, Operation.REPEAL_PARAGRAPHS})
# Operations that change or remove words of the law as it stands (an insertion leaves them be).
CHANGING_OPERATIONS = frozenset(
    {
        Operation.REPEAL_ARTICLE,
        Operation.REPLACE_ARTICLE,
        Operation.REPEAL_PARAGRAPHS,
        Operation.REPLACE_PARAGRAPHS,
    }
)
# Those of them that change the whole article; the others change the paragraphs they name.
WHOLE_ARTICLE_OPERATIONS = frozenset({Operation.REPLACE_ARTICLE, Operation.REPEAL_ARTICLE})
# Only 增加…款作为… is attested as a follow-on clause of another item (Amendment IX item 31).
CONTINUATION_OPERATIONS = frozenset({Operation.INSERT_PARAGRAPH})


class Problem(StrEnum):
    """Why an operation's numbers or text do not fit it; callers word each for their readers."""

    UNKNOWN_OPERATION = "unknown_operation"
    PARAGRAPHS_NOT_NUMBERS = "paragraphs_not_numbers"
    PARAGRAPHS_MISSING = "paragraphs_missing"
    PARAGRAPHS_REPEATED = "paragraphs_repeated"
    PARAGRAPHS_UNWANTED = "paragraphs_unwanted"
    RESTATE_UNWANTED = "restate_unwanted"
    COUNT_TOO_SMALL = "count_too_small"
    COUNT_UNWANTED = "count_unwanted"
    TEXT_MISSING = "text_missing"
    TEXT_UNWANTED = "text_unwanted"


def _is_number(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def paragraph_problems(operation: str, paragraphs: Sequence[int]) -> list[Problem]:
    """What is wrong with the paragraph numbers an operation names."""
    problems = []
    if not all(_is_number(n) for n in paragraphs):
        problems.append(Problem.PARAGRAPHS_NOT_NUMBERS)
    if operation not in PARAGRAPH_OPERATIONS:
        return problems + ([Problem.PARAGRAPHS_UNWANTED] if paragraphs else [])
    if not paragraphs:
        problems.append(Problem.PARAGRAPHS_MISSING)
    elif len(set(paragraphs)) != len(paragraphs):
        problems.append(Problem.PARAGRAPHS_REPEATED)
    return problems


def shape_problems(
    *,
    operation: str,
    paragraphs: Sequence[int],
    insert_count: int,
    restate_article: bool,
    has_text: bool,
) -> list[Problem]:
    """Every rule of shape the operation breaks, without looking at the law (empty when it fits)."""
    if operation not in Operation.values:
        return [Problem.UNKNOWN_OPERATION]
    problems = paragraph_problems(operation, paragraphs)
    if restate_article and operation != Operation.INSERT_PARAGRAPH:
        problems.append(Problem.RESTATE_UNWANTED)
    if operation == Operation.INSERT_ARTICLES and insert_count < 1:
        problems.append(Problem.COUNT_TOO_SMALL)
    elif operation != Operation.INSERT_ARTICLES and insert_count != 1:
        problems.append(Problem.COUNT_UNWANTED)
    if operation in TEXTLESS_OPERATIONS and has_text:
        problems.append(Problem.TEXT_UNWANTED)
    elif operation not in TEXTLESS_OPERATIONS and not has_text:
        problems.append(Problem.TEXT_MISSING)
    return problems

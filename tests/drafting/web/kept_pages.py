"""What the tests of kept (cached) pages share."""

import re

MASKED_TOKEN = re.compile(r"\b[A-Za-z0-9]{64}\b")  # a CSRF token is masked anew on every view


def same_page(first: str, second: str) -> bool:
    """Whether two views of a page are the same but for their CSRF tokens."""
    return MASKED_TOKEN.sub("", first) == MASKED_TOKEN.sub("", second)


def assert_change_shows(before: str, after: str, expected: str) -> None:
    """The text a write brings is new after it; "!text" is a text the write takes away."""
    if expected.startswith("!"):
        assert expected[1:] in before and expected[1:] not in after
    else:
        assert expected not in before and expected in after

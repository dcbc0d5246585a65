"""Documents never fail on stored text: characters XML cannot hold are stripped, and logged."""

import copy
import dataclasses
import logging
from typing import Any

from proposals.xmltext import strip_illegal

logger = logging.getLogger(__name__)


def _clean(value: Any, removed: list[int]) -> Any:
    """The value with every string in it cleaned; the same object when nothing changed."""
    if isinstance(value, str):
        cleaned, count = strip_illegal(value)
        if count:
            removed.append(count)
        return cleaned if count else value
    if isinstance(value, list | tuple):
        items = [_clean(item, removed) for item in value]
        if all(new is old for new, old in zip(items, value, strict=True)):
            return value
        return type(value)(items) if isinstance(value, list) else tuple(items)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changed = {}
        for f in dataclasses.fields(value):
            old = getattr(value, f.name)
            new = _clean(old, removed)
            if new is not old:
                changed[f.name] = new
        if not changed:
            return value
        clone = copy.copy(value)
        for name, new in changed.items():
            object.__setattr__(clone, name, new)  # frozen dataclasses too
        return clone
    return value


def xml_safe[T](document: T, *, bill_pk: int) -> T:
    """The built document with characters XML 1.0 does not allow removed from every text."""
    removed: list[int] = []
    cleaned = _clean(document, removed)
    if removed:
        logger.warning(
            "Bill %s: removed %d character(s) XML cannot hold from stored text while exporting.",
            bill_pk,
            sum(removed),
        )
    return cleaned

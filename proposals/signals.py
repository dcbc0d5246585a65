"""Signals of reference-data writes, for apps that keep something derived (the search index)."""

from collections.abc import Iterable

from django.db import models
from django.dispatch import Signal

# Sent inside the writing transaction with sender=the model class and pks=the rows written.
reference_changed = Signal()


def announce(model: type[models.Model], pks: Iterable[int]) -> None:
    """Tell the receivers which rows of a model were created or changed."""
    pks = list(pks)
    if pks:
        reference_changed.send(sender=model, pks=pks)

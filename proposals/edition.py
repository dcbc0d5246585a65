"""The reference data's edition: one number that moves with every write to reference data.

Pages cached by their state (drafting's provision page) put the edition in their cache key, so a
staff correction of a statute's text, an obligation or a proposal is shown at once, by every app
server (the number lives in the database, not in a process).

Every save, delete and many-to-many change of a reference model moves it (Django's signals). Bulk
writers (imports, rebuilds) run their rows `quietly()` and move it once at the end. Opening the
drafting app's append-only tables for maintenance moves it too (a change in place there is as
rare, and as invisible to a state counted by row ids).
"""

import contextlib
import threading
from collections.abc import Iterator

from django.apps import apps
from django.db import connection, models
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _

_quiet = threading.local()


class ReferenceEdition(models.Model):
    """A single row (pk 1) whose number grows with every change of reference data."""

    number = models.PositiveBigIntegerField(_("number"), default=0)

    class Meta:
        verbose_name = _("reference data edition")

    def __str__(self) -> str:
        return str(self.number)


def bump() -> None:
    """Move the edition on (inside the writing transaction: a rolled-back write moves nothing).

    One plain statement: it runs after every single write of reference data."""
    quote = connection.ops.quote_name
    table, pk = quote(ReferenceEdition._meta.db_table), quote(ReferenceEdition._meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET number = number + 1 WHERE {pk} = 1")
        moved = cursor.rowcount
    if not moved:
        ReferenceEdition.objects.get_or_create(pk=1, defaults={"number": 1})


@contextlib.contextmanager
def quietly() -> Iterator[None]:
    """Write many rows without a move per row; the edition moves once when the block ends."""
    depth = getattr(_quiet, "depth", 0)
    _quiet.depth = depth + 1
    try:
        yield
    finally:
        _quiet.depth = depth
    bump()


def _on_write(sender, **kwargs) -> None:
    if getattr(_quiet, "depth", 0) == 0 and not kwargs.get("raw"):
        bump()


def watch_reference_models() -> None:
    """Connect the receivers to every model of the proposals app (once, from its ready())."""
    for model in apps.get_app_config("proposals").get_models():
        if model is ReferenceEdition:
            continue
        uid = f"proposals.edition.{model._meta.label_lower}"
        post_save.connect(_on_write, sender=model, dispatch_uid=uid)
        post_delete.connect(_on_write, sender=model, dispatch_uid=uid)
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(_on_write, sender=through, dispatch_uid=f"{uid}.{field.name}")

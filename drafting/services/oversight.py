"""The oversight log: every admin view of bill content by someone outside the bill is written down."""

from collections.abc import Iterable

from django.db import transaction

from drafting.models import OversightRecord


@transaction.atomic
def oversight_record(
    *,
    actor,
    action: str,
    model: str,
    bill_ids: Iterable[int],
    path: str,
    object_id: str = "",
    object_repr: str = "",
) -> OversightRecord | None:
    """Log that actor read bill content of bills they are not a member of; nothing when none."""
    outside = sorted(set(bill_ids))
    if not outside:
        return None
    record = OversightRecord(
        user=actor,
        action=action,
        model=model,
        object_id=str(object_id)[:40],
        object_repr=object_repr[:200],
        bill_ids=outside,
        path=path[:2000],
    )
    record.full_clean()
    record.save()
    return record

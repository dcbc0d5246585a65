"""The revisions' hash chain: recompute every digest and name the first link that does not hold."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from drafting.models import Revision
from drafting.models.provisions import revision_digest

FIELDS = ("id", "provision_id", "number", "base_id", "text_zh", "text_en", "note", "author_id")


@dataclass(frozen=True)
class Break:
    """The first revision whose stored digest is not the digest of its base and its fields."""

    revision_id: int
    provision_id: int
    number: int

    def __str__(self) -> str:
        return _(
            "History broken at revision %(number)d of provision %(provision)d (id %(id)d): its "
            "text or its base was changed after it was written."
        ) % {"number": self.number, "provision": self.provision_id, "id": self.revision_id}


def first_break(rows: Iterable[dict]) -> Break | None:
    """Rows in the order written (by id); None when every digest holds."""
    digests: dict[int, str] = {}
    for row in rows:
        base = digests.get(row["base_id"], "") if row["base_id"] else ""
        expected = revision_digest(
            base_digest=base,
            **{name: row[name] for name in FIELDS if name not in ("id", "base_id")},
            created_at=row["created_at"],
        )
        if row["digest"] != expected:
            return Break(row["id"], row["provision_id"], row["number"])
        digests[row["id"]] = row["digest"]
    return None


def _rows(queryset) -> Iterable[dict]:
    return queryset.order_by("pk").values(*FIELDS, "created_at", "digest").iterator()


def verify_provision(provision_id: int) -> Break | None:
    """Check one provision's chain (one query)."""
    return first_break(_rows(Revision.objects.filter(provision_id=provision_id)))


def verify_all() -> tuple[int, Break | None]:
    """Check every chain: how many revisions were read, and the first break if any."""
    count = 0

    def counted():
        nonlocal count
        for row in _rows(Revision.objects.all()):
            count += 1
            yield row

    found = first_break(counted())
    return count, found


def verify_loaded(revisions: Iterable[Revision]) -> Break | None:
    """Check revisions a page has already loaded (no query)."""
    rows = [
        {
            **{name: getattr(r, name) for name in FIELDS},
            "created_at": r.created_at,
            "digest": r.digest,
        }
        for r in sorted(revisions, key=lambda r: r.pk)
    ]
    return first_break(rows)

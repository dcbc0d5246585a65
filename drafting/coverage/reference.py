"""The coverage analysis queries: reference data, the bill provisions and its links."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

from drafting.coverage.common import CHINA
from drafting.coverage.rows import JurisdictionInfo, JurisdictionLevel, ProvisionInfo
from drafting.models import Bill, LinkStatus, Provision, ProvisionObligation
from proposals.models import Assessment, Obligation, ProposalTarget


@dataclass
class _Reference:
    obligations: list[dict]
    assessments: dict[int, dict[str, JurisdictionLevel]]
    relies_on: dict[int, set[int]]
    jurisdictions: dict[str, JurisdictionInfo]
    targets: list[dict]


def _reference() -> _Reference:
    """Obligations, assessments with the articles they rely on, proposal targets: three queries."""
    obligations = list(
        Obligation.objects.order_by(
            "instrument__position", "instrument__code", "position", "code"
        ).values(
            "id",
            "code",
            "article_ref",
            "statement_en",
            "statement_zh",
            "kind",
            "strength",
            "binding_on_china",
            "binding_note",
            "confidence",
            "instrument__code",
            "instrument__short_title_en",
            "instrument__short_title_zh",
            "instrument__hong_kong",
            "instrument__kind",
            "instrument__china_status",
            "instrument__interprets_id",
        )
    )
    assessments: dict[int, dict[str, JurisdictionLevel]] = defaultdict(dict)
    relies_on: dict[int, set[int]] = defaultdict(set)
    jurisdictions: dict[str, JurisdictionInfo] = {}
    # One row per relied-on article (LEFT JOIN over the through table), or one with None.
    for row in Assessment.objects.order_by().values(
        "obligation_id",
        "level",
        "citation",
        "note_en",
        "confidence",
        "jurisdiction__code",
        "jurisdiction__name_en",
        "jurisdiction__name_zh",
        "relies_on",
    ):
        code = row["jurisdiction__code"]
        if code not in jurisdictions:
            jurisdictions[code] = JurisdictionInfo(
                code, row["jurisdiction__name_en"], row["jurisdiction__name_zh"]
            )
        if code not in assessments[row["obligation_id"]]:
            assessments[row["obligation_id"]][code] = JurisdictionLevel(
                code=code,
                name_en=row["jurisdiction__name_en"],
                name_zh=row["jurisdiction__name_zh"],
                level=row["level"],
                citation=row["citation"],
                note_en=row["note_en"],
                confidence=row["confidence"],
            )
        if code == CHINA and row["relies_on"] is not None:
            relies_on[row["obligation_id"]].add(row["relies_on"])
    targets = list(
        ProposalTarget.objects.order_by("proposal__position", "proposal__code", "-primary").values(
            "proposal__code",
            "proposal__title_en",
            "proposal__title_zh",
            "obligation_id",
            "primary",
        )
    )
    return _Reference(obligations, assessments, relies_on, jurisdictions, targets)


def _provisions(bill: Bill) -> dict[int, ProvisionInfo]:
    """The bill's provisions in order (one query)."""
    return {
        row["id"]: ProvisionInfo(**row)
        for row in Provision.objects.filter(bill=bill)
        .order_by("position")
        .values(
            "id",
            "position",
            "title_en",
            "title_zh",
            "status",
            "operation",
            "target_article_id",
            "created_at",
        )
    }


def _link_rows(
    bill: Bill, links: QuerySet[ProvisionObligation], moment: datetime | None = None
) -> list[dict]:
    """The bill's links from the given link queryset (active, or as of a moment): one query.

    Each row's status is its review as it stood then (proposed before the review was written).
    """
    rows = list(
        links.filter(provision__bill=bill)
        .order_by("provision__position", "obligation_id")
        .values("provision_id", "obligation_id", "extent", "rationale", "review", "reviewed_at")
    )
    for row in rows:
        reviewed = row["review"] and (moment is None or row["reviewed_at"] <= moment)
        row["status"] = row["review"] if reviewed else LinkStatus.PROPOSED
    return rows

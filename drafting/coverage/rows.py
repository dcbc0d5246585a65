"""The coverage analysis result: rows, summaries and flags as plain dataclasses."""

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from django.urls import NoReverseMatch, reverse

from drafting.coverage.common import FULL, LOW_CONFIDENCE, NONE, RANK
from drafting.coverage.filters import Filters
from drafting.models import LinkStatus, Provision
from drafting.operations import CHANGING_OPERATIONS, Operation


@dataclass(frozen=True)
class Flag:
    code: str
    message: str


@dataclass(frozen=True)
class ProvisionInfo:
    """A provision of the bill as the coverage views show it."""

    id: int
    position: int
    title_en: str
    title_zh: str
    status: str
    operation: str
    target_article_id: int
    created_at: datetime | None = None

    @property
    def withdrawn(self) -> bool:
        return self.status == Provision.Status.WITHDRAWN

    @property
    def status_label(self) -> str:
        return str(Provision.Status(self.status).label)

    @property
    def operation_label(self) -> str:
        return str(Operation(self.operation).label)

    @property
    def changes_current_law(self) -> bool:
        """Repeals or replaces (part of) its target article, rather than inserting."""
        return self.operation in CHANGING_OPERATIONS

    @property
    def title(self) -> str:
        return self.title_zh or self.title_en


@dataclass(frozen=True)
class Link:
    """One active link of a provision to an obligation, with its review status."""

    provision: ProvisionInfo
    extent: str
    rationale: str
    status: str = LinkStatus.AGREED

    @property
    def agreed(self) -> bool:
        return self.status == LinkStatus.AGREED

    @property
    def status_label(self) -> str:
        return str(LinkStatus(self.status).label)


@dataclass(frozen=True)
class JurisdictionLevel:
    """One jurisdiction's assessment of one obligation."""

    code: str
    name_en: str
    name_zh: str
    level: str
    citation: str
    note_en: str
    confidence: str

    @property
    def verify(self) -> bool:
        return self.confidence in LOW_CONFIDENCE


@dataclass
class ObligationRow:
    """One obligation: China's law before the bill, the bill's links, the level after."""

    id: int
    code: str
    instrument_code: str
    instrument_title: str
    article_ref: str
    statement_en: str
    statement_zh: str
    kind: str
    strength: str
    binding: bool
    binding_note: str
    confidence: str
    applies_to_hong_kong: bool
    baseline: JurisdictionLevel | None
    links: list[Link] = field(default_factory=list)
    changed_by: list[ProvisionInfo] = field(default_factory=list)
    before: str = NONE
    bill_level: str = NONE
    after: str = NONE
    # The same if every proposed link were agreed (disputed links never count).
    bill_level_if_agreed: str = NONE
    after_if_agreed: str = NONE
    baseline_dropped: bool = False
    flags: list[Flag] = field(default_factory=list)

    @property
    def gap_before(self) -> bool:
        return self.binding and self.before != FULL

    @property
    def gap_after(self) -> bool:
        return self.binding and self.after != FULL

    @property
    def gap_after_if_agreed(self) -> bool:
        return self.binding and self.after_if_agreed != FULL

    @property
    def pending(self) -> list[Link]:
        """Links waiting for review."""
        return [link for link in self.links if link.status == LinkStatus.PROPOSED]

    @property
    def change(self) -> int:
        """+1 gained, -1 lost, 0 unchanged."""
        delta = RANK[self.after] - RANK[self.before]
        return (delta > 0) - (delta < 0)

    @property
    def verify(self) -> bool:
        return self.confidence in LOW_CONFIDENCE or bool(self.baseline and self.baseline.verify)

    @cached_property
    def url(self) -> str | None:
        """The obligation's reference page (None when its code cannot be a URL path segment)."""
        try:
            return reverse("proposals:obligation", kwargs={"code": self.code})
        except NoReverseMatch:
            return None

    @cached_property
    def links_by_provision(self) -> dict[int, Link]:
        """Provision id -> its link (read after the links are attached)."""
        return {link.provision.id: link for link in self.links}

    def extent_for(self, provision_id: int) -> str | None:
        """The extent of this provision's link to the obligation, if any."""
        link = self.links_by_provision.get(provision_id)
        return link.extent if link else None

    def link_cell(self, provision_id: int) -> str:
        """The extent as a cell says it: "partial", or "full (proposed)" until it is agreed."""
        link = self.links_by_provision.get(provision_id)
        if link is None:
            return ""
        return link.extent if link.agreed else f"{link.extent} ({link.status_label})"

    def flag_codes(self) -> list[str]:
        return [flag.code for flag in self.flags]


@dataclass(frozen=True)
class InstrumentSummary:
    code: str
    title: str
    total: int
    binding: int
    before: dict[str, int]
    after: dict[str, int]
    gaps_before: int
    gaps_after: int


@dataclass(frozen=True)
class ProposalSummary:
    """A proposal's primary (binding-target) obligations before and after the bill."""

    code: str
    title_en: str
    title_zh: str
    primary: list[ObligationRow]
    support: list[ObligationRow]
    before: dict[str, int]
    after: dict[str, int]


@dataclass(frozen=True)
class IcmecCriterion:
    """One ICMEC criterion: China before and after the bill beside the compared jurisdictions."""

    row: ObligationRow
    others: list[JurisdictionLevel | None]


@dataclass(frozen=True)
class Summary:
    total: int
    binding_total: int
    binding_before: dict[str, int]
    binding_after: dict[str, int]
    gaps_before: int
    gaps_after: int
    gained: int
    lost: int
    flagged_baseline: int
    binding_after_if_agreed: dict[str, int]
    gaps_after_if_agreed: int
    links_proposed: int
    links_disputed: int
    not_hong_kong: list[str]  # codes of the shown instruments China declared do not reach Hong Kong
    instruments: list[InstrumentSummary]
    proposals: list[ProposalSummary]
    icmec: list[IcmecCriterion]


@dataclass(frozen=True)
class JurisdictionInfo:
    code: str
    name_en: str
    name_zh: str


@dataclass
class Coverage:
    """The coverage of one bill: rows shown (after filters), provisions and summaries."""

    bill_id: int
    filters: Filters
    rows: list[ObligationRow]
    all_rows: list[ObligationRow]
    provisions: list[ProvisionInfo]
    withdrawn: list[ProvisionInfo]
    summary: Summary
    instruments: list[tuple[str, str]]
    compared: list[JurisdictionInfo]
    assessments: dict[int, dict[str, JurisdictionLevel]]

    @property
    def instrument_codes(self) -> set[str]:
        return {code for code, _title in self.instruments}

    def row(self, code: str) -> ObligationRow | None:
        return next((row for row in self.all_rows if row.code == code), None)

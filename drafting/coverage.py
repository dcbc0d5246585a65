"""Obligation coverage of a bill: what China's current law meets, what the bill adds, what stays open.

A read model, computed in five SQL queries whatever the size of the bill or the register:
obligations with their instruments; every assessment with the articles it relies on (one LEFT JOIN
over the through table); the bill's provisions; the bill's obligation links (active ones, or those
that stood at a moment); the proposals' targets. Everything else is done in Python.

Rules:
1. Before: China's (CN) assessment of its current law (a missing assessment counts as none).
2. The bill's level: full when any link of a provision that is not withdrawn says full, partial when
   only partial links exist (partial plus partial stays partial: two partial measures are not shown
   to add up to compliance unless a drafter records a full link and its rationale).
3. After: the higher of the baseline and the bill's level, except in rule 4.
4. A provision (not withdrawn) that repeals or replaces an article the baseline relies on, or
   repeals or replaces paragraphs of it, takes that article's contribution away: the old text no
   longer exists once the bill is in force, and the replacing text meets the obligation only as far
   as the bill's links say. An assessment is one judgement over all the articles it cites and does
   not say what each contributes, so the baseline as a whole no longer counts: after = the bill's
   level (a partial link of the replacing provision gives partial, not the old full; no link gives
   none). The row is flagged so that a scholar re-assesses or links the provision. Paragraph
   operations count too because assessments cite articles, not paragraphs: the tool cannot tell
   that an untouched paragraph carried the obligation, so it does not claim it.
5. Binding gaps are binding obligations (binding on China) not fully met after the bill; persuasive
   and comparative obligations (soft law, model law, conventions China has not ratified) never are.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from functools import cached_property

from django.core.exceptions import ValidationError
from django.db.models import Max, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from drafting.models import Bill, Provision, ProvisionObligation, ReviewEvent
from proposals.models import Assessment, Confidence, Level, Obligation, ProposalTarget

# Plain strings (not the TextChoices members) so that they serialize as they are.
NONE, PARTIAL, FULL = "none", "partial", "full"
LEVELS: tuple[str, ...] = (NONE, PARTIAL, FULL)
RANK = {NONE: 0, PARTIAL: 1, FULL: 2}
CHINA = "CN"
# The jurisdictions the scorecard and the comparative table set beside China, in this order.
COMPARED = ("US", "GB", "AU", "CA", "JP")
ICMEC_CODES = tuple(f"ICMEC-{n}" for n in range(1, 6))
# Operations that take an article of current law (or part of it) away from the baseline.
CHANGING_OPERATIONS = frozenset(
    {
        Provision.Operation.REPEAL_ARTICLE,
        Provision.Operation.REPLACE_ARTICLE,
        Provision.Operation.REPEAL_PARAGRAPHS,
        Provision.Operation.REPLACE_PARAGRAPHS,
    }
)
REVIEW_STATUSES = (Provision.Status.IN_REVIEW, Provision.Status.APPROVED)
LOW_CONFIDENCE = frozenset({Confidence.MEDIUM, Confidence.LOW})
MAX_FILTER_LENGTH = 32

# Flag codes (stable, for the API and tests); their messages are translated when computed.
GAP = "binding_gap"
BASELINE_CHANGED = "baseline_article_changed"
NOT_HONG_KONG = "not_hong_kong"
VERIFY = "verify_before_citing"
NOT_ASSESSED = "not_assessed"


def higher(a: str, b: str) -> str:
    """The higher of two levels."""
    return a if RANK[a] >= RANK[b] else b


def level_counts(levels: Iterable[str]) -> dict[str, int]:
    """How many of each level, always with all three keys."""
    counts = dict.fromkeys(LEVELS, 0)
    for level in levels:
        counts[level] += 1
    return counts


# --- filters --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """Which obligations to show; empty values mean no filter."""

    instrument: str = ""
    binding: bool | None = None
    kind: str = ""
    strength: str = ""

    @property
    def active(self) -> bool:
        return bool(self.instrument or self.kind or self.strength) or self.binding is not None

    def matches(self, row: "ObligationRow") -> bool:
        return (
            (not self.instrument or row.instrument_code == self.instrument)
            and (self.binding is None or row.binding == self.binding)
            and (not self.kind or row.kind == self.kind)
            and (not self.strength or row.strength == self.strength)
        )

    def as_params(self) -> dict[str, str]:
        """The filters as query parameters (for links that keep them)."""
        params = {"instrument": self.instrument, "kind": self.kind, "strength": self.strength}
        if self.binding is not None:
            params["binding"] = "true" if self.binding else "false"
        return {key: value for key, value in params.items() if value}


TRUE_WORDS = frozenset({"true", "1", "yes", "on"})
FALSE_WORDS = frozenset({"false", "0", "no", "off"})


def parse_filters(params: Mapping[str, str]) -> Filters:
    """Filters from query parameters; ValidationError (message dict) for values that cannot be."""
    errors: dict[str, str] = {}
    values = {}
    for name in ("instrument", "binding", "kind", "strength"):
        value = (params.get(name) or "").strip()
        if len(value) > MAX_FILTER_LENGTH:
            errors[name] = _("Too long: at most %(n)d characters.") % {"n": MAX_FILTER_LENGTH}
        values[name] = value
    binding = None
    if values["binding"]:
        word = values["binding"].lower()
        if word in TRUE_WORDS:
            binding = True
        elif word in FALSE_WORDS:
            binding = False
        else:
            errors["binding"] = _("Binding is true or false.")
    if values["kind"] and values["kind"] not in Obligation.Kind.values:
        errors.setdefault("kind", _("Unknown kind of obligation."))
    if values["strength"] and values["strength"] not in Obligation.Strength.values:
        errors.setdefault("strength", _("Unknown strength: mandatory, optional or recommended."))
    if errors:
        raise ValidationError(errors)
    return Filters(
        instrument=values["instrument"],
        binding=binding,
        kind=values["kind"],
        strength=values["strength"],
    )


# --- result ---------------------------------------------------------------------------------


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
        return str(Provision.Operation(self.operation).label)

    @property
    def changes_current_law(self) -> bool:
        """Repeals or replaces (part of) its target article, rather than inserting."""
        return self.operation in CHANGING_OPERATIONS

    @property
    def title(self) -> str:
        return self.title_zh or self.title_en


@dataclass(frozen=True)
class Link:
    """One active link of a provision to an obligation."""

    provision: ProvisionInfo
    extent: str
    rationale: str


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

    @property
    def level_label(self) -> str:
        return str(Level(self.level).label)


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
    baseline_dropped: bool = False
    flags: list[Flag] = field(default_factory=list)

    @property
    def before_label(self) -> str:
        return str(Level(self.before).label)

    @property
    def after_label(self) -> str:
        return str(Level(self.after).label)

    @property
    def gap_before(self) -> bool:
        return self.binding and self.before != FULL

    @property
    def gap_after(self) -> bool:
        return self.binding and self.after != FULL

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
    def extents(self) -> dict[int, str]:
        """Provision id -> extent of its link (read after the links are attached)."""
        return {link.provision.id: link.extent for link in self.links}

    def extent_for(self, provision_id: int) -> str | None:
        """The extent of this provision's link to the obligation, if any."""
        return self.extents.get(provision_id)

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


# --- queries (the five) ---------------------------------------------------------------------


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
            "instrument__applies_to_hong_kong",
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


def _link_rows(bill: Bill, links: QuerySet[ProvisionObligation]) -> list[dict]:
    """The bill's links from the given link queryset (active, or as of a moment): one query."""
    return list(
        links.filter(provision__bill=bill)
        .order_by("provision__position", "obligation_id")
        .values("provision_id", "obligation_id", "extent", "rationale")
    )


# --- computation ----------------------------------------------------------------------------


def _row(ob: dict, baseline: JurisdictionLevel | None, zh: bool) -> ObligationRow:
    return ObligationRow(
        id=ob["id"],
        code=ob["code"],
        instrument_code=ob["instrument__code"],
        instrument_title=(zh and ob["instrument__short_title_zh"])
        or ob["instrument__short_title_en"],
        article_ref=ob["article_ref"],
        statement_en=ob["statement_en"],
        statement_zh=ob["statement_zh"],
        kind=ob["kind"],
        strength=ob["strength"],
        binding=ob["binding_on_china"],
        binding_note=ob["binding_note"],
        confidence=ob["confidence"],
        applies_to_hong_kong=ob["instrument__applies_to_hong_kong"],
        baseline=baseline,
        before=baseline.level if baseline else NONE,
    )


def _assess(
    row: ObligationRow, relied: set[int], changing: dict[int, list[ProvisionInfo]]
) -> ObligationRow:
    """Apply the rules (module docstring) to one row whose links are already attached."""
    extents = {link.extent for link in row.links}
    row.bill_level = FULL if FULL in extents else PARTIAL if extents else NONE
    row.changed_by = [p for article in sorted(relied) for p in changing.get(article, [])]
    row.changed_by.sort(key=lambda p: p.position)
    # Rule 4: the bill repeals or replaces an article the baseline relies on, so the baseline no
    # longer counts and only the bill's own links say how far the obligation is met.
    row.baseline_dropped = bool(row.changed_by) and row.before != NONE
    row.after = row.bill_level if row.changed_by else higher(row.before, row.bill_level)
    row.flags = _flags(row)
    return row


def _flags(row: ObligationRow) -> list[Flag]:
    flags = []
    if row.gap_after:
        flags.append(Flag(GAP, _("Binding on China and not fully met after the bill.")))
    if row.changed_by:
        items = ", ".join(str(p.position) for p in row.changed_by)
        flags.append(
            Flag(
                BASELINE_CHANGED,
                _(
                    "The baseline relied on an article this bill repeals or replaces (item "
                    "%(items)s): current law no longer counts; only the bill's links do. "
                    "Re-assess or link the provision."
                )
                % {"items": items},
            )
        )
    if row.baseline is None:
        flags.append(Flag(NOT_ASSESSED, _("China's current law is not assessed: counted as none.")))
    if not row.applies_to_hong_kong:
        flags.append(Flag(NOT_HONG_KONG, _("Does not apply to Hong Kong (China's declaration).")))
    if row.verify:
        flags.append(Flag(VERIFY, _("Confidence below [K]: verify before citing.")))
    return flags


def _rows(
    ref: _Reference, provisions: dict[int, ProvisionInfo], link_rows: list[dict]
) -> list[ObligationRow]:
    """Every obligation with its baseline, the bill's links and the level after."""
    links: dict[int, list[Link]] = defaultdict(list)
    for link in link_rows:
        provision = provisions.get(link["provision_id"])
        # A withdrawn provision's links do not count.
        if provision is None or provision.withdrawn:
            continue
        links[link["obligation_id"]].append(Link(provision, link["extent"], link["rationale"]))
    changing: dict[int, list[ProvisionInfo]] = defaultdict(list)
    for provision in provisions.values():
        if not provision.withdrawn and provision.operation in CHANGING_OPERATIONS:
            changing[provision.target_article_id].append(provision)
    zh = (get_language() or "").startswith("zh")
    rows = []
    for ob in ref.obligations:
        row = _row(ob, ref.assessments.get(ob["id"], {}).get(CHINA), zh)
        row.links = links.get(ob["id"], [])
        rows.append(_assess(row, ref.relies_on.get(ob["id"], set()), changing))
    return rows


def _summary(
    rows: list[ObligationRow], ref: _Reference, by_id: dict[int, ObligationRow]
) -> Summary:
    binding = [row for row in rows if row.binding]
    instruments: dict[str, list[ObligationRow]] = defaultdict(list)
    for row in rows:
        instruments[row.instrument_code].append(row)
    return Summary(
        total=len(rows),
        binding_total=len(binding),
        binding_before=level_counts(row.before for row in binding),
        binding_after=level_counts(row.after for row in binding),
        gaps_before=sum(row.gap_before for row in rows),
        gaps_after=sum(row.gap_after for row in rows),
        gained=sum(row.change > 0 for row in rows),
        lost=sum(row.change < 0 for row in rows),
        flagged_baseline=sum(bool(row.changed_by) for row in rows),
        not_hong_kong=sorted({row.instrument_code for row in rows if not row.applies_to_hong_kong}),
        instruments=[
            InstrumentSummary(
                code=code,
                title=group[0].instrument_title,
                total=len(group),
                binding=sum(row.binding for row in group),
                before=level_counts(row.before for row in group),
                after=level_counts(row.after for row in group),
                gaps_before=sum(row.gap_before for row in group),
                gaps_after=sum(row.gap_after for row in group),
            )
            for code, group in instruments.items()
        ],
        proposals=_proposal_summaries(ref.targets, {row.id for row in rows}, by_id),
        icmec=_icmec(ref, by_id),
    )


def _proposal_summaries(
    targets: list[dict], shown: set[int], by_id: dict[int, ObligationRow]
) -> list[ProposalSummary]:
    grouped: dict[str, dict] = {}
    for target in targets:
        entry = grouped.setdefault(
            target["proposal__code"],
            {
                "title_en": target["proposal__title_en"],
                "title_zh": target["proposal__title_zh"],
                "primary": [],
                "support": [],
            },
        )
        row = by_id.get(target["obligation_id"])
        if row is not None and row.id in shown:
            entry["primary" if target["primary"] else "support"].append(row)
    return [
        ProposalSummary(
            code=code,
            title_en=entry["title_en"],
            title_zh=entry["title_zh"],
            primary=entry["primary"],
            support=entry["support"],
            before=level_counts(row.before for row in entry["primary"]),
            after=level_counts(row.after for row in entry["primary"]),
        )
        for code, entry in grouped.items()
    ]


def _icmec(ref: _Reference, by_id: dict[int, ObligationRow]) -> list[IcmecCriterion]:
    rows = {row.code: row for row in by_id.values() if row.code in ICMEC_CODES}
    return [
        IcmecCriterion(
            row=rows[code],
            others=[ref.assessments.get(rows[code].id, {}).get(j) for j in COMPARED],
        )
        for code in ICMEC_CODES
        if code in rows
    ]


# Names for a compared jurisdiction that no assessment mentions (so no query fetched its row).
COMPARED_NAMES = {
    "US": ("United States", "美国"),
    "GB": ("United Kingdom", "英国"),
    "AU": ("Australia", "澳大利亚"),
    "CA": ("Canada", "加拿大"),
    "JP": ("Japan", "日本"),
}


def _compared(ref: _Reference) -> list[JurisdictionInfo]:
    return [
        ref.jurisdictions.get(code) or JurisdictionInfo(code, *COMPARED_NAMES[code])
        for code in COMPARED
    ]


def compute_coverage(bill: Bill, filters: Filters | None = None) -> Coverage:
    """The bill's coverage of every obligation (five queries), filtered for display."""
    filters = filters or Filters()
    ref = _reference()
    provisions = _provisions(bill)
    all_rows = _rows(ref, provisions, _link_rows(bill, ProvisionObligation.objects.active()))
    by_id = {row.id: row for row in all_rows}
    rows = [row for row in all_rows if filters.matches(row)]
    instruments: dict[str, str] = {}
    for row in all_rows:
        instruments.setdefault(row.instrument_code, row.instrument_title)
    return Coverage(
        bill_id=bill.pk,
        filters=filters,
        rows=rows,
        all_rows=all_rows,
        provisions=[p for p in provisions.values() if not p.withdrawn],
        withdrawn=[p for p in provisions.values() if p.withdrawn],
        summary=_summary(rows, ref, by_id),
        instruments=sorted(instruments.items()),
        compared=_compared(ref),
        assessments=ref.assessments,
    )


def gaps_first(rows: Iterable[ObligationRow]) -> list[ObligationRow]:
    """Binding gaps first, then the other rows not fully met; each group in register order."""
    rows = list(rows)
    binding = [row for row in rows if row.gap_after]
    others = [row for row in rows if not row.gap_after and row.after != FULL]
    return binding + others


# --- change between two moments -------------------------------------------------------------


@dataclass(frozen=True)
class LinkChange:
    provision: ProvisionInfo
    extent: str
    rationale: str


@dataclass(frozen=True)
class ObligationChange:
    """One obligation whose level or links changed since the moment."""

    row: ObligationRow
    then: str
    now: str
    added: list[LinkChange]
    removed: list[LinkChange]

    @property
    def direction(self) -> str:
        if RANK[self.now] > RANK[self.then]:
            return "gained"
        if RANK[self.now] < RANK[self.then]:
            return "lost"
        return "unchanged"


@dataclass(frozen=True)
class CoverageChange:
    since: datetime
    source: str  # "date", "review" (the last review) or "created" (no review yet)
    changes: list[ObligationChange]

    @property
    def gained(self) -> list[ObligationChange]:
        return [c for c in self.changes if c.direction == "gained"]

    @property
    def lost(self) -> list[ObligationChange]:
        return [c for c in self.changes if c.direction == "lost"]

    @property
    def relinked(self) -> list[ObligationChange]:
        return [c for c in self.changes if c.direction == "unchanged"]


def last_review(bill: Bill) -> datetime | None:
    """When a provision of the bill last went into review or was approved."""
    return ReviewEvent.objects.filter(
        provision__bill=bill, to_status__in=REVIEW_STATUSES
    ).aggregate(at=Max("created_at"))["at"]


def start_of(day: date) -> datetime:
    """Midnight at the start of a day, in the site's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


def _statuses_at(
    bill: Bill, moment: datetime, provisions: dict[int, ProvisionInfo]
) -> dict[int, ProvisionInfo]:
    """Provisions with the workflow status they had at the moment, read from their review events."""
    then: dict[int, str] = {}
    for event in (
        ReviewEvent.objects.filter(provision__bill=bill)
        .order_by("created_at", "pk")
        .values("provision_id", "from_status", "to_status", "created_at")
    ):
        if event["created_at"] <= moment:
            then[event["provision_id"]] = event["to_status"]
        else:
            # The first move after the moment tells where the provision stood at it.
            then.setdefault(event["provision_id"], event["from_status"] or Provision.Status.DRAFT)
    # Provisions without any event keep their current status; those written after the moment did
    # not exist then, so they can neither link nor take a baseline article away.
    return {
        pk: replace(p, status=then.get(pk, p.status))
        for pk, p in provisions.items()
        if p.created_at is None or p.created_at <= moment
    }


def _link_keys(rows: list[ObligationRow]) -> dict[int, dict[tuple[int, str], Link]]:
    return {row.id: {(link.provision.id, link.extent): link for link in row.links} for row in rows}


def coverage_change(bill: Bill, since: date | datetime | None = None) -> CoverageChange:
    """Obligations that gained or lost coverage (or were re-linked) since a date or the last review."""
    if since is None:
        moment, source = last_review(bill), "review"
        if moment is None:
            moment, source = bill.created_at, "created"
    elif isinstance(since, datetime):
        moment, source = since, "date"
    else:
        moment, source = start_of(since), "date"
    ref = _reference()
    provisions = _provisions(bill)
    now_rows = _rows(ref, provisions, _link_rows(bill, ProvisionObligation.objects.active()))
    then_rows = _rows(
        ref,
        _statuses_at(bill, moment, provisions),
        _link_rows(bill, ProvisionObligation.objects.as_of(moment)),
    )
    now_links, then_links = _link_keys(now_rows), _link_keys(then_rows)
    changes = []
    for now, then in zip(now_rows, then_rows, strict=True):
        added = [
            LinkChange(link.provision, link.extent, link.rationale)
            for key, link in now_links[now.id].items()
            if key not in then_links[now.id]
        ]
        removed = [
            LinkChange(link.provision, link.extent, link.rationale)
            for key, link in then_links[now.id].items()
            if key not in now_links[now.id]
        ]
        if added or removed or now.after != then.after:
            changes.append(ObligationChange(now, then.after, now.after, added, removed))
    return CoverageChange(since=moment, source=source, changes=changes)


# --- plain data (API, CSV) ------------------------------------------------------------------


def row_data(row: ObligationRow) -> dict:
    """One obligation as the API returns it."""
    return {
        "code": row.code,
        "instrument": row.instrument_code,
        "kind": row.kind,
        "strength": row.strength,
        "binding": row.binding,
        "before": str(row.before),
        "bill": str(row.bill_level),
        "after": str(row.after),
        "baseline_citation": row.baseline.citation if row.baseline else "",
        "baseline_confidence": row.baseline.confidence if row.baseline else "",
        "provisions": [
            {
                "id": link.provision.id,
                "position": link.provision.position,
                "extent": link.extent,
                "rationale": link.rationale,
                "status": link.provision.status,
            }
            for link in row.links
        ],
        "changed_by": [p.id for p in row.changed_by],
        "baseline_counts": not row.changed_by,
        "flags": [{"code": flag.code, "message": flag.message} for flag in row.flags],
    }


def summary_data(coverage: Coverage) -> dict:
    """The summaries as the API returns them."""
    summary = coverage.summary
    return {
        "filters": coverage.filters.as_params(),
        "obligations": summary.total,
        "binding": {
            "total": summary.binding_total,
            "before": summary.binding_before,
            "after": summary.binding_after,
            "gaps_before": summary.gaps_before,
            "gaps_after": summary.gaps_after,
        },
        "gained": summary.gained,
        "lost": summary.lost,
        "baseline_article_changed": summary.flagged_baseline,
        "not_hong_kong": summary.not_hong_kong,
        "instruments": [
            {
                "code": item.code,
                "total": item.total,
                "binding": item.binding,
                "before": item.before,
                "after": item.after,
                "gaps_before": item.gaps_before,
                "gaps_after": item.gaps_after,
            }
            for item in summary.instruments
        ],
        "proposals": [
            {
                "code": item.code,
                "title_en": item.title_en,
                "title_zh": item.title_zh,
                "before": item.before,
                "after": item.after,
                "obligations": [
                    {"code": row.code, "before": str(row.before), "after": str(row.after)}
                    for row in item.primary
                ],
            }
            for item in summary.proposals
        ],
        "icmec": [
            {
                "code": item.row.code,
                "china_before": str(item.row.before),
                "china_after": str(item.row.after),
                "others": {
                    code: ({"level": other.level, "citation": other.citation} if other else None)
                    for code, other in zip(COMPARED, item.others, strict=True)
                },
            }
            for item in summary.icmec
        ],
    }

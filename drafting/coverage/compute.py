"""Coverage of a bill: baseline against the bill, per obligation."""

from collections import defaultdict
from collections.abc import Iterable

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from drafting.coverage.common import (
    BASELINE_CHANGED,
    CHINA,
    COMPARED,
    FULL,
    GAP,
    ICMEC_CODES,
    NONE,
    NOT_ASSESSED,
    NOT_HONG_KONG,
    PARTIAL,
    VERIFY,
    higher,
    level_counts,
)
from drafting.coverage.filters import Filters
from drafting.coverage.reference import _link_rows, _provisions, _Reference, _reference
from drafting.coverage.rows import (
    Coverage,
    Flag,
    IcmecCriterion,
    InstrumentSummary,
    JurisdictionInfo,
    JurisdictionLevel,
    Link,
    ObligationRow,
    ProposalSummary,
    ProvisionInfo,
    Summary,
)
from drafting.models import Bill, LinkStatus, ProvisionObligation
from drafting.operations import CHANGING_OPERATIONS
from proposals.binding import BindingStatus, binding_status
from proposals.models import Instrument
from proposals.numerals import article_ref_zh


def _status_label(ob: dict) -> str:
    """The obligation's legal status for China, in the page's language (not the brief's "Yes")."""
    instrument = Instrument(
        kind=ob["instrument__kind"],
        china_status=ob["instrument__china_status"],
        hong_kong=ob["instrument__hong_kong"],
        interprets_id=ob["instrument__interprets_id"],
    )
    return str(
        BindingStatus(binding_status(instrument, ob["strength"], ob["binding_on_china"])).label
    )


def _row(ob: dict, baseline: JurisdictionLevel | None, zh: bool) -> ObligationRow:
    return ObligationRow(
        id=ob["id"],
        code=ob["code"],
        instrument_code=ob["instrument__code"],
        instrument_title=(zh and ob["instrument__short_title_zh"])
        or ob["instrument__short_title_en"],
        article_ref=article_ref_zh(ob["article_ref"]) if zh else ob["article_ref"],
        statement_en=ob["statement_en"],
        statement_zh=ob["statement_zh"],
        kind=ob["kind"],
        strength=ob["strength"],
        binding=ob["binding_on_china"],
        binding_note=_status_label(ob) if zh else ob["binding_note"],
        confidence=ob["confidence"],
        # Only a declaration excluding Hong Kong is flagged; "not applicable or unknown" is not.
        applies_to_hong_kong=ob["instrument__hong_kong"] != Instrument.HongKong.DOES_NOT_APPLY,
        baseline=baseline,
        before=baseline.level if baseline else NONE,
    )


def _assess(
    row: ObligationRow, relied: set[int], changing: dict[int, list[ProvisionInfo]]
) -> ObligationRow:
    """Apply the rules (module docstring) to one row whose links are already attached."""
    row.bill_level = _level(link.extent for link in row.links if link.agreed)
    row.bill_level_if_agreed = _level(
        link.extent for link in row.links if link.status != LinkStatus.DISPUTED
    )
    row.changed_by = [p for article in sorted(relied) for p in changing.get(article, [])]
    row.changed_by.sort(key=lambda p: p.position)
    # Rule 4: the bill repeals or replaces an article the baseline relies on, so the baseline no
    # longer counts and only the bill's own links say how far the obligation is met.
    row.baseline_dropped = bool(row.changed_by) and row.before != NONE
    row.after = _after(row, row.bill_level)
    row.after_if_agreed = _after(row, row.bill_level_if_agreed)
    row.flags = _flags(row)
    return row


def _level(extents: Iterable[str]) -> str:
    extents = set(extents)
    return FULL if FULL in extents else PARTIAL if extents else NONE


def _after(row: ObligationRow, bill_level: str) -> str:
    return bill_level if row.changed_by else higher(row.before, bill_level)


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
        links[link["obligation_id"]].append(
            Link(provision, link["extent"], link["rationale"], link["status"])
        )
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
        binding_after_if_agreed=level_counts(row.after_if_agreed for row in binding),
        gaps_after_if_agreed=sum(row.gap_after_if_agreed for row in rows),
        links_proposed=sum(len(row.pending) for row in rows),
        links_disputed=sum(
            link.status == LinkStatus.DISPUTED for row in rows for link in row.links
        ),
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

"""Coverage pages of a bill: the obligations x provisions matrix, gaps, the ICMEC scorecard,
the comparative table per proposal, the change since a date or the last review, and a CSV.

Members only (outsiders and staff who are not members get 404); everything is read from the one
read model, drafting/coverage.py.
"""

import csv
import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from drafting.coverage import (
    COMPARED,
    RANK,
    Coverage,
    Filters,
    JurisdictionLevel,
    Link,
    ObligationRow,
    compute_coverage,
    coverage_change,
    gaps_first,
    parse_filters,
)
from drafting.models import Bill
from drafting.web.common import bill_for, login_required
from proposals.models import Level, Obligation

# A heat map beyond this many cells is unreadable and slow to draw; the CSV has it all.
MAX_CELLS = 40_000
MAX_SINCE_SHOWN = 32  # characters of a bad ?since= echoed back into the date field
CHART_WIDTH = 360  # px of the longest possible bar (all five criteria fully met)
# Citations the reform paper's Table 1 got wrong: neither is a CSAM criminal statute.
MISCITED = re.compile(
    r"\bCIPA\b|\bCOPA\b|Children's Internet Protection|Child Online Protection", re.IGNORECASE
)
# Characters that make a spreadsheet treat a cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _filters(request: HttpRequest) -> tuple[Filters, dict[str, str]]:
    """Filters from the query string, or none and the messages saying why."""
    try:
        return parse_filters(request.GET), {}
    except ValidationError as error:
        return Filters(), {field: " ".join(msgs) for field, msgs in error.message_dict.items()}


def _coverage(request: HttpRequest, bill: Bill) -> tuple[Coverage, dict[str, str]]:
    """The bill's coverage with the user's filters; an unknown instrument is an error too."""
    filters, errors = _filters(request)
    coverage = compute_coverage(bill, filters)
    if filters.instrument and filters.instrument not in coverage.instrument_codes:
        errors["instrument"] = _("No obligations of an instrument with that code.")
        coverage = compute_coverage(bill, Filters())
    return coverage, errors


def _context(request: HttpRequest, bill: Bill, coverage: Coverage, errors: dict) -> dict:
    return {
        "bill": bill,
        "coverage": coverage,
        "summary": coverage.summary,
        "errors": errors,
        "kinds": Obligation.Kind.choices,
        "strengths": Obligation.Strength.choices,
        "query": request.GET.urlencode() if not errors else "",
    }


def _render(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    return render(request, template, context, status=400 if context.get("errors") else 200)


# --- matrix ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class MatrixRow:
    row: ObligationRow
    cells: list[Link | None]


@login_required
@require_GET
def matrix(request: HttpRequest, pk: int) -> HttpResponse:
    """Obligations x provisions as a heat map, with the levels before and after the bill."""
    bill = bill_for(request, pk)
    cov, errors = _coverage(request, bill)
    context = _context(request, bill, cov, errors)
    context["too_large"] = len(cov.rows) * len(cov.provisions) > MAX_CELLS
    context["matrix"] = (
        []
        if context["too_large"]
        else [
            MatrixRow(row, [row.links_by_provision.get(p.id) for p in cov.provisions])
            for row in cov.rows
        ]
    )
    return _render(request, "drafting/coverage.html", context)


@login_required
@require_GET
def gaps(request: HttpRequest, pk: int) -> HttpResponse:
    """What stays open: binding gaps first, then the other obligations not fully met."""
    bill = bill_for(request, pk)
    cov, errors = _coverage(request, bill)
    context = _context(request, bill, cov, errors)
    ordered = gaps_first(cov.rows)
    context["binding_gaps"] = [row for row in ordered if row.gap_after]
    context["other_gaps"] = [row for row in ordered if not row.gap_after]
    return _render(request, "drafting/coverage_gaps.html", context)


# --- ICMEC scorecard ------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreSeries:
    """One bar of the chart: a jurisdiction (or China before/after) across the five criteria."""

    key: str
    label: str
    levels: list[str | None]
    highlight: bool = False

    @property
    def score(self) -> float:
        """Full = 1, partial = 0.5, none or not assessed = 0."""
        return sum(RANK[level] for level in self.levels if level) / 2

    @property
    def width(self) -> int:
        return round(self.score / max(len(self.levels), 1) * CHART_WIDTH)

    @property
    def met(self) -> int:
        """ICMEC's own reading: a criterion is met or not; our "partial" counts as not met."""
        return sum(1 for level in self.levels if level == Level.FULL)

    @property
    def sufficient(self) -> bool:
        """ICMEC's "sufficient legislation": criteria 1-4 met, ISP reporting (5) aside."""
        return len(self.levels) >= 4 and all(level == Level.FULL for level in self.levels[:4])


def _series(cov: Coverage) -> list[ScoreSeries]:
    icmec = cov.summary.icmec
    series = [
        ScoreSeries(
            "CN-before", _("China, current law"), [c.row.before for c in icmec], highlight=True
        ),
        ScoreSeries(
            "CN-after", _("China, with this bill"), [c.row.after for c in icmec], highlight=True
        ),
    ]
    for index, jurisdiction in enumerate(cov.compared):
        series.append(
            ScoreSeries(
                jurisdiction.code,
                _name(jurisdiction),
                [c.others[index].level if c.others[index] else None for c in icmec],
            )
        )
    return series


def _name(jurisdiction) -> str:
    """The jurisdiction's name in the page's language."""
    if (get_language() or "").startswith("zh") and jurisdiction.name_zh:
        return jurisdiction.name_zh
    return jurisdiction.name_en


@login_required
@require_GET
def icmec(request: HttpRequest, pk: int) -> HttpResponse:
    """The five ICMEC criteria: China before and after beside the compared jurisdictions."""
    bill = bill_for(request, pk)
    cov = compute_coverage(bill)
    series = _series(cov)
    context = _context(request, bill, cov, {})
    context.update(
        {
            "series": series,
            "chart_width": CHART_WIDTH,
            "chart_height": 34 * len(series) + 30,
            "bars": [(index * 34 + 8, s) for index, s in enumerate(series)],
            "ticks": [(n, round(n / 5 * CHART_WIDTH)) for n in range(6)],
            "compared": cov.compared,
        }
    )
    return render(request, "drafting/coverage_icmec.html", context)


# --- comparative table per proposal ---------------------------------------------------------


@dataclass(frozen=True)
class CompareCell:
    assessment: JurisdictionLevel | None

    @property
    def miscited(self) -> bool:
        """The citation leans on CIPA or COPA, which are not CSAM criminal statutes."""
        return bool(self.assessment and MISCITED.search(self.assessment.citation))


@dataclass(frozen=True)
class CompareRow:
    row: ObligationRow
    primary: bool
    cells: list[CompareCell]


def _compare_rows(cov: Coverage, rows: list[ObligationRow], primary: bool) -> list[CompareRow]:
    return [
        CompareRow(
            row,
            primary,
            [CompareCell(cov.assessments.get(row.id, {}).get(code)) for code in COMPARED],
        )
        for row in rows
    ]


@login_required
@require_GET
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    """How the compared jurisdictions' laws handle each proposal's obligations (Table 1 corrected)."""
    bill = bill_for(request, pk)
    cov = compute_coverage(bill)
    proposals = [
        (
            proposal,
            _compare_rows(cov, proposal.primary, True)
            + _compare_rows(cov, proposal.support, False),
        )
        for proposal in cov.summary.proposals
    ]
    context = _context(request, bill, cov, {})
    context.update({"proposals": proposals, "compared": cov.compared})
    return render(request, "drafting/coverage_compare.html", context)


# --- change since a moment ------------------------------------------------------------------


@login_required
@require_GET
def change(request: HttpRequest, pk: int) -> HttpResponse:
    """Obligations that gained or lost coverage since ?since=YYYY-MM-DD or the last review."""
    bill = bill_for(request, pk)
    raw = (request.GET.get("since") or "").strip()
    since, errors = None, {}
    if raw:
        try:
            since = date.fromisoformat(raw) if len(raw) == 10 else None
        except ValueError:
            since = None
        if since is None:
            errors["since"] = _("Give the date as YYYY-MM-DD.")
    result = coverage_change(bill, since)
    # Keep what the user typed in the field, valid or not, so that they can correct it.
    context = {"bill": bill, "change": result, "errors": errors, "since": raw[:MAX_SINCE_SHOWN]}
    return _render(request, "drafting/coverage_change.html", context)


# --- CSV ------------------------------------------------------------------------------------


def _cell(value) -> str:
    """Text that a spreadsheet will not run as a formula."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


@login_required
@require_GET
def matrix_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The matrix as CSV (UTF-8 with a BOM, so that Excel shows the Chinese)."""
    bill = bill_for(request, pk)
    cov, errors = _coverage(request, bill)
    if errors:
        return HttpResponse(
            "\n".join(f"{field}: {message}" for field, message in errors.items()),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="bill-{bill.pk}-coverage.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Obligation"),
            _("Instrument"),
            _("Article"),
            _("Kind"),
            _("Strength"),
            _("Binding on China"),
            _("Before the bill"),
            _("With the bill"),
            _("After the bill"),
            _("After the bill if all proposed links are agreed"),
            _("Flags"),
        ]
        + [_cell(f"{p.position}. {p.title}") for p in cov.provisions]
    )
    for row in cov.rows:
        writer.writerow(
            [
                _cell(row.code),
                _cell(row.instrument_code),
                _cell(row.article_ref),
                row.kind,
                row.strength,
                _("yes") if row.binding else _("no"),
                row.before,
                row.bill_level,
                row.after,
                row.after_if_agreed,
                _cell("; ".join(flag.message for flag in row.flags)),
            ]
            + [row.link_cell(p.id) for p in cov.provisions]
        )
    return response

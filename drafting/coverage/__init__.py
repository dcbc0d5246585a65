"""Obligation coverage of a bill: what China's current law meets, what the bill adds, what stays open.

A read model, computed in five SQL queries whatever the size of the bill or the register:
obligations with their instruments; every assessment with the articles it relies on (one LEFT JOIN
over the through table); the bill's provisions; the bill's obligation links (active ones, or those
that stood at a moment); the proposals' targets. Everything else is done in Python.

Rules:
1. Before: China's (CN) assessment of its current law (a missing assessment counts as none).
2. The bill's level: full when any agreed link of a provision that is not withdrawn says full,
   partial when only partial agreed links exist (partial plus partial stays partial: two partial
   measures are not shown to add up to compliance unless a full link and its rationale are agreed).
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
   A link counts once a reviewer or a second drafter agreed it. Proposed links are counted apart
   ("if all proposed links are agreed": bill_level_if_agreed, after_if_agreed); disputed never.
5. Binding gaps are binding obligations (binding on China) not fully met after the bill; persuasive
   and comparative obligations (soft law, model law, conventions China has not ratified) never are.
"""

from drafting.coverage.change import CoverageChange, coverage_change
from drafting.coverage.common import (
    BASELINE_CHANGED,
    CHINA,
    COMPARED,
    FULL,
    GAP,
    ICMEC_CODES,
    LEVELS,
    NONE,
    NOT_ASSESSED,
    NOT_HONG_KONG,
    PARTIAL,
    RANK,
    VERIFY,
)
from drafting.coverage.compute import compute_coverage, gaps_first
from drafting.coverage.data import row_data, summary_data
from drafting.coverage.filters import Filters, parse_filters
from drafting.coverage.rows import (
    Coverage,
    Flag,
    JurisdictionLevel,
    Link,
    ObligationRow,
    ProvisionInfo,
    Summary,
)

__all__ = [
    "BASELINE_CHANGED",
    "CHINA",
    "COMPARED",
    "Coverage",
    "CoverageChange",
    "FULL",
    "Filters",
    "Flag",
    "GAP",
    "ICMEC_CODES",
    "JurisdictionLevel",
    "LEVELS",
    "Link",
    "NONE",
    "NOT_ASSESSED",
    "NOT_HONG_KONG",
    "ObligationRow",
    "PARTIAL",
    "ProvisionInfo",
    "RANK",
    "Summary",
    "VERIFY",
    "compute_coverage",
    "coverage_change",
    "gaps_first",
    "parse_filters",
    "row_data",
    "summary_data",
]

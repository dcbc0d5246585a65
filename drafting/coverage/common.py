"""Levels, jurisdictions and flag codes shared by the coverage analysis."""

from collections.abc import Iterable

from drafting.models import Provision
from proposals.models import Confidence

# Plain strings (not the TextChoices members) so that they serialize as they are.
NONE, PARTIAL, FULL = "none", "partial", "full"
LEVELS: tuple[str, ...] = (NONE, PARTIAL, FULL)
RANK = {NONE: 0, PARTIAL: 1, FULL: 2}
CHINA = "CN"
# The jurisdictions the scorecard and the comparative table set beside China, in this order.
COMPARED = ("US", "GB", "AU", "CA", "JP")
ICMEC_CODES = tuple(f"ICMEC-{n}" for n in range(1, 6))
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

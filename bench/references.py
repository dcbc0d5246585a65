"""Benchmark and score cross-reference extraction on the whole Criminal Law.

Run from the repository root: `.venv/bin/python bench/references.py`
Prints precision and recall on the hand-checked gold list and the time to extract and resolve every
reference of the law (target: both at least 0.98; under 2 s).
"""

import os
import statistics
import sys
import time
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "drafting.settings")
django.setup()

from drafting.analysis.references import LawIndex, law_references  # noqa: E402
from drafting.analysis.scoring import law_from_statute, read_gold, score  # noqa: E402
from proposals.statutes import parse_statute_file  # noqa: E402

LAW = ROOT.parent / "shared/reference/statutes/criminal-law.md"
GOLD = ROOT / "tests/drafting/analysis/reference_gold.txt"
RUNS = 5


def extract_all() -> tuple[float, int, int]:
    """Seconds to index and resolve the whole law (median of RUNS), references, unresolved."""
    statute = parse_statute_file(LAW)
    times, references = [], []
    for _ in range(RUNS):
        start = time.perf_counter()
        law = LawIndex.from_articles((a.key, a.paragraphs) for a in statute.articles)
        references = law_references(law)
        times.append(time.perf_counter() - start)
    unresolved = sum(1 for r in references if r.problem)
    return statistics.median(times), len(references), unresolved


def main() -> int:
    if not LAW.exists():
        print(f"skipped: {LAW} is absent")
        return 0
    law = law_from_statute(parse_statute_file(LAW).articles)
    result, missed, extra = score(read_gold(GOLD, law), law)
    seconds, count, unresolved = extract_all()
    print(
        f"gold: {result.expected} references; found {result.found}, correct {result.correct}; "
        f"precision {result.precision:.3f}, recall {result.recall:.3f}"
    )
    for label, rows in (("missed", missed), ("extra", extra)):
        for row in rows:
            print(f"  {label}: {row}")
    print(
        f"whole law: {count} references ({unresolved} unresolved) "
        f"extracted and resolved in {seconds * 1000:.0f} ms (median of {RUNS})"
    )
    ok = result.precision >= 0.98 and result.recall >= 0.98 and seconds < 2
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

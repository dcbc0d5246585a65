"""Benchmark the test suite: `make test-fast` timed, with the machine's speed measured beside it.

Runs the exact pytest command of `make test-fast` (read from `make -n test-fast`) RUNS times and prints, for each
run, the wall time, the CPU time of pytest and its workers, the tests passed and skipped, and a calibration: a
fixed pure-Python workload timed just before the run. The host's speed drifts (the same suite took 100 to 218 s of
CPU on different days here), so the calibration says how fast the machine was when the figures were taken.

`--against REF` runs the same command alternately in a temporary worktree of the git revision REF (with this
checkout's virtual environment), so that the two are compared side by side on the same machine and minute.
`--cold` removes the kept test databases and compiled bytecode before each run (a fresh checkout's first run).

Run from the repository root: `.venv/bin/python bench/test_suite.py [--runs 3] [--against REF] [--cold]`
"""

import argparse
import os
import re
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.kept import FOLDER as KEPT_DATABASES  # noqa: E402  (where the suite keeps its databases)

TARGET_S = 60
SUMMARY = re.compile(r"(\d+) passed(?:, (\d+) skipped)?.* in ([\d.]+)s")


def suite_command() -> list[str]:
    """The pytest command line of `make test-fast`, without running its install step."""
    printed = subprocess.run(
        ["make", "-n", "--no-print-directory", "test-fast"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    line = next(line for line in printed.splitlines() if " -m pytest " in line)
    command = shlex.split(line)
    command[0] = str(ROOT / command[0])
    return command


def calibration() -> float:
    """CPU seconds of a fixed workload of integer arithmetic, dictionaries and strings."""
    started = time.process_time()
    table: dict[str, int] = {}
    for number in range(1_500_000):
        key = f"k{number % 5000}"
        table[key] = table.get(key, 0) + number * 3 // 7
    return time.process_time() - started


def make_cold(tree: Path) -> None:
    shutil.rmtree(KEPT_DATABASES, ignore_errors=True)
    for cache in tree.rglob("__pycache__"):
        if ".venv" not in cache.parts:
            shutil.rmtree(cache, ignore_errors=True)


def run_once(tree: Path, command: list[str]) -> dict:
    """One timed run in `tree`; the CPU time is that of the children (pytest and its workers)."""
    environment = {**os.environ, "PYTHONDONTWRITEBYTECODE": ""}
    calibrated = calibration()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    finished = subprocess.run(command, cwd=tree, env=environment, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    tail = finished.stdout.strip().splitlines()[-1] if finished.stdout.strip() else ""
    found = SUMMARY.search(tail)
    if finished.returncode != 0 or not found:
        sys.exit(f"the suite failed in {tree} (exit {finished.returncode}): {tail}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "wall": wall,
        "cpu": cpu,
        "passed": int(found.group(1)),
        "skipped": int(found.group(2) or 0),
        "calibration": calibrated,
    }


def worktree_of(revision: str) -> Path:
    """A worktree of revision beside this checkout, where ../shared (the reference texts) is found."""
    tree = Path(tempfile.mkdtemp(prefix=".bench-suite-", dir=ROOT.parent))
    subprocess.run(
        ["git", "worktree", "add", "--detach", "--quiet", str(tree), revision], cwd=ROOT, check=True
    )
    return tree


def report(label: str, runs: list[dict]) -> None:
    for number, run in enumerate(runs, start=1):
        print(
            f"{label} run {number}: {run['wall']:6.1f} s wall, {run['cpu']:6.1f} s CPU, "
            f"{run['passed']} passed, {run['skipped']} skipped; calibration {run['calibration']:.2f} s"
        )
    walls = [run["wall"] for run in runs]
    verdict = "met" if max(walls) < TARGET_S else "not met"
    print(
        f"{label}: median {statistics.median(walls):.1f} s, slowest {max(walls):.1f} s "
        f"(target < {TARGET_S} s in every run: {verdict})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--against", metavar="REF", help="a git revision to run alternately")
    parser.add_argument("--cold", action="store_true", help="no kept databases or bytecode")
    options = parser.parse_args()
    if options.runs < 1:
        parser.error("--runs must be at least 1")
    command = suite_command()
    print("command:", shlex.join(command[1:]), f"({os.cpu_count()} cores)")
    trees = {"this checkout": ROOT}
    if options.against:
        trees[options.against] = worktree_of(options.against)
    try:
        results: dict[str, list[dict]] = {label: [] for label in trees}
        for _ in range(options.runs):
            for label, tree in trees.items():
                if options.cold:
                    make_cold(tree)
                results[label].append(run_once(tree, command))
    finally:
        if options.against:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(trees[options.against])], cwd=ROOT
            )
    for label, runs in results.items():
        report(label, runs)


if __name__ == "__main__":
    main()

"""Counts, per reader of user files, how hostile and damaged inputs end (issue 8).

For each reader (syllabus YAML/JSON/TOML/CSV/XLSX, applicant JSON/YAML, roster, framework file,
SSSOM file) it tries the crafted hostile documents and special files of ``tests/hostile.py``
and randomly damaged copies of the reader's valid document (fixed seed), and counts: inputs
tried, accepted (a result), clean errors (one error of the package's hierarchy), uncaught
(anything else, a hang past 20 s included: must be 0). Then it checks a roster with bad rows
mixed in: rows in = results out.

Run from the checkout's root: ``python benchmarks/input_integrity.py [MUTATIONS_PER_READER]``.
"""

from __future__ import annotations

import random
import resource
import signal
import sys
import tempfile
import time
from pathlib import Path
from types import FrameType

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.hostile import crafted, mutate, readers, special_files

from peer_competencies import PeerCompetenciesError, eligibility

LIMIT_SECONDS = 20


class Hang(Exception):
    pass


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Hang(f"still running after {LIMIT_SECONDS} s")


def _outcome(read: object, path: Path) -> tuple[str, str]:
    try:
        signal.alarm(LIMIT_SECONDS)
        try:
            read(path)  # type: ignore[operator]
        finally:
            signal.alarm(0)
    except PeerCompetenciesError:
        return "clean", ""
    except BaseException as exc:
        return "uncaught", f"{type(exc).__name__}: {str(exc)[:200]}"
    return "accepted", ""


def main() -> int:
    mutations = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    signal.signal(signal.SIGALRM, _alarm)
    memory = 2 * 1024**3
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    rng = random.Random(2026)
    total_uncaught = 0
    print(f"{'reader':<16}{'tried':>7}{'accepted':>10}{'clean':>8}{'uncaught':>10}{'seconds':>9}")
    for reader in readers():
        counts = {"accepted": 0, "clean": 0, "uncaught": 0}
        started = time.perf_counter()
        with tempfile.TemporaryDirectory() as folder_name:
            folder = Path(folder_name)
            inputs: list[tuple[str, Path]] = list(special_files(folder, reader.suffix))
            documents = list(crafted(reader))
            documents += [(f"mutation {n}", mutate(reader.valid, rng)) for n in range(mutations)]
            for n, (name, data) in enumerate(documents):
                path = folder / f"doc{n}{reader.suffix}"
                path.write_bytes(data)
                inputs.append((name, path))
            for name, path in inputs:
                outcome, detail = _outcome(reader.read, path)
                counts[outcome] += 1
                if detail:
                    print(f"  UNCAUGHT {reader.name} / {name}: {detail}")
        total_uncaught += counts["uncaught"]
        seconds = time.perf_counter() - started
        print(
            f"{reader.name:<16}{sum(counts.values()):>7}{counts['accepted']:>10}"
            f"{counts['clean']:>8}{counts['uncaught']:>10}{seconds:>9.1f}"
        )
    return _roster_count(rng) or (1 if total_uncaught else 0)


def _roster_count(rng: random.Random) -> int:
    """A 10,000-row roster with one bad row in 20 of several kinds: rows in = results out."""
    header = "id,age,education,trainings.1.topic,trainings.1.hours"
    bad = [
        b"B,\xff\xfe,ged,x,1",
        b'B,"30,ged,x,1',
        b"B,30,ged,x," + b"9" * 140_000,
        b",,,,",
        b"B,30,ged,x,1,extra",
        b"B,-3,ged,x,1",
        b"B,30,phd,x,1",
    ]
    lines = [header.encode()]
    planted: dict[int, bytes] = {}
    for n in range(10_000):
        if rng.random() < 0.05:
            planted[n + 2] = rng.choice(bad)
            lines.append(planted[n + 2])
        else:
            lines.append(f"P-{n},{20 + n % 40},ged,ca-pss-core,{n % 90}".encode())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "roster.csv"
        path.write_bytes(b"\n".join(lines) + b"\n")
        results = list(eligibility.check_roster(eligibility.read_roster(path), "ga-cps"))
    rows_in = len(lines) - 1
    errors = sum(1 for r in results if r.error is not None)
    skipped = sum(1 for r in results if r.skipped)
    checked = sum(1 for r in results if r.ok)
    expected_skips = sum(1 for b in planted.values() if b == b",,,,")
    in_order = [r.row for r in results] == list(range(2, rows_in + 2))
    print(
        f"roster: {rows_in} rows in, {len(results)} results out ({checked} checked, "
        f"{errors} errors, {skipped} skipped); {len(planted)} bad rows planted "
        f"({expected_skips} empty); rows in order: {in_order}"
    )
    ok = len(results) == rows_in and errors + skipped == len(planted) and in_order
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""Names several test files share that must be importable: paths, records, types, the CLI runner.

``run_cli`` runs the command line in-process. The package has no public in-process entry point
for it, so this imports ``_cli.main``, the console script's target, and ``EXIT_ERROR`` (the
documented exit status 3 of an error) in this one place; the tests of other modules that run a
command take them from here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from peer_competencies._cli import EXIT_ERROR, main  # the console script's entry point, exit 3
from peer_competencies.crosswalk import Correspondence, Justification, Predicate, Step
from tests.eligibility_cases import applicant_of, with_

__all__ = [
    "ELIGIBLE_CA_PSS",
    "ELIGIBLE_CA_PSS_YAML",
    "EXIT_ERROR",
    "REPO",
    "WriteFile",
    "correspondence",
    "main",
    "run_cli",
]

REPO = Path(__file__).resolve().parent.parent

#: The type of the ``write_file`` fixture: ``write_file(name, text)`` → the path written.
WriteFile = Callable[[str, str], Path]

#: An applicant who meets every rule of ca-pss that the package checks: the first ca-pss case's.
ELIGIBLE_CA_PSS: dict[str, Any] = with_(
    applicant_of("an applicant meeting all eight SB 803 qualifications is eligible for ca-pss"),
    id="E-1",
)

#: The same applicant as a user might write it in YAML (unquoted dates, yes for true).
ELIGIBLE_CA_PSS_YAML = """\
id: E-1
date_of_birth: 1990-05-01
education: high-school
lived_experience: self
willing_to_share: yes
dedicated_to_recovery: yes
code_of_ethics_signed: 2025-01-10
trainings:
  - {topic: ca-pss-core, hours: 80, date: 2024-01-10, approved: yes}
exams:
  - {exam: ca-pss, passed: yes, date: 2025-02-01}
"""


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line in-process: its exit code, standard output and standard error."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def correspondence(
    source_id: str,
    target_id: str,
    predicate: str,
    confidence: float,
    *steps: tuple[str, str, str, float],
) -> Correspondence:
    """A crosswalk correspondence as a custom coverage ``translate`` gives one: the predicate a
    CURIE (``skos:closeMatch``), each step ``(subject, relation, object, confidence)``."""
    return Correspondence(
        source_id=source_id,
        target_id=target_id,
        predicate=Predicate(predicate),
        confidence=confidence,
        justification=Justification.MANUAL_MAPPING_CURATION,
        path=tuple(Step(*step) for step in steps),
    )

"""Names several test files share that must be importable: paths, records, types, the CLI runner.

``run_cli`` is the one place the tests outside the CLI's own reach the command line in-process.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from peer_competencies._cli import main  # the console script's entry point
from tests.eligibility_cases import applicant_of, with_

REPO = Path(__file__).resolve().parent.parent

#: The type of the ``write_file`` fixture: ``write_file(name, text)`` → the path written.
WriteFile = Callable[[str, str], Path]

#: An applicant who meets every rule of ca-pss that the package checks: the first ca-pss case's.
ELIGIBLE_CA_PSS: dict[str, Any] = with_(
    applicant_of("an applicant meeting all eight SB 803 qualifications is eligible for ca-pss"),
    id="E-1",
)


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command line in-process: its exit code, standard output and standard error."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err

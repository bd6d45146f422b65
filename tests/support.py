"""Names several test files share that must be importable: paths, records and fixture types."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.eligibility_cases import applicant_of, with_

REPO = Path(__file__).resolve().parent.parent

#: The type of the ``write_file`` fixture: ``write_file(name, text)`` → the path written.
WriteFile = Callable[[str, str], Path]

#: An applicant who meets every rule of ca-pss that the package checks: the first ca-pss case's.
ELIGIBLE_CA_PSS: dict[str, Any] = with_(
    applicant_of("an applicant meeting all eight SB 803 qualifications is eligible for ca-pss"),
    id="E-1",
)

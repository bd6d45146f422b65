"""Coverage reports: the registry of formats by name and :func:`render`, which writes a report
in one of them (each format lives in its own ``_report_*`` module)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from .._errors import InputError
from .._structure import choose
from ._report_data import to_data, to_json
from ._report_form import to_calmhsa_csv, to_calmhsa_markdown
from ._report_html import to_html
from ._report_markdown import to_markdown
from ._report_table import to_table
from ._requirements import requirements_with_form
from ._result import CoverageReport

__all__ = ["REPORT_FORMATS", "render", "to_data"]


REPORT_FORMATS: Mapping[str, Callable[[CoverageReport], str]] = MappingProxyType(
    {
        "table": to_table,
        "json": to_json,
        "md": to_markdown,
        "html": to_html,
        "calmhsa": to_calmhsa_csv,
        "calmhsa-md": to_calmhsa_markdown,
    }
)
"""Every report format by name, each the function that renders it (read-only)."""


def render(report: CoverageReport, format: str = "table") -> str:
    """The report in one of :data:`REPORT_FORMATS`."""
    writer = choose(REPORT_FORMATS, format, "report format")
    forms = requirements_with_form(format)  # data/requirements/*.json: "form_formats"
    bound = [r.framework for r in forms]
    if bound and report.framework.id not in bound:
        raise InputError(
            f"the {format} format is the form of the {forms[0].title}: "
            f"for {' and '.join(bound)} only",
            fix=f"use --framework {bound[0]}, or another format",
        )
    return writer(report)

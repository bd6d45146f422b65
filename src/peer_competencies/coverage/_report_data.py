"""The coverage report as plain data (:func:`to_data`) and as JSON."""

from __future__ import annotations

import json
from typing import Any

from ._report_words import _S
from ._result import CoverageReport

__all__ = ["to_data", "to_json"]


def _hours(hours: float | None) -> float | None:
    """Hours as a report gives them: to the ten-thousandth of an hour (the model keeps exact
    sums); None (JSON null) when not stated."""
    return None if hours is None else round(hours, 4)


def to_data(report: CoverageReport) -> dict[str, Any]:
    """The report as plain JSON-ready data."""
    check = report.requirement
    return {
        "framework": report.framework.id,
        "program": {
            "title": report.syllabus.program.title,
            "provider": report.syllabus.program.provider,
            "hours": _hours(report.syllabus.program.hours),
            "measures": list(report.syllabus.program.measures),
        },
        "source": report.syllabus.source,
        "via_crosswalk": report.via_crosswalk,
        "totals": {
            "competencies": len(report.competencies),
            "covered": report.covered_count,
            "covered_rule_not_met": report.count(_S.COVERED_RULE_UNMET),
            "covered_rule_cannot_be_judged": report.count(_S.COVERED_RULE_UNJUDGED),
            "partly_covered": report.count(_S.PARTIAL),
            "hinted_only": report.count(_S.HINTED),
            "missing": report.count(_S.MISSING),
            "percent_covered": round(report.percent_covered, 2),
            "hours": _hours(report.total_hours),
            "hours_level": report.hours_level,
            "modules": len(report.syllabus.modules),
            "modules_stating_hours": report.syllabus.modules_stating_hours,
            "module_hours": (
                _hours(report.syllabus.module_hours)
                if report.syllabus.modules_stating_hours
                else None
            ),
            "credited_hours": _hours(report.credited_hours),
        },
        "competencies": [
            {
                "id": row.item.id,
                "text": row.item.text,
                "status": row.status.value,
                "rule_findings": list(row.rule_findings),
                "how": row.how,
                "hours": _hours(row.hours),
                "stated_hours": _hours(row.stated_hours),
                "hours_not_stated": list(row.hours_not_stated),
                "modules": list(row.modules),
                "hinted_by": list(row.hinted_by),
                "measures": list(row.measures),
                "programme_measures": list(row.programme_measures),
                "direct": row.direct,
                "through_crosswalk": row.through_crosswalk,
                "credits": [
                    {
                        "module": c.module_id,
                        "listed_id": c.listed_id,
                        "via": c.via.value,
                        "credit": str(c.level),
                        "full": c.full,
                        "hours": _hours(c.hours),
                        "confidence": c.confidence,
                        "predicate": c.predicate,
                        "path": list(c.path),
                    }
                    for c in row.credits
                ],
            }
            for row in report.competencies
        ],
        "by_category": [
            {
                "category": None if t.category is None else t.category.id,
                "text": None if t.category is None else t.category.text,
                "direct": t.direct,
                "crosswalk": t.crosswalk,
                "partly": t.partly,
                "hinted": t.hinted,
                "missing": t.missing,
            }
            for t in report.by_category()
        ],
        "unmapped_modules": [
            {
                "id": m.id,
                "title": m.title,
                "suggestions": [
                    {
                        "id": s.item.id,
                        "score": s.score,
                        "text": s.item.text,
                        "evidence": [{"id": e.item.id, "words": list(e.words)} for e in s.evidence],
                    }
                    for s in report.suggestions.get(m.id, ())
                ],
            }
            for m in report.unmapped_modules
        ],
        "uncredited_ids": [{"module": m, "id": i} for m, i in report.uncredited],
        "requirement": None
        if check is None
        else {
            "title": check.requirement.title,
            "verdict": check.verdict.value,
            "met": check.met,
            "reasons": list(check.reasons),
            "cannot_be_judged": list(check.unknown),
            "rules": [{"rule": r.rule, "url": r.citation.url} for r in check.requirement.rules],
        },
    }


def to_json(report: CoverageReport) -> str:
    """The report as JSON text."""
    return json.dumps(to_data(report), ensure_ascii=False, indent=2) + "\n"

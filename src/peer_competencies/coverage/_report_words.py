"""The wording every coverage report format shares: status marks, the legend, the summary line,
a module's entry, hours cells, the totals, and the category tallies."""

from __future__ import annotations

from .._markup import markdown_text
from .._terminal import clip
from ._result import CategoryTally, CompetencyCoverage, CoverageReport, CoverageStatus, Credit, Via

__all__ = ["LEGEND", "module_entries", "summary", "total_text"]


_S = CoverageStatus


_MARK = {
    _S.COVERED: "✔",
    _S.COVERED_RULE_UNMET: "!",
    _S.COVERED_RULE_UNJUDGED: "?",
    _S.PARTIAL: "◐",
    _S.HINTED: "○",
    _S.MISSING: "✘",
}


LEGEND = (
    "✔ covered  ! covered, rule not met  ? covered, rule cannot be judged  ◐ partly covered  "
    "○ hinted only (a crosswalk hint, not counted)  ✘ missing"
)


def _short(text: str, width: int) -> str:
    return clip(" ".join(text.split()), width)


def _how(row: CompetencyCoverage) -> str:
    return row.how


def _status_text(row: CompetencyCoverage) -> str:
    """The status, with what the rule finds when it is not met or cannot be judged."""
    if row.rule_findings:
        return f"{row.status.value}: {'; '.join(row.rule_findings)}"
    return row.status.value


def summary(report: CoverageReport) -> str:
    """``17 covered (2 with a rule not met), 0 partly, 0 hinted only, 0 missing of 17: 100%
    covered``."""
    unmet = report.count(_S.COVERED_RULE_UNMET)
    unjudged = report.count(_S.COVERED_RULE_UNJUDGED)
    notes = [f"{unmet} with a rule not met"] if unmet else []
    notes += [f"{unjudged} with a rule that cannot be judged"] if unjudged else []
    covered = f"{report.covered_count} covered" + (f" ({', '.join(notes)})" if notes else "")
    return (
        f"{covered}, {report.count(_S.PARTIAL)} partly, {report.count(_S.HINTED)} hinted only, "
        f"{report.count(_S.MISSING)} missing of {len(report.competencies)}: "
        f"{report.percent_covered:.0f}% covered"
    )


def _category_name(tally: CategoryTally) -> str:
    if tally.category is None:
        return f"all {tally.total} competencies"
    return f"{tally.category.code} {tally.category.text}"


_TALLY = ("direct", "crosswalk", "partly", "hinted", "missing")


def _module_entry(report: CoverageReport, credits: list[Credit], titled: bool = True) -> str:
    """One module's credit to one competency, named by id and title, marked when it comes
    through the crosswalk, is part credit, or only a hint."""
    first = credits[0]
    name = f"{first.module_id} {first.module_title}" if titled else first.module_id
    notes = []
    best = max(credits, key=lambda c: (c.level, c.confidence))
    if best.via is Via.CROSSWALK:
        predicate = (best.predicate or "").removeprefix("skos:").removesuffix("Match")
        notes.append(f"crosswalk: {best.listed_id} {predicate} {best.confidence:g}")
    elif best.via is not Via.DIRECT:
        notes.append(f"through {best.listed_id}")
    if best.hint:
        notes.append("hint only, not counted")
    elif not best.full:
        notes.append("part credit")
    return name + (f" ({'; '.join(notes)})" if notes else "")


def module_entries(report: CoverageReport, row: CompetencyCoverage) -> list[str]:
    """The modules that credit a competency (for a competency only hinted at, the modules
    that hint at it), each with its title and how it credits."""
    by_module: dict[str, list[Credit]] = {}
    for credit in row.counted or row.hints:
        by_module.setdefault(credit.module_id, []).append(credit)
    return [_module_entry(report, credits) for credits in by_module.values()]


def _hours_cell(row: CompetencyCoverage) -> str:
    """A competency's hours as a report shows them: the figure, "≥ n" when some crediting
    module states none, "not stated" when none states any (unknown is never 0)."""
    if row.hours is not None:
        return f"{row.hours:.1f}"
    if row.stated_hours > 0:
        return f"≥ {row.stated_hours:.1f}"
    return "not stated"


def _measures(row: CompetencyCoverage) -> list[str]:
    """The measures of a competency, the programme-wide ones marked as such."""
    own = list(row.measures)
    return own + [f"{m} (programme-wide)" for m in row.programme_measures if m not in own]


def _plural(n: float, noun: str) -> str:
    return f"{n:g} {noun}{'' if n == 1 else 's'}"


def total_text(report: CoverageReport) -> str:
    """The syllabus's total hours and the level they come from, in words."""
    syllabus = report.syllabus
    n = len(syllabus.modules)
    k = syllabus.modules_stating_hours
    between = f"{_plural(syllabus.module_hours, 'hour')} between them"
    total = report.total_hours
    if report.hours_level == "programme" and total is not None:
        own = f"{k} of {n} modules state theirs, {between}" if k else "no module states its hours"
        return f"{_plural(total, 'hour')} (programme total; {own})"
    if report.hours_level == "modules" and total is not None:
        return f"{_plural(total, 'hour')} (all {n} modules state theirs)"
    if k:
        return (
            f"total hours not stated ({k} of {n} modules state theirs, {between}; "
            "no programme total)"
        )
    return "hours not stated (no module states its hours, and no programme total)"


_cell = markdown_text  # a syllabus's wording, shown as written inside Markdown


def _tally_rows(report: CoverageReport) -> list[tuple[str, tuple[int, ...]]]:
    return [
        (_category_name(t), (t.direct, t.crosswalk, t.partly, t.hinted, t.missing))
        for t in report.by_category()
    ]

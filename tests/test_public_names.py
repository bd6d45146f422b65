"""The public face: one naming rule, small sorted ``__all__`` lists, and every old name still
working until 0.3 with a DeprecationWarning naming its replacement."""

from __future__ import annotations

import warnings
from types import ModuleType

import pytest

import peer_competencies as pc
from peer_competencies import coverage, crosswalk, eligibility

PACKAGES = (pc, coverage, crosswalk, eligibility)

# (package, old name, the object the new name gives, or None where the old name keeps its old
# signature and so is another object)
RENAMED: list[tuple[ModuleType, str, object]] = [
    (pc, "export", pc.render),
    (pc, "read_framework_file", pc.read_framework),
    (coverage, "CrosswalkHit", None),
    (coverage, "PARTIAL", None),
    (coverage, "REPORT_FORMATS", coverage.FORMATS),
    (coverage, "Requirement", coverage.CurriculumRequirement),
    (coverage, "RequirementCheck", coverage.CurriculumCheck),
    (coverage, "RequirementVerdict", coverage.CurriculumVerdict),
    (coverage, "STRONG", None),
    (coverage, "SYLLABUS_SUFFIXES", None),
    (coverage, "Status", coverage.CoverageStatus),
    (coverage, "crosswalk_credit", None),
    (coverage, "requirement", coverage.curriculum_requirement),
    (coverage, "syllabus_from", None),
    (coverage, "targets", None),
    (crosswalk, "BASE_IRI", None),
    (crosswalk, "CURATED_FRAMEWORKS", None),
    (crosswalk, "CURATORS", None),
    (crosswalk, "DECAY", None),
    (crosswalk, "EXPORT_FORMATS", crosswalk.FORMATS),
    (crosswalk, "FrameworkMapping", None),
    (crosswalk, "LEVELS", None),
    (crosswalk, "case_associations", None),
    (crosswalk, "case_package", None),
    (crosswalk, "check", crosswalk.problems),
    (crosswalk, "compose", None),
    (crosswalk, "curie_for", None),
    (crosswalk, "effective_confidence", None),
    (crosswalk, "export", None),
    (crosswalk, "framework_mappings", None),
    (crosswalk, "level_items", None),
    (crosswalk, "load_framework", None),
    (crosswalk, "load_mappings", crosswalk.read_mappings),
    (crosswalk, "prefix_for", None),
    (crosswalk, "to_case", None),
    (crosswalk, "top_items", None),
    (crosswalk, "write_sssom", None),
    (eligibility, "EMPTY_ROW", None),
    (eligibility, "markdown_pages", None),
]


@pytest.mark.parametrize(
    ("package", "old", "new"), RENAMED, ids=[f"{p.__name__}.{o}" for p, o, _ in RENAMED]
)
def test_an_old_public_name_still_works_with_a_deprecation_warning(
    package: ModuleType, old: str, new: object
) -> None:
    assert old not in package.__all__
    with pytest.warns(
        DeprecationWarning, match=rf"{package.__name__}\.{old} is deprecated .* 0\.3"
    ):
        value = getattr(package, old)
    assert value is not None
    if new is not None:
        assert value is new


@pytest.mark.parametrize("package", PACKAGES, ids=[p.__name__ for p in PACKAGES])
def test_every_public_name_is_listed_sorted_and_given_without_a_warning(
    package: ModuleType,
) -> None:
    names = list(package.__all__)
    # constants first, then classes, then functions (ruff's RUF022 order)
    assert names == sorted(
        names, key=lambda n: (0 if n.isupper() else 1 if n[0].isupper() else 2, n)
    )
    assert len(names) == len(set(names))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for name in names:
            assert getattr(package, name) is not None


def test_no_public_name_means_two_things_in_two_subpackages() -> None:
    shared = set(coverage.__all__) & set(crosswalk.__all__) & set(eligibility.__all__)
    same_job = {"FORMATS", "render"}  # the one registry and the one renderer of each package
    assert shared <= same_job
    for a, b in [(coverage, crosswalk), (coverage, eligibility), (crosswalk, eligibility)]:
        assert set(a.__all__) & set(b.__all__) <= same_job | {"to_csv", "to_json"}


def test_an_unknown_name_is_still_an_attribute_error() -> None:
    for package in PACKAGES:
        with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
            package.no_such_name  # noqa: B018


def test_the_old_parser_arguments_still_work_with_a_warning() -> None:
    text = crosswalk.to_sssom(crosswalk.mapping_sets()[0])
    with pytest.warns(DeprecationWarning, match="source="):
        old = crosswalk.parse_sssom(text, "shipped.sssom.tsv")
    assert old == crosswalk.parse_sssom(text, source="shipped.sssom.tsv")
    with pytest.warns(DeprecationWarning, match="source="):
        person = eligibility.parse_applicant({"date_of_birth": "2000-01-01"}, file="a.json")
    assert person == eligibility.parse_applicant({"date_of_birth": "2000-01-01"}, source="a.json")


def test_a_parser_names_its_source_in_errors() -> None:
    with pytest.raises(pc.InputError, match=r"^mine\.yaml: "):
        coverage.parse_syllabus({"program": {}}, source="mine.yaml")
    with pytest.raises(pc.InputError, match=r"^<data>: "):
        coverage.parse_syllabus([])
    with pytest.raises(pc.InputError, match=r"^fw\.json: "):
        pc.parse_framework({}, source="fw.json")


def test_render_gives_what_each_to_function_gives() -> None:
    fw = pc.framework("samhsa-2015")
    assert pc.render(fw, "csv") == pc.to_csv(fw)
    assert crosswalk.render(None, "csv") == crosswalk.to_csv()
    assert crosswalk.render(crosswalk.default(), "sssom") == crosswalk.to_sssom()


def test_every_public_enum_prints_as_its_value() -> None:
    import enum

    enums = [
        value
        for package in PACKAGES
        for name in package.__all__
        if isinstance(value := getattr(package, name), type)
        and issubclass(value, enum.Enum)
        and issubclass(value, str)
    ]
    assert len(enums) >= 12
    for kind in enums:
        for member in kind:
            assert str(member) == member.value
            assert f"{member}" == member.value


def test_an_unknown_id_key_or_slot_is_offered_its_near_misses_by_one_measure() -> None:
    with pytest.raises(pc.UnknownIdError, match=r"did you mean samhsa-2015\?"):
        pc.framework("samhsa-2051")
    with pytest.raises(pc.UnknownIdError, match="did you mean ca-pss"):
        eligibility.credential("ca-pps")
    text = crosswalk.to_sssom(crosswalk.mapping_sets()[0]).replace("# license:", "# licence:", 1)
    with pytest.raises(pc.InputError, match="did you mean license"):
        crosswalk.parse_sssom(text, source="typo.sssom.tsv")
    syllabus = coverage.parse_syllabus(
        {
            "program": {"title": "T", "framework": "ca-sb830"},
            "modules": [{"id": "A", "title": "t", "competencies": ["13"]}],
        },
        source="s.yaml",
    )
    with pytest.raises(pc.InputError) as info:
        coverage.coverage(syllabus, "ca-sb803")
    assert info.value.fix == "did you mean ca-sb803?"


def test_a_crosswalks_old_check_method_still_works_with_a_warning() -> None:
    shipped = crosswalk.default()
    with pytest.warns(DeprecationWarning, match=r"Crosswalk\.check\(\) is deprecated .* 0\.3"):
        found = shipped.check()
    assert found == shipped.problems() == crosswalk.problems()

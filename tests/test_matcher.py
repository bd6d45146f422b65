"""The suggestion matchers and the stemmer they share with search."""

from __future__ import annotations

import importlib.util
import socket
import sys
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import peer_competencies as pc
from peer_competencies import coverage as cov
from peer_competencies._text import stem, tokens
from peer_competencies.coverage import _semantic
from tests.support import REPO

MUST_CONFLATE = [
    ("partnering", "partners", "partner", "partnership"),
    ("documentation", "documents", "document", "documenting", "documented"),
    ("professional", "professionals", "profession"),
    ("crisis", "crises"),
    ("advocacy", "advocates", "advocating", "advocate"),
    ("facilitation", "facilitating", "facilitator", "facilitate"),
    ("boundaries", "boundary"),
    ("cultural", "culture", "culturally"),
    ("ethics", "ethical"),
    ("communication", "communicating", "communicate"),
    ("navigation", "navigating", "navigate"),
    ("recovery", "recovering", "recovered"),
    ("resilience", "resiliency", "resilient"),
    ("referral", "referrals", "referring", "refer"),
    ("empowerment", "empowering", "empower"),
    ("sharing", "shared", "share", "shares"),
    ("planning", "plans", "plan"),
    ("confidentiality", "confidential"),
    ("competency", "competencies", "competence"),
    ("diagnosis", "diagnoses"),
    ("strategies", "strategy"),
    ("pathways", "pathway"),
    ("journeys", "journey"),
    ("trainings", "training", "trained", "train"),
    ("feelings", "feeling", "feel"),
    ("supervision", "supervise", "supervised", "supervising", "supervisory"),
    ("organization", "organisation", "organize", "organise", "organized", "organised"),
    ("recognize", "recognise", "recognizing", "recognised"),
    ("exercise", "exercises", "exercised"),
    ("regulation", "regulatory", "regulate"),
]

MUST_NOT_CONFLATE = [
    ("action", "active"),
    ("wellness", "well"),
    ("illness", "ill"),
    ("community", "commune"),
    ("policy", "police"),
    ("family", "fame"),
    ("statement", "state"),
    ("statements", "stated"),
    ("placement", "place"),
]


@pytest.mark.parametrize("family", MUST_CONFLATE, ids=lambda f: f[0])
def test_a_word_family_shares_one_stem(family: tuple[str, ...]) -> None:
    assert len({stem(w) for w in family}) == 1, {w: stem(w) for w in family}


@pytest.mark.parametrize("pair", MUST_NOT_CONFLATE, ids=lambda p: "-".join(p))
def test_words_of_different_meaning_keep_different_stems(pair: tuple[str, str]) -> None:
    assert stem(pair[0]) != stem(pair[1])


def test_a_prefix_split_off_by_a_hyphen_is_not_a_word_of_its_own() -> None:
    assert tokens("Co-occurring disorders") == tokens("occurring disorders")
    assert tokens("co-reflection") == [stem("reflection")]
    assert tokens("Re-entry, non-judgmental, de-escalation") == tokens(
        "entry judgmental escalation"
    )
    assert tokens("self-care, peer(s) and 42 CFR") == ["self", "care", "peer", "42", "cfr"]


def test_search_finds_crises_for_crisis() -> None:
    found = pc.search("crisis", framework="samhsa-2015", limit=None)
    assert "samhsa-2015:VIII" in {m.item.id for m in found}  # "Helps peers to manage crises"
    assert [m.item.id for m in pc.search("crises", framework="ca-sb803", limit=1)] == [
        "ca-sb803:13"
    ]


def test_the_example_welcome_module_gets_no_confident_suggestion() -> None:
    assert cov.suggest("Welcome and program overview", "ca-sb803") == ()
    assert cov.suggest("Welcome and program overview", "ca-sb803", matcher="semantic") == ()


def test_a_confident_suggestion_has_a_score_from_0_to_1_with_its_evidence() -> None:
    found = cov.suggest("crisis safety plan", "ca-sb803", k=3)
    assert found[0].item.id == "ca-sb803:13"
    assert 0.5 < found[0].score <= 1
    assert {"crisis", "safety"} <= {w for e in found[0].evidence for w in e.words}
    assert all(s.score >= cov.calibration("ca-sb803").threshold for s in found)


def test_threshold_zero_shows_every_match_and_one_shows_none() -> None:
    everything = cov.suggest("crisis safety plan", "ca-sb803", k=5, threshold=0)
    assert len(everything) == 5
    assert [s.score for s in everything] == sorted((s.score for s in everything), reverse=True)
    assert cov.suggest("crisis safety plan", "ca-sb803", threshold=1) == ()
    with pytest.raises(ValueError, match="threshold must be from 0 to 1"):
        cov.suggest("crisis", "ca-sb803", threshold=1.5)


def test_the_concept_layer_links_course_words_to_framework_words() -> None:
    found = cov.suggest("suicide prevention", "ca-sb803", k=1, threshold=0)
    assert found[0].item.id == "ca-sb803:13"
    assert any("suicide" in w for e in found[0].evidence for w in e.words)


def test_a_wording_a_competency_lists_twice_is_one_piece_of_evidence() -> None:
    # SB 803 competency 2 lists "Advocate for multiple pathways to recovery/wellness." as a
    # skill (2.S9) and again as a theme (2.T7)
    text = "Advocate for multiple pathways to recovery/wellness."
    found = {s.item.id: s for s in cov.suggest(text, "ca-sb803", k=10, threshold=0)}
    ids = [e.item.id for e in found["ca-sb803:2"].evidence]
    assert "ca-sb803:2.S9" in ids
    assert "ca-sb803:2.T7" not in ids


def test_a_theme_or_field_example_counts_less_than_a_skill_of_the_same_wording() -> None:
    # the same sentence is a skill of competency 2, a theme of 3 and a field example of 5
    text = "Advocate for multiple pathways to recovery/wellness."
    found = {s.item.id: s for s in cov.suggest(text, "ca-sb803", k=10, threshold=0)}
    skill = found["ca-sb803:2"].evidence[0]
    theme, example = found["ca-sb803:3"].evidence[0], found["ca-sb803:5"].evidence[0]
    assert (theme.item.kind.value, example.item.kind.value) == ("theme", "field-example")
    weight = cov._suggest.KINDS["theme"]
    assert theme.score == pytest.approx(weight * skill.score, abs=1e-4)
    assert example.score == pytest.approx(
        cov._suggest.KINDS["field-example"] * skill.score, abs=1e-4
    )


def test_a_suggestion_far_behind_the_first_is_less_confident() -> None:
    cal = cov.calibration("ca-sb803")
    assert cal.gap < 0
    found = cov.suggest("crisis safety plan", "ca-sb803", k=5, threshold=0)
    first = found[0].raw
    for s in found:
        assert s.score == pytest.approx(cal.confidence(s.raw, first - s.raw), abs=1e-4)
        assert cal.confidence(s.raw, first - s.raw) <= cal.confidence(s.raw)
    assert cov.Calibration(1.0, 0.0, 0.5).confidence(0.0, behind=3.0) == 0.5  # no gap: unused


def test_privilege_is_linked_to_cultural_and_structural_competence() -> None:
    found = cov.suggest("privilege", "ca-sb803", k=1, threshold=0)
    assert found[0].item.id == "ca-sb803:5"
    assert any(w.startswith("privilege→") for e in found[0].evidence for w in e.words)


def test_entering_the_workforce_is_linked_to_employment() -> None:
    found = cov.suggest("entering the workforce", "ca-sb803", k=1, threshold=0)
    assert found[0].item.id == "ca-sb803:12"


def test_self_care_reaches_samhsas_reflection_on_own_feelings() -> None:
    found = cov.suggest("self-care", "samhsa-2015", k=1, threshold=0)
    assert found[0].item.id == "samhsa-2015:XII.3"


def test_domestic_violence_reaches_safety_and_the_reporting_of_abuse() -> None:
    found = cov.suggest("domestic violence", "ca-sb803", k=1, threshold=0)
    assert found[0].item.id == "ca-sb803:13"
    found = cov.suggest("domestic violence", "samhsa-2015", k=1, threshold=0)
    assert found[0].item.id.startswith("samhsa-2015:VIII")


def _concept_words(text: str, framework: str) -> set[str]:
    found = cov.suggest(text, framework, k=5, threshold=0)
    return {w for s in found for e in s.evidence for w in e.words if "→" in w}


def test_a_concept_applies_only_to_the_frameworks_whose_wording_justifies_it() -> None:
    # "growth" links supervision to SAMHSA XII's "increase knowledge and skills"; SB 803 files
    # supervision under professional ethics (11.T18), so for SB 803 the word matches as itself
    text = "Supervision for peer recovery supporters"
    assert any(w.startswith("supervision→") for w in _concept_words(text, "samhsa-2015"))
    assert _concept_words(text, "ca-sb803") == set()
    assert "ca-sb803:11" in {s.item.id for s in cov.suggest(text, "ca-sb803", k=3, threshold=0)}


def test_a_framework_that_takes_samhsas_statements_takes_its_concepts() -> None:
    # BJA's PRSS competencies take 62 statements from SAMHSA's; no concept names a BJA item
    assert any(w.startswith("suicide→") for w in _concept_words("suicide", "bja-prss-2020"))


def test_a_framework_of_your_own_is_matched_without_the_shipped_concepts() -> None:
    # a framework no concept entry names, and that takes no shipped statements
    fw = pc.read_framework(str(REPO / "examples" / "acme-state.json"))
    found = cov.Matcher(fw).rank("suicide and crisis safety planning", k=2)
    assert [s.item.id for s in found] == ["acme-state-2024:1"]
    assert not any("→" in w for s in found for e in s.evidence for w in e.words)


def test_every_concept_entry_is_justified_by_framework_items_that_exist() -> None:
    import json

    path = REPO / "src" / "peer_competencies" / "data" / "matcher" / "concepts.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for entry in data["concepts"]:
        assert entry["justified_by"], entry["id"]
        for item_id in entry["justified_by"]:
            assert pc.get(item_id) is not None, (entry["id"], item_id)


def test_an_unknown_matcher_is_refused_with_the_names_to_use() -> None:
    with pytest.raises(ValueError, match=r"unknown matcher 'fancy'.*default, semantic"):
        cov.suggest("crisis", "ca-sb803", matcher="fancy")


def _bench_matcher() -> Any:
    path = REPO / "benchmarks" / "bench_matcher.py"
    spec = importlib.util.spec_from_file_location("bench_matcher", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_matcher"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("which", ["a", "b", "real ca-sb803", "real samhsa-2015"])
def test_the_default_matcher_beats_plain_tf_idf_on_every_labelled_set(which: str) -> None:
    bm = _bench_matcher()
    if which.startswith("real"):
        framework = which.split()[1]
        cases = bm.real_titles(framework)
    else:
        cases, framework = (bm.set_a(), "samhsa-2015") if which == "a" else (bm.set_b(), "ca-sb803")
    base = bm.accuracy(cases, bm.tfidf(framework), framework)
    ours = bm.accuracy(cases, bm.ours(framework), framework)
    assert ours[0] > base[0], f"top-1 {ours[0]:.3f} vs baseline {base[0]:.3f}"
    assert ours[1] > base[1], f"top-3 {ours[1]:.3f} vs baseline {base[1]:.3f}"


def test_the_gap_over_tf_idf_comes_with_a_programme_resampled_interval_that_holds_it() -> None:
    bm = _bench_matcher()
    programmes = {r["programme"] for r in bm.real_rows() if r["ca_sb803"].split()}
    gap, low, high, n = bm.top3_gap("ca-sb803", bm.ours("ca-sb803"), None, resamples=200)
    assert n == len(programmes)
    assert low <= gap <= high
    assert low < high  # programmes differ, so the resampled gap moves
    assert bm.top3_gap("ca-sb803", bm.tfidf("ca-sb803"), "held-out", resamples=50)[:3] == (0, 0, 0)


def test_every_real_title_names_its_programme_source_split_and_known_labels() -> None:
    bm = _bench_matcher()
    rows = bm.real_rows()
    assert len(rows) >= 100
    assert {r["split"] for r in rows} == {"train", "held-out"}
    for row in rows:
        assert row["title"]
        assert row["programme"]
        assert row["source"].startswith("http")
        for code in row["ca_sb803"].split():
            assert pc.get(f"ca-sb803:{code}") is not None, row
        for code in row["samhsa_2015"].split():
            assert pc.get(f"samhsa-2015:{code}") is not None, row
    by_programme: dict[str, str] = {}
    for row in rows:
        assert by_programme.setdefault(row["programme"], row["split"]) == row["split"]
    import hashlib  # the split rule of benchmarks/README.md: SHA-1 of the programme's name

    for programme, split in by_programme.items():
        held_out = int(hashlib.sha1(programme.encode("utf-8")).hexdigest(), 16) % 3 == 0
        assert split == ("held-out" if held_out else "train"), programme
    assert len({(r["title"], r["programme"]) for r in rows}) == len(rows)


def test_the_semantic_model_loads_from_its_wheel_without_the_network(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("the network is blocked in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(_semantic, "_MODEL", None)
    monkeypatch.setattr(_semantic, "_INDEXES", {})
    model = _semantic.load_model()
    assert model.embed(["crisis"]).shape == (1, 256)
    found = _semantic.rank("safety and crisis planning", "ca-sb803", k=1)
    assert found[0].item.id == "ca-sb803:13"
    assert attempts == []


def test_the_semantic_matcher_without_its_extra_names_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_semantic, "_MODEL", None)
    monkeypatch.setitem(sys.modules, "wordllama", None)  # import wordllama → ImportError
    monkeypatch.setattr(cov._suggest, "_SUGGESTIONS", type(cov._suggest._SUGGESTIONS)())
    with pytest.raises(ValueError, match=r"peer-competencies\[semantic\]"):
        cov.suggest("crisis", "ca-sb803", matcher="semantic")


def test_the_semantic_matcher_suggests_from_the_same_api() -> None:
    found = cov.suggest("healing after trauma", "ca-sb803", k=2, matcher="semantic")
    assert found
    assert found[0].item.id == "ca-sb803:6"
    assert 0 < found[0].score <= 1


def test_the_command_line_says_no_confident_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    from tests.support import main

    assert main(["suggest", "Welcome and program overview", "--framework", "ca-sb803"]) == 0
    assert "(no confident suggestion)" in capsys.readouterr().out


def test_the_command_line_suggests_and_reports_with_the_semantic_matcher(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import json

    from tests.support import main

    argv = ["suggest", "healing after trauma", "-f", "ca-sb803", "--matcher", "semantic", "--json"]
    assert main(argv) == 0
    found = json.loads(capsys.readouterr().out)
    assert found[0]["id"] == "ca-sb803:6"
    assert 0 < found[0]["score"] <= 1
    syllabus = str(REPO / "examples" / "ca-core-80h.toml")
    main(["coverage", syllabus, "--matcher", "semantic", "--json"])
    report = json.loads(capsys.readouterr().out)
    assert report["framework"] == "ca-sb803"


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=20))
def test_a_stem_is_never_empty_nor_longer_than_its_word_and_is_stable(word: str) -> None:
    found = stem(word)
    assert found
    assert len(found) <= len(word) + 1  # "shar(ing)" → "share" may add one letter back
    assert stem(word) == found

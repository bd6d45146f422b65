"""What the command line shows a person: clipped lines and a progress bar only at a terminal."""

from __future__ import annotations

import io
import json
import unicodedata
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peer_competencies._terminal import WORTH_SHOWING, clip, progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_clip_keeps_indentation_and_marks_the_cut() -> None:
    assert clip("    short") == "    short"
    cut = clip("    " + "word " * 30, 40)
    assert len(cut) <= 40
    assert cut.startswith("    word")
    assert cut.endswith("…")


def test_a_large_batch_at_a_terminal_draws_a_bar_and_yields_everything(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    screen = _Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    items = list(range(WORTH_SHOWING))
    assert list(progress(items, label="coverage")) == items
    drawn = screen.getvalue()
    assert f"{WORTH_SHOWING}/{WORTH_SHOWING}" in drawn
    assert drawn.startswith("\rcoverage [")


def test_no_bar_for_a_small_batch_or_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    screen = _Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    assert list(progress(range(WORTH_SHOWING - 1), WORTH_SHOWING - 1)) == list(
        range(WORTH_SHOWING - 1)
    )
    assert screen.getvalue() == ""
    pipe = io.StringIO()
    monkeypatch.setattr("sys.stderr", pipe)
    assert len(list(progress(list(range(WORTH_SHOWING * 2))))) == WORTH_SHOWING * 2
    assert pipe.getvalue() == ""


def _json_children(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4)


HOSTILE = "ok\x1b[2J\x1b]0;owned\x07 \u202eevil\u202c \u200b\x7f\x85\u2028end"


def test_escape_shows_control_bidi_and_format_characters_and_keeps_the_rest() -> None:
    from peer_competencies._terminal import escape

    shown = escape(HOSTILE)
    assert shown == ("ok\\x1b[2J\\x1b]0;owned\\x07 \\u202eevil\\u202c \\u200b\\x7f\\x85\\u2028end")
    assert all(ch.isprintable() for ch in shown)
    kept = "Caf\u00e9 \u2013 na\u00efve \u00abok\u00bb \u4e2d\u6587 \U0001f600"
    assert escape(kept) == kept
    assert escape("a\tb\nc") == "a\\tb\\nc"
    assert escape("a\tb\nc", keep_newlines=True) == "a\\tb\nc"


def test_clip_and_wrap_escape_before_they_count_columns() -> None:
    from peer_competencies._terminal import clip, wrap

    assert "\x1b" not in clip(HOSTILE * 5, 40)
    assert len(clip(HOSTILE * 5, 40)) == 40
    lines = wrap(" ".join([HOSTILE] * 5), 60, "  ")
    assert len(lines) > 1
    assert all("\x1b" not in line and "\u202e" not in line for line in lines)
    assert all(len(line) <= 60 for line in lines)


def test_fit_wraps_long_lines_under_their_own_indentation() -> None:
    from peer_competencies._terminal import fit

    text = "title\n    source: " + "word " * 40 + "\n  - " + "item " * 30 + "\nshort"
    lines = fit(text, 50).split("\n")
    assert lines[0] == "title"
    assert lines[-1] == "short"
    assert all(len(line) <= 50 for line in lines)
    assert lines[1].startswith("    source: word")
    assert lines[2].startswith("      word")  # two columns further in than its line
    bullet = next(i for i, line in enumerate(lines) if line.startswith("  - item"))
    assert lines[bullet + 1].startswith("    item")  # under the item's text


def test_fit_never_cuts_a_word_longer_than_the_line() -> None:
    from peer_competencies._terminal import fit

    url = "https://example.org/" + "x" * 100
    lines = fit(f"  source: a citation {url} (checked 2026-11-23)", 60).split("\n")
    assert url in [line.strip() for line in lines]
    assert all(len(line) <= 60 for line in lines if url not in line)


def test_json_escapes_what_a_terminal_could_act_on_and_keeps_the_data() -> None:
    import json

    from peer_competencies._terminal import dump_json

    data = {"t\u202eitle": [HOSTILE, "tag \U000e0041 \ud800", "Café 😀"]}
    text = dump_json(data)
    assert all(ch.isprintable() or ch in "\n " for ch in text)
    assert "\\u202e" in text
    assert "\\udb40\\udc41" in text  # a tag character as its surrogate pair
    assert "Café 😀" in text
    assert json.loads(text) == data


def test_the_width_is_80_off_a_terminal_and_the_terminals_own_on_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from peer_competencies._terminal import DEFAULT_WIDTH, terminal_width

    assert DEFAULT_WIDTH == 80
    assert terminal_width(io.StringIO()) == 80
    monkeypatch.setenv("COLUMNS", "132")
    assert terminal_width(io.StringIO()) == 80  # not a terminal: COLUMNS does not apply
    assert terminal_width(_Terminal()) == 132
    monkeypatch.setenv("COLUMNS", "5")
    assert terminal_width(_Terminal()) == 20  # never narrower than 20
    monkeypatch.delenv("COLUMNS")
    assert terminal_width(_Terminal()) == 80  # a terminal whose size cannot be read


@given(st.text())
def test_any_text_is_shown_with_nothing_a_terminal_would_obey(text: str) -> None:
    from peer_competencies._terminal import escape, fit

    shown = escape(text)
    assert all(ch.isprintable() or ch == " " or unicodedata.category(ch) == "Zs" for ch in shown)
    for line in fit(text, 40).split("\n"):
        assert all(ch.isprintable() or unicodedata.category(ch) == "Zs" for ch in line)


@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(), _json_children))
def test_json_output_decodes_to_the_same_data_and_is_printable(data: object) -> None:
    from peer_competencies._terminal import dump_json

    text = dump_json(data)
    assert json.loads(text) == data
    assert all(ch.isprintable() or ch in "\n " or unicodedata.category(ch) == "Zs" for ch in text)

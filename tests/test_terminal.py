"""What the command line shows a person: clipped lines and a progress bar only at a terminal."""

from __future__ import annotations

import io

import pytest

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

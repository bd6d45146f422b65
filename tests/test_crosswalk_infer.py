"""How mapping predicates compose along a chain (``crosswalk/_infer.py``, a test of that private
module): the table docs/crosswalk.md gives."""

from __future__ import annotations

import pytest

from peer_competencies.crosswalk import Predicate
from peer_competencies.crosswalk._infer import DECAY, compose

E, C, B, N, R = (
    Predicate.EXACT,
    Predicate.CLOSE,
    Predicate.BROAD,
    Predicate.NARROW,
    Predicate.RELATED,
)


@pytest.mark.parametrize(
    ("first", "second", "result"),
    [
        (E, C, C),
        (B, E, B),
        (E, E, E),
        (C, C, R),
        (B, B, B),
        (N, N, N),
        (C, B, B),
        (N, B, R),
        (B, N, None),
        (R, R, None),
        (B, R, None),
        (R, B, R),
    ],
)
def test_how_predicates_compose_along_a_chain(
    first: Predicate, second: Predicate, result: Predicate | None
) -> None:
    assert compose(first, second) is result


def test_each_step_after_the_first_costs_the_documented_tenth() -> None:
    assert DECAY == 0.9

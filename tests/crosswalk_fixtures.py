"""Small user files for the crosswalk tests: a framework of one's own and SSSOM mapping sets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

USER_FRAMEWORK_ID = "acme-state-2024"

HEADER = """\
# curie_map:
#   acme_state_2024: https://example.org/acme/
#   samhsa: https://peer-competencies.github.io/id/samhsa-2015/
#   orcid: https://orcid.org/
#   peer_competencies: https://peer-competencies.github.io/id/
# mapping_set_id: https://example.org/acme/mappings.sssom.tsv
# mapping_set_version: '1'
# license: https://creativecommons.org/publicdomain/zero/1.0/
"""

COLUMNS = (
    "subject_id",
    "predicate_id",
    "predicate_modifier",
    "object_id",
    "mapping_justification",
    "confidence",
    "author_id",
    "object_source",
    "comment",
)

ROWS = (
    (
        "acme_state_2024:1",
        "skos:exactMatch",
        "",
        "samhsa:VIII",
        "semapv:ManualMappingCuration",
        "0.9",
        "orcid:0000-0002-1825-0097",
        "",
        "crisis support is SAMHSA VIII",
    ),
    (
        "acme_state_2024:2",
        "skos:closeMatch",
        "",
        "sssom:NoTermFound",
        "semapv:ManualMappingCuration",
        "0.8",
        "orcid:0000-0002-1825-0097",
        "peer_competencies:samhsa-2015",
        "SAMHSA has nothing on tele-support",
    ),
)


def framework_data(framework_id: str = USER_FRAMEWORK_ID) -> dict[str, Any]:
    """A small framework of the shipped format: two competencies, one with a skill."""
    return {
        "format": 1,
        "id": framework_id,
        "title": "Acme State Peer Specialist Competencies",
        "version": "2024",
        "source": {"title": "Acme State rules", "publisher": "Acme State", "year": 2024},
        "items": [
            {"code": "1", "kind": "competency", "text": "Crisis support", "section": "Rule 1"},
            {
                "code": "1.S1",
                "kind": "skill",
                "text": "Recognize a crisis",
                "section": "Rule 1(a)",
                "parent": "1",
            },
            {"code": "2", "kind": "competency", "text": "Tele-support", "section": "Rule 2"},
        ],
    }


def write_framework(folder: Path, data: dict[str, Any] | None = None) -> Path:
    """Write a framework file into ``folder`` and return its path."""
    path = folder / "acme.json"
    path.write_text(json.dumps(data or framework_data(), indent=2), encoding="utf-8")
    return path


def sssom_text(
    header: str = HEADER,
    columns: tuple[str, ...] = COLUMNS,
    rows: tuple[tuple[str, ...], ...] = ROWS,
) -> str:
    """SSSOM/TSV text of a header, columns and rows."""
    lines = [header.rstrip("\n"), "\t".join(columns)]
    lines.extend("\t".join(row) for row in rows)
    return "\n".join(lines) + "\n"


def write_sssom(folder: Path, text: str | None = None, name: str = "acme.sssom.tsv") -> Path:
    """Write an SSSOM file into ``folder`` and return its path."""
    path = folder / name
    path.write_text(sssom_text() if text is None else text, encoding="utf-8")
    return path


def replace_cell(row: int, column: str, value: str) -> tuple[tuple[str, ...], ...]:
    """:data:`ROWS` with one cell changed (``row`` counts from 0)."""
    rows = [list(r) for r in ROWS]
    rows[row][COLUMNS.index(column)] = value
    return tuple(tuple(r) for r in rows)


SHIPPED_HEADER = """\
# curie_map:
#   samhsa_2015: https://peer-competencies.github.io/id/samhsa-2015/
#   ca_sb803: https://peer-competencies.github.io/id/ca-sb803/
#   peer_support_17: https://peer-competencies.github.io/id/peer-support-17/
# mapping_set_id: {set_id}
# license: https://opensource.org/licenses/MIT
"""

SHIPPED_COLUMNS = (
    "subject_id",
    "predicate_id",
    "predicate_modifier",
    "object_id",
    "mapping_justification",
    "confidence",
)


def shipped_rows_text(
    *rows: str, set_id: str = "https://example.org/mine.sssom.tsv", header_extra: str = ""
) -> str:
    """SSSOM/TSV text of rows between shipped items, each row written
    ``subject predicate [Not] object confidence`` (an empty confidence as ``-``)."""
    lines = [SHIPPED_HEADER.format(set_id=set_id).rstrip("\n")]
    if header_extra:
        lines.append(header_extra.rstrip("\n"))
    lines.append("\t".join(SHIPPED_COLUMNS))
    for row in rows:
        words = row.split()
        negated = "Not" if words[2] == "Not" else ""
        subject, predicate, obj, confidence = (
            words[0],
            words[1],
            words[3] if negated else words[2],
            words[-1],
        )
        lines.append(
            "\t".join(
                (
                    subject,
                    predicate,
                    negated,
                    obj,
                    "semapv:ManualMappingCuration",
                    "" if confidence == "-" else confidence,
                )
            )
        )
    return "\n".join(lines) + "\n"

"""Checking a roster in several processes: records go out in chunks, results come back in order.

Each worker process checks whole chunks with the one-process code (``_roster.check_lines`` for
the lines of a roster file, sent as the bytes read; ``_roster._stream`` for other records), so a
result is the same whichever process made it. At most two chunks per process are in flight, so a
roster of any length is checked in flat memory.

Results travel back as plain tuples (:func:`_encode`), which pickle at C speed: rules are sent
as their place in the credential (the parent puts its own rule objects back, so a result from a
worker holds the very rule objects a one-process result holds), and each requirement result,
and each list of rules a result names, once per chunk however many rows have an equal one (most
rows share most of theirs: the same rule met for the same reason). :func:`_decode` rebuilds
the results.
"""

from __future__ import annotations

import collections
import datetime as dt
import pickle
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, cast

from ._check import RequirementResult, Result, detail_at_once
from ._credential import Credential, Group, Node
from ._roster import Record, RosterResult, _stream, check_lines
from ._roster_read import _RosterFile

__all__ = ["CHUNK_ROWS", "check_in_processes"]

CHUNK_ROWS = 500
"""Records sent to a worker at a time."""


def _rule_objects(cred: Credential) -> list[Any]:
    """The credential, its pathways and every requirement and group, in a fixed order (the
    same in every process that holds an equal credential)."""
    found: list[Any] = [cred]

    def walk(node: Node) -> None:
        found.append(node)
        if isinstance(node, Group):
            for child in node.children:
                walk(child)

    for pathway in cred.pathways:
        found.append(pathway)
        walk(pathway.requirements)
    return found


def _encode(results: list[RosterResult], place: dict[int, int]) -> bytes:
    """``results`` as a pickle of plain tuples: the chunk's distinct requirement results (each
    after its children), its distinct triples of rule lists (not in force, depending on
    unverified rules, not checked), then one tuple per row. ``place`` maps a rule object's id to
    its place in :func:`_rule_objects`."""
    table: list[tuple[Any, ...]] = []
    positions: dict[tuple[Any, ...], int] = {}
    seen: dict[int, int] = {}  # id of a requirement result (all held by results) -> place

    def requirement(r: RequirementResult) -> int:
        found = seen.get(id(r))
        if found is None:
            # what pickling it sends: its __init__'s arguments, its details worked out at once
            args = cast(tuple[Any, ...], r.__reduce__()[1])
            node, status, reason, missing, steps, kids, unrecognised = args
            key = (
                place[id(node)],
                status,
                reason,
                missing,
                steps,
                tuple(map(requirement, kids)) if kids else (),
                unrecognised,
            )
            found = positions.get(key)
            if found is None:
                found = positions[key] = len(table)
                table.append(key)
            seen[id(r)] = found
        return found

    lists: dict[tuple[tuple[int, ...], ...], int] = {}
    rows = []
    for r in results:
        result = None
        res = r.result
        if res is not None:
            triple = (
                tuple(place[id(n)] for n in res.not_in_force),
                tuple(place[id(n)] for n in res.depends_on_unverified),
                tuple(place[id(n)] for n in res.not_checked),
            )
            result = (
                place[id(res.credential)],
                place[id(res.pathway)],
                res.as_of,
                res.outcome,
                requirement(res.requirements),
                res.applicant_id,
                lists.setdefault(triple, len(lists)),
            )
        rows.append((r.row, r.applicant_id, result, r.error, r.note))
    return pickle.dumps((table, list(lists), rows), protocol=pickle.HIGHEST_PROTOCOL)


def _decode(data: bytes, rules: list[Any]) -> list[RosterResult]:
    """The results :func:`_encode` encoded, with the parent's rule objects ``rules``."""
    table, lists, rows = pickle.loads(data)  # bytes from our own worker processes
    made: list[RequirementResult] = []
    for node, status, reason, missing, steps, children, unrecognised in table:
        kids = tuple(made[c] for c in children)
        made.append(
            RequirementResult(rules[node], status, reason, missing, steps, kids, unrecognised)
        )
    triples = [tuple(tuple(rules[n] for n in places) for places in t) for t in lists]
    out = []
    for row, applicant_id, result, error, note in rows:
        res = None
        if result is not None:
            cred, pathway, as_of, outcome, root, person, triple = result
            res = Result(
                rules[cred], rules[pathway], as_of, outcome, made[root], person, *triples[triple]
            )
        out.append(RosterResult(row, applicant_id, res, error, note))
    return out


_WORKER: dict[str, Any] = {}


def _start(
    cred: Credential, pathway: str | None, as_of: dt.date | None, header: list[str] | None
) -> None:
    rules = _rule_objects(cred)
    detail_at_once()  # every result is sent back whole
    _WORKER.update(
        cred=cred,
        pathway=pathway,
        as_of=as_of,
        header=header,
        place={id(obj): n for n, obj in enumerate(rules)},
        rules=rules,  # keeps the objects alive, so their ids stay theirs
    )


def _check_chunk(first: int, records: list[Record]) -> bytes:
    w = _WORKER
    results = list(_stream(records, w["cred"], w["pathway"], w["as_of"], first))
    return _encode(results, w["place"])


def _check_lines(first: int, lines: list[bytes | None]) -> bytes:
    w = _WORKER
    results = list(check_lines(first, lines, w["header"], w["cred"], w["pathway"], w["as_of"]))
    return _encode(results, w["place"])


def _chunks(records: Iterable[Record], start: int) -> Iterator[tuple[int, list[Record]]]:
    chunk: list[Record] = []
    first = start
    for record in records:
        chunk.append(record)
        if len(chunk) == CHUNK_ROWS:
            yield first, chunk
            first += len(chunk)
            chunk = []
    if chunk:
        yield first, chunk


def _line_chunks(roster: _RosterFile) -> Iterator[tuple[int, list[bytes | None]]]:
    while True:
        first, lines = roster.take(CHUNK_ROWS)
        if not lines:
            return
        yield first, lines


def check_in_processes(
    records: Iterable[Record],
    cred: Credential,
    pathway: str | None,
    as_of: dt.date | None,
    start: int,
    jobs: int,
) -> Iterator[RosterResult]:
    """The results of ``_roster._stream`` over ``records``, in order, checked by ``jobs``
    worker processes. The lines of a roster file go to the workers as they were read (bytes),
    each worker splitting and reading them with the header's column plan."""
    rules = _rule_objects(cred)
    header = records.header if isinstance(records, _RosterFile) else None
    work: Callable[[int, Any], bytes] = _check_chunk
    chunks: Iterator[tuple[int, Any]]
    if isinstance(records, _RosterFile):
        work, chunks = _check_lines, _line_chunks(records)
    else:
        chunks = _chunks(records, start)
    pending: collections.deque[Future[bytes]] = collections.deque()
    pool = ProcessPoolExecutor(jobs, initializer=_start, initargs=(cred, pathway, as_of, header))
    try:
        for first, chunk in chunks:
            pending.append(pool.submit(work, first, chunk))
            if len(pending) >= 2 * jobs:
                yield from _decode(pending.popleft().result(), rules)
        while pending:
            yield from _decode(pending.popleft().result(), rules)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)

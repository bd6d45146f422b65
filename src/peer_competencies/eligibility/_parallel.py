"""Checking a roster in several processes: records go out in chunks, results come back in order.

Each worker process checks whole chunks with the one-process code (``_roster._stream``), so a
result is the same whichever process made it. At most two chunks per process are in flight, so a
roster of any length is checked in flat memory. Results travel back pickled, with the
credential, its pathways and their requirements sent as references to the parent's own objects:
a result from a worker holds the very rule objects a one-process result holds.
"""

from __future__ import annotations

import collections
import copyreg
import datetime as dt
import io
import operator
import pickle
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

import attrs

from ._check import RequirementResult, Result
from ._predicates import Unrecognised
from ._roster import Record, RosterResult, _stream
from ._rules import Credential, Group, Node

__all__ = ["CHUNK_ROWS", "check_in_processes"]

CHUNK_ROWS = 500
"""Records sent to a worker at a time."""


def _rule_objects(cred: Credential) -> list[object]:
    """The credential, its pathways and every requirement and group, in a fixed order (the
    same in every process that holds an equal credential)."""
    found: list[object] = [cred]

    def walk(node: Node) -> None:
        found.append(node)
        if isinstance(node, Group):
            for child in node.children:
                walk(child)

    for pathway in cred.pathways:
        found.append(pathway)
        walk(pathway.requirements)
    return found


def _by_fields(cls: type) -> Any:
    """Pickle an instance of the attrs class ``cls`` as a call of ``cls`` with its field values
    (twice as fast to unpickle as attrs' own state restoring)."""
    values = operator.attrgetter(*(a.name for a in attrs.fields(cls)))
    return lambda obj: (cls, values(obj))


_REDUCTIONS: dict[type, Any] = {
    **copyreg.dispatch_table,
    **{cls: _by_fields(cls) for cls in (RequirementResult, Result, RosterResult, Unrecognised)},
}


def _same(obj: object) -> object:
    return obj


class _Pickler(pickle.Pickler):
    """Pickles results with the rule objects as references (``index``: id → number), and each
    requirement result once however many rows of the chunk have an equal one (most rows share
    most of theirs: the same rule met for the same reason)."""

    def __init__(self, stream: io.BytesIO, index: dict[int, int]) -> None:
        super().__init__(stream, protocol=pickle.HIGHEST_PROTOCOL)
        self._index = index
        self._seen: dict[int, RequirementResult] = {}
        self._equal: dict[tuple[object, ...], RequirementResult] = {}
        self.dispatch_table = _REDUCTIONS

    def persistent_id(self, obj: Any) -> int | None:
        return self._index.get(id(obj))

    def _canonical(self, r: RequirementResult) -> RequirementResult:
        """The first result of the chunk equal to ``r``."""
        found = self._seen.get(id(r))
        if found is None:
            children = tuple(self._canonical(c) for c in r.children)
            key = (id(r.node), r.status, r.reason, r.missing, r.next_steps, r.unrecognised)
            found = self._equal.setdefault((*key, *map(id, children)), r)
            self._seen[id(r)] = found
        return found

    def reducer_override(self, obj: Any) -> Any:
        if type(obj) is RequirementResult:
            first = self._canonical(obj)
            if first is not obj:
                return _same, (first,)
        return NotImplemented


class _Unpickler(pickle.Unpickler):
    def __init__(self, stream: io.BytesIO, shared: list[object]) -> None:
        super().__init__(stream)
        self._shared = shared

    def persistent_load(self, pid: Any) -> object:
        return self._shared[pid]


_WORKER: dict[str, Any] = {}


def _start(cred: Credential, pathway: str | None, as_of: dt.date | None) -> None:
    shared = _rule_objects(cred)
    _WORKER.update(
        cred=cred,
        pathway=pathway,
        as_of=as_of,
        index={id(obj): n for n, obj in enumerate(shared)},
        shared=shared,  # keeps the objects alive, so their ids stay theirs
    )


def _check_chunk(first: int, records: list[Record]) -> bytes:
    w = _WORKER
    results = list(_stream(records, w["cred"], w["pathway"], w["as_of"], first))
    stream = io.BytesIO()
    _Pickler(stream, w["index"]).dump(results)
    return stream.getvalue()


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


def check_in_processes(
    records: Iterable[Record],
    cred: Credential,
    pathway: str | None,
    as_of: dt.date | None,
    start: int,
    jobs: int,
) -> Iterator[RosterResult]:
    """The results of ``_roster._stream`` over ``records``, in order, checked by ``jobs``
    worker processes."""
    shared = _rule_objects(cred)
    pending: collections.deque[Future[bytes]] = collections.deque()
    pool = ProcessPoolExecutor(jobs, initializer=_start, initargs=(cred, pathway, as_of))

    def unpack(done: Future[bytes]) -> list[RosterResult]:
        results: list[RosterResult] = _Unpickler(io.BytesIO(done.result()), shared).load()
        return results

    try:
        for first, chunk in _chunks(records, start):
            pending.append(pool.submit(_check_chunk, first, chunk))
            if len(pending) >= 2 * jobs:
                yield from unpack(pending.popleft())
        while pending:
            yield from unpack(pending.popleft())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)

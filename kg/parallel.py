"""Run a per-page function over many pages: in this process, in a pool of
processes, or on a Dask distributed cluster — with the same results.

:func:`map_pages` yields results in input order whatever the number of
workers, so a build is byte-identical with ``--workers 1`` and
``--workers 8``. Results cross process boundaries in a compact form: every
rdflib Graph found in a result (the result itself, a dataclass field or a
tuple item) travels as N-Triples text and is parsed back on arrival, instead
of pickling rdflib's object graph, which is several times larger and slower.

Pages that fail are reported, not fatal: with ``errors="yield"`` the
exception takes the page's place in the output so that the caller can name
the file and go on.

>>> list(map_pages(len, ["a", "bb", "ccc"], workers=1))
[1, 2, 3]
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import rdflib

from kg.errors import InputError, KGError

__all__ = ["map_pages", "PackedGraph", "pack", "unpack", "default_workers"]

# how long to wait for a Dask scheduler to answer before giving up
DASK_CONNECT_TIMEOUT = "20s"


def default_workers() -> int:
    """The number of usable CPU cores."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# --- compact results ------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class PackedGraph:
    """An rdflib Graph as N-Triples text, for sending between processes."""

    ntriples: bytes

    @classmethod
    def from_graph(cls, graph: rdflib.Graph) -> "PackedGraph":
        return cls(graph.serialize(format="nt", encoding="utf-8"))

    def to_graph(self) -> rdflib.Graph:
        graph = rdflib.Graph()
        if self.ntriples:
            graph.parse(data=self.ntriples, format="nt")
        return graph


def pack(value: Any) -> Any:
    """Replace the rdflib Graphs in ``value`` by :class:`PackedGraph` s."""
    return _walk(value, rdflib.Graph, PackedGraph.from_graph)


def unpack(value: Any) -> Any:
    """Undo :func:`pack`."""
    return _walk(value, PackedGraph, PackedGraph.to_graph)


def _walk(value: Any, kind: type, convert: Callable[[Any], Any]) -> Any:
    # the top level and one level of containers: dataclasses, tuples, lists, dicts
    if isinstance(value, kind):
        return convert(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: convert(getattr(value, f.name)) for f in dataclasses.fields(value)
                   if f.init and isinstance(getattr(value, f.name), kind)}
        return dataclasses.replace(value, **changes) if changes else value
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return tuple(convert(v) if isinstance(v, kind) else v for v in value)
    if isinstance(value, list):
        return [convert(v) if isinstance(v, kind) else v for v in value]
    if isinstance(value, dict):
        return {k: convert(v) if isinstance(v, kind) else v for k, v in value.items()}
    return value


# --- errors that survive pickling ----------------------------------------


@dataclasses.dataclass(frozen=True)
class _Failure:
    """An exception raised by the page function, in a picklable form."""

    path: str
    kind: str
    message: str
    reason: str = ""

    def to_exception(self) -> KGError:
        if self.kind == "InputError":
            return InputError(self.path, self.reason)
        return KGError(f"{self.path}: {self.kind}: {self.message}")


def _call(func: Callable[[Any], Any], path: Any) -> Any:
    """Run ``func(path)`` in a worker and return a compact result or a failure."""
    try:
        return pack(func(path))
    except InputError as exc:
        return _Failure(str(path), "InputError", str(exc), exc.reason)
    except Exception as exc:  # noqa: BLE001 - reported per page to the caller
        return _Failure(str(path), type(exc).__name__, str(exc))


def _finish(outcome: Any, errors: str) -> Any:
    if isinstance(outcome, _Failure):
        exc = outcome.to_exception()
        if errors == "raise":
            raise exc
        return exc
    return unpack(outcome)


# --- the map --------------------------------------------------------------


def map_pages(
    func: Callable[[Any], Any],
    paths: Iterable[Any],
    workers: int = 1,
    scheduler: str | Any | None = None,
    errors: str = "raise",
) -> Iterator[Any]:
    """Yield ``func(path)`` for each path, in input order.

    ``workers`` > 1 runs ``func`` in that many worker processes (``func``
    must be importable: a module-level function). ``scheduler`` — the
    address of a Dask scheduler (``tcp://host:8786``) or a
    ``dask.distributed.Client`` — runs it on that cluster instead.

    ``errors="raise"`` stops at the first failing page (raising a
    :class:`~kg.errors.KGError` that names the page); ``errors="yield"``
    yields the error in the page's place and goes on.
    """
    if errors not in ("raise", "yield"):
        raise ValueError("errors must be 'raise' or 'yield'")
    if workers < 1:
        raise KGError(f"--workers must be at least 1, not {workers}")
    paths = list(paths)
    if scheduler is not None:
        yield from _map_dask(func, paths, scheduler, errors)
    elif workers == 1 or len(paths) <= 1:
        for path in paths:
            # the same pack/unpack round trip as in the pools, so that every
            # mode hands back identical results
            yield _finish(_call(func, path), errors)
    else:
        yield from _map_processes(func, paths, workers, errors)


_END = object()


def _map_processes(func, paths: list, workers: int, errors: str) -> Iterator[Any]:
    # "spawn" rather than "fork": the parent may hold threads and an open
    # store, which a forked child must not inherit
    ctx = multiprocessing.get_context("spawn")
    window = max(2, workers * 2)  # bounded read-ahead keeps memory flat on big corpora
    with ProcessPoolExecutor(max_workers=min(workers, len(paths)), mp_context=ctx) as pool:
        pending: deque = deque()
        it = iter(paths)
        for path in it:
            pending.append(pool.submit(_call, func, path))
            if len(pending) >= window:
                break
        while pending:
            outcome = pending.popleft().result()
            nxt = next(it, _END)
            if nxt is not _END:
                pending.append(pool.submit(_call, func, nxt))
            yield _finish(outcome, errors)


def _map_dask(func, paths: list, scheduler, errors: str) -> Iterator[Any]:
    try:
        from dask.distributed import Client
    except ImportError as exc:
        raise KGError("--scheduler needs Dask: pip install 'dask[distributed]'") from exc
    own_client = not isinstance(scheduler, Client)
    try:
        client = Client(scheduler, timeout=DASK_CONNECT_TIMEOUT) if own_client else scheduler
    except (OSError, TimeoutError) as exc:
        raise KGError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    try:
        # pure=False: the same page twice in the input is worked twice, like
        # the other modes
        futures = client.map(_call, [func] * len(paths), paths, pure=False)
        try:
            for future in futures:
                yield _finish(future.result(), errors)
        finally:
            client.cancel(futures)
    finally:
        if own_client:
            client.close()

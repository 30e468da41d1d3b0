"""Tests of kg/parallel.py: ordered, identical results in every mode."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

import pytest
import rdflib
from rdflib import Literal, Namespace
from rdflib.compare import isomorphic
from rdflib.namespace import SKOS

from kg.errors import InputError, KGError
from kg.parallel import PackedGraph, map_pages, pack, unpack

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
KGR = Namespace("https://w3id.org/cngov-kg/id/")


@dataclasses.dataclass
class Result:
    name: str
    lines: int
    graph: rdflib.Graph


def line_graph(path) -> Result:
    """A page function: one labelled node per non-empty line of the page."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the page: {exc}") from None
    g = rdflib.Graph()
    for line in text.splitlines():
        if line.strip():
            node = KGR["line/" + hashlib.sha1(line.encode()).hexdigest()[:16]]
            g.add((node, SKOS.prefLabel, Literal(line.strip(), lang="zh")))
    return Result(path.name, len(text.splitlines()), g)


def nt(result: Result) -> bytes:
    return b"".join(sorted(result.graph.serialize(format="nt", encoding="utf-8").splitlines(True)))


@pytest.fixture
def pages(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\xfa not utf-8 \x80")
    return [*SEEDS, bad, SEEDS[0]]


def test_parallel_pack_round_trip_keeps_graph():
    r = line_graph(SEEDS[0])
    packed = pack(r)
    assert isinstance(packed.graph, PackedGraph) and packed.lines == r.lines
    assert isomorphic(unpack(packed).graph, r.graph)
    # N-Triples text is the compact form sent between processes
    import pickle
    assert len(pickle.dumps(packed)) < len(pickle.dumps(r))


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_parallel_map_pages_keeps_order_and_reports_bad_pages(pages, workers):
    out = list(map_pages(line_graph, pages, workers=workers, errors="yield"))
    assert len(out) == len(pages)
    assert [o.name if isinstance(o, Result) else "ERROR" for o in out] == [
        *[p.name for p in SEEDS], "ERROR", SEEDS[0].name]
    err = out[len(SEEDS)]
    assert isinstance(err, InputError) and err.path.endswith("bad.txt") and "cannot read" in err.reason
    reference = [line_graph(p) for p in SEEDS]
    assert [nt(o) for o in out[: len(SEEDS)]] == [nt(r) for r in reference]


@pytest.mark.parametrize("workers", [1, 2])
def test_parallel_map_pages_raises_naming_the_page(pages, workers):
    with pytest.raises(InputError, match="bad.txt"):
        list(map_pages(line_graph, pages, workers=workers))


def test_parallel_map_pages_rejects_zero_workers():
    with pytest.raises(KGError, match="at least 1"):
        list(map_pages(line_graph, SEEDS, workers=0))


@pytest.mark.slow
def test_parallel_dask_cluster_gives_same_results(pages):
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, host="127.0.0.1") as cluster:
        out = list(map_pages(line_graph, pages, scheduler=cluster.scheduler_address, errors="yield"))
    local = list(map_pages(line_graph, pages, workers=1, errors="yield"))
    assert [type(o) for o in out] == [type(o) for o in local]
    assert [nt(o) for o in out if isinstance(o, Result)] == [nt(o) for o in local if isinstance(o, Result)]
    assert str(out[len(SEEDS)]) == str(local[len(SEEDS)])


def test_parallel_dask_unreachable_scheduler_is_a_clear_error(monkeypatch):
    pytest.importorskip("dask.distributed")
    monkeypatch.setattr("kg.parallel.DASK_CONNECT_TIMEOUT", "1s")
    with pytest.raises(KGError, match="Dask scheduler"):
        list(map_pages(line_graph, SEEDS, scheduler="tcp://127.0.0.1:9"))

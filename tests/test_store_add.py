"""Tests of ``kg add`` (kg/commands/add.py over kg/store.py): adding pages one
by one, re-adding one, gives the graph of a fresh build of all pages."""

from __future__ import annotations

import functools
import hashlib
import shutil
from pathlib import Path

import pytest
import rdflib
from rdflib import Literal, Namespace
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import RDF, SKOS

import kg.pipeline as pipeline
from kg.cli import main
from kg.commands.add import add_pages
from kg.pipeline import PageResult, build
from kg.store import GraphStore, canonical_graph

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
KG = Namespace("https://w3id.org/cngov-kg/ontology#")
KGR = Namespace("https://w3id.org/cngov-kg/id/")


def place_page(path) -> PageResult:
    """A fast stand-in for the extractor: each line names a place; every page
    shares the places it names with the other pages that name them."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    g = rdflib.Graph()
    art = KGR[f"article/{path.stem}/0"]
    g.add((art, RDF.type, KG.Article))
    g.add((art, KG.sourceFile, Literal(path.name)))
    for line in text.split():
        node = KGR["place/" + hashlib.sha1(line.encode()).hexdigest()[:16]]
        g.add((node, RDF.type, KG.Place))
        g.add((node, SKOS.prefLabel, Literal(line, lang="zh")))
        g.add((node, KG.mentionedIn, art))
    return PageResult(str(path), path.name, g.serialize(format="nt", encoding="utf-8"), 1)


def assert_same_graph(a: rdflib.Graph, b: rdflib.Graph) -> None:
    if not isomorphic(a, b):
        _, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
        pytest.fail(f"graphs differ: {len(only_a)} triples only in the first, {len(only_b)} only in the second; "
                    f"e.g. {sorted(only_a)[:3]} / {sorted(only_b)[:3]}")


def test_store_add_one_by_one_and_readd_equals_fresh_build(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "process_page", place_page)
    pages = tmp_path / "pages"
    pages.mkdir()
    texts = {"a.txt": "衡水市 故城县 郑口镇", "b.txt": "衡水市 冀州区", "c.txt": "故城县 滏阳河"}
    for name, text in texts.items():
        (pages / name).write_text(text, encoding="utf-8")
    inc = tmp_path / "inc"
    for name in texts:
        add_pages([pages / name], inc, explorer=False)
    # a page changes and is added again: its old facts go, shared ones stay
    (pages / "a.txt").write_text("衡水市 桃城区", encoding="utf-8")
    add_pages([pages / "a.txt"], inc, explorer=False)
    fresh = tmp_path / "fresh"
    build([pages], fresh, explorer=False)
    with GraphStore.open(inc / "store", read_only=True) as s1, GraphStore.open(fresh / "store", read_only=True) as s2:
        assert s1.pages() == s2.pages() == ["a", "b", "c"]
        assert_same_graph(s1.to_rdflib(), s2.to_rdflib())
        labels = {str(r[0]) for r in s1.query("SELECT ?l { ?p a kg:Place ; skos:prefLabel ?l }")[1]}
        assert labels == {"衡水市", "桃城区", "冀州区", "故城县", "滏阳河"}  # 郑口镇 went with the old page
        # 衡水市 is on two pages but once in the union
        assert s1.query("SELECT (COUNT(*) AS ?n) { ?p skos:prefLabel \"衡水市\"@zh }")[1][0][0].toPython() == 1
    assert (inc / "kg.ttl").read_bytes() == (fresh / "kg.ttl").read_bytes()


def test_store_add_reports_bad_page_and_keeps_others(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "process_page", place_page)
    good, bad = tmp_path / "good.txt", tmp_path / "missing.txt"
    good.write_text("衡水市", encoding="utf-8")
    report = add_pages([good, bad], tmp_path / "out", explorer=False) if bad.exists() else None
    assert report is None  # collect_paths refuses a missing file up front
    bad.write_bytes(b"\xff\xfe\x00\xd8")  # undecodable for the stand-in
    report = add_pages([good, bad], tmp_path / "out", explorer=False)
    assert [p for p, _ in report.failed] == [str(bad)]
    with GraphStore.open(tmp_path / "out" / "store", read_only=True) as s:
        assert s.pages() == ["good"]


_PROCESS_PAGE = pipeline.process_page


@functools.lru_cache(maxsize=None)
def _seed_result(path: str) -> PageResult:
    return _PROCESS_PAGE(path)


@pytest.mark.slow
def test_store_add_seeds_one_by_one_equals_build_of_all(tmp_path, monkeypatch):
    cached = lambda p: _seed_result(str(p))  # noqa: E731 - extraction once per seed, the store work every time
    monkeypatch.setattr(pipeline, "process_page", cached)
    inc = tmp_path / "inc"
    for seed in SEEDS:
        assert main(["add", str(seed), "--out", str(inc), "-q", "--no-explorer"]) == 0
    assert main(["add", str(SEEDS[1]), "--out", str(inc), "-q", "--no-explorer"]) == 0
    fresh = tmp_path / "fresh"
    build(SEEDS, fresh, explorer=False)
    with GraphStore.open(inc / "store", read_only=True) as s1, GraphStore.open(fresh / "store", read_only=True) as s2:
        union = rdflib.Graph()
        for seed in SEEDS:
            union.parse(data=_seed_result(str(seed)).ntriples, format="nt")
        assert s1.triple_count() == s2.triple_count() == len(canonical_graph(union))
        assert_same_graph(s1.to_rdflib(), s2.to_rdflib())
        assert_same_graph(s1.to_rdflib(), canonical_graph(union))
    assert (inc / "kg.ttl").read_bytes() == (fresh / "kg.ttl").read_bytes()


@pytest.mark.slow
def test_store_build_with_workers_is_byte_identical(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for seed in SEEDS[:3]:
        shutil.copy(seed, seeds / seed.name)
    build([seeds], tmp_path / "w1", workers=1, explorer=False)
    build([seeds], tmp_path / "w2", workers=2, explorer=False)
    assert (tmp_path / "w1" / "kg.ttl").read_bytes() == (tmp_path / "w2" / "kg.ttl").read_bytes()


def test_store_rebuild_drops_pages_no_longer_given(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "process_page", place_page)
    for name, text in {"a.txt": "衡水市", "b.txt": "冀州区"}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    build([tmp_path / "a.txt", tmp_path / "b.txt"], tmp_path / "out", explorer=False)
    build([tmp_path / "a.txt"], tmp_path / "out", explorer=False)
    with GraphStore.open(tmp_path / "out" / "store", read_only=True) as s:
        assert s.pages() == ["a"]
        assert {str(r[0]) for r in s.query("SELECT ?l { ?p skos:prefLabel ?l }")[1]} == {"衡水市"}

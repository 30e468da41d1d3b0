"""Tests of ``kg add`` (kg/commands/add.py over kg/store.py): adding pages one
by one, re-adding one, gives the graph of a fresh build of all pages."""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
from pathlib import Path

import pytest
import rdflib
from rdflib import Literal, Namespace
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import RDF, SKOS

import kg.pipeline as pipeline
from kg.atomic import COMMIT_RECORD, STAGE_PREFIX, StagedOutput
from kg.cli import main
from kg.commands.add import add_pages
from kg.errors import InputError, StoreError
from kg.pipeline import PageResult, build, extract_pages
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


# --- all-or-nothing with the exports ---------------------------------------


def _outputs(out: Path) -> tuple[list[str], bytes]:
    with GraphStore.open(out / "store", read_only=True) as s:
        return s.pages(), (out / "kg.ttl").read_bytes()


@pytest.fixture
def added(tmp_path, monkeypatch):
    """A folder holding pages a and b added with the stand-in extractor, and a third page c."""
    monkeypatch.setattr(pipeline, "process_page", place_page)
    for name, text in {"a.txt": "衡水市", "b.txt": "冀州区", "c.txt": "故城县"}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    add_pages([tmp_path / "a.txt", tmp_path / "b.txt"], out, explorer=False)
    return out


def test_store_add_failure_while_exporting_changes_nothing(added, monkeypatch):
    before = _outputs(added)

    def broken(graph, out, **kw):
        (out / "kg.ttl").write_text("half", encoding="utf-8")
        raise OSError("disk full")

    monkeypatch.setattr(pipeline, "write_exports", broken)
    with pytest.raises(OSError, match="disk full"):
        add_pages([added.parent / "c.txt"], added, explorer=False)
    assert _outputs(added) == before and before[0] == ["a", "b"]
    assert not list(added.glob(STAGE_PREFIX + "*")) and not (added / COMMIT_RECORD).exists()


def test_store_add_refuses_while_the_store_is_read(added):
    from kg.store import lock_store

    before = _outputs(added)
    reader = lock_store(added / "store", shared=True)
    try:
        with pytest.raises(StoreError, match="in use by another process"):
            add_pages([added.parent / "c.txt"], added, explorer=False)
    finally:
        os.close(reader)
    assert _outputs(added) == before


def test_store_add_finishes_an_interrupted_commit_first(added):
    import kg.atomic as atomic

    # a commit of exports only, stopped after its commit record
    stage = StagedOutput(added)
    stage.path("kg.ttl").write_text("interrupted", encoding="utf-8")
    atomic._write_record(added, {"stage": stage.dir.name, "items": {"kg.ttl": os.lstat(stage.path("kg.ttl")).st_ino}})
    report = add_pages([added.parent / "c.txt"], added, explorer=False)
    assert report.ok
    pages, ttl = _outputs(added)
    assert pages == ["a", "b", "c"] and "故城县" in ttl.decode("utf-8")
    assert not (added / COMMIT_RECORD).exists() and not list(added.glob(STAGE_PREFIX + "*"))


def test_store_add_copies_the_store_without_touching_it(added, tmp_path):
    from kg.atomic import copy_store

    before = _outputs(added)
    assert copy_store(added / "store", tmp_path / "copy")
    with GraphStore.open(tmp_path / "copy") as copy:
        assert copy.pages() == ["a", "b"]
        copy.remove_page("a")
    assert _outputs(added) == before
    assert not copy_store(tmp_path / "nothing", tmp_path / "copy2") and not (tmp_path / "copy2").exists()


# --- the page loop and options shared with kg build -------------------------


@pytest.mark.parametrize(
    "names, message",
    [
        (["x/a.txt", "y/a.txt"], "same file name as"),
        (["x/a.b.txt", "y/ab.txt"], "same page name as"),  # both are page `ab`
        (["x/a.txt", "y/b.txt"], None),
    ],
)
def test_store_add_extract_pages_refuses_pages_of_one_name(tmp_path, monkeypatch, names, message):
    monkeypatch.setattr(pipeline, "process_page", place_page)
    paths = []
    for name in names:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("衡水市", encoding="utf-8")
        paths.append(tmp_path / name)
    seen = []
    results, report = extract_pages(paths, progress=lambda i, n, p: seen.append((i, n)))
    assert seen == [(1, 2), (2, 2)] and report.pages == 2
    if message is None:
        assert len(results) == 2 and report.ok
    else:
        assert [r.path for r in results] == [str(paths[0])]
        assert report.failed == [(str(paths[1]), f"{message} {paths[0]}; rename one of them")]
        with pytest.raises(InputError, match=message):
            extract_pages(paths, strict=True)


@pytest.mark.parametrize("command", ["build", "add"])
def test_store_add_page_options_shared_with_build(command):
    from kg.cli import make_parser
    from kg.commands import print_progress, progress_printer

    args = make_parser().parse_args([command, "p.txt", "--workers", "2", "--scheduler", "tcp://h:8786",
                                     "--strict", "--no-explorer"])
    assert (args.workers, args.scheduler, args.strict, args.no_explorer) == (2, "tcp://h:8786", True, True)
    assert progress_printer(args) is print_progress
    assert progress_printer(make_parser().parse_args([command, "p.txt", "-q"])) is None

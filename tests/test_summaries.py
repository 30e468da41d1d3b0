"""Precomputed summaries of whole-graph named queries (kg/summaries.py).

A summary answers ``run_named`` on a graph store exactly as the live query
would (same variables, rows, order and rdflib terms); it is computed by
``kg build``/``kg add`` before their commit, dropped by every other write
of pages, ignored when the query text changed, bypassed by ``--live``, and
seen by nothing else (pages, counts, exports).
"""

from __future__ import annotations

import base64
import dataclasses
import json
import struct
from pathlib import Path

import pytest
import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, SKOS

import kg.pipeline as pipeline
import kg.query as query_mod
from kg.cli import main
from kg.commands.add import add_pages
from kg.errors import QueryError
from kg.export import export
from kg.pipeline import PageResult, build
from kg.query import OxigraphEngine, RdflibEngine, library, load_query_file, open_store, parse_header, run_named
from kg.store import PAGE_GRAPH_NS, SUMMARY_GRAPH_NS, GraphStore
from kg.summaries import FORMAT, compute_summaries, query_hash, summary_queries
from test_pipeline_build import seeds_build

SUMMARY_QUERIES = ["agency-programs", "co-running-organizations", "money-per-county", "places-without-programs",
                   "programs-per-year"]
FIXTURE = Path(__file__).parent / "data" / "query" / "fixture.ttl"
KG = rdflib.Namespace("https://w3id.org/cngov-kg/ontology#")
KGR = rdflib.Namespace("https://w3id.org/cngov-kg/id/")


def same_terms(a, b) -> bool:
    """Equal rows of equal rdflib terms of the same type, datatype, language and value."""
    if a.vars != b.vars or len(a.rows) != len(b.rows):
        return False
    for ra, rb in zip(a.rows, b.rows):
        if ra != rb:
            return False
        for x, y in zip(ra, rb):
            if type(x) is not type(y):
                return False
            if isinstance(x, Literal) and (x.language, x.datatype, x.value, x.ill_typed) != (
                    y.language, y.datatype, y.value, y.ill_typed):
                return False
    return True


def summary_is_used(store: GraphStore, name: str) -> bool:
    from kg.summaries import load

    return load(store, library()[name]) is not None


def forge(store: GraphStore, name: str, label: str = "forged") -> None:
    """Store a summary of ``name`` with the right hash but a made-up row, to tell which path answered."""
    q = library()[name]
    doc = {"format": FORMAT, "vars": ["x"], "terms": [["s", "", [label]]], "count": 1, "size": 2,
           "columns": [["i", base64.b64encode(struct.pack("<H", 1)).decode("ascii")]]}
    store.write_summaries({name: {"query": query_hash(q.text), "rows": json.dumps(doc)}})


@pytest.fixture()
def fixture_store(tmp_path):
    store = GraphStore.open(tmp_path / "store")
    store.replace_page("p0.txt", rdflib.Graph().parse(FIXTURE, format="turtle"))
    yield store
    store.close()


# --- the header -------------------------------------------------------------------


def test_summaries_the_five_whole_graph_queries_are_marked():
    assert sorted(q.name for q in summary_queries()) == SUMMARY_QUERIES
    assert all(not q.params for q in summary_queries())


def test_summaries_header_with_a_param_is_refused(tmp_path):
    text = "# title: t\n# summary: yes\n# param: place — a place\nSELECT ?x WHERE { ?x ?p ?place }\n"
    with pytest.raises(QueryError, match=r"summary: yes.*only allowed for a query without parameters.*place"):
        parse_header(text, "q.rq")
    path = tmp_path / "q.rq"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(QueryError, match="without parameters"):
        load_query_file(path)
    with pytest.raises(QueryError, match="summary: yes' or '# summary: no"):
        parse_header("# summary: maybe\nSELECT * WHERE { ?s ?p ?o }\n", "q.rq")
    with pytest.raises(QueryError, match="SELECT"):
        parse_header("# summary: yes\nASK { ?s ?p ?o }\n", "q.rq")
    assert parse_header("# summary: no\n# param: a\nSELECT * WHERE { ?s ?p ?a }", "q.rq")[3] is False
    assert parse_header("# title: t\n# summary: yes\nSELECT * WHERE { ?s ?p ?o }", "q.rq")[3] is True


# --- after a build: summary == live -----------------------------------------------------


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory):
    out, _ = seeds_build(tmp_path_factory)
    store = open_store(out / "store")
    yield store
    store.close()


@pytest.mark.parametrize("name", SUMMARY_QUERIES)
def test_summaries_equal_live_after_build(seeds_store, name):
    assert seeds_store.summary_names() == SUMMARY_QUERIES
    assert summary_is_used(seeds_store, name)
    engine = OxigraphEngine(seeds_store)
    summary, live = run_named(engine, name), run_named(engine, name, live=True)
    assert live.rows, "the seeds give rows for every summary query"
    assert same_terms(summary, live)


def test_summaries_match_the_rdflib_engine_on_the_seeds(seeds_store, tmp_path_factory):
    out, _ = seeds_build(tmp_path_factory)
    engine = RdflibEngine(rdflib.Graph().parse(out / "kg.ttl", format="turtle"))
    summary = run_named(OxigraphEngine(seeds_store), "agency-programs")
    assert summary.rows == run_named(engine, "agency-programs").rows


# --- kg add: recomputed ---------------------------------------------------------------


def nt_page(path) -> PageResult:
    """A stand-in for the extractor: the page file holds its graph as N-Triples."""
    path = Path(path)
    return PageResult(str(path), path.name, path.read_bytes(), 1)


def test_summaries_recomputed_by_add_of_a_new_and_a_changed_page(tmp_path, tmp_path_factory, monkeypatch):
    out, _ = seeds_build(tmp_path_factory)
    with open_store(out / "store") as seeds:
        graphs = {name: seeds.page_graph(name) for name in seeds.pages()}
    pages = tmp_path / "pages"
    pages.mkdir()
    for name, g in graphs.items():
        (pages / f"{name}.txt").write_bytes(g.serialize(format="nt", encoding="utf-8"))
    monkeypatch.setattr(pipeline, "process_page", nt_page)
    names = sorted(graphs)
    target = tmp_path / "out"
    build([pages / f"{n}.txt" for n in names[:3]], target, explorer=False)

    def check() -> dict:
        with open_store(target / "store") as store:
            engine = OxigraphEngine(store)
            results = {}
            for name in SUMMARY_QUERIES:
                assert summary_is_used(store, name), name
                summary, live = run_named(engine, name), run_named(engine, name, live=True)
                assert same_terms(summary, live), name
                results[name] = summary.rows
            return results

    before = check()
    add_pages([pages / f"{names[3]}.txt"], target, explorer=False)  # a new page
    after_new = check()
    assert after_new["agency-programs"] != before["agency-programs"]
    # a changed page: the first page loses its runs relations and gains a program with money
    changed = graphs[names[0]]
    for pred in (KG.runs, KG.organizes, KG.undertakes, KG.leads):
        changed.remove((None, pred, None))
    prog, measure = KGR["program/summary-test"], KGR["measure/summary-test"]
    agency = next(changed.subjects(RDF.type, KG.Agency))
    for t in ((prog, RDF.type, KG.Program), (prog, SKOS.prefLabel, Literal("测试工程", lang="zh")),
              (agency, KG.runs, prog), (prog, KG.date, Literal("2019-05-01", datatype=rdflib.XSD.date)),
              (prog, KG.hasMeasure, measure), (measure, KG.value, Literal("12", datatype=rdflib.XSD.decimal))):
        changed.add(t)
    (pages / f"{names[0]}.txt").write_bytes(changed.serialize(format="nt", encoding="utf-8"))
    add_pages([pages / f"{names[0]}.txt"], target, explorer=False)
    after_change = check()
    assert after_change["agency-programs"] != after_new["agency-programs"]
    assert after_change["programs-per-year"] != after_new["programs-per-year"]


# --- writes without recompute leave no summary ------------------------------------------------


WRITES = {
    "replace_page": lambda s, g: s.replace_page("p1.txt", g),
    "replace_pages": lambda s, g: s.replace_pages([("p0.txt", g)]),
    "remove_page": lambda s, g: s.remove_page("p0.txt"),
    "remove_missing_page": lambda s, g: s.remove_page("nope.txt"),
    "load_page_ntriples": lambda s, g: s.load_page_ntriples("p2.txt", g.serialize(format="nt", encoding="utf-8")),
}


@pytest.mark.parametrize("write", sorted(WRITES) + ["bulk_load"])
def test_summaries_dropped_by_every_page_write(fixture_store, write, tmp_path):
    g = rdflib.Graph()
    g.add((KGR["program/x"], RDF.type, KG.Program))
    g.add((KGR["program/x"], SKOS.prefLabel, Literal("新工程", lang="zh")))
    compute_summaries(fixture_store)
    assert fixture_store.summary_names() == SUMMARY_QUERIES
    forge(fixture_store, "programs-per-year")
    engine = OxigraphEngine(fixture_store)
    assert run_named(engine, "programs-per-year").rows == [(Literal("forged"),)]
    if write == "bulk_load":
        nt = tmp_path / "p.nt"
        nt.write_bytes(g.serialize(format="nt", encoding="utf-8"))
        fixture_store.bulk_load("p3", nt)
    else:
        WRITES[write](fixture_store, g)
    assert fixture_store.summary_names() == []
    assert not any(x.value.startswith(SUMMARY_GRAPH_NS) for x in fixture_store.oxigraph.named_graphs())
    assert fixture_store.read_summary("programs-per-year") is None
    assert same_terms(run_named(engine, "programs-per-year"), run_named(engine, "programs-per-year", live=True))


def test_summaries_dropped_on_disk_too(tmp_path):
    """Reopened, the store still has none (the drop was part of the committed write)."""
    with GraphStore.open(tmp_path / "store") as store:
        store.replace_page("p0.txt", rdflib.Graph().parse(FIXTURE, format="turtle"))
        compute_summaries(store)
    with GraphStore.open(tmp_path / "store") as store:  # a new object: it does not know which graphs are there
        assert store.summary_names() == SUMMARY_QUERIES
        store.remove_page("p0.txt")
    with GraphStore.open(tmp_path / "store", read_only=True) as store:
        assert store.summary_names() == [] and store.pages() == []


# --- stale or bypassed --------------------------------------------------------------------


def test_summaries_edited_query_text_runs_live(fixture_store, monkeypatch):
    forge(fixture_store, "money-per-county")
    engine = OxigraphEngine(fixture_store)
    assert run_named(engine, "money-per-county").rows == [(Literal("forged"),)]
    q = library()["money-per-county"]
    edited = dataclasses.replace(q, text=q.text + "\n# edited\n")
    monkeypatch.setitem(library(), "money-per-county", edited)
    result = run_named(engine, "money-per-county")
    assert result.rows != [(Literal("forged"),)]
    assert same_terms(result, run_named(engine, "money-per-county", live=True))
    assert result.rows and str(result.rows[0][result.vars.index("county_label")]) == "故城县"


def test_summaries_damaged_summary_runs_live(fixture_store):
    q = library()["programs-per-year"]
    fixture_store.write_summaries({q.name: {"query": query_hash(q.text), "rows": "{not json"}})
    engine = OxigraphEngine(fixture_store)
    assert same_terms(run_named(engine, q.name), run_named(engine, q.name, live=True))


def test_summaries_live_flag_of_kg_query(tmp_path, capsys):
    with GraphStore.open(tmp_path / "store") as store:
        store.replace_page("p0.txt", rdflib.Graph().parse(FIXTURE, format="turtle"))
        forge(store, "agency-programs", "from-the-summary")
    args = ["query", "agency-programs", "--store", str(tmp_path / "store"), "--format", "csv"]
    assert main(args) == 0
    assert capsys.readouterr().out == "x\nfrom-the-summary\n"
    assert main(args + ["--live"]) == 0
    out = capsys.readouterr().out
    assert "from-the-summary" not in out and "故城县水务局" in out


def test_summaries_not_used_with_params_or_by_rdflib(fixture_store):
    forge(fixture_store, "agency-programs")
    graph = rdflib.Graph().parse(FIXTURE, format="turtle")
    assert run_named(RdflibEngine(graph), "agency-programs").rows != [(Literal("forged"),)]
    assert run_named(OxigraphEngine(fixture_store.oxigraph), "agency-programs").rows != [(Literal("forged"),)]
    assert query_mod.summary_result(OxigraphEngine(fixture_store), library()["programs-in-place"]) is None


# --- nothing else sees them ----------------------------------------------------------------------


def test_summaries_invisible_to_pages_counts_and_exports(fixture_store, tmp_path):
    before = (fixture_store.pages(), fixture_store.triple_count(), fixture_store.to_ntriples(),
              len(fixture_store.to_rdflib()))
    exports_before = {}
    for fmt in ("trig", "ntriples", "turtle", "jsonld"):
        export(fixture_store, fmt, tmp_path / f"before.{fmt}")
        exports_before[fmt] = (tmp_path / f"before.{fmt}").read_bytes()
    compute_summaries(fixture_store)
    assert fixture_store.summary_names() == SUMMARY_QUERIES
    assert (fixture_store.pages(), fixture_store.triple_count(), fixture_store.to_ntriples(),
            len(fixture_store.to_rdflib())) == before
    for fmt in ("trig", "ntriples", "turtle", "jsonld"):
        export(fixture_store, fmt, tmp_path / f"after.{fmt}")
        data = (tmp_path / f"after.{fmt}").read_bytes()
        assert data == exports_before[fmt], fmt
        assert b"resource/summary" not in data
    export(fixture_store, "csv", tmp_path / "csv")
    assert all(b"resource/summary" not in p.read_bytes() for p in (tmp_path / "csv").iterdir())
    # the TriG export's named graphs are articles, never summaries
    trig = rdflib.Dataset().parse(tmp_path / "after.trig", format="trig")
    assert not [c for c in trig.graphs() if str(c.identifier).startswith(SUMMARY_GRAPH_NS)]
    # live queries over the default graph do not see the summary triples
    vars_, rows = fixture_store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(rows[0][0]) == before[1]
    assert not SUMMARY_GRAPH_NS.startswith(PAGE_GRAPH_NS)


def test_summaries_build_outputs_hold_no_summary(tmp_path_factory):
    out, report = seeds_build(tmp_path_factory)
    assert b"resource/summary" not in (out / "kg.ttl").read_bytes()
    assert b"resource/summary" not in (out / "explorer.html").read_bytes()
    with open_store(out / "store") as store:
        assert store.triple_count() == report.triples
        assert b"resource/summary" not in store.to_ntriples()


def test_summaries_push_sends_no_summary(tmp_path, monkeypatch):
    from kg.commands import push as push_mod

    with GraphStore.open(tmp_path / "store") as store:
        store.replace_page("p0.txt", rdflib.Graph().parse(FIXTURE, format="turtle"))
        expected = store.to_ntriples()
        compute_summaries(store)
    sent = {}
    monkeypatch.setattr(push_mod, "push_ntriples", lambda data, *args, **kw: sent.setdefault("data", data))
    push_mod.push_store(tmp_path, "http://127.0.0.1:9/sparql")
    assert sent["data"] == expected and b"resource/summary" not in sent["data"]


def test_summaries_uri_outside_page_namespace():
    assert SUMMARY_GRAPH_NS.startswith("https://w3id.org/cngov-kg/resource/summary/")
    assert isinstance(URIRef(SUMMARY_GRAPH_NS + "x"), URIRef)


def test_summaries_hidden_from_graph_patterns(fixture_store):
    """GRAPH ?g over the store (kg query, kg serve) finds the page graphs, not the summaries."""
    from kg.serve import execute

    compute_summaries(fixture_store)
    sparql = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
    _, rows = fixture_store.query(sparql)
    assert [str(r[0]) for r in rows] == fixture_store.page_graph_iris() == [PAGE_GRAPH_NS + "p0"]
    _, rows = fixture_store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(rows[0][0]) == fixture_store.triple_count()
    reply = execute(fixture_store.oxigraph, sparql, "text/csv", 100, page_graphs=fixture_store.page_graph_iris())
    assert reply.status == 200 and b"resource/summary" not in reply.body and b"/page/p0" in reply.body


# --- the encoding ---------------------------------------------------------------------


@pytest.mark.parametrize("distinct", [5, 70_000])  # indexes of 2 bytes, and of 4
def test_summaries_columns_round_trip(distinct):
    from kg.summaries import _encode_column, decode

    values = [f"v{i}" for i in range(distinct)]
    size = 2 if distinct + 1 <= 0x10000 else 4
    count = 1000
    sorted_col = sorted((i * 7) % 3 + 1 for i in range(count))  # few runs: kept as runs
    spread_col = [(i * 7919) % distinct + 1 for i in range(count)]  # every row differs
    unbound_col = [0 if i % 3 else 2 for i in range(count)]
    cols = [sorted_col, spread_col, unbound_col]
    specs = [_encode_column(c, size) for c in cols]
    assert [s[0] for s in specs] == ["r", "i", "i"]
    doc = {"format": FORMAT, "vars": ["a", "b", "c"], "terms": [["s", "", values]], "count": count,
           "size": size, "columns": specs}
    names, rows = decode(json.dumps(doc))
    table = [None] + [Literal(v) for v in values]
    assert names == ["a", "b", "c"]
    assert rows == [tuple(table[c[k]] for c in cols) for k in range(count)]


def test_summaries_column_of_the_wrong_length_runs_live(fixture_store):
    from kg.summaries import _encode_column

    q = library()["programs-per-year"]
    doc = {"format": FORMAT, "vars": ["x"], "terms": [["s", "", ["a"]]], "count": 3, "size": 2,
           "columns": [_encode_column([1, 1], 2)]}
    fixture_store.write_summaries({q.name: {"query": query_hash(q.text), "rows": json.dumps(doc)}})
    engine = OxigraphEngine(fixture_store)
    assert same_terms(run_named(engine, q.name), run_named(engine, q.name, live=True))

"""Tests of kg/store.py: per-page named graphs, atomic replace, union queries."""

from __future__ import annotations

import multiprocessing
import threading
import time

import pytest
import rdflib
from rdflib import Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SKOS, XSD

from kg.errors import QueryError, StoreError
from kg.store import (
    GraphStore,
    canonical_graph,
    inject_values,
    page_graph_iri,
    page_key,
    query_form,
    term_converter,
)

KG = Namespace("https://w3id.org/cngov-kg/ontology#")
KGR = Namespace("https://w3id.org/cngov-kg/id/")
HENGSHUI = KGR["place/131100000000"]
GUCHENG = KGR["place/131126000000"]


def page(stem: str, programs: dict[str, str], shared: bool = True) -> rdflib.Graph:
    """A small page graph shaped like DATAMODEL.md: places, an agency, programs."""
    g = rdflib.Graph()
    if shared:  # entities that every page names
        g.add((HENGSHUI, RDF.type, KG.Place))
        g.add((HENGSHUI, SKOS.prefLabel, Literal("衡水市", lang="zh")))
        g.add((GUCHENG, KG.partOf, HENGSHUI))
    article = KGR[f"article/{stem}/0"]
    g.add((article, RDF.type, KG.Article))
    g.add((article, KG.sourceFile, Literal(stem + ".txt")))
    g.add((article, KG.articleIndex, Literal(0)))
    for key, label in programs.items():
        prog = KGR[f"program/{key}"]
        g.add((prog, RDF.type, KG.Program))
        g.add((prog, SKOS.prefLabel, Literal(label, lang="zh")))
        g.add((prog, KG.locatedIn, GUCHENG))
        g.add((prog, KG.mentionedIn, article))
        m = KGR[f"measure/{key}"]
        g.add((prog, KG.hasMeasure, m))
        g.add((m, KG.value, Literal("3000000", datatype=XSD.decimal)))
        g.add((m, KG.unit, Literal("元")))
    return g


@pytest.fixture
def store(tmp_path):
    with GraphStore.open(tmp_path / "store") as s:
        yield s


@pytest.mark.parametrize(
    "name, key",
    [
        ("000_db3279ee40e395c9.txt", "000_db3279ee40e395c9"),
        ("seeds/001_336f0fcc9462c43f.txt", "001_336f0fcc9462c43f"),
        ("a b(c).txt", "abc"),
        ("衡水日报.txt", "p3a087ae8bb07739d"),
    ],
)
def test_store_page_key_follows_datamodel(name, key):
    assert page_key(name) == key
    assert page_graph_iri(name) == "https://w3id.org/cngov-kg/id/page/" + key


def test_store_replace_page_keeps_one_named_graph_per_page(store):
    store.replace_page("p1", page("p1", {"a": "甲工程"}))
    store.replace_page("p2", page("p2", {"b": "乙行动"}))
    assert store.pages() == ["p1", "p2"]
    assert len(store.page_graph("p1")) == len(page("p1", {"a": "甲工程"}))


def test_store_union_deduplicates_shared_entities(store):
    g1, g2 = page("p1", {"a": "甲工程"}), page("p2", {"b": "乙行动"})
    store.replace_page("p1", g1)
    store.replace_page("p2", g2)
    union = g1 + g2
    assert store.triple_count() == len(union)
    assert isomorphic(store.to_rdflib(), canonical_graph(union))
    assert store.to_ntriples().count(b"\n") == len(union)


def test_store_replace_page_drops_old_facts(store):
    store.replace_page("p1", page("p1", {"a": "甲工程", "b": "乙行动"}))
    store.replace_page("p2", page("p2", {"c": "丙计划"}))
    store.replace_page("p1", page("p1", {"a": "甲工程"}))
    labels = {str(r[0]) for r in store.query("SELECT ?l WHERE { ?p a kg:Program ; skos:prefLabel ?l }")[1]}
    assert labels == {"甲工程", "丙计划"}
    # the shared place survives because p2 still names it
    assert store.query("ASK { <https://w3id.org/cngov-kg/id/place/131100000000> a kg:Place }")[1] == [(Literal(True),)]


def test_store_replace_page_rejects_invalid_terms_and_keeps_old_page(store):
    store.replace_page("p1", page("p1", {"a": "甲工程"}))
    before = store.triple_count()
    bad = page("p1", {"b": "乙行动"})
    bad.add((URIRef("https://w3id.org/cngov-kg/id/x y"), KG.value, Literal("1")))
    with pytest.raises(StoreError, match="x y"):
        store.replace_page("p1", bad)
    assert store.triple_count() == before
    assert {str(r[0]) for r in store.query("SELECT ?l { ?p a kg:Program ; skos:prefLabel ?l }")[1]} == {"甲工程"}


def test_store_replace_page_readers_never_see_a_partial_page(store):
    small = page("p1", {"a": "甲工程"}, shared=False)
    big = page("p1", {f"k{i}": f"工程{i}" for i in range(40)}, shared=False)
    store.replace_page("p1", small)
    sizes = {len(small), len(big)}
    seen, stop = [], threading.Event()

    def reader():
        while not stop.is_set():
            seen.append(len(store.page_graph("p1")))

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for i in range(20):
            store.replace_page("p1", big if i % 2 == 0 else small)
    finally:
        stop.set()
        thread.join()
    assert seen and set(seen) <= sizes


def test_store_remove_page(store):
    store.replace_page("p1", page("p1", {"a": "甲工程"}))
    store.replace_page("p2", page("p2", {"b": "乙行动"}, shared=False))
    assert store.remove_page("p1") is True
    assert store.remove_page("p1") is False
    assert store.pages() == ["p2"]
    assert store.query("ASK { ?s skos:prefLabel \"衡水市\"@zh }")[1] == [(Literal(False),)]


def test_store_persists_across_open(tmp_path):
    with GraphStore.open(tmp_path / "store") as s:
        s.replace_page("p1", page("p1", {"a": "甲工程"}))
        n = s.triple_count()
    with GraphStore.open(tmp_path / "store", create=False, read_only=True) as s:
        assert s.pages() == ["p1"] and s.triple_count() == n
        with pytest.raises(StoreError, match="read-only"):
            s.replace_page("p1", rdflib.Graph())


def test_store_open_missing_store_names_path(tmp_path):
    with pytest.raises(StoreError, match="kg build"):
        GraphStore.open(tmp_path / "nothing", create=False)


def _try_open(path, read_only, queue):
    try:
        GraphStore.open(path, read_only=read_only).close()
        queue.put("ok")
    except StoreError as exc:
        queue.put(str(exc))


@pytest.mark.parametrize("holder_read_only, other_read_only, expect", [
    (False, False, "in use"),
    (False, True, "being written"),
    (True, False, "in use"),
    (True, True, "ok"),
])
def test_store_lock_between_processes(tmp_path, holder_read_only, other_read_only, expect):
    path = tmp_path / "store"
    GraphStore.open(path).close()
    ctx = multiprocessing.get_context("spawn")
    with GraphStore.open(path, read_only=holder_read_only):
        queue = ctx.Queue()
        proc = ctx.Process(target=_try_open, args=(str(path), other_read_only, queue))
        proc.start()
        answer = queue.get(timeout=30)
        proc.join(30)
    assert expect in answer


def test_store_query_converts_terms(store):
    store.replace_page("p1", page("p1", {"a": "甲工程"}))
    names, rows = store.query(
        "SELECT ?label ?v ?unit ?art ?missing WHERE { ?p skos:prefLabel ?label ; kg:hasMeasure ?m ; "
        "kg:mentionedIn ?art . ?m kg:value ?v ; kg:unit ?unit OPTIONAL { ?p kg:nothing ?missing } }"
    )
    assert names == ["label", "v", "unit", "art", "missing"]
    assert rows == [(Literal("甲工程", lang="zh"), Literal("3000000", datatype=XSD.decimal), Literal("元"),
                     KGR["article/p1/0"], None)]
    assert rows[0][1].toPython() == 3000000


def test_store_term_converter_matches_rdflib_constructors():
    import pyoxigraph as ox

    convert = term_converter()
    cases = [
        (ox.NamedNode("https://w3id.org/cngov-kg/id/place/131100000000"), HENGSHUI),
        (ox.Literal("衡水市", language="zh"), Literal("衡水市", lang="zh")),
        (ox.Literal("元"), Literal("元")),
        (ox.Literal(""), Literal("")),
        (ox.Literal("3000000", datatype=ox.NamedNode(str(XSD.decimal))), Literal("3000000", datatype=XSD.decimal)),
        (ox.Literal("2021-05-01", datatype=ox.NamedNode(str(XSD.date))), Literal("2021-05-01", datatype=XSD.date)),
        (ox.BlankNode("b1"), rdflib.BNode("b1")),
        (None, None),
    ]
    for _ in range(2):  # converted, then remembered
        for term, expected in cases:
            got = convert(term)
            assert got == expected and type(got) is type(expected)
            if isinstance(expected, Literal):
                assert (got.language, got.datatype, got.value, got.ill_typed) == \
                    (expected.language, expected.datatype, expected.value, expected.ill_typed)
                assert hash(got) == hash(expected) and got.n3() == expected.n3()


def test_store_query_construct_returns_triples(store):
    store.replace_page("p1", page("p1", {"a": "甲工程"}))
    names, rows = store.query("CONSTRUCT { ?p kg:locatedIn ?x } WHERE { ?p kg:locatedIn ?x }")
    assert names == ["subject", "predicate", "object"]
    assert rows == [(KGR["program/a"], KG.locatedIn, GUCHENG)]


@pytest.mark.parametrize(
    "query, bindings, expected",
    [
        ("SELECT ?l WHERE { ?p kg:locatedIn ?place ; skos:prefLabel ?l }",
         {"place": GUCHENG}, {"甲工程", "乙行动"}),
        ("SELECT ?l WHERE { ?p kg:locatedIn ?place ; skos:prefLabel ?l }",
         {"place": HENGSHUI}, set()),
        ("SELECT ?l WHERE { ?p skos:prefLabel ?l }", {"l": Literal("乙行动", lang="zh")}, {"乙行动"}),
        # an aggregate: the binding must restrict the pattern, not the groups
        ("SELECT (COUNT(?p) AS ?l) WHERE { ?p a kg:Program ; skos:prefLabel ?name } GROUP BY ?x",
         {"name": Literal("甲工程", lang="zh")}, {"1"}),
        # a literal that tries to break out of the VALUES block stays a literal
        ("SELECT ?l WHERE { ?p skos:prefLabel ?l }", {"l": Literal('x") } } DROP ALL #', lang="zh")}, set()),
    ],
)
def test_store_query_bindings(store, query, bindings, expected):
    store.replace_page("p1", page("p1", {"a": "甲工程", "b": "乙行动"}))
    _, rows = store.query(query, bindings=bindings)
    assert {str(r[0]) for r in rows} == expected
    assert store.triple_count() > 0


@pytest.mark.parametrize(
    "query, marker",
    [
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT * WHERE { VALUES"),
        ("PREFIX x: <http://e/#> SELECT (EXISTS { ?a ?b ?c } AS ?e) (CONCAT(\"{\", 'a{') AS ?f) WHERE { ?s ?p ?o }",
         "AS ?f) WHERE { VALUES"),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "WHERE { VALUES"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "}\nVALUES"),
        ("# a comment with { brace\nSELECT * { ?s ?p \"{\" }", "SELECT * { VALUES"),
    ],
)
def test_store_inject_values_places_block_in_where_group(query, marker):
    assert marker in inject_values(query, {"s": GUCHENG})


def test_store_query_bindings_reject_bad_names(store):
    with pytest.raises(QueryError, match="variable name"):
        store.query("SELECT * { ?s ?p ?o }", bindings={"s }": GUCHENG})
    with pytest.raises(QueryError, match="rdflib"):
        store.query("SELECT * { ?s ?p ?o }", bindings={"s": "raw text"})


@pytest.mark.parametrize(
    "text, form",
    [
        ("SELECT * {}", "SELECT"),
        ("prefix a: <x:> ask {}", "ASK"),
        ("PREFIX a: <x:>\n# SELECT\nINSERT DATA { <a> <b> <c> }", "INSERT"),
        ("BASE <http://x/> DROP ALL", "DROP"),
        ("DESCRIBE <x>", "DESCRIBE"),
        ("", ""),
    ],
)
def test_store_query_form(text, form):
    assert query_form(text) == form


def test_store_query_refuses_update_and_reports_syntax(store):
    with pytest.raises(QueryError, match="Update"):
        store.query("DELETE WHERE { ?s ?p ?o }")
    with pytest.raises(QueryError, match="invalid SPARQL"):
        store.query("SELECT WHERE {")


def test_store_query_timeout_stops_waiting(store):
    g = rdflib.Graph()
    for i in range(120):
        g.add((KGR[f"n/{i}"], KG.partOf, KGR[f"n/{i + 1}"]))
    store.replace_page("chain", g)
    # about a second of work: every partOf* pair joined with every edge
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a kg:partOf* ?b . ?c kg:partOf ?d FILTER(?c != ?a) }"
    started = time.perf_counter()
    with pytest.raises(QueryError, match="timed out"):
        store.query(slow, timeout=0.05)
    assert time.perf_counter() - started < 0.5
    assert store.query("SELECT (COUNT(*) AS ?n) { ?a kg:partOf ?b }", timeout=30)[1] == [(Literal(120),)]

"""Deterministic Turtle: stable bytes, escaping, round trips through rdflib and Oxigraph."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SKOS, XSD

from kg.errors import KGError
from kg.export import KG_NS, KGR_NS, ntriples_text, turtle_text, write_turtle

FIXTURE = Path(__file__).parent / "data" / "query" / "fixture.ttl"


def fixture_graph() -> Graph:
    return Graph().parse(FIXTURE, format="turtle")


def shuffled_copy(graph: Graph, seed: int) -> Graph:
    triples = list(graph)
    random.Random(seed).shuffle(triples)
    g = Graph()
    for t in triples:
        g.add(t)
    return g


def ox_count(data: bytes, fmt=ox.RdfFormat.TURTLE) -> int:
    return len(list(ox.parse(data, format=fmt)))


def test_export_turtle_same_bytes_whatever_the_insertion_order():
    g = fixture_graph()
    texts = {turtle_text(shuffled_copy(g, seed)) for seed in range(5)}
    assert len(texts) == 1


def test_export_turtle_parses_back_in_rdflib_and_oxigraph(tmp_path):
    g = fixture_graph()
    out = write_turtle(g, tmp_path / "kg.ttl")
    data = out.read_bytes()
    back = Graph().parse(data=data, format="turtle")
    assert len(back) == len(g)
    assert isomorphic(back, g)
    assert ox_count(data) == len(g)


def test_export_turtle_order_subjects_sorted_type_first():
    text = turtle_text(fixture_graph())
    blocks = [b for b in text.split("\n\n")[1:] if b.strip()]
    subjects = [b.split(" ", 1)[0] for b in blocks]
    assert subjects == sorted(subjects)
    for block in blocks:
        if " a " in block:
            assert block.split(" ", 2)[1] == "a", block
    assert all(line.startswith("@prefix ") for line in text.split("\n\n")[0].splitlines())


TRICKY = [
    'say "hi"',
    "back\\slash",
    "line one\nline two",
    'three """ quotes',
    'ends with quote"',
    "tab\there\r\n",
    "control \x01\x1f\x7f chars",
    "本报讯（记者张玲玲）“拧开水龙头就有水”",
    "",
]


@pytest.mark.parametrize("text", TRICKY)
@pytest.mark.parametrize("lang", [None, "zh"])
def test_export_turtle_literal_escaping_round_trips(text, lang):
    g = Graph()
    s = URIRef(KGR_NS + "program/x")
    g.add((s, SKOS.prefLabel, Literal(text, lang=lang)))
    data = turtle_text(g)
    assert "\n" not in data.split("\n\n", 1)[1].strip()  # one line per triple
    back = Graph().parse(data=data, format="turtle")
    assert set(back) == set(g)
    (quad,) = list(ox.parse(data.encode(), format=ox.RdfFormat.TURTLE))
    assert quad.object.value == text


@pytest.mark.parametrize(
    "literal, written",
    [
        (Literal("3000000.0", datatype=XSD.decimal), " 3000000.0 ."),
        (Literal(12), " 12 ."),
        (Literal(True), " true ."),
        (Literal("2021-06", datatype=XSD.gYearMonth), ' "2021-06"^^xsd:gYearMonth .'),
        (Literal("2021-12-22", datatype=XSD.date), ' "2021-12-22"^^xsd:date .'),
        (Literal("x", datatype=URIRef("http://example.org/dt")), ' "x"^^<http://example.org/dt> .'),
    ],
)
def test_export_turtle_typed_literals(literal, written):
    g = Graph()
    g.add((URIRef(KGR_NS + "measure/m"), URIRef(KG_NS + "value"), literal))
    data = turtle_text(g)
    assert data.rstrip("\n").endswith(written)
    assert set(Graph().parse(data=data, format="turtle")) == set(g)


@pytest.mark.parametrize(
    "iri",
    ["https://w3id.org/cngov-kg/id/place/a b", "https://example.org/<x>", 'https://example.org/"q"', "https://example.org/{x}"],
)
def test_export_turtle_refuses_unwritable_iris(iri, tmp_path):
    g = Graph()
    g.add((URIRef(iri), RDF.type, URIRef(KG_NS + "Place")))
    target = tmp_path / "kg.ttl"
    target.write_text("previous")
    with pytest.raises(KGError, match="IRI"):
        write_turtle(g, target)
    assert target.read_text() == "previous"  # a failed export leaves the old file
    assert os.listdir(tmp_path) == ["kg.ttl"]  # and no temporary file


def test_export_turtle_write_is_atomic_replace(tmp_path):
    target = tmp_path / "kg.ttl"
    target.write_text("old")
    write_turtle(fixture_graph(), target)
    assert target.read_text(encoding="utf-8").startswith("@prefix ")
    assert sorted(os.listdir(tmp_path)) == ["kg.ttl"]


def test_export_turtle_blank_nodes_get_stable_labels():
    def build(order):
        g = Graph()
        b1, b2 = BNode(), BNode()
        triples = [(URIRef(KGR_NS + "program/p"), URIRef(KG_NS + "hasMeasure"), b1),
                   (b1, URIRef(KG_NS + "unit"), Literal("元")),
                   (URIRef(KGR_NS + "program/p"), URIRef(KG_NS + "hasMeasure"), b2),
                   (b2, URIRef(KG_NS + "unit"), Literal("个"))]
        for i in order:
            g.add(triples[i])
        return g

    a, b = build([0, 1, 2, 3]), build([3, 2, 1, 0])
    assert turtle_text(a) == turtle_text(b)
    assert isomorphic(Graph().parse(data=turtle_text(a), format="turtle"), a)


def test_export_ntriples_sorted_and_parses():
    g = fixture_graph()
    text = ntriples_text(shuffled_copy(g, 1))
    lines = text.splitlines()
    assert lines == sorted(lines)
    assert text == ntriples_text(g)
    assert ox_count(text.encode(), ox.RdfFormat.N_TRIPLES) == len(g)
    assert isomorphic(Graph().parse(data=text, format="nt"), g)


names = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=60, deadline=None)
@given(labels=st.lists(names, min_size=1, max_size=6), seed=st.integers(0, 1000))
def test_export_turtle_property_round_trip_and_stability(labels, seed):
    g = Graph()
    for i, label in enumerate(labels):
        s = URIRef(f"{KGR_NS}program/{i:04x}")
        g.add((s, RDF.type, URIRef(KG_NS + "Program")))
        g.add((s, SKOS.altLabel, Literal(label, lang="zh")))
    data = turtle_text(g)
    assert data == turtle_text(shuffled_copy(g, seed))
    assert set(Graph().parse(data=data, format="turtle")) == set(g)
    assert ox_count(data.encode()) == len(g)

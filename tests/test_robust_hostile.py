"""Hostile text: labels with quotes, backslashes, newlines, ``\"\"\"``, ``<``/``>``
serialise to valid Turtle; names given to queries are bound, never pasted
into SPARQL; the explorer escapes everything.

(The endpoint's refusal of updates and its bounds on query time and result
size are tested in ``test_serve.py``.)
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import RDF, Literal, URIRef
from rdflib.compare import isomorphic

from kg.export import turtle_text
from kg.namespace import KG
from kg.query import OxigraphEngine, RdflibEngine, run_named

SKOS_PREF = URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")
AGENCY = URIRef("https://w3id.org/cngov-kg/id/agency/0123456789abcdef")
PROGRAM = URIRef("https://w3id.org/cngov-kg/id/program/0123456789abcdef")

HOSTILE_LABELS = [
    'a "quoted" name',
    'ends with a quote"',
    '"""',
    '"""" four quotes',
    "back\\slash \\",
    "\\u0022 not an escape",
    "line one\nline two\r\nthree",
    "tab\there",
    "<script>alert('x')</script>",
    "</script><!--",
    "a > b < c & d",
    "'''single'''",
    "@prefix evil: <http://evil/> .",
    '" ; <http://x> <http://y> "z',
    "} DROP ALL ; #",
    "\u2028\u2029 line separators",
    "\u202e right-to-left override",
    "\x00\x01\x7f control",
    "衡水市“城管局”（试行）",
    "𠀀 astral",
]


def _graph(label: str) -> rdflib.Graph:
    g = rdflib.Graph()
    g.add((AGENCY, RDF.type, KG.Agency))
    g.add((AGENCY, SKOS_PREF, Literal(label, lang="zh")))
    g.add((PROGRAM, RDF.type, KG.Program))
    g.add((PROGRAM, SKOS_PREF, Literal("消费券活动", lang="zh")))
    g.add((AGENCY, KG.runs, PROGRAM))
    g.add((AGENCY, KG.reporter, Literal(label)))
    return g


def _roundtrip(graph: rdflib.Graph) -> None:
    ttl = turtle_text(graph)
    assert isomorphic(rdflib.Graph().parse(data=ttl, format="turtle"), graph)
    quads = list(ox.parse(ttl.encode("utf-8"), format=ox.RdfFormat.TURTLE))
    assert len(quads) == len(graph)


@pytest.mark.parametrize("label", HOSTILE_LABELS)
def test_robust_hostile_labels_give_valid_turtle(label):
    _roundtrip(_graph(label))


@settings(max_examples=150, deadline=None, database=None)
@given(label=st.text(max_size=80))
def test_robust_hostile_any_label_gives_valid_turtle(label):
    _roundtrip(_graph(label))


@pytest.mark.parametrize("engine", ["rdflib", "oxigraph"])
@pytest.mark.parametrize("name", HOSTILE_LABELS[:16])
def test_robust_hostile_query_parameters_are_bound(engine, name):
    """A hostile name finds exactly the entity so named, and nothing else happens."""
    graph = _graph(name)
    before = len(graph)
    eng = RdflibEngine(graph) if engine == "rdflib" else OxigraphEngine(graph)
    result = run_named(eng, "entity-profile", {"entity": name})
    assert result.rows, name  # the name matched as a value: it was bound, not parsed
    assert {str(r[result.vars.index("value")]) for r in result.rows} >= {str(PROGRAM)}
    assert len(graph) == before
    # a different name finds nothing, whatever it holds
    assert not run_named(eng, "entity-profile", {"entity": name + "\" || true || \""}).rows


@pytest.mark.parametrize("label", HOSTILE_LABELS)
def test_robust_hostile_explorer_escapes_labels(label):
    from kg.explorer import read_view, render_html

    benign, _, _ = render_html(read_view(_graph("衡水市城管局")))
    page, nodes, _ = render_html(read_view(_graph(label)))
    assert nodes == 2
    # the label cannot add or close elements: as many tags as with a benign label
    for tag in ("<script", "</script", "<!--", "<style", "</style"):
        assert page.count(tag) == benign.count(tag), (tag, label)
    if "<" in label:
        assert label not in page

"""Tests of kg/namespace.py: the closed KG namespace, KGR, paths and prefixes."""

import doctest

import pytest
import rdflib
from rdflib import OWL, RDF, Graph, Literal, Namespace, URIRef

import kg.namespace
from kg.namespace import (
    KG,
    KGR,
    ONTOLOGY_DIR,
    ONTOLOGY_FILE,
    PREFIXES,
    SHAPES_FILE,
    bind_prefixes,
)

KG_IRI = "https://w3id.org/cngov-kg/ontology#"
DECLARATION_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}


def namespace_terms() -> set[URIRef]:
    return set(dir(KG))


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE)


def declared_kg_terms(graph: Graph) -> set[URIRef]:
    """Every kg: IRI that the ontology gives a type, or uses as a subject."""
    return {s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(KG_IRI)}


def test_namespace_every_term_is_declared_in_ontology(ontology):
    missing = sorted(
        str(t) for t in namespace_terms() if not DECLARATION_TYPES & set(ontology.objects(t, RDF.type))
    )
    assert not missing, f"in kg/namespace.py but not declared in ontology/kg.ttl: {missing}"


def test_namespace_every_ontology_term_is_in_namespace(ontology):
    extra = sorted(str(t) for t in declared_kg_terms(ontology) - namespace_terms())
    assert not extra, f"declared in ontology/kg.ttl but missing from kg/namespace.py: {extra}"


def test_namespace_has_the_expected_number_of_terms():
    # 8 classes and 28 properties (shared SCHEMA.md plus docs/DATAMODEL.md)
    assert len(namespace_terms()) == 36


@pytest.mark.parametrize(
    "name, iri",
    [
        ("Agency", KG_IRI + "Agency"),
        ("runs", KG_IRI + "runs"),
        ("partOfProgram", KG_IRI + "partOfProgram"),
        ("text", KG_IRI + "text"),
        ("value", KG_IRI + "value"),
        ("date", KG_IRI + "date"),
        ("source", KG_IRI + "source"),
    ],
)
def test_namespace_term_resolves_to_ontology_iri(name, iri):
    assert getattr(KG, name) == URIRef(iri)
    assert KG[name] == URIRef(iri)
    assert URIRef(iri) in KG


@pytest.mark.parametrize("typo", ["run", "Agencies", "agency", "adminlevel", "prefLabel", "located_in", "Statement"])
def test_namespace_unknown_term_raises(typo):
    with pytest.raises(AttributeError, match=typo):
        getattr(KG, typo)
    with pytest.raises(AttributeError, match=typo):
        KG[typo]
    assert URIRef(KG_IRI + typo) not in KG


def test_namespace_kgr_is_open_for_resources():
    assert KGR["place/131100000000"] == URIRef("https://w3id.org/cngov-kg/id/place/131100000000")
    assert KGR.article == URIRef("https://w3id.org/cngov-kg/id/article")


def test_namespace_ontology_dir_holds_the_ontology_files():
    assert ONTOLOGY_DIR.is_dir()
    assert ONTOLOGY_DIR.name == "ontology"
    assert ONTOLOGY_FILE == ONTOLOGY_DIR / "kg.ttl" and ONTOLOGY_FILE.is_file()
    assert SHAPES_FILE == ONTOLOGY_DIR / "shapes.ttl" and SHAPES_FILE.is_file()
    # next to the package, not inside it
    assert (ONTOLOGY_DIR.parent / "kg" / "namespace.py").is_file()


EXPECTED_PREFIXES = {
    "kg": KG_IRI,
    "kgr": "https://w3id.org/cngov-kg/id/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "dcterms": "http://purl.org/dc/terms/",
}


@pytest.mark.parametrize("prefix, iri", sorted(EXPECTED_PREFIXES.items()))
def test_namespace_bind_prefixes_binds(prefix, iri):
    graph = bind_prefixes(Graph())
    assert dict(graph.namespaces())[prefix] == URIRef(iri)


def test_namespace_bind_prefixes_lists_exactly_the_documented_prefixes():
    assert {p: str(ns) for p, ns in PREFIXES} == EXPECTED_PREFIXES


def test_namespace_bind_prefixes_replaces_conflicting_bindings():
    graph = Graph(bind_namespaces="none")
    graph.bind("kg", Namespace("http://example.org/other#"))
    graph.bind("sdo", Namespace("https://schema.org/"))
    graph.bind("schema", Namespace("http://schema.org/"))
    bind_prefixes(graph)
    bound = dict(graph.namespaces())
    assert bound["kg"] == URIRef(KG_IRI)
    assert bound["schema"] == URIRef("https://schema.org/")
    assert "sdo" not in bound


def test_namespace_bind_prefixes_gives_the_same_turtle_bytes():
    def build() -> bytes:
        graph = bind_prefixes(Graph())
        place = KGR["place/131100000000"]
        graph.add((place, RDF.type, KG.Place))
        graph.add((place, KG.adminLevel, Literal("prefecture")))
        graph.add((place, rdflib.SKOS.prefLabel, Literal("衡水市", lang="zh")))
        return graph.serialize(format="turtle", encoding="utf-8")

    first, second = build(), build()
    assert first == second
    assert b"@prefix kg: <https://w3id.org/cngov-kg/ontology#> ." in first
    assert b"kg:adminLevel" in first and b"kg:Place" in first


def test_namespace_doctests_pass():
    result = doctest.testmod(kg.namespace)
    assert result.attempted >= 3
    assert result.failed == 0

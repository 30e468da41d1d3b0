"""The other export formats: N-Triples, JSON-LD, TriG, GraphML, GEXF, CSV and `kg export`."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from kg.cli import main
from kg.errors import KGError
from kg.export import KG_NS, KGR_NS, FORMATS, article_graphs, export

FIXTURE = Path(__file__).parent / "data" / "query" / "fixture.ttl"
ENTITIES = 15  # 7 places, 3 agencies, 1 organisation, 3 programs … counted below
KGR = KGR_NS


def fixture_graph() -> Graph:
    return Graph().parse(FIXTURE, format="turtle")


def reversed_copy(g: Graph) -> Graph:
    out = Graph()
    for t in sorted(g, key=str, reverse=True):
        out.add(t)
    return out


def entity_count(g: Graph) -> int:
    classes = [URIRef(KG_NS + c) for c in ("Agency", "Organization", "Place", "Program", "Person")]
    return len({s for c in classes for s in g.subjects(RDF.type, c)})


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "csv"])
def test_export_formats_deterministic(fmt, tmp_path):
    g = fixture_graph()
    a = export(g, fmt, tmp_path / f"a.{fmt}")[0].read_bytes()
    b = export(reversed_copy(g), fmt, tmp_path / f"b.{fmt}")[0].read_bytes()
    assert a == b
    assert len(a) > 200


@pytest.mark.parametrize("fmt, rdflib_fmt", [("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld")])
def test_export_formats_rdf_round_trip(fmt, rdflib_fmt, tmp_path):
    g = fixture_graph()
    (path,) = export(g, fmt, tmp_path / "out")
    back = Graph().parse(path, format=rdflib_fmt)
    assert isomorphic(back, g)


def test_export_formats_trig_one_graph_per_article(tmp_path):
    g = fixture_graph()
    (path,) = export(g, "trig", tmp_path / "kg.trig")
    ds = Dataset()
    ds.parse(path, format="trig")
    union = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    assert isomorphic(union, g)
    assert len(list(ox.parse(path.read_bytes(), format=ox.RdfFormat.TRIG))) == sum(
        len(v) for v in article_graphs(g).values()
    )
    a0 = ds.graph(URIRef(KGR + "article/p0/0"))
    a1 = ds.graph(URIRef(KGR + "article/p0/1"))
    runs = URIRef(KG_NS + "runs")
    water = (URIRef(KGR + "agency/a2"), runs, URIRef(KGR + "program/g2"))
    # stated in both articles (two pieces of evidence) → in both graphs
    assert water in a0 and water in a1
    assert (URIRef(KGR + "evidence/e2"), URIRef(KG_NS + "inArticle"), URIRef(KGR + "article/p0/1")) in a1
    assert (URIRef(KGR + "program/g1"), URIRef(KG_NS + "hasMeasure"), URIRef(KGR + "measure/m1")) in a0
    default = ds.default_graph if hasattr(ds, "default_graph") else ds.default_context
    labels = {o for o in default.objects(URIRef(KGR + "place/131126000000"), URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"))}
    assert labels and str(next(iter(labels))) == "故城县"
    # a relation with no statement (background knowledge) stays in the default graph
    assert (URIRef(KGR + "agency/a3"), URIRef(KG_NS + "leads"), URIRef(KGR + "program/g2")) in default


@pytest.mark.parametrize("fmt, reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_export_formats_entity_graph(fmt, reader, tmp_path):
    g = fixture_graph()
    (path,) = export(g, fmt, tmp_path / f"kg.{fmt}")
    net = reader(path)
    assert net.number_of_nodes() == entity_count(g)
    node = net.nodes[KGR + "place/131126000000"]
    assert node["label"] == "故城县" and node["type"] == "Place" and node["level"] == "county"
    assert net.nodes[KGR + "agency/a1"]["type"] == "Agency"  # most specific of Agency, Organization
    preds = {d.get("predicate") for _, _, d in net.edges(data=True)}
    assert {"runs", "locatedIn", "partOf", "jurisdiction", "partOfProgram", "undertakes", "leads"} <= preds
    assert "mentionedIn" not in preds
    if fmt == "gexf":
        assert b"lastmodifieddate" not in path.read_bytes()


def test_export_formats_csv_tables(tmp_path):
    g = fixture_graph()
    written = export(g, "csv", tmp_path / "csv")
    assert sorted(p.name for p in written) == ["entities.csv", "relations.csv"]
    ents = list(csv.DictReader(io.StringIO((tmp_path / "csv" / "entities.csv").read_text(encoding="utf-8"))))
    assert len(ents) == entity_count(g)
    by_label = {e["label"]: e for e in ents}
    assert by_label["郑口镇"]["parent"] == KGR + "place/131126000000"
    assert by_label["郑口镇"]["code"] == "131126100" and by_label["郑口镇"]["level"] == "township"
    assert by_label["衡水市"]["aliases"] == "衡水"
    rels = list(csv.DictReader(io.StringIO((tmp_path / "csv" / "relations.csv").read_text(encoding="utf-8"))))
    row = next(r for r in rels if r["subject_label"] == "故城县水务局" and r["object_label"] == "农村生活水源置换工程")
    assert row["predicate"] == "runs"
    assert "故城县水务局实施农村生活水源置换工程。" in row["evidence"].split("|")
    assert "\n" not in row["evidence"]


def test_export_formats_csv_refuses_a_file_as_folder(tmp_path):
    (tmp_path / "x").write_text("")
    with pytest.raises(KGError, match="folder"):
        export(fixture_graph(), "csv", tmp_path / "x")


def test_export_formats_unknown_format():
    with pytest.raises(KGError, match="turtle"):
        export(fixture_graph(), "rdfxml", "/tmp/never")


def test_export_cli_writes_file(tmp_path, capsys):
    out = tmp_path / "kg.nt"
    assert main(["export", "--format", "ntriples", "--graph", str(FIXTURE), "--out", str(out)]) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(fixture_graph())


def test_export_cli_missing_graph_names_file(tmp_path, capsys):
    missing = tmp_path / "nope.ttl"
    assert main(["export", "-t", "turtle", "-g", str(missing), "-o", str(tmp_path / "o.ttl")]) == 1
    assert str(missing) in capsys.readouterr().err


def test_export_cli_from_store(tmp_path):
    from kg.store import GraphStore

    store = GraphStore.open(tmp_path / "store")
    store.replace_page("p0.txt", fixture_graph())
    store.close()
    out = tmp_path / "kg.ttl"
    assert main(["export", "-t", "turtle", "--store", str(tmp_path / "store"), "-o", str(out)]) == 0
    # Oxigraph keeps decimals in canonical form (3000000.0 → 3000000): compare values
    def values(g):
        return {tuple(t.toPython() if hasattr(t, "toPython") else t for t in triple) for triple in g}

    back = Graph().parse(out, format="turtle")
    assert len(back) == len(fixture_graph())
    assert values(back) == values(fixture_graph())

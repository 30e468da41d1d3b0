"""Tests of kg.graph: an Extraction → triples (docs/DATAMODEL.md).

The page is a small one in the seeds' style, run through the real ingest
and extractor; a few cases build entities by hand to pin the IRI rules.
"""

from __future__ import annotations

import re

import pytest
import rdflib
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.compare import to_isomorphic
from rdflib.namespace import SKOS

from kg.extract.page import extract_page
from kg.graph import build_graph, decimal_lexical, entity_iri, page_ntriples, page_slug, page_triples
from kg.ingest import parse_page
from kg.model import Entity, Evidence, Extraction, Measure, Relation
from kg.namespace import KG, KGR

PAGE = """衡水市城管局开展井盖专项整治

本报讯（记者李明）近日，市城管局开展井盖、道路专项集中整治。衡水市城市管理综合行政执法局相关负责人介绍，该局还将组织开展“门前三包”专项行动。

今年，衡水市实施老旧小区改造工程，总投资300万元，改造小区29个。市区供热老旧管网改造是衡水市2021年20项民生实事之一。

故城县郑口镇完成农村生活水源置换

本报讯（记者张玲玲）12月16日，在故城县郑口镇，故城县二期农村地表水厂正式投入运行。该县全部完成了农村生活水源置换工程建设任务，累计争取资金16.6亿元。
"""
NAME = "000_test_page.txt"
# (XSD is not imported by name: pytest probes module globals, and XSD warns on unknown terms)
XSD_DECIMAL = rdflib.XSD.decimal


def extract():
    return extract_page(parse_page(PAGE, NAME))


@pytest.fixture(scope="module")
def extraction() -> Extraction:
    return extract()


@pytest.fixture(scope="module")
def triples(extraction) -> set:
    return page_triples(extraction)


def nodes(triples) -> set[URIRef]:
    return {t for s, p, o in triples for t in (s, p, o) if isinstance(t, URIRef)}


# --- the three outputs agree ------------------------------------------------------------


def test_graph_build_graph_holds_the_page_triples(extraction, triples):
    g = build_graph(extraction)
    assert set(g) == triples
    assert len(g) == len(triples) > 50


def test_graph_page_ntriples_parse_to_the_page_triples(extraction, triples):
    data = page_ntriples(extraction)
    g = Graph().parse(data=data.decode("utf-8"), format="nt")
    ref = Graph()
    for t in triples:
        ref.add(t)
    assert to_isomorphic(g) == to_isomorphic(ref)
    assert set(g) == triples


def test_graph_page_ntriples_sorted_lines(extraction):
    lines = page_ntriples(extraction).decode("utf-8").splitlines()
    assert lines == sorted(lines)
    assert len(lines) == len(set(lines))


# --- IRIs ------------------------------------------------------------------------------


def test_graph_iris_are_ascii(triples):
    for iri in nodes(triples):
        assert str(iri).isascii(), iri


def test_graph_same_input_same_bytes(extraction):
    again = extract()
    assert page_ntriples(again) == page_ntriples(extraction)
    assert {entity_iri(e) for e in again.entities} == {entity_iri(e) for e in extraction.entities}


@pytest.mark.parametrize(
    "code, iri",
    [
        ("131102", "place/131102000000"),  # 桃城区: 6 digits, right-padded
        ("131126100000", "place/131126100000"),  # 郑口镇: already 12 digits
        ("130000", "place/130000000000"),
    ],
)
def test_graph_entity_iri_of_a_coded_place(code, iri):
    ent = Entity(type="Place", name="x", code=code, key=code, level="county")
    assert entity_iri(ent) == KGR[iri]


def test_graph_coded_places_of_the_page(extraction):
    coded = [e for e in extraction.entities if e.type == "Place" and e.code]
    assert any(e.name == "郑口镇" for e in coded)
    for e in coded:
        assert re.fullmatch(r"https://w3id\.org/cngov-kg/id/place/\d{12}", str(entity_iri(e)))


@pytest.mark.parametrize(
    "type_, slug",
    [("Agency", "agency"), ("Organization", "org"), ("Program", "program"), ("Person", "person"), ("Place", "place")],
)
def test_graph_entity_iri_hashes_the_key(type_, slug):
    a = Entity(type=type_, name="衡水市城市管理综合行政执法局", key="131100:城市管理综合行政执法局")
    b = Entity(type=type_, name="another name", key="131100:城市管理综合行政执法局")
    c = Entity(type=type_, name="衡水市城市管理综合行政执法局", key="130600:城市管理综合行政执法局")
    assert re.fullmatch(rf"https://w3id\.org/cngov-kg/id/{slug}/[0-9a-f]{{16}}", str(entity_iri(a)))
    assert entity_iri(a) == entity_iri(b)  # the key, not the display name
    assert entity_iri(a) != entity_iri(c)


def test_graph_entity_iri_differs_by_type():
    key = "衡水市电商产业协会"
    assert entity_iri(Entity(type="Organization", name=key, key=key)) != entity_iri(Entity(type="Agency", name=key, key=key))


@pytest.mark.parametrize(
    "name, slug",
    [
        ("000_db3279ee40e395c9.txt", "000_db3279ee40e395c9"),
        ("pages/2021-12-22.html", "2021-12-22"),
        ("衡水日报 第3版.txt", "3"),
    ],
)
def test_graph_page_slug(name, slug):
    assert page_slug(name) == slug


def test_graph_page_slug_of_a_name_without_ascii():
    slug = page_slug("衡水日报.txt")
    assert re.fullmatch(r"p[0-9a-f]{16}", slug)
    assert slug == page_slug("衡水日报.txt") != page_slug("河北日报.txt")


# --- literals ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, lexical",
    [
        (3000000.0, "3000000"),
        (1660000000.0, "1660000000"),
        (1784.41, "1784.41"),
        (90.73, "90.73"),
        (0.5, "0.5"),
        (115.0, "115"),
        (0.0, "0"),
        (1e-7, "0.0000001"),
        (38.6, "38.6"),
    ],
)
def test_graph_decimal_lexical(value, lexical):
    assert decimal_lexical(value) == lexical
    assert float(Literal(lexical, datatype=XSD_DECIMAL).toPython()) == pytest.approx(value)


def test_graph_measures_are_decimals_in_base_units(extraction, triples):
    values = {str(o) for s, p, o in triples if p == KG.value}
    assert "3000000" in values  # 300万元
    assert "1660000000" in values  # 16.6亿元
    for s, p, o in triples:
        if p == KG.value:
            assert o.datatype == XSD_DECIMAL
            assert re.fullmatch(r"-?\d+(\.\d*[1-9])?", str(o)), o


def test_graph_hand_built_measure_and_relation():
    page = parse_page("老旧小区改造\n\n本报讯（记者李明）衡水市实施老旧小区改造工程，总投资300万元。\n", "hand.txt")
    art = page.articles[-1]
    sent = next(s for s in art.sentences if "300万元" in s.text)
    ev = Evidence(art.index, sent.start, sent.end, sent.text)
    prog = Entity(type="Program", name="老旧小区改造工程", key="老旧小区改造工程", articles={art.index})
    city = Entity(type="Place", name="衡水市", code="131100", key="131100", level="prefecture", articles={art.index})
    pos = sent.start + sent.text.index("300万元")
    ex = Extraction(page, entities=[prog, city],
                    relations=[Relation(prog, "locatedIn", city, [ev])],
                    measures=[Measure(prog, 3000000.0, "元", "总投资", "", "300万元", ev, pos)])
    g = build_graph(ex)
    p_iri, c_iri = entity_iri(prog), entity_iri(city)
    assert (p_iri, KG.locatedIn, c_iri) in g
    measure = g.value(p_iri, KG.hasMeasure)
    assert str(measure).startswith(str(KGR["measure/"]))
    assert g.value(measure, KG.value) == Literal("3000000", datatype=XSD_DECIMAL)
    assert g.value(measure, KG.unit) == Literal("元")
    assert g.value(measure, RDFS.label) == Literal("总投资", lang="zh")
    st = g.value(predicate=RDF.subject, object=p_iri)
    assert g.value(st, RDF.predicate) == KG.locatedIn and g.value(st, RDF.object) == c_iri
    evn = g.value(st, KG.evidence)
    assert g.value(evn, KG.text) == Literal(sent.text, lang="zh")
    assert (int(g.value(evn, KG.startOffset)), int(g.value(evn, KG.endOffset))) == (sent.start, sent.end)


# --- articles, entities, evidence ----------------------------------------------------


def test_graph_article_triples_carry_offsets_and_text(extraction):
    g = build_graph(extraction)
    page = extraction.page
    arts = sorted(g.subjects(RDF.type, KG.Article), key=lambda a: int(g.value(a, KG.articleIndex)))
    assert len(arts) == len(page.articles) >= 2
    for art, node in zip(page.articles, arts):
        assert node == KGR[f"article/000_test_page/{art.index}"]
        start, end = int(g.value(node, KG.startOffset)), int(g.value(node, KG.endOffset))
        text = g.value(node, KG.text)
        assert text.language == "zh"
        assert page.text[start:end] == str(text) == art.text
        assert str(g.value(node, KG.sourceFile)) == NAME
        if art.headline:
            assert str(g.value(node, KG.headline)) == art.headline
        assert {str(r) for r in g.objects(node, KG.reporter)} == set(art.reporters)
    assert {str(g.value(a, KG.source)) for a in arts} == {"本报讯"}


def test_graph_evidence_text_slices_its_article(extraction):
    g = build_graph(extraction)
    evidence = list(g.subjects(RDF.type, KG.Evidence))
    assert evidence
    for ev in evidence:
        art = g.value(ev, KG.inArticle)
        text = str(g.value(art, KG.text))
        start, end = int(g.value(ev, KG.startOffset)), int(g.value(ev, KG.endOffset))
        assert text[start:end] == str(g.value(ev, KG.text))


def test_graph_every_entity_has_one_zh_preflabel(extraction):
    g = build_graph(extraction)
    for ent in extraction.entities:
        labels = list(g.objects(entity_iri(ent), SKOS.prefLabel))
        assert labels == [Literal(ent.name, lang="zh")]
        assert {str(a) for a in g.objects(entity_iri(ent), SKOS.altLabel)} == ent.aliases - {ent.name}


def test_graph_places_have_levels_and_codes(extraction):
    g = build_graph(extraction)
    for ent in extraction.entities:
        if ent.type != "Place":
            continue
        node = entity_iri(ent)
        assert str(g.value(node, KG.adminLevel)) == (ent.level or "feature")
        if ent.code:
            assert str(g.value(node, KG.adminCode)) == ent.code
        if ent.parent is not None:
            assert (node, KG.partOf, entity_iri(ent.parent)) in g


def test_graph_mentioned_in_only_for_named_entities(extraction):
    g = build_graph(extraction)
    for ent in extraction.entities:
        mentioned = set(g.objects(entity_iri(ent), KG.mentionedIn))
        if ent.gazetteer_only:
            assert not mentioned, ent.name
        else:
            assert mentioned == {KGR[f"article/000_test_page/{i}"] for i in ent.articles}


def test_graph_agency_jurisdiction_triples(extraction):
    g = build_graph(extraction)
    agencies = [e for e in extraction.entities if e.type == "Agency" and e.jurisdiction is not None]
    assert agencies
    for ent in agencies:
        assert (entity_iri(ent), KG.jurisdiction, entity_iri(ent.jurisdiction)) in g


def test_graph_every_relation_is_a_triple_with_its_statement(extraction):
    g = build_graph(extraction)
    from kg.graph import PROPERTY

    for rel in extraction.relations:
        s, p, o = entity_iri(rel.subject), PROPERTY[rel.predicate], entity_iri(rel.object)
        assert (s, p, o) in g
        statements = {st for st in g.subjects(RDF.subject, s) if g.value(st, RDF.predicate) == p and g.value(st, RDF.object) == o}
        assert len(statements) == (1 if rel.evidence else 0)
        if rel.evidence:
            assert len(set(g.objects(statements.pop(), KG.evidence))) == len(set(rel.evidence))

"""Every named query, checked row by row on the fixture graph with both engines."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal

from kg.query import OxigraphEngine, RdflibEngine, library, run_named

FIXTURE = Path(__file__).parent / "data" / "query" / "fixture.ttl"


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph().parse(FIXTURE, format="turtle")


@pytest.fixture(scope="module", params=["rdflib", "oxigraph"])
def engine(request, graph):
    return RdflibEngine(graph) if request.param == "rdflib" else OxigraphEngine(graph)


def value(term):
    if term is None:
        return None
    if isinstance(term, Literal):
        v = term.toPython()
        return float(v) if isinstance(v, (int, float)) or type(v).__name__ == "Decimal" else str(term)
    return str(term)


def rows(result, *columns) -> list[tuple]:
    idx = [result.vars.index(c) for c in columns]
    return [tuple(value(r[i]) for i in idx) for r in result.rows]


# (query, params, columns, expected rows in order)
CASES = [
    ("programs-in-place", {"place": "故城"}, ("program_label", "located_in_label"),
     [("二期农村地表水厂建设项目", "师黄村"), ("农村生活水源置换工程", "故城县"), ("农村生活水源置换工程", "郑口镇")]),
    ("programs-in-place", {"place": "衡水市"}, ("program_label",),
     [("二期农村地表水厂建设项目",), ("农村生活水源置换工程",), ("农村生活水源置换工程",), ("衡水市政府消费券发放活动",)]),
    ("programs-in-place", {"place": "桃城区"}, ("program_label",), []),
    ("agency-programs", {}, ("agency_label", "type", "program_label"),
     [("中国银联股份有限公司河北分公司", "Organization", "衡水市政府消费券发放活动"),
      ("故城县水务局", "Agency", "二期农村地表水厂建设项目"), ("故城县水务局", "Agency", "农村生活水源置换工程"),
      ("衡水市商务局", "Agency", "衡水市政府消费券发放活动"), ("衡水市水务局", "Agency", "农村生活水源置换工程")]),
    ("agencies-in-place", {"place": "故城县"}, ("agency_label", "programs"),
     [("故城县水务局", 2.0), ("衡水市水务局", 1.0)]),
    ("money-per-county", {}, ("county_label", "total_yuan", "programs"), [("故城县", 166000000.0, 1.0)]),
    ("program-measures", {"program": "农村生活水源置换工程"}, ("measure_label", "value", "unit", "qualifier"),
     [("总投资", 166000000.0, "元", "余"), ("铺设管网", 120.0, "公里", None)]),
    ("program-measures", {"program": "政府消费券发放活动"}, ("measure_label", "value", "sentence"),
     [("消费券总额", 3000000.0, "发放消费券300万元。")]),
    ("programs-per-year", {}, ("year", "programs"), [("2020", 1.0), ("2021", 2.0)]),
    ("places-without-programs", {}, ("label", "level"), [("桃城区", "county"), ("衡水湖", "feature")]),
    ("co-running-organizations", {}, ("org_a_label", "org_b_label", "program_labels"),
     [("故城县水务局", "衡水市水务局", "农村生活水源置换工程"), ("衡水市商务局", "中国银联股份有限公司河北分公司", "衡水市政府消费券发放活动")]),
    ("edge-evidence", {"subject": "故城县水务局", "object": "农村生活水源置换工程"}, ("predicate", "sentence", "start"),
     [("runs", '他说："水质好、水量足"，\n感谢故城县水务局。', 80.0), ("runs", "故城县水务局实施农村生活水源置换工程。", 40.0)]),
    ("edge-evidence", {"subject": "市商务局", "object": "衡水市政府消费券发放活动"}, ("headline",),
     [("衡水发放300万元消费券",)]),
    ("sub-places", {"place": "故城"}, ("label", "level", "parent_label"),
     [("郑口镇", "township", "故城县"), ("师黄村", "village", "郑口镇")]),
    ("entity-profile", {"entity": "市水务局"}, ("direction", "property", "value_label"),
     [("out", "altLabel", None), ("out", "jurisdiction", "衡水市"), ("out", "leads", "农村生活水源置换工程"),
      ("out", "prefLabel", None), ("out", "type", None)]),
    ("entity-profile", {"entity": "郑口镇"}, ("direction", "property", "value_label"),
     [("out", "adminCode", None), ("out", "adminLevel", None), ("out", "partOf", "故城县"), ("out", "prefLabel", None),
      ("out", "type", None), ("in", "locatedIn", "农村生活水源置换工程"), ("in", "partOf", "师黄村")]),
    ("sub-programs", {}, ("program_label", "wider_label"), [("二期农村地表水厂建设项目", "农村生活水源置换工程")]),
    ("agencies-by-jurisdiction", {}, ("place_label", "agency_label"),
     [("故城县", "故城县水务局"), ("衡水市", "衡水市商务局"), ("衡水市", "衡水市水务局")]),
    ("entity-articles", {"entity": "衡水"}, ("article", "headline"),
     [("https://w3id.org/cngov-kg/id/article/p0/0", "衡水发放300万元消费券"),
      ("https://w3id.org/cngov-kg/id/article/p0/1", "我市提前完成农村生活水源置换工程")]),
]


@pytest.mark.parametrize("name, params, columns, expected", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_query_library_rows(engine, name, params, columns, expected):
    result = run_named(engine, name, params)
    got = rows(result, *columns)
    if "program_labels" in columns:  # GROUP_CONCAT order is not defined by SPARQL
        got = [tuple(" | ".join(sorted(v.split(" | "))) if c == "program_labels" else v for c, v in zip(columns, r)) for r in got]
        expected = [tuple(" | ".join(sorted(v.split(" | "))) if c == "program_labels" else v for c, v in zip(columns, r)) for r in expected]
    assert got == expected


def test_query_library_every_query_is_tested():
    assert {c[0] for c in CASES} == set(library())
    assert len(library()) >= 12


@pytest.mark.parametrize("name", sorted(library()))
def test_query_library_header(name):
    q = library()[name]
    assert q.title and q.description
    for p in q.params:
        assert f"?{p.name}" in q.text, f"{name}: parameter {p.name} is not a variable"
        assert p.description


# Edge shapes the fixture lacks, each in a small graph of its own: a label
# that is a prefix of another (sorted first, as SPARQL orders strings), an
# evidence with only one offset (both offsets or neither), a program in two
# places of one county (counted once), an organisation that runs a program
# under two roles (not a pair with itself).
EDGE_TTL = """
@prefix kg: <https://w3id.org/cngov-kg/ontology#> .
@prefix kgr: <https://w3id.org/cngov-kg/id/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/cngov-kg/id/place/c1> a kg:Place ; skos:prefLabel "故城县"@zh ; kg:adminLevel "county" .
<https://w3id.org/cngov-kg/id/place/t1> a kg:Place ; skos:prefLabel "郑口镇"@zh ; kg:adminLevel "township" ;
    kg:partOf <https://w3id.org/cngov-kg/id/place/c1> .
<https://w3id.org/cngov-kg/id/place/t2> a kg:Place ; skos:prefLabel "郑口"@zh ; kg:adminLevel "township" ;
    kg:partOf <https://w3id.org/cngov-kg/id/place/c1> .
<https://w3id.org/cngov-kg/id/agency/a1> a kg:Agency ; skos:prefLabel "故城县水务局河道所"@zh ;
    kg:jurisdiction <https://w3id.org/cngov-kg/id/place/c1> ; kg:runs <https://w3id.org/cngov-kg/id/program/g1> .
<https://w3id.org/cngov-kg/id/agency/a2> a kg:Agency ; skos:prefLabel "故城县水务局"@zh ;
    kg:jurisdiction <https://w3id.org/cngov-kg/id/place/c1> ;
    kg:runs <https://w3id.org/cngov-kg/id/program/g1> ; kg:leads <https://w3id.org/cngov-kg/id/program/g1> .
<https://w3id.org/cngov-kg/id/program/g1> a kg:Program ; skos:prefLabel "河道治理工程"@zh ;
    kg:locatedIn <https://w3id.org/cngov-kg/id/place/t1> , <https://w3id.org/cngov-kg/id/place/c1> ;
    kg:hasMeasure <https://w3id.org/cngov-kg/id/measure/m1> .
<https://w3id.org/cngov-kg/id/measure/m1> a kg:Measure ; kg:value 5000000.0 ; kg:unit "元" .
<https://w3id.org/cngov-kg/id/statement/s1> a rdf:Statement ;
    rdf:subject <https://w3id.org/cngov-kg/id/agency/a2> ; rdf:predicate kg:runs ;
    rdf:object <https://w3id.org/cngov-kg/id/program/g1> ; kg:evidence <https://w3id.org/cngov-kg/id/evidence/e1> .
<https://w3id.org/cngov-kg/id/evidence/e1> a kg:Evidence ; kg:inArticle <https://w3id.org/cngov-kg/id/article/p/0> ;
    kg:text "故城县水务局实施河道治理工程。"@zh ; kg:startOffset 5 .
"""

EDGE_CASES = [
    ("agencies-by-jurisdiction", {}, ("agency_label",), [("故城县水务局",), ("故城县水务局河道所",)]),
    ("agency-programs", {}, ("agency_label", "role"),
     [("故城县水务局", "https://w3id.org/cngov-kg/ontology#leads"), ("故城县水务局", "https://w3id.org/cngov-kg/ontology#runs"),
      ("故城县水务局河道所", "https://w3id.org/cngov-kg/ontology#runs")]),
    ("places-without-programs", {}, ("label",), [("郑口",)]),
    ("programs-in-place", {"place": "故城县"}, ("located_in_label",), [("故城县",), ("郑口镇",)]),
    ("edge-evidence", {"subject": "故城县水务局", "object": "河道治理工程"}, ("sentence", "start", "end"),
     [("故城县水务局实施河道治理工程。", None, None)]),
    ("money-per-county", {}, ("county_label", "total_yuan", "programs"), [("故城县", 5000000.0, 1.0)]),
    ("co-running-organizations", {}, ("org_a_label", "org_b_label", "programs"), [("故城县水务局河道所", "故城县水务局", 1.0)]),
]


@pytest.fixture(scope="module", params=["rdflib", "oxigraph"])
def edge_engine(request):
    g = Graph().parse(data=EDGE_TTL, format="turtle")
    return RdflibEngine(g) if request.param == "rdflib" else OxigraphEngine(g)


@pytest.mark.parametrize("name, params, columns, expected", EDGE_CASES, ids=[c[0] for c in EDGE_CASES])
def test_query_library_edge_shapes(edge_engine, name, params, columns, expected):
    assert rows(run_named(edge_engine, name, params), *columns) == expected


# places-without-programs walks kg:partOf* up from the parents of the
# located places: every ancestor of a located village, however deep, has a
# program; a place whose only program-holding relative is its parent has none
DEEP_TTL = """
@prefix kg: <https://w3id.org/cngov-kg/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix p: <https://w3id.org/cngov-kg/id/place/> .
p:s a kg:Place ; skos:prefLabel "省"@zh ; kg:adminLevel "province" .
p:c a kg:Place ; skos:prefLabel "市"@zh ; kg:adminLevel "prefecture" ; kg:partOf p:s .
p:k a kg:Place ; skos:prefLabel "县"@zh ; kg:adminLevel "county" ; kg:partOf p:c .
p:t a kg:Place ; skos:prefLabel "镇"@zh ; kg:adminLevel "township" ; kg:partOf p:k .
p:v a kg:Place ; skos:prefLabel "村"@zh ; kg:adminLevel "village" ; kg:partOf p:t .
p:w a kg:Place ; skos:prefLabel "另村"@zh ; kg:adminLevel "village" ; kg:partOf p:t .
p:k2 a kg:Place ; skos:prefLabel "另县"@zh ; kg:adminLevel "county" ; kg:partOf p:c .
p:lone a kg:Place ; skos:prefLabel "孤地"@zh .
<https://w3id.org/cngov-kg/id/program/g> a kg:Program ; skos:prefLabel "工程"@zh ; kg:locatedIn p:v .
"""


@pytest.mark.parametrize("engine_name", ["rdflib", "oxigraph"])
def test_query_library_places_without_programs_deep_tree(engine_name):
    g = Graph().parse(data=DEEP_TTL, format="turtle")
    engine = RdflibEngine(g) if engine_name == "rdflib" else OxigraphEngine(g)
    assert rows(run_named(engine, "places-without-programs"), "label", "level") == [
        ("孤地", None), ("另县", "county"), ("另村", "village")]

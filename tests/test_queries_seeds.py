"""Named queries of kg/queries on the graph of the seed pages.

Each test asserts facts the pages state and a working extractor must keep
(specific rows, not whole result lists), on both engines: rdflib over the
exported kg.ttl and Oxigraph over the on-disk store of the same build.
Programs are recognised by any of their labels (prefLabel or altLabel),
so a better canonical name does not break a test.
"""

import pytest
from rdflib import Graph
from rdflib.namespace import SKOS

from kg.evaluate import normalize
from kg.query import OxigraphEngine, RdflibEngine, open_store, run_named
from test_pipeline_build import seeds_build

pytestmark = pytest.mark.slow  # shares the session's build of the seeds

GUCHENG_PAGE = "000_db3279ee40e395c9.txt"


@pytest.fixture(scope="session")
def seeds_graph(tmp_path_factory) -> Graph:
    out, _ = seeds_build(tmp_path_factory)
    return Graph().parse(out / "kg.ttl", format="turtle")


@pytest.fixture(scope="session", params=["rdflib", "oxigraph"])
def engine(request, tmp_path_factory, seeds_graph):
    if request.param == "rdflib":
        yield RdflibEngine(seeds_graph)
        return
    out, _ = seeds_build(tmp_path_factory)
    store = open_store(out / "store")
    try:
        yield OxigraphEngine(store)
    finally:
        store.close()


def rows(engine, name, **params) -> list[dict[str, str]]:
    result = run_named(engine, name, params)
    return [{v: ("" if t is None else str(t)) for v, t in zip(result.vars, row)} for row in result.rows]


def labels(graph: Graph, iri: str) -> set[str]:
    from rdflib import URIRef

    node = URIRef(iri)
    return {normalize(lbl) for p in (SKOS.prefLabel, SKOS.altLabel) for lbl in graph.objects(node, p)}


def test_queries_seeds_both_engines_agree(seeds_graph, tmp_path_factory):
    out, _ = seeds_build(tmp_path_factory)
    store = open_store(out / "store")
    try:
        for name, params in (("agencies-by-jurisdiction", {}), ("sub-places", {"place": "衡水市"}),
                             ("agency-programs", {}), ("program-measures", {"program": "衡水市政府消费券"})):
            a = run_named(RdflibEngine(seeds_graph), name, params)
            b = run_named(OxigraphEngine(store), name, params)
            assert a.vars == b.vars, name
            as_text = lambda r: sorted(tuple("" if t is None else str(t) for t in row) for row in r.rows)  # noqa: E731
            assert as_text(a) == as_text(b), name
            assert a.rows, name
    finally:
        store.close()


@pytest.mark.parametrize("place, agencies", [
    ("衡水市", {"衡水市商务局", "衡水市城市管理综合行政执法局"}),
    ("冀州区", {"冀州区医疗保障局"}),
    ("深州市", {"深州市交通运输局"}),
])
def test_queries_seeds_agencies_by_jurisdiction(engine, seeds_graph, place, agencies):
    found = [r for r in rows(engine, "agencies-by-jurisdiction") if r["place_label"] == place]
    assert found, f"no agency under {place}"
    for agency in agencies:
        # the canonical name or its short form (冀州区医保局) may be the prefLabel
        assert any(normalize(agency) in labels(seeds_graph, r["agency"]) for r in found), agency
    levels = {r["level"] for r in found}
    assert levels == {"prefecture" if place == "衡水市" else "county"}


def test_queries_seeds_programs_in_place(seeds_graph, tmp_path_factory):
    # on Oxigraph only: rdflib takes about 25 s to evaluate this query's
    # kg:partOf* path with an unbound start on the seeds graph
    out, _ = seeds_build(tmp_path_factory)
    store = open_store(out / "store")
    try:
        engine = OxigraphEngine(store)
        found = rows(engine, "programs-in-place", place="故城县")
        inside = {r["label"] for r in rows(engine, "sub-places", place="故城县")} | {"故城县"}
    finally:
        store.close()
    # 我市提前完成农村生活水源置换工程: 故城县 … 郑口镇师黄村
    water = [r for r in found if "农村生活水源置换工程" in labels(seeds_graph, r["program"])]
    assert water, [r["program_label"] for r in found]
    assert {r["located_in_label"] for r in water} & {"故城县", "郑口镇"}
    # only places inside 故城县 (or itself)
    assert {r["located_in_label"] for r in found} <= inside


def test_queries_seeds_sub_places_of_a_county(engine, seeds_graph):
    found = {r["label"]: r for r in rows(engine, "sub-places", place="故城县")}
    assert found["郑口镇"]["level"] == "township" and found["郑口镇"]["parent_label"] == "故城县"
    village = [r for r in found.values() if "师黄村" in labels(seeds_graph, r["sub"])]
    assert village and village[0]["level"] == "village" and village[0]["parent_label"] == "郑口镇"


def test_queries_seeds_sub_places_of_the_prefecture(engine):
    found = {r["label"]: r for r in rows(engine, "sub-places", place="衡水市")}
    for county in ("故城县", "冀州区", "深州市", "桃城区"):
        assert found[county]["level"] == "county" and found[county]["parent_label"] == "衡水市", county


def test_queries_seeds_agency_runs_the_consumption_voucher_program(engine, seeds_graph):
    # 本次活动由衡水市政府主办，衡水市商务局…承办
    runs = [r for r in rows(engine, "agency-programs") if r["agency_label"] == "衡水市商务局"]
    assert any(any("消费券" in label for label in labels(seeds_graph, r["program"])) for r in runs), \
        [r["program_label"] for r in runs]


def test_queries_seeds_co_running_organizations(engine):
    pairs = {frozenset((r["org_a_label"], r["org_b_label"])) for r in rows(engine, "co-running-organizations")}
    assert frozenset(("衡水市商务局", "中国银联股份有限公司河北分公司")) in pairs


def test_queries_seeds_program_measures(engine):
    # 300万元衡水市政府消费券12月22日开抢
    found = rows(engine, "program-measures", program="衡水市政府消费券")
    money = [r for r in found if r["unit"] == "元" and float(r["value"]) == 3_000_000]
    assert money, found
    assert "300万元" in money[0]["sentence"]


def test_queries_seeds_entity_articles(engine):
    found = rows(engine, "entity-articles", entity="衡水市商务局")
    assert any(r["file"] == GUCHENG_PAGE and r["headline"] == "300万元衡水市政府消费券12月22日开抢" for r in found), found

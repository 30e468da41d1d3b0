"""The explorer page's content, without a browser: data, escaping, ego views, layout, CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import rdflib
from rdflib import RDF, SKOS, Literal, URIRef

from kg.cli import main
from kg.errors import KGError
from kg.explorer import (
    ENTITY_TYPES,
    ego_nodes,
    json_for_script,
    radial_layout,
    read_view,
    render_html,
    resolve_focus,
    write_explorer,
)
from kg.namespace import KG

FIXTURE = Path(__file__).parent / "data" / "explorer" / "small.ttl"
ID = "https://w3id.org/cngov-kg/id/"
EVIL_IMG = "<img src=x onerror=alert(1)>"
EVIL_SCRIPT = "</script><script>alert(2)</script>"


@pytest.fixture(scope="module")
def graph() -> rdflib.Graph:
    return rdflib.Graph().parse(FIXTURE, format="turtle")


def evil_graph(base: rdflib.Graph) -> rdflib.Graph:
    """The fixture plus entities whose names and evidence are markup."""
    g = rdflib.Graph()
    for t in base:
        g.add(t)
    prog = URIRef(ID + "program/evil0000evil0000")
    org = URIRef(ID + "org/evil1111evil1111")
    g.add((prog, RDF.type, KG.Program))
    g.add((prog, SKOS.prefLabel, Literal(EVIL_IMG, lang="zh")))
    g.add((prog, SKOS.altLabel, Literal("恶意\u2028名称&amp;", lang="zh")))
    g.add((prog, KG.locatedIn, URIRef(ID + "place/131126000000")))
    g.add((org, RDF.type, KG.Organization))
    g.add((org, SKOS.prefLabel, Literal(EVIL_SCRIPT, lang="zh")))
    g.add((org, KG.runs, prog))
    stmt, ev = URIRef(ID + "statement/evil"), URIRef(ID + "evidence/evil")
    g.add((stmt, RDF.type, RDF.Statement))
    g.add((stmt, RDF.subject, org))
    g.add((stmt, RDF.predicate, KG.runs))
    g.add((stmt, RDF.object, prog))
    g.add((stmt, KG.evidence, ev))
    g.add((ev, KG.text, Literal('<b onmouseover="alert(3)">粗体</b> & <!-- 注释', lang="zh")))
    g.add((ev, KG.inArticle, URIRef(ID + "article/001_example/0")))
    return g


def page_data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    assert m, "no data element"
    return json.loads(m.group(1))


def entity_count(g: rdflib.Graph) -> int:
    return len({s for t in ENTITY_TYPES for s in g.subjects(RDF.type, KG[t])})


@pytest.mark.parametrize(
    "value, forbidden",
    [
        ("</script><script>alert(1)</script>", "</script"),
        ("<!-- x", "<!--"),
        ("a & b", "&"),
        ("x > y", ">"),
        ("line\u2028sep\u2029para", "\u2028"),
        ("line\u2028sep\u2029para", "\u2029"),
    ],
)
def test_explorer_json_for_script_escapes(value, forbidden):
    text = json_for_script({"v": value})
    assert forbidden not in text
    assert json.loads(text) == {"v": value}


def test_explorer_writes_one_offline_file(graph, tmp_path):
    out = tmp_path / "sub" / "explorer.html"
    stats = write_explorer(graph, out)
    page = out.read_text("utf-8")
    assert (stats.nodes, stats.edges) == (entity_count(graph), 19)
    assert stats.path == out
    # nothing is loaded from elsewhere: no src/href attributes and no @import
    assert not re.search(r"<(script|link|img|iframe)[^>]*\b(src|href)\s*=", page, re.I)
    assert "@import" not in page
    for host in ("cdnjs", "jsdelivr", "unpkg", "googleapis", "bootstrap"):
        assert host not in page.lower()
    assert "vis-network" in page and page.count("</script>") == 3
    assert [p.name for p in out.parent.iterdir()] == ["explorer.html"]  # no temp file left


def test_explorer_output_is_deterministic(graph, tmp_path):
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    write_explorer(graph, a)
    reparsed = rdflib.Graph().parse(data=graph.serialize(format="nt"), format="nt")
    write_explorer(reparsed, b)
    assert a.read_bytes() == b.read_bytes()


def test_explorer_page_carries_evidence_and_headlines(graph):
    data = page_data(render_html(read_view(graph))[0])
    labels = [n["label"] for n in data["nodes"]]
    runs = labels.index("衡水市商务局")
    program = labels.index("衡水市政府消费券发放活动")
    (edge_index,) = [
        i for i, e in enumerate(data["vis"]["edges"]) if (e["from"], e["to"]) == (runs, program)
    ]
    edge = data["edges"][edge_index]
    assert edge["rel"] == "runs"
    (sentence,) = [data["sentences"][i] for i in edge["ev"]]
    assert sentence["text"].startswith("本次活动由市商务局主办")
    assert data["articles"][sentence["article"]]["headline"] == "衡水市政府消费券今日开抢"
    place = data["nodes"][labels.index("师黄村")]
    assert [data["nodes"][i]["label"] for i in place["chain"]] == ["郑口镇", "故城县", "衡水市", "河北省"]
    assert place["code"] == "131126100201"


def test_explorer_county_membership(graph):
    data = page_data(render_html(read_view(graph))[0])
    labels = [n["label"] for n in data["nodes"]]
    county = labels.index("故城县")
    members = {n["label"] for n in data["nodes"] if county in n.get("counties", [])}
    assert members == {"故城县", "郑口镇", "师黄村", "农村生活水源置换工程", "故城县水务局"}
    assert {c["label"] for c in data["counties"]} == {"故城县", "冀州区"}


def test_explorer_escapes_markup_from_pages(graph, tmp_path):
    out = tmp_path / "evil.html"
    write_explorer(evil_graph(graph), out, title="<b>标题</b>")
    page = out.read_text("utf-8")
    for raw in (EVIL_IMG, EVIL_SCRIPT, "<b onmouseover", "<b>标题", "\u2028"):
        assert raw not in page
    assert "<title>&lt;b&gt;标题&lt;/b&gt;</title>" in page
    labels = {n["label"] for n in page_data(page)["nodes"]}
    assert {EVIL_IMG, EVIL_SCRIPT} <= labels


@pytest.mark.parametrize(
    "name, expected",
    [
        ("衡水市商务局", "agency/1a2b3c4d5e6f7081"),
        ("市商务局", "agency/1a2b3c4d5e6f7081"),
        ("衡水市城管局", "agency/2b3c4d5e6f708192"),
        ("跨省通办", "program/cc03cc03cc03cc03"),
        ("“我为群众办实事”实践活动", "program/dd04dd04dd04dd04"),
        ("我为群众办实事实践活动", "program/dd04dd04dd04dd04"),
        (ID + "place/131126100000", "place/131126100000"),
    ],
)
def test_explorer_resolve_focus(graph, name, expected):
    assert resolve_focus(read_view(graph), name) == ID + expected


def test_explorer_resolve_focus_unknown_suggests(graph):
    with pytest.raises(KGError, match=r"no entity named '故成县'.*did you mean 故城县"):
        resolve_focus(read_view(graph), "故成县")


def test_explorer_resolve_focus_ambiguous(graph):
    g = rdflib.Graph()
    for t in graph:
        g.add(t)
    g.add((URIRef(ID + "agency/ffff"), RDF.type, KG.Agency))
    g.add((URIRef(ID + "agency/ffff"), SKOS.altLabel, Literal("市商务局", lang="zh")))
    g.add((URIRef(ID + "agency/ffff"), SKOS.prefLabel, Literal("某市商务局", lang="zh")))
    with pytest.raises(KGError, match="shared by 2 entities"):
        resolve_focus(read_view(g), "市商务局")


@pytest.mark.parametrize(
    "focus, hops, expected",
    [
        ("市商务局", 0, {"衡水市商务局"}),
        ("市商务局", 1, {"衡水市商务局", "衡水市", "衡水市政府消费券发放活动"}),
        ("郑口镇", 1, {"郑口镇", "故城县", "师黄村"}),
        ("郑口镇", 2, {"郑口镇", "故城县", "师黄村", "衡水市", "农村生活水源置换工程", "故城县水务局"}),
        ("跨省通办", 1, {"“跨省通办”", "冀州区", "冀州区医保局", "“我为群众办实事”实践活动"}),
    ],
)
def test_explorer_ego_view(graph, focus, hops, expected):
    view = read_view(graph)
    got = {view.entities[i].label for i in ego_nodes(view, resolve_focus(view, focus), hops)}
    assert got == expected
    data = page_data(render_html(view, focus=focus, hops=hops)[0])
    assert {n["label"] for n in data["nodes"]} == expected
    assert data["nodes"][data["focus"]]["iri"] == resolve_focus(view, focus)


def test_explorer_radial_layout_rings():
    ids = ["root", "a", "b", "a1", "a2", "b1"]
    parent = {"a": "root", "b": "root", "a1": "a", "a2": "a", "b1": "b"}
    pos = radial_layout(ids, parent, ring_gap=100, spacing=1)
    assert pos["root"] == (0, 0)
    radius = {k: round((x * x + y * y) ** 0.5) for k, (x, y) in pos.items()}
    assert radius["a"] == radius["b"] == 100
    assert radius["a1"] == radius["a2"] == radius["b1"] == 200
    assert len(set(pos.values())) == len(ids)
    assert radial_layout(ids, parent, ring_gap=100, spacing=1) == pos


def test_explorer_places_hierarchy_outwards(graph):
    data = page_data(render_html(read_view(graph))[0])
    by_label = {n["label"]: v for n, v in zip(data["nodes"], data["vis"]["nodes"])}

    def radius(label):
        return (by_label[label]["x"] ** 2 + by_label[label]["y"] ** 2) ** 0.5

    assert radius("河北省") == 0
    assert radius("河北省") < radius("衡水市") < radius("故城县") < radius("郑口镇") < radius("师黄村")
    assert data["vis"]["options"]["physics"]["enabled"] is False


def test_explorer_cli_writes_page(tmp_path, capsys):
    out = tmp_path / "ego.html"
    status = main(["explore", "--graph", str(FIXTURE), "--focus", "故城", "--hops", "1", "--out", str(out)])
    assert status == 0
    assert {n["label"] for n in page_data(out.read_text("utf-8"))["nodes"]} == {
        "故城县", "衡水市", "郑口镇", "农村生活水源置换工程", "故城县水务局",
    }
    assert "wrote" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--focus", "不存在的局"], "no entity named '不存在的局'"),
        (["--graph", "missing/kg.ttl"], "missing/kg.ttl: no such graph file"),
        (["--focus", "故城县", "--hops", "-1"], "--hops must be 0 or more"),
    ],
)
def test_explorer_cli_errors(tmp_path, capsys, argv, message):
    args = ["explore", "--graph", str(FIXTURE), "--out", str(tmp_path / "x.html"), *argv]
    assert main(args) in (1, 2)
    assert message in capsys.readouterr().err
    assert not (tmp_path / "x.html").exists()

"""The explorer in headless Chromium with no network: load, search, click,
hover, filters, ego views and escaping."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
import rdflib
from rdflib import RDF

from kg.explorer import ENTITY_TYPES, write_explorer
from kg.namespace import KG

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from test_explorer import EVIL_IMG, EVIL_SCRIPT, FIXTURE, evil_graph  # noqa: E402

pytestmark = pytest.mark.browser
ID = "https://w3id.org/cngov-kg/id/"
DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.fixture(scope="module")
def graph():
    return rdflib.Graph().parse(FIXTURE, format="turtle")


@pytest.fixture(scope="module")
def page_file(graph, tmp_path_factory):
    path = tmp_path_factory.mktemp("explorer") / "explorer.html"
    write_explorer(graph, path)
    return path


def assert_clean(watch):
    assert watch.blocked == [], f"the page tried to reach the network: {watch.blocked}"
    assert watch.console_errors == []
    assert watch.page_errors == []
    assert watch.dialogs == []


def node_point(page, label):
    """Viewport coordinates of the node labelled ``label``."""
    return page.evaluate(
        """label => {
            const k = window.kgExplorer, id = k.data.nodes.findIndex(n => n.label === label);
            const p = k.network.canvasToDOM(k.network.getPosition(id));
            const r = document.getElementById('kg-network').getBoundingClientRect();
            return [r.left + p.x, r.top + p.y];
        }""",
        label,
    )


def test_explorer_browser_loads_offline_with_every_entity(open_page, graph, page_file):
    page, watch = open_page(page_file)
    entities = {str(s) for t in ENTITY_TYPES for s in graph.subjects(RDF.type, KG[t])}
    assert page.evaluate("window.kgExplorer.network.body.data.nodes.length") == len(entities)
    assert set(page.evaluate("window.kgExplorer.visibleIris()")) == entities
    assert page.title() == "cngov-kg explorer"
    assert page.locator("#kg-legend").inner_text().count("Place") == 1
    assert_clean(watch)


def test_explorer_browser_guard_sees_network_requests(open_page, tmp_path):
    """The request guard the other tests rely on does see (and abort) a
    request for a remote resource."""
    page_file = tmp_path / "remote.html"
    page_file.write_text('<img src="https://example.com/x.png"><script>document.documentElement.'
                         'setAttribute("data-kg-ready", "1")</script>', encoding="utf-8")
    page, watch = open_page(page_file)
    page.wait_for_timeout(300)
    assert watch.blocked == ["https://example.com/x.png"]


@pytest.mark.parametrize(
    "query, iri, label",
    [
        ("市城管局", "agency/2b3c4d5e6f708192", "衡水市城市管理综合行政执法局"),
        ("银联河北分公司", "org/5e6f708192031425", "中国银联股份有限公司河北分公司"),
        ("故城", "place/131126000000", "故城县"),
    ],
)
def test_explorer_browser_search_focuses_alias(open_page, page_file, query, iri, label):
    page, watch = open_page(page_file)
    page.fill("#kg-search", query)
    assert page.locator("#kg-results li").first.inner_text().startswith(label)
    page.press("#kg-search", "Enter")
    assert page.evaluate("window.kgExplorer.selectedIri()") == ID + iri
    assert page.evaluate("window.kgExplorer.network.getSelectedNodes().length") == 1
    assert page.locator("#kg-panel h2").inner_text() == label
    assert_clean(watch)


def test_explorer_browser_search_arrow_keys_choose_result(open_page, page_file):
    page, watch = open_page(page_file)
    page.fill("#kg-search", "衡水市")  # the exact name first, then longer names
    ids = [int(i) for i in page.eval_on_selector_all("#kg-results li", "els => els.map(e => e.dataset.node)")]
    labels = page.evaluate("ids => ids.map(i => window.kgExplorer.data.nodes[i].label)", ids)
    assert labels[0] == "衡水市" and len(labels) >= 3
    assert all("衡水市" in label for label in labels[1:])
    page.press("#kg-search", "ArrowDown")
    page.press("#kg-search", "ArrowDown")
    page.press("#kg-search", "ArrowUp")
    page.press("#kg-search", "Enter")
    assert page.locator("#kg-panel h2").inner_text() == labels[1]
    assert_clean(watch)


def test_explorer_browser_click_shows_evidence(open_page, page_file):
    page, watch = open_page(page_file)
    x, y = node_point(page, "衡水市商务局")
    page.mouse.click(x, y)
    panel = page.locator("#kg-panel")
    panel.wait_for(state="visible")
    assert page.locator("#kg-panel h2").inner_text() == "衡水市商务局"
    text = panel.inner_text()
    assert "本次活动由市商务局主办，中国银联股份有限公司河北分公司承办。" in text
    assert "《衡水市政府消费券今日开抢》" in text
    assert "市商务局" in page.locator("#kg-panel dl").inner_text()  # the alias
    assert page.locator("#kg-panel section[data-rel='runs'] h3").inner_text().startswith("实施 runs")
    assert_clean(watch)


def test_explorer_browser_place_panel_shows_code_and_parents(open_page, page_file):
    page, watch = open_page(page_file)
    page.fill("#kg-search", "师黄村")
    page.press("#kg-search", "Enter")
    dl = page.locator("#kg-panel dl").inner_text()
    assert "131126100201" in dl
    assert "师黄村 › 郑口镇 › 故城县 › 衡水市 › 河北省" in dl
    assert_clean(watch)


def test_explorer_browser_edge_hover_shows_evidence(open_page, page_file):
    page, watch = open_page(page_file)
    page.fill("#kg-search", "冀州区医保局")
    page.press("#kg-search", "Enter")
    page.click("#kg-panel-close")
    (x1, y1), (x2, y2) = node_point(page, "冀州区医保局"), node_point(page, "“跨省通办”")
    page.mouse.move((x1 + x2) / 2 + 20, (y1 + y2) / 2 + 20)
    page.mouse.move((x1 + x2) / 2, (y1 + y2) / 2, steps=5)
    tip = page.locator("#kg-tooltip")
    tip.wait_for(state="visible", timeout=5000)
    text = tip.inner_text()
    assert "冀州区医保局 — 实施 runs → “跨省通办”" in text
    assert "冀州区医保局推进医保服务“跨省通办”，让群众少跑腿。" in text
    assert "冀州区医保服务实现“跨省通办”" in text
    assert_clean(watch)


def test_explorer_browser_county_filter(open_page, page_file):
    page, watch = open_page(page_file)
    page.select_option("#kg-county", label="故城县 · 衡水市")
    visible = set(page.evaluate("window.kgExplorer.visibleIris()"))
    assert visible == {
        ID + "place/131126000000",
        ID + "place/131126100000",
        ID + "place/131126100201",
        ID + "program/bb02bb02bb02bb02",
        ID + "agency/4d5e6f7081920314",
    }
    page.uncheck("input[data-type='Place']")
    assert len(page.evaluate("window.kgExplorer.visibleIris()")) == 2
    page.select_option("#kg-county", value="")
    page.check("input[data-type='Place']")
    assert len(page.evaluate("window.kgExplorer.visibleIris()")) == 16
    assert_clean(watch)


def test_explorer_browser_ego_view(open_page, graph, tmp_path):
    out = tmp_path / "ego.html"
    write_explorer(graph, out, focus="郑口镇", hops=2)
    page, watch = open_page(out)
    labels = page.evaluate("window.kgExplorer.data.nodes.map(n => n.label)")
    assert sorted(labels) == sorted(["郑口镇", "故城县", "师黄村", "衡水市", "农村生活水源置换工程", "故城县水务局"])
    assert page.evaluate("window.kgExplorer.network.body.data.nodes.length") == 6
    assert page.locator("#kg-panel h2").inner_text() == "郑口镇"  # the focus opens selected
    assert "ego view of 郑口镇, 2 hops" in page.locator("#kg-counts").inner_text()
    assert_clean(watch)


def test_explorer_browser_escaping_runs_nothing(open_page, graph, tmp_path):
    out = tmp_path / "evil.html"
    write_explorer(evil_graph(graph), out, title="<img src=y onerror=alert(9)>")
    page, watch = open_page(out)
    page.fill("#kg-search", "onerror")
    assert EVIL_IMG in page.locator("#kg-results").inner_text()
    page.press("#kg-search", "Enter")
    assert page.locator("#kg-panel h2").inner_text() == EVIL_IMG
    panel = page.locator("#kg-panel").inner_text()
    assert EVIL_SCRIPT in panel
    assert '<b onmouseover="alert(3)">粗体</b> & <!-- 注释' in panel
    assert page.locator("#kg-title").inner_text() == "<img src=y onerror=alert(9)>"
    page.fill("#kg-search", "恶意")
    page.press("#kg-search", "Enter")
    assert page.locator("#kg-panel h2").inner_text() == EVIL_IMG
    page.wait_for_timeout(300)
    assert page.evaluate("document.querySelectorAll('img, b, #kg-main script').length") == 0
    assert watch.dialogs == []
    assert_clean(watch)


def test_explorer_browser_screenshot(open_page, page_file, tmp_path):
    """A picture of the explorer: the busiest county selected and its entity
    with the most evidence open in the panel. KG_UPDATE_SCREENSHOT=1 writes it
    to docs/explorer.png; KG_SCREENSHOT_GRAPH=FILE pictures another graph."""
    source = os.environ.get("KG_SCREENSHOT_GRAPH")
    if source:
        page_file = tmp_path / "explorer.html"
        write_explorer(rdflib.Graph().parse(source), page_file)
    page, watch = open_page(page_file)
    county = page.evaluate(
        """() => {
            const d = window.kgExplorer.data, count = {};
            d.nodes.forEach(n => (n.counties || []).forEach(c => { count[c] = (count[c] || 0) + 1; }));
            return d.counties.map(c => c.id).sort((a, b) => count[b] - count[a] || a - b)[0];
        }"""
    )
    page.select_option("#kg-county", value=str(county))
    best = page.evaluate(
        """county => {
            const d = window.kgExplorer.data, ev = d.nodes.map(() => 0);
            d.vis.edges.forEach((e, i) => { ev[e.from] += d.edges[i].ev.length; ev[e.to] += d.edges[i].ev.length; });
            const ids = d.nodes.map((n, i) => i).filter(i => i !== county && (d.nodes[i].counties || []).includes(county));
            return ids.sort((a, b) => ev[b] - ev[a] || a - b)[0];
        }""",
        county,
    )
    x, y = node_point(page, page.evaluate("id => window.kgExplorer.data.nodes[id].label", best))
    page.mouse.click(x, y)
    page.locator("#kg-panel").wait_for(state="visible")
    assert page.locator(".kg-evidence").count() > 0
    page.evaluate("window.kgExplorer.network.fit({animation: false})")
    page.mouse.move(5, 5)
    target = DOCS / "explorer.png" if os.environ.get("KG_UPDATE_SCREENSHOT") == "1" else tmp_path / "explorer.png"
    page.screenshot(path=str(target))
    assert target.stat().st_size > 20_000
    assert_clean(watch)


@pytest.mark.slow
def test_explorer_browser_5000_nodes_ready_in_5_seconds(open_page, tmp_path):
    """The whole-graph view of 5,000 entities is drawn within 5 s of navigation
    (best of two loads, so that a busy machine's hiccup does not decide)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from bench_explorer import synthetic_graph

    out = tmp_path / "big.html"
    stats = write_explorer(synthetic_graph(5000), out)
    assert stats.nodes == 5000
    times = []
    for _ in range(2):
        page, watch = open_page(out)
        assert page.evaluate("window.kgExplorer.network.body.data.nodes.length") == 5000
        times.append(page.evaluate("window.kgExplorer.readyAt") / 1000)
        assert_clean(watch)
        page.close()
    assert min(times) < 5.0, times

"""How fast the explorer page is ready in headless Chromium, against plain pyvis.

For synthetic graphs of N entities (default 500, 1,000 and 5,000) this writes
the explorer page and measures, in Debian's headless Chromium with the
network blocked, the time from navigation to the page's ready mark (the first
frame drawn with every node placed). As a baseline it writes a plain pyvis
page of the same graph (``cdn_resources="in_line"``, physics on, its default
barnesHut solver) and measures the time from navigation to vis-network's
``stabilizationIterationsDone`` and ``stabilized`` events, each capped by
``--baseline-timeout``.

    .venv/bin/python benchmarks/bench_explorer.py                  # 500, 1000, 5000
    .venv/bin/python benchmarks/bench_explorer.py --sizes 5000 --check 5

``--check SECONDS`` exits 1 when the explorer at the largest size takes
longer than SECONDS to be ready.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import rdflib
from rdflib import RDF, SKOS, Literal, URIRef

from kg.explorer import write_explorer
from kg.namespace import KG

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ID = "https://w3id.org/cngov-kg/id/"
SYLLABLES = "安宝北昌城东丰福广河华吉嘉建江金康乐丽林龙明南宁平庆仁山胜顺泰天通文西祥新兴阳永裕泽长正中"
PROGRAM_KINDS = ("改造工程", "专项行动", "民生项目", "整治活动", "建设计划", "服务改革")
AGENCY_KINDS = ("人民政府", "水务局", "住建局", "卫健委", "医保局", "商务局", "教育局", "交通运输局")


def synthetic_graph(n: int, seed: int = 0) -> rdflib.Graph:
    """A graph of ``n`` entities in the shape of docs/DATAMODEL.md.

    One province; prefectures, counties, townships and villages in a tree
    (``kg:partOf``); agencies with a jurisdiction; programs located in a
    place, run by one or two agencies, each ``runs`` with an evidence
    sentence in an article. About 35% places, 20% agencies, 45% programs.
    """
    rng = random.Random(seed)

    def name(k: int) -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(k))

    g = rdflib.Graph()
    counter = iter(range(10**9))

    def entity(kind: str, cls, label: str) -> URIRef:
        node = URIRef(f"{ID}{kind}/{next(counter):016x}")
        g.add((node, RDF.type, cls))
        g.add((node, SKOS.prefLabel, Literal(label, lang="zh")))
        return node

    def place(label: str, level: str, parent: URIRef | None) -> URIRef:
        node = entity("place", KG.Place, label)
        g.add((node, KG.adminLevel, Literal(level)))
        if parent is not None:
            g.add((node, KG.partOf, parent))
        return node

    n_places = max(5, int(n * 0.35))
    n_agencies = max(1, int(n * 0.20))
    n_programs = max(1, n - n_places - n_agencies)
    province = place(name(2) + "省", "province", None)
    places = [province]
    prefectures = [place(name(2) + "市", "prefecture", province) for _ in range(max(1, n_places // 120))]
    places += prefectures
    counties = [place(name(2) + "县", "county", rng.choice(prefectures)) for _ in range(max(1, n_places // 15))]
    places += counties
    townships = []
    while len(places) < n_places:
        if not townships or rng.random() < 0.3:
            townships.append(place(name(2) + "镇", "township", rng.choice(counties)))
            places.append(townships[-1])
        else:
            places.append(place(name(2) + "村", "village", rng.choice(townships)))
    agencies = []
    for _ in range(n_agencies):
        where = rng.choice(prefectures + counties)
        label = str(g.value(where, SKOS.prefLabel)) + rng.choice(AGENCY_KINDS)
        node = entity("agency", KG.Agency, label + ("" if rng.random() < 0.7 else name(1) + "分局"))
        g.add((node, SKOS.altLabel, Literal(label[2:], lang="zh")))
        g.add((node, KG.jurisdiction, where))
        agencies.append(node)
    articles = [URIRef(f"{ID}article/synthetic/{i}") for i in range(max(1, n // 20))]
    for i, art in enumerate(articles):
        g.add((art, RDF.type, KG.Article))
        g.add((art, KG.headline, Literal(f"{name(4)}推进{name(2)}工作", lang="zh")))
        g.add((art, KG.sourceFile, Literal(f"synthetic_{i // 8:03d}.txt")))
    for i in range(n_programs):
        where = rng.choice(places[1:])
        program = entity("program", KG.Program, str(g.value(where, SKOS.prefLabel)) + name(2) + rng.choice(PROGRAM_KINDS))
        g.add((program, KG.locatedIn, where))
        art = rng.choice(articles)
        g.add((program, KG.mentionedIn, art))
        for agency in rng.sample(agencies, k=min(len(agencies), rng.choice((1, 1, 2)))):
            g.add((agency, KG.runs, program))
            stmt = URIRef(f"{ID}statement/{i:08x}{agencies.index(agency):08x}")
            ev = URIRef(f"{ID}evidence/{i:08x}{agencies.index(agency):08x}")
            g.add((stmt, RDF.type, RDF.Statement))
            g.add((stmt, RDF.subject, agency))
            g.add((stmt, RDF.predicate, KG.runs))
            g.add((stmt, RDF.object, program))
            g.add((stmt, KG.evidence, ev))
            sentence = f"{g.value(agency, SKOS.prefLabel)}牵头实施{g.value(program, SKOS.prefLabel)}。"
            g.add((ev, RDF.type, KG.Evidence))
            g.add((ev, KG.inArticle, art))
            g.add((ev, KG.text, Literal(sentence, lang="zh")))
    return g


def write_pyvis_baseline(graph: rdflib.Graph, path: Path) -> None:
    """A plain pyvis page of the same entities and relations, physics on."""
    from pyvis.network import Network

    net = Network(height="900px", width="100%", directed=True, cdn_resources="in_line", heading="baseline")
    ids: dict[str, int] = {}
    for cls in ("Agency", "Place", "Program"):
        for node in sorted(graph.subjects(RDF.type, KG[cls]), key=str):
            ids[str(node)] = len(ids)
            net.add_node(ids[str(node)], label=str(graph.value(node, SKOS.prefLabel)))
    for rel in ("runs", "locatedIn", "partOf", "jurisdiction"):
        for s, o in sorted(graph.subject_objects(KG[rel])):
            net.edges.append({"from": ids[str(s)], "to": ids[str(o)], "arrows": "to"})
    html = net.generate_html(str(path))
    hook = (
        "network = new vis.Network(container, data, options);\n"
        "network.once('stabilizationIterationsDone', function () { window.__iterationsDone = performance.now(); });\n"
        "network.once('stabilized', function () { window.__stabilized = performance.now(); });\n"
    )
    marker = "network = new vis.Network(container, data, options);"
    if marker not in html:
        raise SystemExit("pyvis template changed: cannot hook the stabilization events")
    path.write_text(html.replace(marker, hook, 1), encoding="utf-8")


class Browser:
    """Headless Chromium that answers no network request."""

    def __init__(self):
        from playwright.sync_api import sync_playwright

        self.profile = tempfile.mkdtemp(prefix="kg-bench-profile-")
        self._pw = sync_playwright().start()
        self.context = self._pw.chromium.launch_persistent_context(
            self.profile, executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS,
            viewport={"width": 1400, "height": 900}, offline=True,
        )
        self.blocked: list[str] = []

    def page(self):
        page = self.context.new_page()

        def route(r):
            if r.request.url.startswith(("file:", "data:", "blob:")):
                r.continue_()
            else:
                self.blocked.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        return page

    def close(self):
        self.context.close()
        self._pw.stop()
        shutil.rmtree(self.profile, ignore_errors=True)


def time_explorer(browser: Browser, path: Path) -> float:
    page = browser.page()
    try:
        page.goto(path.resolve().as_uri(), wait_until="commit")
        page.wait_for_selector("html[data-kg-ready='1']", state="attached", timeout=120_000)
        return page.evaluate("window.kgExplorer.readyAt") / 1000
    finally:
        page.close()


def time_baseline(browser: Browser, path: Path, timeout: float) -> tuple[float | None, float | None]:
    page = browser.page()
    start = time.monotonic()
    try:
        page.goto(path.resolve().as_uri(), wait_until="commit", timeout=timeout * 1000)
        marks = {}
        for mark in ("__iterationsDone", "__stabilized"):
            left = timeout - (time.monotonic() - start)
            try:
                page.wait_for_function(f"window.{mark} !== undefined", timeout=max(1, left) * 1000, polling=200)
                marks[mark] = page.evaluate(f"window.{mark}") / 1000
            except Exception:
                marks[mark] = None
        return marks["__iterationsDone"], marks["__stabilized"]
    finally:
        page.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 1000, 5000])
    parser.add_argument("--baseline-timeout", type=float, default=60.0, help="seconds (default 60)")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--check", type=float, default=None, metavar="SECONDS")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    browser = Browser()
    rows = []
    try:
        for n in args.sizes:
            graph = synthetic_graph(n)
            t0 = time.perf_counter()
            stats = write_explorer(graph, work / f"explorer_{n}.html")
            write_s = time.perf_counter() - t0
            ready = time_explorer(browser, stats.path)
            base = (None, None)
            if not args.no_baseline:
                write_pyvis_baseline(graph, work / f"pyvis_{n}.html")
                base = time_baseline(browser, work / f"pyvis_{n}.html", args.baseline_timeout)
            rows.append((stats.nodes, stats.edges, stats.path.stat().st_size / 1e6, write_s, ready, *base))
            print(f"... {n} done", file=sys.stderr, flush=True)
    finally:
        browser.close()
        shutil.rmtree(work, ignore_errors=True)

    def fmt(v):
        return f">{args.baseline_timeout:.0f} (cap)" if v is None else f"{v:.2f}"

    print(f"{'nodes':>6} {'edges':>6} {'page MB':>8} {'write s':>8} {'explorer ready s':>17} "
          f"{'pyvis iterations s':>19} {'pyvis stabilized s':>19}")
    for nodes, edges, mb, write_s, ready, it, st in rows:
        base = ("-", "-") if args.no_baseline else (fmt(it), fmt(st))
        print(f"{nodes:>6} {edges:>6} {mb:>8.2f} {write_s:>8.2f} {ready:>17.2f} {base[0]:>19} {base[1]:>19}")
    if browser.blocked:
        print(f"blocked network requests: {sorted(set(browser.blocked))}")
    if args.check is not None and rows[-1][4] > args.check:
        print(f"explorer at {rows[-1][0]} nodes took {rows[-1][4]:.2f} s > {args.check} s", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

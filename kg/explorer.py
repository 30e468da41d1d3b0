"""The HTML explorer: one self-contained page to browse the graph.

:func:`write_explorer` turns an rdflib graph that follows ``docs/DATAMODEL.md``
into a single UTF-8 HTML file that works opened from disk with no network:

* vis-network's JS and CSS are inlined from the copy bundled with pyvis, and
  the page's own script and style from ``kg/explorer_assets/``; nothing is
  loaded over http(s).
* Nodes and edges are assembled with pyvis (``Network.add_node``/``Edge``),
  coloured and shaped by entity type, sized by degree and labelled with
  ``skos:prefLabel``. Positions are computed here, by a radial tree that
  follows the place hierarchy (province at the centre, then prefectures,
  counties, townships, villages; agencies next to their jurisdiction,
  programs next to their most specific place), so the browser runs no physics
  and a 5,000-node graph is drawn at once.
* The data travels as JSON inside ``<script type="application/json">`` with
  ``<``, ``>``, ``&``, U+2028 and U+2029 escaped; the page builds every label,
  tooltip and panel with ``textContent``, never ``innerHTML``, so text taken
  from news pages is shown literally and runs nothing.
* The page has a search box over every name and alias, filters by type and by
  county, a side panel with names, admin code, parent chain, connections
  grouped by relation and the evidence sentences with their article's
  headline, and an edge tooltip that shows the relation and its evidence.

``focus``/``hops`` write an ego view: the entity named ``focus`` and every
entity within ``hops`` relations of it.
"""

from __future__ import annotations

import difflib
import html
import json
import math
import os
import re
import tempfile
from collections import defaultdict, deque
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import rdflib
from rdflib import RDF, SKOS, Literal, URIRef

from kg.errors import KGError
from kg.namespace import KG

# entity types in order of precedence (an Agency is also an Organization)
ENTITY_TYPES = ("Agency", "Organization", "Place", "Program", "Person")

# type → (display name, colour, vis-network shape)
TYPE_STYLE = {
    "Agency": ("机构 Agency", "#c0392b", "square"),
    "Organization": ("组织 Organization", "#e67e22", "diamond"),
    "Place": ("地点 Place", "#27ae60", "dot"),
    "Program": ("项目 Program", "#2e86c1", "triangle"),
    "Person": ("人物 Person", "#8e44ad", "star"),
}

# places are shaded by level, darkest at the top of the hierarchy
LEVEL_STYLE = {
    "province": ("省 province", "#0b5345"),
    "prefecture": ("市 prefecture", "#117a65"),
    "county": ("县区 county", "#1e8449"),
    "township": ("乡镇 township", "#52be80"),
    "village": ("村社区 village", "#82e0aa"),
    "feature": ("地物 feature", "#48c9b0"),
}
LEVEL_ORDER = {name: i for i, name in enumerate(LEVEL_STYLE)}

# relation → (label shown on the forward side, label shown on the inverse side)
RELATIONS = {
    "runs": ("实施 runs", "由…实施 run by"),
    "organizes": ("主办 organizes", "主办方 organized by"),
    "undertakes": ("承办 undertakes", "承办方 undertaken by"),
    "leads": ("牵头 leads", "牵头方 led by"),
    "locatedIn": ("位于 located in", "所辖项目 location of"),
    "partOf": ("隶属 part of", "下辖 contains"),
    "jurisdiction": ("辖区 jurisdiction", "所属机构 agencies"),
    "subOrganizationOf": ("上级单位 sub-organization of", "下属单位 has unit"),
    "partOfProgram": ("属于项目 part of program", "子项目 has sub-program"),
}

_RUN_PROPERTIES = ("runs", "organizes", "undertakes", "leads")
_NAME_JUNK = re.compile(r"[\s“”‘’\"《》「」]")


@dataclass(frozen=True)
class ExplorerStats:
    """What :func:`write_explorer` wrote: entity nodes and relation edges."""

    nodes: int
    edges: int
    path: Path


@dataclass
class _Entity:
    iri: str
    type: str
    label: str
    names: list[str] = field(default_factory=list)  # altLabels, sorted
    level: str = ""
    code: str = ""
    date: str = ""
    measures: list[dict] = field(default_factory=list)
    articles: list[int] = field(default_factory=list)


@dataclass
class GraphView:
    """Entities, relation edges and evidence read from a graph."""

    entities: dict[str, _Entity]
    edges: list[tuple[str, str, str]]  # (subject IRI, relation, object IRI), sorted
    evidence: dict[tuple[str, str, str], list[int]]  # edge → indices into sentences
    sentences: list[dict]  # {"text", "article"}
    articles: list[dict]  # {"headline", "file", "iri"}


# --- reading the graph ----------------------------------------------------


def _text(value) -> str:
    return str(value) if value is not None else ""


def _pick_label(labels: list[Literal]) -> str:
    """One deterministic label: prefer ``@zh``, then no language, then any."""
    if not labels:
        return ""
    ranked = sorted(labels, key=lambda lit: (lit.language != "zh", lit.language is not None, str(lit)))
    return str(ranked[0])


def _entity_type(graph: rdflib.Graph, node: URIRef) -> str | None:
    types = set(graph.objects(node, RDF.type))
    for name in ENTITY_TYPES:
        if KG[name] in types:
            return name
    return None


def _tail(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def read_view(graph: rdflib.Graph) -> GraphView:
    """Collect entities, relations, evidence and articles from ``graph``."""
    article_index: dict[str, int] = {}
    articles: list[dict] = []

    def article(node) -> int:
        key = str(node)
        if key not in article_index:
            article_index[key] = len(articles)
            articles.append(
                {
                    "iri": key,
                    "headline": _pick_label(list(graph.objects(node, KG.headline))),
                    "file": _text(graph.value(node, KG.sourceFile)),
                }
            )
        return article_index[key]

    subjects = set()
    for name in ENTITY_TYPES:
        subjects.update(s for s in graph.subjects(RDF.type, KG[name]) if isinstance(s, URIRef))

    entities: dict[str, _Entity] = {}
    for node in sorted(subjects, key=str):
        iri = str(node)
        pref = list(graph.objects(node, SKOS.prefLabel))
        alts = sorted({str(a) for a in graph.objects(node, SKOS.altLabel)})
        label = _pick_label(pref) or (alts[0] if alts else _tail(iri))
        ent = _Entity(iri=iri, type=_entity_type(graph, node), label=label)
        ent.names = [a for a in alts if a != label]
        ent.names += sorted({str(p) for p in pref} - {label} - set(ent.names))
        ent.level = _text(graph.value(node, KG.adminLevel))
        ent.code = _text(graph.value(node, KG.adminCode))
        ent.date = _text(min(graph.objects(node, KG.date), default=None, key=str))
        for m in sorted(graph.objects(node, KG.hasMeasure), key=str):
            ent.measures.append(
                {
                    "label": _pick_label(list(graph.objects(m, rdflib.RDFS.label))),
                    "value": _text(graph.value(m, KG.value)),
                    "unit": _text(graph.value(m, KG.unit)),
                    "qualifier": _text(graph.value(m, KG.qualifier)),
                }
            )
        ent.articles = sorted({article(a) for a in graph.objects(node, KG.mentionedIn)})
        entities[iri] = ent

    edges = set()
    for rel in RELATIONS:
        for s, o in graph.subject_objects(KG[rel]):
            if str(s) in entities and str(o) in entities and s != o:
                edges.add((str(s), rel, str(o)))

    sentences: list[dict] = []
    sentence_index: dict[str, int] = {}
    evidence: dict[tuple[str, str, str], set[int]] = defaultdict(set)
    for stmt in sorted(set(graph.subjects(RDF.predicate, None)), key=str):
        s, p, o = (graph.value(stmt, RDF.subject), graph.value(stmt, RDF.predicate), graph.value(stmt, RDF.object))
        if p is None or not str(p).startswith(str(KG)):
            continue
        key = (str(s), str(p)[len(str(KG)) :], str(o))
        if key not in edges:
            continue
        for ev in sorted(graph.objects(stmt, KG.evidence), key=str):
            if str(ev) not in sentence_index:
                art = graph.value(ev, KG.inArticle)
                sentence_index[str(ev)] = len(sentences)
                sentences.append(
                    {
                        "text": _pick_label(list(graph.objects(ev, KG.text))),
                        "article": article(art) if art is not None else -1,
                    }
                )
            evidence[key].add(sentence_index[str(ev)])

    return GraphView(
        entities=entities,
        edges=sorted(edges),
        evidence={k: sorted(v) for k, v in evidence.items()},
        sentences=sentences,
        articles=articles,
    )


# --- focus and ego views --------------------------------------------------


def _norm_name(name: str) -> str:
    return _NAME_JUNK.sub("", name)


def resolve_focus(view: GraphView, focus: str) -> str:
    """The IRI of the entity named ``focus`` (an IRI, a prefLabel or an alias).

    A prefLabel match wins over an alias match. Raises :class:`KGError` with
    suggestions when nothing matches, and lists the candidates when a name is
    shared by several entities.
    """
    if focus in view.entities:
        return focus
    wanted = _norm_name(focus)
    by_pref = [e.iri for e in view.entities.values() if _norm_name(e.label) == wanted]
    by_alias = [e.iri for e in view.entities.values() if any(_norm_name(n) == wanted for n in e.names)]
    for found in (by_pref, by_alias):
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            listed = "; ".join(f"{view.entities[i].label} ({view.entities[i].type}, {i})" for i in found[:8])
            raise KGError(f"the name {focus!r} is shared by {len(found)} entities: {listed}; pass the IRI instead")
    names = sorted({e.label for e in view.entities.values()} | {n for e in view.entities.values() for n in e.names})
    close = difflib.get_close_matches(focus, names, n=5, cutoff=0.5)
    close += [n for n in names if wanted and wanted in _norm_name(n) and n not in close][: 5 - len(close)]
    hint = f"; did you mean {', '.join(close)}?" if close else "; no similar name either"
    raise KGError(f"no entity named {focus!r} in the graph{hint}")


def ego_nodes(view: GraphView, center: str, hops: int) -> set[str]:
    """Every entity within ``hops`` relations of ``center`` (edges taken both ways)."""
    if hops < 0:
        raise KGError(f"--hops must be 0 or more, not {hops}")
    adjacent: dict[str, set[str]] = defaultdict(set)
    for s, _rel, o in view.edges:
        adjacent[s].add(o)
        adjacent[o].add(s)
    seen = {center}
    frontier = deque([(center, 0)])
    while frontier:
        node, dist = frontier.popleft()
        if dist == hops:
            continue
        for nxt in sorted(adjacent[node]):
            if nxt not in seen:
                seen.add(nxt)
                frontier.append((nxt, dist + 1))
    return seen


# --- layout ---------------------------------------------------------------


def _layout_parents(view: GraphView, keep: set[str]) -> dict[str, str]:
    """Each entity's parent in the layout tree (absent for roots)."""
    out_edges: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    in_runs: dict[str, list[str]] = defaultdict(list)
    for s, rel, o in view.edges:
        if s in keep and o in keep:
            out_edges[s][rel].append(o)
            if rel in _RUN_PROPERTIES:
                in_runs[o].append(s)

    def level_rank(iri: str) -> int:
        return LEVEL_ORDER.get(view.entities[iri].level, len(LEVEL_ORDER))

    parent: dict[str, str] = {}
    for iri in sorted(keep):
        ent = view.entities[iri]
        rels = out_edges.get(iri, {})
        if ent.type == "Place":
            candidates = rels.get("partOf", [])
        elif ent.type in ("Agency", "Organization"):
            # its jurisdiction, else its parent unit, else where its programs are
            candidates = rels.get("jurisdiction", []) or rels.get("subOrganizationOf", [])
            if not candidates:
                programs = [p for rel in _RUN_PROPERTIES for p in rels.get(rel, [])]
                candidates = [pl for p in programs for pl in out_edges.get(p, {}).get("locatedIn", [])]
        elif ent.type == "Program":
            candidates = rels.get("locatedIn", []) or rels.get("partOfProgram", []) or in_runs.get(iri, [])
        else:
            candidates = []
        if candidates:
            # the most specific place (deepest level), then the smallest IRI
            parent[iri] = min(candidates, key=lambda c: (-level_rank(c), c))
    # cut cycles (only malformed data has them), deterministically
    for iri in sorted(parent):
        seen = {iri}
        node = parent.get(iri)
        while node is not None:
            if node in seen:
                del parent[iri]
                break
            seen.add(node)
            node = parent.get(node)
    # the place with the largest tree (the paper's province) goes in the
    # centre; every other root hangs from it instead of crowding the first ring
    size: dict[str, int] = defaultdict(int)
    for iri in keep:
        node = iri
        while node in parent:
            node = parent[node]
        size[node] += 1
    place_roots = [r for r in size if view.entities[r].type == "Place"]
    if place_roots:
        main = min(place_roots, key=lambda r: (-size[r], level_rank(r), r))
        for r in sorted(size):
            if r != main:
                parent[r] = main
    return parent


def radial_layout(ids: list[str], parent: dict[str, str], *, spacing: float = 70.0, ring_gap: float = 220.0):
    """Positions on concentric rings: depth in the tree → ring, subtree → sector.

    Each node's angular sector is proportional to the number of leaves under
    it, so a county's townships and programs sit together. Ring radii grow so
    that neighbours on a ring are about ``spacing`` apart. O(n); returns
    ``{id: (x, y)}`` with integer coordinates.
    """
    children: dict[str | None, list[str]] = defaultdict(list)
    for i in ids:
        children[parent.get(i)].append(i)
    # depth-first order from the roots (iterative, children in given order)
    order: list[str] = []
    depth: dict[str, int] = {}
    stack = [(r, 1) for r in reversed(children[None])]
    while stack:
        node, d = stack.pop()
        depth[node] = d
        order.append(node)
        stack.extend((c, d + 1) for c in reversed(children.get(node, [])))
    weight: dict[str, int] = {}
    for node in reversed(order):
        weight[node] = max(1, sum(weight[c] for c in children.get(node, [])))
    per_depth: dict[int, int] = defaultdict(int)
    for d in depth.values():
        per_depth[d] += 1
    radius: dict[int, float] = {}
    previous = 0.0
    for d in range(1, max(per_depth, default=0) + 1):
        if d == 1 and per_depth[1] == 1:
            radius[d] = 0.0
        else:
            radius[d] = max(previous + ring_gap, per_depth[d] * spacing / (2 * math.pi))
        previous = radius[d]
    positions: dict[str, tuple[int, int]] = {}
    sectors: dict[str, tuple[float, float]] = {}
    total = sum(weight[r] for r in children[None]) or 1
    start = 0.0
    for r in children[None]:
        span = 2 * math.pi * weight[r] / total
        sectors[r] = (start, start + span)
        start += span
    for node in order:
        a0, a1 = sectors[node]
        angle = (a0 + a1) / 2
        rad = radius[depth[node]]
        positions[node] = (round(rad * math.cos(angle)), round(rad * math.sin(angle)))
        kids = children.get(node, [])
        if kids:
            sub_total = sum(weight[c] for c in kids)
            s = a0
            for c in kids:
                span = (a1 - a0) * weight[c] / sub_total
                sectors[c] = (s, s + span)
                s += span
    return positions


# --- assembling the page --------------------------------------------------


def _county_of(view: GraphView, keep: set[str]) -> dict[str, list[str]]:
    """The counties each entity belongs to (places by ``partOf``, programs by
    ``locatedIn``, agencies by ``jurisdiction`` and by the programs they run)."""
    part_of: dict[str, list[str]] = defaultdict(list)
    for s, rel, o in view.edges:
        if rel == "partOf":
            part_of[s].append(o)

    def county_above(place: str) -> str | None:
        seen = set()
        node: str | None = place
        while node is not None and node not in seen:
            seen.add(node)
            ent = view.entities.get(node)
            if ent is not None and ent.level == "county":
                return node
            ups = sorted(part_of.get(node, []))
            node = ups[0] if ups else None
        return None

    member: dict[str, set[str]] = defaultdict(set)
    for iri in keep:
        if view.entities[iri].type == "Place":
            county = county_above(iri)
            if county in keep:
                member[iri].add(county)
    for s, rel, o in view.edges:
        if s in keep and o in keep and rel in ("locatedIn", "jurisdiction"):
            member[s] |= member.get(o, set())
    for s, rel, o in view.edges:
        if s in keep and o in keep and rel in _RUN_PROPERTIES:
            member[s] |= member.get(o, set())
    return {k: sorted(v) for k, v in member.items() if v}


def _group(ent: _Entity) -> str:
    """The vis-network group of an entity: its type, and its level for places."""
    if ent.type == "Place" and ent.level in LEVEL_STYLE:
        return f"Place-{ent.level}"
    return ent.type


def _groups() -> dict:
    """Colour and shape of every group, declared once instead of per node."""
    groups = {}
    for type_name, (_label, colour, shape) in TYPE_STYLE.items():
        groups[type_name] = {"color": {"background": colour, "border": colour}, "shape": shape}
    for level, (_label, colour) in LEVEL_STYLE.items():
        groups[f"Place-{level}"] = {"color": {"background": colour, "border": colour}, "shape": TYPE_STYLE["Place"][2]}
    return groups


def _build_page_data(view: GraphView, keep: set[str], *, focus: str | None, hops: int, title: str) -> dict:
    from pyvis.edge import Edge
    from pyvis.network import Network

    type_rank = {t: i for i, t in enumerate(ENTITY_TYPES)}
    ids = sorted(
        keep,
        key=lambda i: (
            type_rank.get(view.entities[i].type, 9),
            LEVEL_ORDER.get(view.entities[i].level, 9),
            view.entities[i].label,
            i,
        ),
    )
    index = {iri: n for n, iri in enumerate(ids)}
    edges = [e for e in view.edges if e[0] in keep and e[2] in keep]
    degree: dict[str, int] = defaultdict(int)
    for s, _rel, o in edges:
        degree[s] += 1
        degree[o] += 1
    parent = _layout_parents(view, keep)
    positions = radial_layout(ids, parent)
    counties = _county_of(view, keep)

    net = Network(directed=True, cdn_resources="in_line")
    big = len(ids) > 1500
    for iri in ids:
        ent = view.entities[iri]
        group, shape = _group(ent), TYPE_STYLE[ent.type][2]
        x, y = positions[iri]
        options = {
            "x": x,
            "y": y,
            "size": round(min(40.0, 8 + 4 * math.sqrt(degree[iri])), 1),
        }
        if iri == focus:
            colour = _groups()[group]["color"]["background"]
            options.update(
                borderWidth=5,
                color={"background": colour, "border": "#17202a"},
                size=max(options["size"], 30),
                font={"size": 22, "color": "#000"},
            )
        net.add_node(index[iri], label=ent.label, shape=shape, group=group, **options)
    for n, (s, rel, o) in enumerate(edges):
        # pyvis' add_edge rescans every edge for duplicates; ``edges`` is a set
        # already. Arrows are set once in the options, not on every edge.
        edge = Edge(index[s], index[o], directed=False, id=n)
        if rel == "partOf":
            edge.options["dashes"] = True
        net.edges.append(edge.options)
    net.toggle_physics(False)
    options = json.loads(net.options.to_json())
    options.update(
        {
            "interaction": {
                "hover": True,
                "tooltipDelay": 150,
                "hideEdgesOnDrag": big,
                "hideEdgesOnZoom": big,
                "navigationButtons": False,
                "keyboard": False,
            },
            "layout": {"improvedLayout": False, "randomSeed": 1},
            "groups": _groups(),
            "edges": {
                "smooth": False,
                "color": {"color": "#9aa5b1", "highlight": "#34495e", "hover": "#34495e"},
                # arrows cost a third of the drawing time and cannot be seen
                # at the zoom that shows thousands of nodes; the panel and the
                # tooltip still name each relation's direction
                "arrows": {"to": {"enabled": not big, "scaleFactor": 0.5}},
                "width": 1,
                "hoverWidth": 2,
            },
            "nodes": {"font": {"size": 14, "face": "Noto Sans CJK SC, sans-serif"}, "borderWidth": 1},
        }
    )

    used_types = sorted({view.entities[i].type for i in ids}, key=lambda t: type_rank[t])
    used_levels = sorted(
        {view.entities[i].level for i in ids if view.entities[i].type == "Place" and view.entities[i].level in LEVEL_STYLE},
        key=LEVEL_ORDER.get,
    )
    counties_list = []
    for iri in ids:
        ent = view.entities[iri]
        if ent.type == "Place" and ent.level == "county":
            up = parent.get(iri)
            counties_list.append({"id": index[iri], "label": ent.label, "parent": view.entities[up].label if up else ""})

    nodes_info = []
    part_of = {s: o for s, rel, o in reversed(edges) if rel == "partOf"}
    for iri in ids:
        ent = view.entities[iri]
        chain = []
        node = part_of.get(iri)
        while node is not None and index[node] not in chain and len(chain) < 12:
            chain.append(index[node])
            node = part_of.get(node)
        info = {
            "iri": iri,
            "label": ent.label,
            "type": ent.type,
            "names": ent.names,
            "degree": degree[iri],
        }
        for key, value in (
            ("level", ent.level),
            ("code", ent.code),
            ("date", ent.date),
            ("measures", ent.measures),
            ("articles", ent.articles),
            ("chain", chain if ent.type == "Place" else []),
            ("counties", [index[c] for c in counties.get(iri, [])]),
            ("lp", index[parent[iri]] if iri in parent else None),
        ):
            if value or (key == "lp" and value is not None):
                info[key] = value
        nodes_info.append(info)

    return {
        "title": title,
        "focus": index[focus] if focus is not None else None,
        "hops": hops if focus is not None else None,
        "types": [
            {"type": t, "label": TYPE_STYLE[t][0], "color": TYPE_STYLE[t][1], "shape": TYPE_STYLE[t][2]}
            for t in used_types
        ],
        "levels": [{"level": lv, "label": LEVEL_STYLE[lv][0], "color": LEVEL_STYLE[lv][1]} for lv in used_levels],
        "relations": {rel: list(labels) for rel, labels in RELATIONS.items()},
        "counties": counties_list,
        "nodes": nodes_info,
        "edges": [{"rel": rel, "ev": view.evidence.get((s, rel, o), [])} for s, rel, o in edges],
        "sentences": view.sentences,
        "articles": view.articles,
        "vis": {"nodes": net.nodes, "edges": net.edges, "options": options},
    }


def json_for_script(data) -> str:
    """JSON safe inside ``<script type="application/json">``.

    ``<``, ``>`` and ``&`` become ``\\u003c`` … so no ``</script>`` or
    ``<!--`` can close or confuse the element; U+2028/U+2029 are escaped too.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for raw, escaped in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, escaped)
    return text


def _vis_library() -> tuple[str, str]:
    """vis-network's JS and CSS as bundled with pyvis (no CDN involved)."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "lib"
    folders = sorted(lib.glob("vis-*"), key=lambda p: [int(x) for x in re.findall(r"\d+", p.name)])
    if not folders:
        raise KGError(f"{lib}: pyvis ships no vis-network library; reinstall pyvis>=0.3.2")
    folder = folders[-1]
    return (folder / "vis-network.min.js").read_text("utf-8"), (folder / "vis-network.css").read_text("utf-8")


def _inline(text: str, tag: str, origin: str) -> str:
    """Text safe to put inside ``<script>``/``<style>`` as is."""
    if re.search(rf"</{tag}|<!--", text, re.IGNORECASE):
        raise KGError(f"{origin}: contains '</{tag}' or '<!--' and cannot be inlined")
    return text


def render_html(view: GraphView, *, focus: str | None = None, hops: int = 1, title: str = "cngov-kg explorer"):
    """The page as a string and its stats ``(html, nodes, edges)``."""
    if focus is not None:
        focus_iri = resolve_focus(view, focus)
        keep = ego_nodes(view, focus_iri, hops)
    else:
        keep = set(view.entities)
        focus_iri = None
    data = _build_page_data(view, keep, focus=focus_iri, hops=hops, title=title)
    vis_js, vis_css = _vis_library()
    assets = resources.files("kg").joinpath("explorer_assets")
    template = assets.joinpath("explorer.html").read_text("utf-8")
    parts = {
        "TITLE": html.escape(title, quote=True),
        "VIS_CSS": _inline(vis_css, "style", "vis-network.css"),
        "APP_CSS": _inline(assets.joinpath("explorer.css").read_text("utf-8"), "style", "explorer.css"),
        "VIS_JS": _inline(vis_js, "script", "vis-network.min.js"),
        "APP_JS": _inline(assets.joinpath("explorer.js").read_text("utf-8"), "script", "explorer.js"),
        "DATA": json_for_script(data),
    }
    page = re.sub(r"@@([A-Z_]+)@@", lambda m: parts[m.group(1)], template)
    return page, len(data["nodes"]), len(data["edges"])


def write_explorer(
    graph: rdflib.Graph,
    path: str | Path,
    *,
    focus: str | None = None,
    hops: int = 1,
    title: str = "cngov-kg explorer",
) -> ExplorerStats:
    """Write the explorer page for ``graph`` to ``path``, atomically.

    With ``focus`` (a name, an alias or an IRI) only the ego network of
    ``hops`` hops around that entity is written.

    >>> stats = write_explorer(graph, "exports/explorer.html")  # doctest: +SKIP
    >>> stats.nodes, stats.edges  # doctest: +SKIP
    (312, 540)
    """
    path = Path(path)
    page, n_nodes, n_edges = render_html(read_view(graph), focus=focus, hops=hops, title=title)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(page.encode("utf-8"))
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return ExplorerStats(nodes=n_nodes, edges=n_edges, path=path)

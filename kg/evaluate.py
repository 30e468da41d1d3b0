"""Score a graph against a page's gold annotations (format: SCHEMA.md, "Gold files").

The semantics are those of the project's reference scorer:

- **Entities** are scored per type (``Agency``, ``Organization``,
  ``Place``, ``Program``). A system entity is any node typed with one of
  these classes or a sub-class of one (``rdfs:subClassOf`` closure); a
  node typed ``kg:Agency`` counts as an Agency and never also as a plain
  Organization. Its labels are its ``skos:prefLabel``, ``skos:altLabel``
  and ``rdfs:label`` values, normalised by removing white space and the
  quotation marks “”‘’"'《》「」『』〈〉. When the graph records any
  ``kg:mentionedIn``, only entities with a ``kg:mentionedIn`` are scored
  (a parent added from the gazetteer is not counted).
- Within a type, system and gold entities are matched **one to one,
  greedily**: candidate pairs share at least one normalised label (gold
  name or alias); pairs whose system labels contain the gold *name* come
  first, then pairs with more shared labels, then by node and gold name.
- **Relations** are ``(subject, property, object)`` triples between scored
  entities; a triple of a sub-property (``rdfs:subPropertyOf``, transitive,
  e.g. ``kg:organizes`` ⊑ ``kg:runs``) counts as its parent. Gold relations
  are the explicit ``relations`` plus each entity's ``jurisdiction``
  (→ ``jurisdiction``) and ``parent`` (→ ``partOf``), kept when both ends
  are gold entities. A system triple is right when both ends matched the
  gold ends.
- **Measures**: a gold measure is found when a node matched to its program
  has a ``kg:hasMeasure`` whose ``kg:value`` is within 0.5 % of the gold
  value (absolute 0.005 below 1).
- **Headlines**: a gold headline is found when it contains, or is
  contained in, the normalised headline of an article of the graph.

The class and property hierarchies are read from the graph and from the
ontology (``ontology/*.ttl``), as if the ontology were loaded beside it.

Example::

    >>> from rdflib import Graph
    >>> g = Graph().parse(data='''
    ... @prefix kg: <https://w3id.org/cngov-kg/ontology#> .
    ... @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    ... <urn:x:a> a kg:Place ; skos:prefLabel "衡水市"@zh .
    ... <urn:x:b> a kg:Place ; skos:prefLabel "桃城区"@zh ; kg:partOf <urn:x:a> .
    ... ''', format="turtle")
    >>> gold = {"entities": [{"type": "Place", "name": "衡水市"},
    ...                      {"type": "Place", "name": "桃城区", "parent": "衡水市"}]}
    >>> s = evaluate(g, gold)
    >>> s.entities["Place"].tp, s.relations["partOf"].f1
    (2, 1.0)
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

from kg.errors import InputError, KGError
from kg.namespace import KG, ONTOLOGY_DIR, SCHEMA

__all__ = [
    "TYPES",
    "PROPS",
    "PRF",
    "MeasureScore",
    "HeadlineScore",
    "Scores",
    "normalize",
    "evaluate",
    "micro_average",
    "load_gold",
    "load_ontology",
    "restrict_to_page",
    "format_scores",
    "format_comparison",
]

TYPES = ("Agency", "Organization", "Place", "Program")
PROPS = ("runs", "locatedIn", "partOf", "jurisdiction", "subOrganizationOf", "partOfProgram")
#: The row that sums the types (or the properties).
ALL = "ALL"

_STRIP = re.compile(r"[\s“”‘’\"'《》「」『』〈〉]")
_LABELS = (SKOS.prefLabel, SKOS.altLabel, RDFS.label)
_HEADLINES = (KG.headline, RDFS.label, SKOS.prefLabel, SCHEMA.headline)
_MEASURE_TOLERANCE = 0.005


def normalize(label: object) -> str:
    """A label as the scorer compares it: no white space, no quotation marks.

    >>> normalize(" “跨省通办” ")
    '跨省通办'
    """
    return _STRIP.sub("", str(label))


# --- results ------------------------------------------------------------------------


def _prf(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


@dataclass(frozen=True)
class PRF:
    """Counts of one row: system items, gold items, matches; P/R/F1 derive from them."""

    sys: int = 0
    gold: int = 0
    tp: int = 0

    @property
    def precision(self) -> float:
        return _prf(self.tp, self.sys, self.gold)[0]

    @property
    def recall(self) -> float:
        return _prf(self.tp, self.sys, self.gold)[1]

    @property
    def f1(self) -> float:
        return _prf(self.tp, self.sys, self.gold)[2]

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.sys + other.sys, self.gold + other.gold, self.tp + other.tp)

    def to_dict(self) -> dict[str, Any]:
        p, r, f = _prf(self.tp, self.sys, self.gold)
        return {"sys": self.sys, "gold": self.gold, "tp": self.tp, "p": p, "r": r, "f": f}


@dataclass(frozen=True)
class MeasureScore:
    gold: int = 0
    found: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    def __add__(self, other: MeasureScore) -> MeasureScore:
        return MeasureScore(self.gold + other.gold, self.found + other.found)

    def to_dict(self) -> dict[str, Any]:
        return {"gold": self.gold, "found": self.found, "r": self.recall}


@dataclass(frozen=True)
class HeadlineScore:
    """Articles of the graph (``sys``) and of the gold (``gold``); gold headlines found."""

    sys: int = 0
    gold: int = 0
    headlines: int = 0
    headline_found: int = 0

    @property
    def recall(self) -> float:
        return self.headline_found / self.headlines if self.headlines else 0.0

    def __add__(self, other: HeadlineScore) -> HeadlineScore:
        return HeadlineScore(self.sys + other.sys, self.gold + other.gold,
                             self.headlines + other.headlines, self.headline_found + other.headline_found)

    def to_dict(self) -> dict[str, Any]:
        return {"sys": self.sys, "gold": self.gold, "headlines": self.headlines, "headline_found": self.headline_found}


def _empty(keys: Iterable[str]) -> dict[str, PRF]:
    return {k: PRF() for k in (*keys, ALL)}


@dataclass
class Scores:
    """The scores of one page (or, from :func:`micro_average`, of several).

    ``entities`` has a row per type and ``"ALL"``; ``relations`` a row per
    property and ``"ALL"``. :meth:`to_dict` gives the reference scorer's
    JSON shape.
    """

    entities: dict[str, PRF] = field(default_factory=lambda: _empty(TYPES))
    relations: dict[str, PRF] = field(default_factory=lambda: _empty(PROPS))
    measures: MeasureScore = field(default_factory=MeasureScore)
    articles: HeadlineScore = field(default_factory=HeadlineScore)
    page: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "entities": {k: v.to_dict() for k, v in self.entities.items()},
            "relations": {k: v.to_dict() for k, v in self.relations.items()},
            "measures": self.measures.to_dict(),
            "articles": self.articles.to_dict(),
        }


def micro_average(scores: Iterable[Scores], page: str = "micro-average") -> Scores:
    """Sum the counts of several pages; P/R/F1 of the sums are the micro-averages."""
    total = Scores(page=page)
    for s in scores:
        for k, v in s.entities.items():
            total.entities[k] = total.entities.get(k, PRF()) + v
        for k, v in s.relations.items():
            total.relations[k] = total.relations.get(k, PRF()) + v
        total.measures = total.measures + s.measures
        total.articles = total.articles + s.articles
    return total


# --- the ontology's hierarchies -------------------------------------------------------


@lru_cache(maxsize=4)
def _ontology(directory: str) -> Graph:
    g = Graph()
    for f in sorted(Path(directory).glob("*.ttl")):
        try:
            g.parse(f, format="turtle")
        except Exception as exc:  # rdflib raises several types for bad Turtle
            raise KGError(f"{f}: the ontology file does not parse ({exc}); fix it or remove it") from exc
    return g


def load_ontology(directory: str | Path | None = None) -> Graph:
    """The ontology graph (every ``*.ttl`` of ``directory``, default ``ontology/``); cached."""
    return _ontology(str(Path(directory or ONTOLOGY_DIR).resolve()))


class _Hierarchy:
    """``rdfs:subClassOf`` / ``rdfs:subPropertyOf`` edges of the graph and the ontology together."""

    def __init__(self, graphs: tuple[Graph, ...]):
        self.graphs = graphs

    def up(self, pred: URIRef, start: Node) -> set[Node]:
        """``start`` and everything reachable from it through ``pred``."""
        seen, todo = {start}, [start]
        while todo:
            n = todo.pop()
            for g in self.graphs:
                for m in g.objects(n, pred):
                    if m not in seen:
                        seen.add(m)
                        todo.append(m)
        return seen

    def down(self, pred: URIRef, start: Node) -> set[Node]:
        """``start`` and everything that reaches it through ``pred``."""
        seen, todo = {start}, [start]
        while todo:
            n = todo.pop()
            for g in self.graphs:
                for m in g.subjects(pred, n):
                    if m not in seen:
                        seen.add(m)
                        todo.append(m)
        return seen


# --- scoring ----------------------------------------------------------------------------


def _system_entities(g: Graph, h: _Hierarchy) -> dict[str, dict[Node, set[str]]]:
    """type → {node: normalised labels}; Agency nodes are not Organizations."""
    supers: dict[Node, set[Node]] = {}
    out: dict[str, dict[Node, set[str]]] = {t: {} for t in TYPES}
    mentioned = set(g.subjects(KG.mentionedIn, None))
    for node, cls in g.subject_objects(RDF.type):
        if mentioned and node not in mentioned:
            continue
        if cls not in supers:
            supers[cls] = h.up(RDFS.subClassOf, cls)
        sup = supers[cls]
        labels = {normalize(lbl) for p in _LABELS for lbl in g.objects(node, p)}
        labels.discard("")
        if not labels:
            continue
        if KG.Agency in sup:
            out["Agency"].setdefault(node, set()).update(labels)
        elif KG.Organization in sup:
            out["Organization"].setdefault(node, set()).update(labels)
        if KG.Place in sup:
            out["Place"].setdefault(node, set()).update(labels)
        if KG.Program in sup:
            out["Program"].setdefault(node, set()).update(labels)
    for node in list(out["Organization"]):
        if node in out["Agency"]:
            del out["Organization"][node]
    return out


def _match(sys_ents: Mapping[Node, set[str]], gold_ents: list[dict]) -> dict[Node, str]:
    """One-to-one greedy matching of system nodes to gold names."""
    gold_keys = {}
    for ge in gold_ents:
        keys = {normalize(ge["name"])} | {normalize(a) for a in ge.get("aliases", [])}
        gold_keys[ge["name"]] = keys - {""}
    pairs = []
    for node, labels in sys_ents.items():
        for name, keys in gold_keys.items():
            shared = labels & keys
            if shared:
                exact = normalize(name) in labels
                pairs.append((not exact, -len(shared), str(node), name, node))
    pairs.sort(key=lambda x: x[:4])
    used_nodes: set[Node] = set()
    used_gold: set[str] = set()
    matched: dict[Node, str] = {}
    for _, _, _, name, node in pairs:
        if node in used_nodes or name in used_gold:
            continue
        used_nodes.add(node)
        used_gold.add(name)
        matched[node] = name
    return matched


def _gold_relations(gold: Mapping) -> set[tuple[str, str, str]]:
    rels = {(r["s"], r["p"], r["o"]) for r in gold.get("relations", [])}
    for e in gold["entities"]:
        if e.get("jurisdiction"):
            rels.add((e["name"], "jurisdiction", e["jurisdiction"]))
        if e.get("parent"):
            rels.add((e["name"], "partOf", e["parent"]))
    names = {e["name"] for e in gold["entities"]}
    return {r for r in rels if r[0] in names and r[2] in names}


def _measure_found(g: Graph, nodes: Iterable[Node], value: float) -> bool:
    for n in nodes:
        for m in g.objects(n, KG.hasMeasure):
            for v in g.objects(m, KG.value):
                try:
                    val = float(v)
                except (TypeError, ValueError):
                    continue
                if abs(val - value) <= _MEASURE_TOLERANCE * max(1.0, abs(value)):
                    return True
    return False


def evaluate(graph: Graph, gold: Mapping, ontology: Graph | None = None, page: str = "") -> Scores:
    """Score ``graph`` against the gold annotations of one page.

    ``ontology`` gives the class and property hierarchies (default: the
    project's ``ontology/``); pass an empty Graph to use only the graph's own.
    """
    h = _Hierarchy((graph, load_ontology() if ontology is None else ontology))
    scores = Scores(page=page or str(gold.get("seed", "")))
    ents = _system_entities(graph, h)
    node2gold: dict[Node, str] = {}
    for t in TYPES:
        gold_t = [e for e in gold["entities"] if e["type"] == t]
        m = _match(ents[t], gold_t)
        node2gold.update(m)
        scores.entities[t] = PRF(len(ents[t]), len(gold_t), len(m))
    scores.entities[ALL] = sum((scores.entities[t] for t in TYPES), PRF())

    gold_rel = _gold_relations(gold)
    scored = set().union(*(ents[t].keys() for t in TYPES))
    sys_rel: set[tuple] = set()
    for prop in PROPS:
        for pred in h.down(RDFS.subPropertyOf, KG[prop]):
            for s, o in graph.subject_objects(pred):
                if s in scored and o in scored:
                    # an unmatched end stays distinct from every gold name
                    sys_rel.add((node2gold.get(s, ("?", s)), prop, node2gold.get(o, ("?", o))))
    for prop in PROPS:
        gs = {r for r in gold_rel if r[1] == prop}
        ss = {r for r in sys_rel if r[1] == prop}
        scores.relations[prop] = PRF(len(ss), len(gs), len(gs & ss))
    scores.relations[ALL] = sum((scores.relations[p] for p in PROPS), PRF())

    gold2nodes: dict[str, set[Node]] = defaultdict(set)
    for n, name in node2gold.items():
        gold2nodes[name].add(n)
    gold_measures = gold.get("measures", [])
    found = sum(_measure_found(graph, gold2nodes.get(ms["program"], ()), float(ms["value"])) for ms in gold_measures)
    scores.measures = MeasureScore(len(gold_measures), found)

    articles = set(graph.subjects(RDF.type, KG.Article))
    heads = {normalize(hl) for a in articles for p in _HEADLINES for hl in graph.objects(a, p)}
    heads.discard("")
    wanted = [normalize(a.get("headline", "")) for a in gold.get("articles", [])]
    wanted = [w for w in wanted if w]
    hit = sum(1 for w in wanted if any(w in hl or hl in w for hl in heads))
    scores.articles = HeadlineScore(len(articles), len(gold.get("articles", [])), len(wanted), hit)
    return scores


# --- inputs ------------------------------------------------------------------------------------


def load_gold(path: str | Path) -> dict:
    """Read and check a gold file; a bad one raises :class:`InputError` naming the file and the fault."""
    path = Path(path)
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(str(path), "no such gold file") from None
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"not UTF-8 text ({exc.reason})") from None
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    if not isinstance(gold, dict):
        raise InputError(str(path), "a gold file holds a JSON object with 'seed' and 'entities'")
    if not isinstance(gold.get("entities"), list):
        raise InputError(str(path), "no 'entities' list (see the gold format in SCHEMA.md)")
    for i, e in enumerate(gold["entities"]):
        if not isinstance(e, dict) or not isinstance(e.get("name"), str) or not isinstance(e.get("type"), str):
            raise InputError(str(path), f"entity {i} needs a 'type' and a 'name'")
    for key, needed in (("relations", ("s", "p", "o")), ("measures", ("program", "value"))):
        items = gold.get(key, [])
        if not isinstance(items, list):
            raise InputError(str(path), f"'{key}' must be a list")
        for i, item in enumerate(items):
            if not isinstance(item, dict) or any(k not in item for k in needed):
                raise InputError(str(path), f"{key[:-1]} {i} needs {', '.join(repr(k) for k in needed)}")
    for i, ms in enumerate(gold.get("measures", [])):
        try:
            float(ms["value"])
        except (TypeError, ValueError):
            raise InputError(str(path), f"measure {i} has a value that is not a number: {ms['value']!r}") from None
    return gold


def restrict_to_page(graph: Graph, page_name: str) -> Graph:
    """The part of a many-page graph that a page's gold is scored against.

    Articles of other pages, the ``kg:mentionedIn`` links to them and the
    relations that only other pages' articles state are left out, so only
    entities the page mentions are scored. Everything else is kept: an
    entity named on several pages keeps the labels every page gave it. Raises :class:`KGError` when the
    graph has no article of ``page_name``.
    """
    pages: dict[Node, str] = {a: str(f) for a, f in graph.subject_objects(KG.sourceFile)}
    own = {a for a, f in pages.items() if f == page_name}
    if not own:
        raise KGError(f"the graph has no article of page {page_name!r} (kg:sourceFile); build that page first")
    if len(own) == len(pages):
        return graph
    other = set(pages) - own
    # a relation stated only by other pages' articles is theirs, not this page's
    ev_article = dict(graph.subject_objects(KG.inArticle))
    stated: dict[tuple, set[Node]] = defaultdict(set)
    for st in graph.subjects(RDF.type, RDF.Statement):
        triple = (graph.value(st, RDF.subject), graph.value(st, RDF.predicate), graph.value(st, RDF.object))
        stated[triple] |= {ev_article.get(ev) for ev in graph.objects(st, KG.evidence)}
    foreign = {t for t, arts in stated.items() if arts and arts <= other}
    out = Graph()
    for prefix, ns in graph.namespaces():
        out.bind(prefix, ns, override=True, replace=True)
    for t in graph:
        s, p, o = t
        if s in other or (p == KG.mentionedIn and o in other) or t in foreign:
            continue
        out.add(t)
    return out


# --- formatting --------------------------------------------------------------------------------


def _row(name: str, v: PRF) -> str:
    return (f"  {name:<18} {v.sys:>5} {v.gold:>5} {v.tp:>5}  "
            f"{v.precision:>5.2f} {v.recall:>5.2f} {v.f1:>5.2f}")


def format_scores(scores: Scores) -> str:
    """A plain-text table of one page's (or the micro-averaged) scores."""
    head = f"  {'':<18} {'sys':>5} {'gold':>5} {'tp':>5}  {'P':>5} {'R':>5} {'F1':>5}"
    lines = [f"== {scores.page or 'graph'}", "entities" + head[8:]]
    lines += [_row(k, v) for k, v in scores.entities.items()]
    lines.append("relations")
    lines += [_row(k, v) for k, v in scores.relations.items()]
    m, a = scores.measures, scores.articles
    lines.append(f"measures  found {m.found}/{m.gold}  R={m.recall:.2f}")
    lines.append(f"headlines found {a.headline_found}/{a.headlines}  R={a.recall:.2f}  "
                 f"(articles: graph {a.sys}, gold {a.gold})")
    return "\n".join(lines) + "\n"


def format_comparison(named: Mapping[str, Scores]) -> str:
    """Systems side by side: P/R/F1 of each entity type and each relation property.

    ``named`` maps a system's name to its (micro-averaged) scores.
    """
    names = list(named)
    width = max(20, *(len(n) + 2 for n in names)) if names else 20
    out = [f"{'':<22}" + "".join(f"{n:>{width}}" for n in names),
           f"{'':<22}" + "".join(f"{'P    R    F1':>{width}}" for _ in names)]

    def cell(v: PRF) -> str:
        return f"{v.precision:.2f} {v.recall:.2f} {v.f1:.2f}"

    for section, keys in (("entities", (*TYPES, ALL)), ("relations", (*PROPS, ALL))):
        out.append(section)
        for k in keys:
            out.append(f"  {k:<20}" + "".join(f"{cell(getattr(named[n], section)[k]):>{width}}" for n in names))
    out.append(f"{'measures R':<22}" + "".join(f"{named[n].measures.recall:>{width}.2f}" for n in names))
    out.append(f"{'headlines R':<22}" + "".join(f"{named[n].articles.recall:>{width}.2f}" for n in names))
    return "\n".join(out) + "\n"

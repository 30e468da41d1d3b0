"""Deterministic exports of the graph: Turtle, N-Triples, JSON-LD, TriG,
GraphML, GEXF and CSV.

Every writer produces the same bytes for the same set of triples, whatever
order the triples were added in, so exported files diff well and can be
checked into version control:

- subjects are sorted by IRI; within a subject ``rdf:type`` comes first,
  then the other predicates sorted by IRI; objects are sorted by their
  N-Triples form;
- literals are always written on one line, with quotes, backslashes and
  control characters escaped (so ``\"\"\"`` in a text cannot end a string);
- IRIs that could not be written inside ``<...>`` (spaces, ``<``, ``>``,
  quotes, braces …) are refused with a :class:`~kg.errors.KGError` instead
  of producing a file no parser accepts;
- the graph shape has no blank nodes; if a graph has some anyway, they are
  relabelled canonically (:func:`rdflib.compare.to_canonical_graph`) so the
  output stays stable.

Files are written atomically: to a temporary file in the target folder,
flushed to disk and then renamed over the target.

rdflib's own Turtle serializer is not used because its subject order
depends on reference counts, generated ``ns1:`` prefixes depend on the
order triples were added, and long texts become multi-line strings.

Example::

    >>> from rdflib import Graph
    >>> g = Graph().parse(data='<https://w3id.org/cngov-kg/id/place/131100000000> '
    ...     '<http://www.w3.org/2004/02/skos/core#prefLabel> "衡水市"@zh .', format="nt")
    >>> print(turtle_text(g).splitlines()[-1])
    kgr:place\\/131100000000 skos:prefLabel "衡水市"@zh .
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Iterable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import RDF, SKOS, XSD

from kg.errors import KGError

KG_NS = "https://w3id.org/cngov-kg/ontology#"
KGR_NS = "https://w3id.org/cngov-kg/id/"

# The prefixes of docs/DATAMODEL.md; every export declares all of them so the
# header of a file does not change with its content.
_DEFAULT_PREFIXES = {
    "kg": KG_NS,
    "kgr": KGR_NS,
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": str(RDF),
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": "https://schema.org/",
    "skos": str(SKOS),
    "xsd": str(XSD),
}

FORMATS = ("turtle", "ntriples", "jsonld", "trig", "graphml", "gexf", "csv")

# the classes whose instances are nodes of the entity graph (GraphML, GEXF, CSV)
ENTITY_CLASSES = ("Agency", "Organization", "Place", "Program", "Person")

KG_ARTICLE = URIRef(KG_NS + "Article")
KG_IN_ARTICLE = URIRef(KG_NS + "inArticle")
KG_EVIDENCE = URIRef(KG_NS + "evidence")
KG_MENTIONED_IN = URIRef(KG_NS + "mentionedIn")
KG_HAS_MEASURE = URIRef(KG_NS + "hasMeasure")


def prefixes() -> dict[str, str]:
    """The project's prefixes, ``{prefix: namespace IRI}``, sorted by prefix.

    Taken from :func:`kg.namespace.bind_prefixes` when that module exists,
    so that every part of the project writes the same prefixes.
    """
    found = dict(_DEFAULT_PREFIXES)
    try:
        from kg.namespace import bind_prefixes  # type: ignore[attr-defined]
    except ImportError:
        pass
    else:
        g = Graph(bind_namespaces="none")
        bind_prefixes(g)
        for prefix, ns in g.namespaces():
            if prefix:
                found[prefix] = str(ns)
    return dict(sorted(found.items()))


# --- terms ---------------------------------------------------------------

# characters that may not appear in an IRIREF (Turtle / N-Triples / SPARQL)
_BAD_IRI_CHARS = re.compile(r'[\x00-\x20<>"{}|^`\\]')
# a conservative PN_LOCAL: letters, digits, '_', '-', '/', '.' not at the end;
# '/' is escaped on output (PN_LOCAL_ESC)
_SAFE_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_./-]*[A-Za-z0-9_/-])?$")
_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_DECIMAL = re.compile(r"^[+-]?[0-9]*\.[0-9]+$")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f]')


def check_iri(iri: str) -> str:
    """Return ``iri`` unchanged, or raise :class:`KGError` if it cannot be written.

    >>> check_iri("https://w3id.org/cngov-kg/id/place/131100000000")
    'https://w3id.org/cngov-kg/id/place/131100000000'
    """
    bad = _BAD_IRI_CHARS.search(iri)
    if bad:
        raise KGError(
            f"IRI {iri!r} contains {bad.group()!r}, which no RDF syntax allows in an IRI; "
            "fix the code that minted it (IRIs of the graph are ASCII, see docs/DATAMODEL.md)"
        )
    return iri


def _escape(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        ch = m.group()
        return _ESCAPES.get(ch) or f"\\u{ord(ch):04X}"

    return _NEEDS_ESCAPE.sub(one, text)


def nt_term(term) -> str:
    """The N-Triples form of an rdflib term (full IRIs, one line).

    >>> nt_term(Literal('say "hi"\\n', lang="zh"))
    '"say \\\\"hi\\\\"\\\\n"@zh'
    """
    if isinstance(term, URIRef):
        return f"<{check_iri(str(term))}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        text = f'"{_escape(str(term))}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and term.datatype != XSD.string:
            return f"{text}^^<{check_iri(str(term.datatype))}>"
        return text
    raise KGError(f"cannot write RDF term {term!r} of type {type(term).__name__}")


def term_key(term) -> tuple[int, str]:
    """Sort key giving a total, stable order: IRIs, then blank nodes, then literals."""
    kind = 0 if isinstance(term, URIRef) else 1 if isinstance(term, BNode) else 2
    return (kind, nt_term(term))


class _TermWriter:
    """Writes terms in Turtle/TriG syntax with the project's prefixes."""

    def __init__(self, prefix_map: dict[str, str]):
        # longest namespace first, so kgr: wins over a shorter enclosing one
        self.namespaces = sorted(prefix_map.items(), key=lambda kv: (-len(kv[1]), kv[0]))

    def iri(self, iri: str) -> str:
        check_iri(iri)
        for prefix, ns in self.namespaces:
            if iri.startswith(ns):
                local = iri[len(ns):]
                if local == "":
                    return f"{prefix}:"
                if _SAFE_LOCAL.match(local):
                    return f"{prefix}:{local.replace('/', chr(92) + '/')}"
        return f"<{iri}>"

    def term(self, term, predicate: bool = False) -> str:
        if isinstance(term, URIRef):
            if predicate and term == RDF.type:
                return "a"
            return self.iri(str(term))
        if isinstance(term, BNode):
            return f"_:{term}"
        if isinstance(term, Literal):
            lexical = str(term)
            dt = term.datatype
            if term.language:
                return f'"{_escape(lexical)}"@{term.language}'
            if dt is None or dt == XSD.string:
                return f'"{_escape(lexical)}"'
            if dt == XSD.integer and _INTEGER.match(lexical):
                return lexical
            if dt == XSD.decimal and _DECIMAL.match(lexical):
                return lexical
            if dt == XSD.boolean and lexical in ("true", "false"):
                return lexical
            return f'"{_escape(lexical)}"^^{self.iri(str(dt))}'
        raise KGError(f"cannot write RDF term {term!r} of type {type(term).__name__}")


# --- graphs ----------------------------------------------------------------


def as_graph(graph_or_store) -> Graph:
    """An rdflib Graph from a Graph or from an object with ``to_rdflib()`` (a store)."""
    if isinstance(graph_or_store, Graph):
        return graph_or_store
    to_rdflib = getattr(graph_or_store, "to_rdflib", None)
    if to_rdflib is None:
        raise KGError(f"cannot export {type(graph_or_store).__name__}: expected an rdflib Graph or a graph store")
    return to_rdflib()


def _stable(graph: Graph) -> Graph:
    """The graph itself, or a canonically relabelled copy if it has blank nodes."""
    for s, p, o in graph:
        if isinstance(s, BNode) or isinstance(o, BNode):
            return to_canonical_graph(graph)
    return graph


def _sorted_subjects(triples: Iterable[tuple]) -> list[tuple]:
    """``[(subject, [(predicate, [objects…])…])…]`` in the documented order."""
    by_subject: dict = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        by_subject[s][p].append(o)
    out = []
    for s in sorted(by_subject, key=term_key):
        preds = by_subject[s]
        order = sorted(preds, key=lambda p: (p != RDF.type, term_key(p)))
        out.append((s, [(p, sorted(set(preds[p]), key=term_key)) for p in order]))
    return out


def _turtle_body(triples: Iterable[tuple], writer: _TermWriter, indent: str = "") -> list[str]:
    lines: list[str] = []
    for s, plist in _sorted_subjects(triples):
        if lines:
            lines.append("")
        head = f"{indent}{writer.term(s)} "
        for i, (p, objects) in enumerate(plist):
            verb = writer.term(p, predicate=True)
            lead = head if i == 0 else f"{indent}    "
            end = " ." if i == len(plist) - 1 else " ;"
            if len(objects) == 1:
                lines.append(f"{lead}{verb} {writer.term(objects[0])}{end}")
                continue
            lines.append(f"{lead}{verb} {writer.term(objects[0])} ,")
            for j, o in enumerate(objects[1:], start=1):
                tail = end if j == len(objects) - 1 else " ,"
                lines.append(f"{indent}        {writer.term(o)}{tail}")
    return lines


def _prefix_header(prefix_map: dict[str, str]) -> list[str]:
    return [f"@prefix {p}: <{ns}> ." for p, ns in prefix_map.items()]


def turtle_text(graph: Graph) -> str:
    """The graph as deterministic Turtle text (see the module docstring)."""
    pm = prefixes()
    lines = _prefix_header(pm) + [""] + _turtle_body(_stable(graph), _TermWriter(pm))
    return "\n".join(lines) + "\n"


def ntriples_text(graph: Graph) -> str:
    """The graph as N-Triples, one triple a line, lines sorted."""
    lines = sorted(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} ." for s, p, o in _stable(graph))
    return "".join(line + "\n" for line in lines)


def jsonld_text(graph: Graph) -> str:
    """The graph as JSON-LD: a ``@context`` with the prefixes and a sorted ``@graph``.

    Every value is written in its explicit form (``{"@id": …}``,
    ``{"@value": …, "@language": …}``) so that no context coercion can
    change its meaning.
    """
    pm = prefixes()
    namespaces = sorted(pm.items(), key=lambda kv: (-len(kv[1]), kv[0]))

    def compact(iri: str) -> str:
        check_iri(iri)
        for prefix, ns in namespaces:
            if iri.startswith(ns) and len(iri) > len(ns):
                return f"{prefix}:{iri[len(ns):]}"
        return iri

    def value(o) -> dict:
        if isinstance(o, URIRef):
            return {"@id": compact(str(o))}
        if isinstance(o, BNode):
            return {"@id": f"_:{o}"}
        v: dict = {"@value": str(o)}
        if o.language:
            v["@language"] = o.language
        elif o.datatype is not None and o.datatype != XSD.string:
            v["@type"] = compact(str(o.datatype))
        return v

    nodes = []
    for s, plist in _sorted_subjects(_stable(graph)):
        node: dict = {"@id": compact(str(s)) if isinstance(s, URIRef) else f"_:{s}"}
        for p, objects in plist:
            if p == RDF.type and all(isinstance(o, URIRef) for o in objects):
                node["@type"] = [compact(str(o)) for o in objects]
            else:
                node[compact(str(p))] = [value(o) for o in objects]
        nodes.append(node)
    doc = {"@context": pm, "@graph": nodes}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def article_graphs(graph: Graph) -> dict[URIRef | None, set[tuple]]:
    """Split the triples between the default graph (key ``None``) and one graph per article.

    The rule (used by the TriG export):

    1. an article's own triples (subject is a ``kg:Article``) go to its graph;
    2. an evidence node's triples go to the graph of its ``kg:inArticle``;
    3. a statement's or a measure's triples go to the graphs of the articles
       of its ``kg:evidence``, and so does the ``kg:hasMeasure`` triple that
       attaches the measure;
    4. a relation triple ``s p o`` described by a statement
       (``rdf:subject s; rdf:predicate p; rdf:object o``) goes to the graphs
       of that statement's articles — the articles that state it;
    5. ``x kg:mentionedIn a`` goes to the graph of article ``a``;
    6. everything else — types, labels, levels, codes, relations from
       background knowledge — goes to the default graph.

    A triple attributed to several articles is put in each of their graphs
    and not in the default graph; the union of all graphs is the input graph.
    """
    articles = set(graph.subjects(RDF.type, KG_ARTICLE))
    evidence_article: dict = defaultdict(set)
    for ev, art in graph.subject_objects(KG_IN_ARTICLE):
        evidence_article[ev].add(art)
    node_articles: dict = defaultdict(set)  # statement / measure → articles
    for node, ev in graph.subject_objects(KG_EVIDENCE):
        node_articles[node] |= evidence_article.get(ev, set())
    stated: dict = defaultdict(set)  # (s, p, o) → articles
    for st in graph.subjects(RDF.type, RDF.Statement):
        s, p, o = graph.value(st, RDF.subject), graph.value(st, RDF.predicate), graph.value(st, RDF.object)
        if s is not None and p is not None and o is not None:
            stated[(s, p, o)] |= node_articles.get(st, set())

    out: dict = defaultdict(set)
    for t in graph:
        s, p, o = t
        if s in articles:
            targets = {s}
        elif s in evidence_article:
            targets = evidence_article[s]
        elif s in node_articles:
            targets = node_articles[s]
        elif p == KG_HAS_MEASURE and o in node_articles:
            targets = node_articles[o]
        elif t in stated:
            targets = stated[t]
        elif p == KG_MENTIONED_IN and o in articles:
            targets = {o}
        else:
            targets = set()
        for target in targets or {None}:
            out[target].add(t)
    return dict(out)


def trig_text(graph: Graph) -> str:
    """The graph as TriG: a default graph and one named graph per article (see :func:`article_graphs`)."""
    pm = prefixes()
    writer = _TermWriter(pm)
    parts = article_graphs(_stable(graph))
    lines = _prefix_header(pm)
    if None in parts:
        lines += [""] + _turtle_body(parts[None], writer)
    for name in sorted((k for k in parts if k is not None), key=term_key):
        lines += ["", f"{writer.term(name)} {{"] + _turtle_body(parts[name], writer, indent="    ") + ["}"]
    return "\n".join(lines) + "\n"


# --- entity graph (GraphML, GEXF, CSV) ---------------------------------------


def _local(iri) -> str:
    s = str(iri)
    return s[len(KG_NS):] if s.startswith(KG_NS) else s


def _entity_types(graph: Graph) -> dict[URIRef, str]:
    """Entity IRI → its most specific type name (Agency over Organization)."""
    types: dict[URIRef, str] = {}
    for name in ENTITY_CLASSES:
        for s in graph.subjects(RDF.type, URIRef(KG_NS + name)):
            if isinstance(s, URIRef) and (s not in types or types[s] == "Organization"):
                types[s] = name
    return types


def _label(graph: Graph, node) -> str:
    labels = sorted(str(o) for o in graph.objects(node, SKOS.prefLabel))
    return labels[0] if labels else ""


def entity_relations(graph: Graph) -> list[tuple[URIRef, URIRef, URIRef]]:
    """Sorted triples whose subject and object are both entities."""
    types = _entity_types(graph)
    rels = {(s, p, o) for s, p, o in graph if s in types and o in types and p != RDF.type}
    return sorted(rels, key=lambda t: tuple(term_key(x) for x in t))


def to_networkx(graph: Graph):
    """A :class:`networkx.MultiDiGraph` of the entities and the relations between them.

    Nodes are entity IRIs with attributes ``label`` (prefLabel), ``type``
    (Agency, Organization, Place, Program, Person) and, for places, ``level``
    and ``code``; edges carry ``predicate`` (the property's local name) and
    are keyed by it. Nodes and edges are inserted in sorted order so writers
    give stable output.
    """
    import networkx as nx

    graph = _stable(graph)
    types = _entity_types(graph)
    g = nx.MultiDiGraph()
    for node in sorted(types, key=term_key):
        attrs = {"label": _label(graph, node), "type": types[node]}
        for key in ("adminLevel", "adminCode"):
            v = graph.value(node, URIRef(KG_NS + key))
            if v is not None:
                attrs["level" if key == "adminLevel" else "code"] = str(v)
        g.add_node(str(node), **attrs)
    for s, p, o in entity_relations(graph):
        name = _local(p)
        g.add_edge(str(s), str(o), key=name, predicate=name)
    return g


def graphml_bytes(graph: Graph) -> bytes:
    import networkx as nx

    buf = io.BytesIO()
    nx.write_graphml(to_networkx(graph), buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue()


def gexf_bytes(graph: Graph) -> bytes:
    """GEXF 1.2 of the entity graph, without the writer's date stamp (so it is stable)."""
    from networkx.readwrite.gexf import GEXFWriter

    from kg import __version__

    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
        creator = meta.find("creator")
        if creator is not None:
            creator.text = f"cngov-kg {__version__}"
    writer.add_graph(to_networkx(graph))
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


ENTITY_COLUMNS = ("iri", "type", "label", "aliases", "level", "code", "parent")
RELATION_COLUMNS = ("subject", "subject_label", "predicate", "object", "object_label", "evidence")


def _csv_text(header: tuple[str, ...], rows: list[list[str]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def csv_tables(graph: Graph) -> dict[str, str]:
    """``{"entities.csv": text, "relations.csv": text}``.

    entities: one row per entity; ``aliases`` joined with ``|``; ``parent``
    is the IRI of the ``kg:partOf`` place (places) or of the
    ``kg:subOrganizationOf`` organisation (organisations).
    relations: one row per entity–entity triple; ``predicate`` is the
    property's local name; ``evidence`` the sentences that state it, sorted
    and joined with ``|``.
    """
    graph = _stable(graph)
    types = _entity_types(graph)
    part_of, sub_org = URIRef(KG_NS + "partOf"), URIRef(KG_NS + "subOrganizationOf")
    entity_rows = []
    for node in sorted(types, key=term_key):
        aliases = sorted({str(o) for o in graph.objects(node, SKOS.altLabel)})
        parents = sorted((str(o) for o in graph.objects(node, part_of)), key=str) or sorted(
            str(o) for o in graph.objects(node, sub_org)
        )
        level = graph.value(node, URIRef(KG_NS + "adminLevel"))
        code = graph.value(node, URIRef(KG_NS + "adminCode"))
        entity_rows.append(
            [str(node), types[node], _label(graph, node), "|".join(aliases),
             "" if level is None else str(level), "" if code is None else str(code), "|".join(parents)]
        )

    evidence_text: dict = defaultdict(set)
    kg_text = URIRef(KG_NS + "text")
    for st in graph.subjects(RDF.type, RDF.Statement):
        key = (graph.value(st, RDF.subject), graph.value(st, RDF.predicate), graph.value(st, RDF.object))
        for ev in graph.objects(st, KG_EVIDENCE):
            for text in graph.objects(ev, kg_text):
                evidence_text[key].add(" ".join(str(text).split()))
    relation_rows = [
        [str(s), _label(graph, s), _local(p), str(o), _label(graph, o), "|".join(sorted(evidence_text.get((s, p, o), ())))]
        for s, p, o in entity_relations(graph)
    ]
    return {
        "entities.csv": _csv_text(ENTITY_COLUMNS, entity_rows),
        "relations.csv": _csv_text(RELATION_COLUMNS, relation_rows),
    }


# --- writing -------------------------------------------------------------


def atomic_write(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically: temp file in the same folder, fsync, rename."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise KGError(f"{path}: cannot write: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise KGError(f"{path}: cannot write: {exc.strerror or exc}") from exc
        raise
    try:  # make the rename itself durable
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return path
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
    return path


def _utf8(text: str, path) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise KGError(f"{path}: a literal holds text that is not valid Unicode ({exc.reason})") from exc


def write_turtle(graph, path: str | os.PathLike) -> Path:
    """Write ``graph`` (a Graph or a store) as deterministic Turtle to ``path``, atomically."""
    return atomic_write(path, _utf8(turtle_text(as_graph(graph)), path))


def export(graph_or_store, fmt: str, path: str | os.PathLike) -> list[Path]:
    """Export a graph (or a store) in ``fmt`` to ``path``; return the files written.

    ``fmt`` is one of :data:`FORMATS`. For ``csv`` the path is a folder that
    receives ``entities.csv`` and ``relations.csv``; for the others it is a file.
    """
    if fmt not in FORMATS:
        raise KGError(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    graph = as_graph(graph_or_store)
    path = Path(path)
    if fmt == "csv":
        if path.exists() and not path.is_dir():
            raise KGError(f"{path}: the csv export writes a folder (entities.csv, relations.csv), but this is a file")
        return [atomic_write(path / name, _utf8(text, path / name)) for name, text in csv_tables(graph).items()]
    if fmt == "graphml":
        data = graphml_bytes(graph)
    elif fmt == "gexf":
        data = gexf_bytes(graph)
    else:
        text = {"turtle": turtle_text, "ntriples": ntriples_text, "jsonld": jsonld_text, "trig": trig_text}[fmt](graph)
        data = _utf8(text, path)
    return [atomic_write(path, data)]

"""Turn a page's :class:`~kg.model.Extraction` into an rdflib graph.

The shape of the graph is described in ``docs/DATAMODEL.md``. IRIs depend
only on the input text, so the same page always gives the same triples.
"""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal
from pathlib import PurePath

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from kg.model import Article, Entity, Evidence, Extraction, Page
from kg.namespace import KG, KGR, bind_prefixes

TYPE_SLUG = {
    "Agency": "agency",
    "Organization": "org",
    "Place": "place",
    "Program": "program",
    "Person": "person",
}

# relation name → property; sub-properties of kg:runs carry the role
PROPERTY = {
    "runs": KG.runs,
    "organizes": KG.organizes,
    "undertakes": KG.undertakes,
    "leads": KG.leads,
    "locatedIn": KG.locatedIn,
    "partOf": KG.partOf,
    "jurisdiction": KG.jurisdiction,
    "subOrganizationOf": KG.subOrganizationOf,
    "partOfProgram": KG.partOfProgram,
}


def _hash(*parts: object) -> str:
    h = hashlib.sha1()
    for p in parts:
        h.update(str(p).encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:16]


def page_slug(name: str) -> str:
    """The ASCII part of an article IRI that stands for its page file."""
    stem = PurePath(name).stem
    slug = re.sub(r"[^A-Za-z0-9_-]", "", stem)
    return slug if slug else "p" + _hash(name)


def article_iri(page: Page, article: Article | int) -> URIRef:
    index = article if isinstance(article, int) else article.index
    return KGR[f"article/{page_slug(page.name)}/{index}"]


def page_iri(page_name: str) -> URIRef:
    return KGR[f"page/{page_slug(page_name)}"]


def entity_iri(entity: Entity) -> URIRef:
    """Mint the IRI of an entity: its administrative code, or a hash of its key."""
    if entity.type == "Place" and entity.code:
        return KGR[f"place/{entity.code.ljust(12, '0')}"]
    key = entity.key or entity.name
    return KGR[f"{TYPE_SLUG[entity.type]}/{_hash(entity.type, key)}"]


def decimal_lexical(value: float) -> str:
    """The xsd:decimal lexical form of a number: 3000000.0 → "3000000", 0.5 → "0.5"."""
    text = format(Decimal(repr(float(value))), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


class _RdflibTerms:
    """Terms as rdflib objects (for :func:`build_graph` and :func:`page_triples`)."""

    type = RDF.type

    def __init__(self) -> None:
        self.kg = KG
        self.rdf = RDF
        self.rdfs = RDFS
        self.skos = SKOS

    def term(self, iri: URIRef) -> URIRef:
        return iri

    def res(self, local: str) -> URIRef:
        return KGR[local]

    def zh(self, text: str) -> Literal:
        return Literal(text, lang="zh")

    def plain(self, text: str) -> Literal:
        return Literal(text)

    def integer(self, n: int) -> Literal:
        return Literal(n)

    def typed(self, lexical: str, datatype: URIRef) -> Literal:
        return Literal(lexical, datatype=datatype)


def _quote(text: str) -> str:
    # the escapes of rdflib's N-Triples writer, so both give the same bytes
    return '"' + text.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r") + '"'


class _Namespace:
    """``ns.name`` → ``<iri>``, cached (the N-Triples form of a vocabulary term)."""

    def __init__(self, base: str) -> None:
        self._base = base
        self._cache: dict[str, str] = {}

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        return self[name]

    def __getitem__(self, name: str) -> str:
        got = self._cache.get(name)
        if got is None:
            got = self._cache[name] = f"<{self._base}{name}>"
            setattr(self, name, got)  # later lookups are plain attribute reads
        return got


class _NTriplesTerms:
    """Terms as N-Triples strings: no rdflib objects on the hot path of a build."""

    type = f"<{RDF.type}>"

    def __init__(self) -> None:
        self.kg = _Namespace(str(KG))
        self.rdf = _Namespace(str(RDF))
        self.rdfs = _Namespace(str(RDFS))
        self.skos = _Namespace(str(SKOS))
        self._res = str(KGR)

    def term(self, iri: URIRef) -> str:
        return f"<{iri}>"

    def res(self, local: str) -> str:
        return f"<{self._res}{local}>"

    def zh(self, text: str) -> str:
        return _quote(text) + "@zh"

    def plain(self, text: str) -> str:
        return _quote(text)

    def integer(self, n: int) -> str:
        return f'"{int(n)}"^^{_XSD_INTEGER}'

    def typed(self, lexical: str, datatype: URIRef) -> str:
        return f"{_quote(lexical)}^^<{datatype}>"


_XSD_INTEGER = f"<{XSD.integer}>"
# (rdflib's namespace lookups cost tens of microseconds each: read once)
_XSD_DECIMAL, _XSD_DATE, _XSD_YEAR_MONTH, _XSD_YEAR = XSD.decimal, XSD.date, XSD.gYearMonth, XSD.gYear
_RDFLIB = _RdflibTerms()
_NT = _NTriplesTerms()


def build_graph(extraction: Extraction) -> Graph:
    """The rdflib graph of one page."""
    g = Graph()
    bind_prefixes(g)
    for t in page_triples(extraction):
        g.add(t)
    return g


def page_ntriples(extraction: Extraction) -> bytes:
    """The page's triples as sorted N-Triples (compact, and what the store loads).

    The same triples as :func:`page_triples`, written straight as strings.
    """
    rows = {f"{s} {p} {o} .\n" for s, p, o in _page_terms(extraction, _NT)}
    return "".join(sorted(rows)).encode("utf-8")


def page_triples(extraction: Extraction) -> set[tuple]:
    """Every triple of one page (see docs/DATAMODEL.md), as rdflib terms."""
    return _page_terms(extraction, _RDFLIB)


def _page_terms(extraction: Extraction, T) -> set[tuple]:
    page = extraction.page
    g: set[tuple] = set()
    add = g.add
    kg, a_type = T.kg, T.type
    slug = page_slug(page.name)
    art_iris: dict[int, object] = {}

    def art_iri(index: int):
        got = art_iris.get(index)
        if got is None:
            got = art_iris[index] = T.res(f"article/{slug}/{index}")
        return got

    def evidence(ev: Evidence, s, p, o):
        art = art_iri(ev.article)
        node = T.res(f"evidence/{_hash(_unbracket(art), ev.start, ev.end, _unbracket(s), _unbracket(p), _unbracket(o))}")
        add((node, a_type, kg.Evidence))
        add((node, kg.inArticle, art))
        add((node, kg.text, T.zh(ev.text)))
        add((node, kg.startOffset, T.integer(ev.start)))
        add((node, kg.endOffset, T.integer(ev.end)))
        return node

    for art in page.articles:
        a = art_iri(art.index)
        add((a, a_type, kg.Article))
        if art.headline:
            add((a, kg.headline, T.zh(art.headline)))
        for sub in art.subtitles:
            add((a, kg.subtitle, T.zh(sub)))
        if art.source:
            add((a, kg.source, T.plain(art.source)))
        for r in art.reporters:
            add((a, kg.reporter, T.plain(r)))
        add((a, kg.sourceFile, T.plain(page.name)))
        add((a, kg.articleIndex, T.integer(art.index)))
        add((a, kg.startOffset, T.integer(art.start)))
        add((a, kg.endOffset, T.integer(art.end)))
        add((a, kg.text, T.zh(art.text)))

    iris: dict[int, object] = {}

    def iri(ent: Entity):
        got = iris.get(id(ent))
        if got is None:
            got = iris[id(ent)] = T.term(entity_iri(ent))
        return got

    for ent in extraction.entities:
        node = iri(ent)
        add((node, a_type, kg[ent.type]))
        add((node, T.skos.prefLabel, T.zh(ent.name)))
        for alias in sorted(ent.aliases - {ent.name}):
            if alias:
                add((node, T.skos.altLabel, T.zh(alias)))
        if ent.type == "Place":
            add((node, kg.adminLevel, T.plain(ent.level or "feature")))
            if ent.code:
                add((node, kg.adminCode, T.plain(ent.code)))
        if not ent.gazetteer_only:
            for idx in sorted(ent.articles):
                add((node, kg.mentionedIn, art_iri(idx)))

    # background knowledge: a place's parent, an agency's jurisdiction
    for ent in extraction.entities:
        if ent.type == "Place" and ent.parent is not None:
            add((iri(ent), kg.partOf, iri(ent.parent)))
        if ent.jurisdiction is not None and ent.type == "Agency":
            add((iri(ent), kg.jurisdiction, iri(ent.jurisdiction)))

    for rel in extraction.relations:
        s, p, o = iri(rel.subject), T.term(PROPERTY[rel.predicate]), iri(rel.object)
        add((s, p, o))
        if rel.evidence:
            st = T.res(f"statement/{_hash(_unbracket(s), _unbracket(p), _unbracket(o))}")
            add((st, a_type, T.rdf.Statement))
            add((st, T.rdf.subject, s))
            add((st, T.rdf.predicate, p))
            add((st, T.rdf.object, o))
            for ev in rel.evidence:
                add((st, kg.evidence, evidence(ev, s, p, o)))

    for m in extraction.measures:
        prog = iri(m.program)
        ev = m.evidence
        key = (_unbracket(art_iri(ev.article)), m.start, m.text) if ev else (m.start, m.text, m.label)
        node = T.res(f"measure/{_hash(*key, _unbracket(prog), m.value, m.unit)}")
        add((prog, kg.hasMeasure, node))
        add((node, a_type, kg.Measure))
        add((node, kg.value, T.typed(decimal_lexical(m.value), _XSD_DECIMAL)))
        add((node, kg.unit, T.plain(m.unit)))
        if m.label:
            add((node, T.rdfs.label, T.zh(m.label)))
        if m.qualifier:
            add((node, kg.qualifier, T.plain(m.qualifier)))
        if ev:
            add((node, kg.evidence, evidence(ev, prog, kg.hasMeasure, node)))

    for prog, value, _ev in extraction.dates:
        dtype = _XSD_DATE if len(value) == 10 else _XSD_YEAR_MONTH if len(value) == 7 else _XSD_YEAR
        add((iri(prog), kg.date, T.typed(value, dtype)))
    return g


def _unbracket(term) -> str:
    """The IRI of a term of either kind, for hashing (``<x>`` and URIRef("x") → "x")."""
    text = str(term)
    return text[1:-1] if text.startswith("<") else text

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


def _zh(text: str) -> Literal:
    return Literal(text, lang="zh")


class _Triples(set):
    """A set of triples with Graph's ``add`` (building a set is much cheaper
    than filling an rdflib store, and a page's triples are written once)."""

    def add(self, triple) -> None:  # type: ignore[override]
        set.add(self, triple)


def _add_evidence(g, page: Page, ev: Evidence, s: URIRef, p: URIRef, o: URIRef) -> URIRef:
    art = article_iri(page, ev.article)
    node = KGR[f"evidence/{_hash(art, ev.start, ev.end, s, p, o)}"]
    g.add((node, RDF.type, KG.Evidence))
    g.add((node, KG.inArticle, art))
    g.add((node, KG.text, _zh(ev.text)))
    g.add((node, KG.startOffset, Literal(ev.start)))
    g.add((node, KG.endOffset, Literal(ev.end)))
    return node


def build_graph(extraction: Extraction) -> Graph:
    """The rdflib graph of one page."""
    g = Graph()
    bind_prefixes(g)
    for t in page_triples(extraction):
        g.add(t)
    return g


def page_ntriples(extraction: Extraction) -> bytes:
    """The page's triples as sorted N-Triples (compact, and what the store loads)."""
    from rdflib.plugins.serializers.nt import _nt_row

    return "".join(sorted(_nt_row(t) for t in page_triples(extraction))).encode("utf-8")


def page_triples(extraction: Extraction) -> set[tuple]:
    """Every triple of one page (see docs/DATAMODEL.md)."""
    page = extraction.page
    g = _Triples()

    for art in page.articles:
        a = article_iri(page, art)
        g.add((a, RDF.type, KG.Article))
        if art.headline:
            g.add((a, KG.headline, _zh(art.headline)))
        for sub in art.subtitles:
            g.add((a, KG.subtitle, _zh(sub)))
        if art.source:
            g.add((a, KG.source, Literal(art.source)))
        for r in art.reporters:
            g.add((a, KG.reporter, Literal(r)))
        g.add((a, KG.sourceFile, Literal(page.name)))
        g.add((a, KG.articleIndex, Literal(art.index)))
        g.add((a, KG.startOffset, Literal(art.start)))
        g.add((a, KG.endOffset, Literal(art.end)))
        g.add((a, KG.text, _zh(art.text)))

    iris: dict[int, URIRef] = {}
    for ent in extraction.entities:
        node = entity_iri(ent)
        iris[id(ent)] = node
        g.add((node, RDF.type, KG[ent.type]))
        g.add((node, SKOS.prefLabel, _zh(ent.name)))
        for alias in sorted(ent.aliases - {ent.name}):
            if alias:
                g.add((node, SKOS.altLabel, _zh(alias)))
        if ent.type == "Place":
            g.add((node, KG.adminLevel, Literal(ent.level or "feature")))
            if ent.code:
                g.add((node, KG.adminCode, Literal(ent.code)))
        if not ent.gazetteer_only:
            for idx in sorted(ent.articles):
                g.add((node, KG.mentionedIn, article_iri(page, idx)))

    def iri(ent: Entity) -> URIRef:
        return iris.get(id(ent)) or entity_iri(ent)

    # background knowledge: a place's parent, an agency's jurisdiction
    for ent in extraction.entities:
        if ent.type == "Place" and ent.parent is not None:
            g.add((iri(ent), KG.partOf, iri(ent.parent)))
        if ent.jurisdiction is not None and ent.type == "Agency":
            g.add((iri(ent), KG.jurisdiction, iri(ent.jurisdiction)))

    for rel in extraction.relations:
        s, p, o = iri(rel.subject), PROPERTY[rel.predicate], iri(rel.object)
        g.add((s, p, o))
        if rel.evidence:
            st = KGR[f"statement/{_hash(s, p, o)}"]
            g.add((st, RDF.type, RDF.Statement))
            g.add((st, RDF.subject, s))
            g.add((st, RDF.predicate, p))
            g.add((st, RDF.object, o))
            for ev in rel.evidence:
                g.add((st, KG.evidence, _add_evidence(g, page, ev, s, p, o)))

    for m in extraction.measures:
        prog = iri(m.program)
        ev = m.evidence
        key = (article_iri(page, ev.article), m.start, m.text) if ev else (m.start, m.text, m.label)
        node = KGR[f"measure/{_hash(*key, prog, m.value, m.unit)}"]
        g.add((prog, KG.hasMeasure, node))
        g.add((node, RDF.type, KG.Measure))
        g.add((node, KG.value, Literal(decimal_lexical(m.value), datatype=XSD.decimal)))
        g.add((node, KG.unit, Literal(m.unit)))
        if m.label:
            g.add((node, RDFS.label, _zh(m.label)))
        if m.qualifier:
            g.add((node, KG.qualifier, Literal(m.qualifier)))
        if ev:
            g.add((node, KG.evidence, _add_evidence(g, page, ev, prog, KG.hasMeasure, node)))

    for prog, value, _ev in extraction.dates:
        dtype = XSD.date if len(value) == 10 else XSD.gYearMonth if len(value) == 7 else XSD.gYear
        g.add((iri(prog), KG.date, Literal(value, datatype=dtype)))
    return g

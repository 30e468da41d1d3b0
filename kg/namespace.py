"""The project's RDF vocabulary: one closed namespace for the ontology.

:class:`KG` lists every term of ``ontology/kg.ttl``; it is a
:class:`rdflib.namespace.DefinedNamespace` with ``_fail = True``, so a typo
raises instead of minting a term nobody defined:

>>> KG.runs
rdflib.term.URIRef('https://w3id.org/cngov-kg/ontology#runs')
>>> KG.run
Traceback (most recent call last):
...
AttributeError: term 'run' not in namespace 'https://w3id.org/cngov-kg/ontology#'

:data:`KGR` is the (open) namespace of resources: entities, articles,
evidence (see ``docs/DATAMODEL.md`` for the IRI patterns).

The ontology files live in the ``ontology/`` folder at the root of the
source tree, next to the ``kg`` package, and are found through
:data:`ONTOLOGY_DIR`. This works from a source checkout and from an editable
install (``pip install -e .``), which is how the project is installed; a
plain wheel does not carry ``ontology/``.
"""

from pathlib import Path

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

__all__ = [
    "KG",
    "KGR",
    "ORG",
    "SCHEMA",
    "ONTOLOGY_DIR",
    "ONTOLOGY_FILE",
    "SHAPES_FILE",
    "PREFIXES",
    "bind_prefixes",
]

#: Namespace of resources (entities, articles, evidence, statements, measures).
KGR = Namespace("https://w3id.org/cngov-kg/id/")

#: W3C Organization Ontology.
ORG = Namespace("http://www.w3.org/ns/org#")

#: schema.org, in its https form (the one rdflib and the scorer use).
SCHEMA = Namespace("https://schema.org/")

#: The ``ontology/`` folder at the root of the source tree.
ONTOLOGY_DIR: Path = Path(__file__).resolve().parent.parent / "ontology"

#: The OWL ontology: every ``kg:`` term with labels, comments, domains and ranges.
ONTOLOGY_FILE: Path = ONTOLOGY_DIR / "kg.ttl"

#: The SHACL shapes every exported graph must satisfy.
SHAPES_FILE: Path = ONTOLOGY_DIR / "shapes.ttl"


class KG(DefinedNamespace):
    """Terms of the cngov-kg ontology, ``https://w3id.org/cngov-kg/ontology#``.

    Every attribute is defined in ``ontology/kg.ttl`` and every term of
    that file is an attribute here (a test checks both directions).
    """

    _fail = True
    _NS = Namespace("https://w3id.org/cngov-kg/ontology#")

    # classes
    Agency: URIRef  # a body of the state or the Party; subclass of Organization
    Organization: URIRef  # any other organisation
    Place: URIRef  # an administrative division or a named geographic feature
    Program: URIRef  # a named public initiative
    Article: URIRef  # one article of a newspaper page
    Person: URIRef  # a person named in an article (not scored)
    Measure: URIRef  # a quantity reported for a program
    Evidence: URIRef  # the sentence that states a relation or a quantity

    # relations between entities
    runs: URIRef  # Organization → Program
    organizes: URIRef  # sub-property of runs: 主办, 举办
    undertakes: URIRef  # sub-property of runs: 承办
    leads: URIRef  # sub-property of runs: 牵头
    locatedIn: URIRef  # Program → Place
    partOf: URIRef  # Place → Place, nearest parent
    jurisdiction: URIRef  # Agency → Place
    subOrganizationOf: URIRef  # Organization → Organization
    partOfProgram: URIRef  # Program → Program
    mentionedIn: URIRef  # entity → Article

    # quantities and dates
    hasMeasure: URIRef  # Program → Measure
    value: URIRef  # Measure → xsd:decimal in base units
    unit: URIRef  # Measure → unit as written
    qualifier: URIRef  # Measure → 余/多/近/约/超过
    date: URIRef  # Program → xsd:date or xsd:gYearMonth

    # places
    adminLevel: URIRef  # province, prefecture, county, township, village, feature
    adminCode: URIRef  # GB/T 2260 or statistical code, 6, 9 or 12 digits

    # provenance
    evidence: URIRef  # rdf:Statement or Measure → Evidence
    inArticle: URIRef  # Evidence → Article
    text: URIRef  # Evidence or Article → its text
    startOffset: URIRef  # character offset, inclusive
    endOffset: URIRef  # character offset, exclusive

    # articles
    headline: URIRef
    subtitle: URIRef
    source: URIRef  # 本报讯, 新华社 … as printed
    reporter: URIRef  # one per byline name
    sourceFile: URIRef  # the page's file name
    articleIndex: URIRef  # 0-based position on the page


#: The prefixes every graph of the project is written with, in a fixed order.
PREFIXES: tuple[tuple[str, Namespace], ...] = (
    ("kg", Namespace(str(KG._NS))),
    ("kgr", KGR),
    ("skos", Namespace(str(SKOS._NS))),
    ("rdfs", Namespace(str(RDFS._NS))),
    ("rdf", Namespace(str(RDF._NS))),
    ("xsd", Namespace(str(XSD._NS))),
    ("owl", Namespace(str(OWL._NS))),
    ("prov", Namespace(str(PROV._NS))),
    ("schema", SCHEMA),
    ("org", ORG),
    ("dcterms", Namespace(str(DCTERMS._NS))),
)


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes on ``graph`` and return it.

    Existing bindings of these prefixes or namespaces are replaced, so
    every graph serialises with the same prefixes whatever rdflib bound by
    default.

    >>> g = bind_prefixes(Graph())
    >>> dict(g.namespaces())["kg"]
    rdflib.term.URIRef('https://w3id.org/cngov-kg/ontology#')
    """
    for prefix, namespace in PREFIXES:
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph

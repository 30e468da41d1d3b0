"""Tests of ontology/kg.ttl (OWL) and ontology/shapes.ttl (SHACL)."""

import importlib.util
import re
import time
from pathlib import Path

import pyoxigraph
import pyshacl
import pytest
import rdflib
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, PROV, SH, SKOS

from kg.model import PLACE_LEVELS
from kg.namespace import KG, KGR, ONTOLOGY_DIR, ONTOLOGY_FILE, ORG, SCHEMA, SHAPES_FILE

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "shapes"
KG_IRI = str(KG._NS)
ONTOLOGY_IRI = URIRef("https://w3id.org/cngov-kg/ontology")

# The schema's own documents; SCHEMA.md sits in the shared folder beside the repository.
SCHEMA_MD = REPO.parent / "shared" / "docs" / "SCHEMA.md"
DATAMODEL_MD = REPO / "docs" / "DATAMODEL.md"
# What SCHEMA.md requires, for a checkout that has no shared folder beside it.
SCHEMA_TERMS_FALLBACK = (
    "Agency Organization Place Program Article Person runs organizes undertakes leads "
    "locatedIn partOf jurisdiction subOrganizationOf partOfProgram mentionedIn hasMeasure "
    "value unit adminLevel evidence headline source reporter sourceFile"
).split()

TERMS = sorted(dir(KG))
PROPERTIES = [t for t in TERMS if str(t)[len(KG_IRI)].islower()]
# rdflib.XSD is not bound to a module global: pytest probes module globals for
# mock attributes, and the XSD namespace warns on unknown names
XSD_IRI = str(rdflib.XSD)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE)


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE)


@pytest.fixture(scope="module")
def valid_graph() -> Graph:
    return Graph().parse(DATA / "valid.ttl")


def short(term: URIRef) -> str:
    return str(term).replace(KG_IRI, "kg:")


# --- parsing -------------------------------------------------------------------


@pytest.mark.parametrize("path", [ONTOLOGY_FILE, SHAPES_FILE], ids=lambda p: p.name)
def test_ontology_file_parses_with_rdflib_and_pyoxigraph(path):
    graph = Graph().parse(path, format="turtle")
    store = pyoxigraph.Store()
    store.load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(graph) > 100
    assert len(store) == len(graph)


def test_ontology_dir_holds_only_parsable_turtle():
    # the scorer loads every ontology/*.ttl next to a graph
    files = sorted(ONTOLOGY_DIR.glob("*.ttl"))
    assert {f.name for f in files} >= {"kg.ttl", "shapes.ttl"}
    for f in files:
        Graph().parse(f, format="turtle")


def test_ontology_header_has_version_title_licence_description(ontology):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) is not None
    assert isinstance(ontology.value(ONTOLOGY_IRI, OWL.versionIRI), URIRef)
    titles = {t.language for t in ontology.objects(ONTOLOGY_IRI, DCTERMS.title)}
    assert {"en", "zh"} <= titles
    assert isinstance(ontology.value(ONTOLOGY_IRI, DCTERMS.license), URIRef)
    assert len(str(ontology.value(ONTOLOGY_IRI, DCTERMS.description))) > 50


# --- coverage of the schema ----------------------------------------------------------


def schema_terms() -> list[str]:
    """kg: terms named in SCHEMA.md (if present) and docs/DATAMODEL.md."""
    names = set()
    for doc in (SCHEMA_MD, DATAMODEL_MD):
        if doc.is_file():
            names |= set(re.findall(r"\bkg:([A-Za-z]+)", doc.read_text(encoding="utf-8")))
    if not SCHEMA_MD.is_file():
        names |= set(SCHEMA_TERMS_FALLBACK)
    return sorted(names)


def test_ontology_schema_documents_are_parsed():
    names = schema_terms()
    # the tables of SCHEMA.md name every class and relation
    assert set(SCHEMA_TERMS_FALLBACK) <= set(names)


@pytest.mark.parametrize("name", schema_terms())
def test_ontology_defines_schema_term(ontology, name):
    term = URIRef(KG_IRI + name)
    types = set(ontology.objects(term, RDF.type))
    assert types & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}, f"kg:{name} is not defined"


# --- every term: labels, comments, domains and ranges ---------------------------------


@pytest.mark.parametrize("term", TERMS, ids=short)
def test_ontology_term_has_zh_and_en_label_and_en_comment(ontology, term):
    labels = {lbl.language: str(lbl) for lbl in ontology.objects(term, RDFS.label)}
    assert set(labels) == {"zh", "en"}, f"{short(term)} labels: {labels}"
    assert re.search(r"[\u4e00-\u9fff]", labels["zh"]), "the @zh label must be Chinese"
    comments = {c.language for c in ontology.objects(term, RDFS.comment)}
    assert "en" in comments


@pytest.mark.parametrize("language", ["zh", "en"])
def test_ontology_labels_are_unique_per_language(ontology, language):
    # the explorer shows these labels: two terms must not read the same
    labels = [str(lbl) for t in TERMS for lbl in ontology.objects(t, RDFS.label) if lbl.language == language]
    assert len(labels) == len(set(labels)) == len(TERMS)


@pytest.mark.parametrize("prop", PROPERTIES, ids=short)
def test_ontology_property_has_domain_and_range_of_its_kind(ontology, prop):
    types = set(ontology.objects(prop, RDF.type))
    domain = ontology.value(prop, RDFS.domain)
    range_ = ontology.value(prop, RDFS.range)
    assert domain is not None and range_ is not None
    if OWL.ObjectProperty in types:
        assert OWL.DatatypeProperty not in types
        assert (range_, RDF.type, OWL.Class) in ontology, f"{short(prop)}: range must be a class"
    else:
        assert OWL.DatatypeProperty in types, f"{short(prop)} is neither object nor datatype property"
        is_datatype = str(range_).startswith((XSD_IRI, str(RDF))) or (range_, RDF.type, RDFS.Datatype) in ontology
        assert is_datatype, f"{short(prop)}: range must be a datatype"


@pytest.mark.parametrize(
    "prop, domain, range_",
    [
        (KG.runs, KG.Organization, KG.Program),
        (KG.locatedIn, KG.Program, KG.Place),
        (KG.partOf, KG.Place, KG.Place),
        (KG.jurisdiction, KG.Agency, KG.Place),
        (KG.subOrganizationOf, KG.Organization, KG.Organization),
        (KG.partOfProgram, KG.Program, KG.Program),
        (KG.hasMeasure, KG.Program, KG.Measure),
        (KG.value, KG.Measure, rdflib.XSD.decimal),
        (KG.inArticle, KG.Evidence, KG.Article),
        (KG.articleIndex, KG.Article, rdflib.XSD.integer),
    ],
)
def test_ontology_relation_has_schema_domain_and_range(ontology, prop, domain, range_):
    assert ontology.value(prop, RDFS.domain) == domain
    assert ontology.value(prop, RDFS.range) == range_


def test_ontology_date_ranges_over_date_year_month_and_year(ontology):
    union = ontology.value(ontology.value(KG.date, RDFS.range), OWL.unionOf)
    assert list(Collection(ontology, union)) == [rdflib.XSD.date, rdflib.XSD.gYearMonth, rdflib.XSD.gYear]


def test_ontology_mentioned_in_ranges_over_articles_from_any_entity(ontology):
    assert ontology.value(KG.mentionedIn, RDFS.range) == KG.Article
    union = ontology.value(ontology.value(KG.mentionedIn, RDFS.domain), OWL.unionOf)
    assert set(Collection(ontology, union)) == {KG.Organization, KG.Place, KG.Program, KG.Person}


def test_ontology_admin_levels_are_the_model_levels(ontology, shapes):
    datatype = ontology.value(KG.adminLevel, RDFS.range)
    listed = [str(x) for x in Collection(ontology, ontology.value(datatype, OWL.oneOf))]
    assert listed == list(PLACE_LEVELS)
    shape_list = shapes.value(URIRef("https://w3id.org/cngov-kg/shapes#Place-adminLevel"), SH["in"])
    assert [str(x) for x in Collection(shapes, shape_list)] == list(PLACE_LEVELS)
    # plain literals, as the graph writes them
    assert all(x.datatype is None and x.language is None for x in Collection(ontology, ontology.value(datatype, OWL.oneOf)))


# --- alignment -------------------------------------------------------------------------


def test_ontology_agency_is_an_organization(ontology):
    assert (KG.Agency, RDFS.subClassOf, KG.Organization) in ontology


@pytest.mark.parametrize(
    "term, relation, standard",
    [
        (KG.Organization, RDFS.subClassOf, ORG.Organization),
        (KG.Organization, RDFS.subClassOf, SCHEMA.Organization),
        (KG.Agency, RDFS.subClassOf, ORG.FormalOrganization),
        (KG.Agency, RDFS.subClassOf, SCHEMA.GovernmentOrganization),
        (KG.Place, RDFS.subClassOf, SCHEMA.Place),
        (KG.Article, RDFS.subClassOf, SCHEMA.NewsArticle),
        (KG.Person, RDFS.subClassOf, SCHEMA.Person),
        (KG.Measure, RDFS.subClassOf, SCHEMA.QuantitativeValue),
        (KG.Evidence, RDFS.subClassOf, PROV.Entity),
        (KG.evidence, RDFS.subPropertyOf, PROV.wasDerivedFrom),
        (KG.inArticle, RDFS.subPropertyOf, PROV.wasQuotedFrom),
        (KG.subOrganizationOf, RDFS.subPropertyOf, ORG.subOrganizationOf),
        (KG.partOf, RDFS.subPropertyOf, SCHEMA.containedInPlace),
        (KG.headline, RDFS.subPropertyOf, SCHEMA.headline),
        (KG.date, RDFS.subPropertyOf, DCTERMS.date),
    ],
)
def test_ontology_aligns_term_under_standard_vocabulary(ontology, term, relation, standard):
    assert (term, relation, standard) in ontology


def test_ontology_only_role_properties_are_sub_properties_of_runs(ontology):
    assert set(ontology.subjects(RDFS.subPropertyOf, KG.runs)) == {KG.organizes, KG.undertakes, KG.leads}


def test_ontology_no_foreign_term_is_placed_under_a_kg_term(ontology):
    # the scorer follows rdfs:subPropertyOf/subClassOf into kg terms: a standard term
    # placed under a kg term would turn foreign triples into scored ones
    for relation in (RDFS.subPropertyOf, RDFS.subClassOf):
        for sub, sup in ontology.subject_objects(relation):
            if str(sup).startswith(KG_IRI):
                assert str(sub).startswith(KG_IRI), f"{sub} {relation} {sup}"


@pytest.mark.parametrize(
    "relation", [OWL.equivalentClass, OWL.equivalentProperty, OWL.sameAs, OWL.inverseOf]
)
def test_ontology_declares_no_equivalence(ontology, relation):
    assert not list(ontology.subject_objects(relation))


def test_ontology_object_properties_are_not_functional(ontology):
    # a functional object property would make a reasoner merge two parents of one place
    functional = set(ontology.subjects(RDF.type, OWL.FunctionalProperty))
    assert not functional & set(ontology.subjects(RDF.type, OWL.ObjectProperty))


def test_ontology_main_classes_are_pairwise_disjoint(ontology):
    members = set()
    for node in ontology.subjects(RDF.type, OWL.AllDisjointClasses):
        members |= set(Collection(ontology, ontology.value(node, OWL.members)))
    assert {KG.Organization, KG.Place, KG.Program, KG.Article, KG.Person} <= members
    assert KG.Agency not in members


def owl_rl_errors(data: Graph) -> tuple[list[str], Graph]:
    """Inconsistencies found by the OWL 2 RL closure of the ontology and ``data``."""
    import owlrl  # a dependency of pyshacl

    graph = Graph().parse(ONTOLOGY_FILE)
    graph += data
    closure = owlrl.DeductiveClosure(owlrl.OWLRL_Semantics)
    closure.expand(graph)
    errors = [str(o) for o in graph.objects(None, URIRef("http://www.daml.org/2002/03/agents/agent-ont#error"))]
    return errors, graph


def test_ontology_owl_rl_closure_of_valid_graph_is_consistent_and_aligned(valid_graph):
    errors, closed = owl_rl_errors(valid_graph)
    assert errors == []
    bureau = KGR["agency/3b1f0c9d2e4a5867"]
    assert {KG.Organization, ORG.FormalOrganization, SCHEMA.GovernmentOrganization} <= set(closed.objects(bureau, RDF.type))
    # no two resources are merged
    assert all(s == o for s, o in closed.subject_objects(OWL.sameAs))
    # the alignment reaches the standard vocabularies
    assert (KGR["agency/5e4d3c2b1a09f8e7"], ORG.subOrganizationOf, KGR["agency/6f5e4d3c2b1a0f9e"]) in closed
    assert (KGR["place/131126000000"], SCHEMA.containedInPlace, KGR["place/131100000000"]) in closed


def test_ontology_owl_rl_flags_a_node_typed_place_and_program(valid_graph):
    data = Graph()
    data += valid_graph
    data.add((KGR["place/131100000000"], RDF.type, KG.Program))
    errors, _ = owl_rl_errors(data)
    assert any("Disjoint" in e and "place/131100000000" in e for e in errors)


def load_scorer():
    path = REPO.parent / "shared" / "tools" / "score.py"
    if not path.is_file():
        pytest.skip("the shared scorer is not beside the repository")
    spec = importlib.util.spec_from_file_location("shared_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_ontology_loading_it_does_not_change_the_score():
    score = load_scorer()
    gold = {
        "articles": [{"headline": "300万元衡水市政府消费券12月22日开抢"}],
        "entities": [
            {"type": "Agency", "name": "衡水市商务局", "aliases": [], "jurisdiction": "衡水市"},
            {"type": "Agency", "name": "衡水市政府", "aliases": []},
            {"type": "Organization", "name": "中国银联股份有限公司河北分公司", "aliases": []},
            {"type": "Place", "name": "衡水市", "aliases": []},
            {"type": "Program", "name": "衡水市政府消费券发放活动", "aliases": []},
        ],
        "relations": [
            {"s": "衡水市商务局", "p": "runs", "o": "衡水市政府消费券发放活动"},
            {"s": "衡水市政府", "p": "runs", "o": "衡水市政府消费券发放活动"},
            {"s": "中国银联股份有限公司河北分公司", "p": "runs", "o": "衡水市政府消费券发放活动"},
        ],
        "measures": [{"program": "衡水市政府消费券发放活动", "value": 3000000}],
    }
    with_ontology = score.score(score.load(DATA / "valid.ttl", ONTOLOGY_DIR), gold)
    # what the ontology may change: kg:organizes/undertakes/leads count as kg:runs;
    # nothing else (no foreign triple, no ontology node) may enter the score
    rewritten = Graph().parse(DATA / "valid.ttl")
    for role in (KG.organizes, KG.undertakes, KG.leads):
        for s, o in list(rewritten.subject_objects(role)):
            rewritten.remove((s, role, o))
            rewritten.add((s, KG.runs, o))
    assert with_ontology == score.score(rewritten, gold)
    assert with_ontology["relations"]["runs"]["tp"] == 3
    assert with_ontology["entities"]["ALL"]["sys"] == 5


# --- SHACL shapes ------------------------------------------------------------------------


def violations(data: Graph, shapes: Graph, ont: Graph | None = None) -> set[tuple[str, str, str | None]]:
    """(constraint component, focus node, result path) of every violation, shortened."""
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ont, inference="none")
    found = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        component = str(report.value(result, SH.sourceConstraintComponent)).split("#")[1]
        focus = str(report.value(result, SH.focusNode)).replace(str(KGR), "")
        path = report.value(result, SH.resultPath)
        found.add((component.replace("ConstraintComponent", ""), focus, path and short(path).replace(str(SKOS), "skos:").replace(str(RDF), "rdf:").replace(str(RDFS), "rdfs:")))
    assert conforms == (not found)
    return found


@pytest.fixture(scope="module", params=["no ontology", "ontology as ont_graph"])
def ont_graph(request, ontology):
    return None if request.param == "no ontology" else ontology


def test_ontology_shapes_valid_graph_conforms(valid_graph, shapes, ont_graph):
    assert violations(valid_graph, shapes, ont_graph) == set()


def test_ontology_shapes_valid_fixture_offsets_slice_its_text(valid_graph):
    # the fixture itself follows the data model: evidence offsets index the article text
    for evidence in valid_graph.subjects(RDF.type, KG.Evidence):
        article_text = str(valid_graph.value(valid_graph.value(evidence, KG.inArticle), KG.text))
        start = int(valid_graph.value(evidence, KG.startOffset))
        end = int(valid_graph.value(evidence, KG.endOffset))
        assert article_text[start:end] == str(valid_graph.value(evidence, KG.text))


PLACE = "place/131126000000"
TOWN = "place/131126100000"
CITY = "place/131100000000"
ARTICLE = "article/000_db3279ee40e395c9/2"
BUREAU = "agency/3b1f0c9d2e4a5867"
UNIONPAY = "org/1a2b3c4d5e6f7a8b"
PROGRAM = "program/7a2d41c09e8b3f56"
WIDER = "program/8b3e52d1af9c4067"
EVIDENCE_1 = "evidence/44ee55ff66aa77bb"
EVIDENCE_2 = "evidence/55aa66bb77cc88dd"
MEASURE = "measure/3c4d5e6f7a8b9c0d"
STATEMENT = "statement/9f00aa11bb22cc33"

BROKEN = [
    # names
    ("missing_preflabel", {("MinCount", PLACE, "skos:prefLabel")}),
    ("two_preflabels", {("MaxCount", BUREAU, "skos:prefLabel")}),
    ("preflabel_plain_string", {("Datatype", TOWN, "skos:prefLabel"), ("LanguageIn", TOWN, "skos:prefLabel")}),
    ("preflabel_english", {("LanguageIn", WIDER, "skos:prefLabel")}),
    ("altlabel_plain_string", {("Datatype", CITY, "skos:altLabel"), ("LanguageIn", CITY, "skos:altLabel")}),
    ("person_without_preflabel", {("MinCount", "person/2c3d4e5f6a7b8c9d", "skos:prefLabel")}),
    # places
    ("bad_admin_level", {("In", CITY, "kg:adminLevel")}),
    ("admin_level_with_language", {("In", PLACE, "kg:adminLevel")}),
    ("missing_admin_level", {("MinCount", "place/0f6c2a8e41b7d093", "kg:adminLevel")}),
    ("two_admin_levels", {("MaxCount", TOWN, "kg:adminLevel")}),
    ("bad_admin_code", {("Pattern", PLACE, "kg:adminCode")}),
    ("admin_code_integer", {("Datatype", PLACE, "kg:adminCode")}),
    ("two_parents", {("MaxCount", TOWN, "kg:partOf")}),
    ("part_of_program", {("Class", "place/0f6c2a8e41b7d093", "kg:partOf")}),
    ("part_of_from_agency", {("Class", "agency/6f5e4d3c2b1a0f9e", None)}),
    # organisations
    ("runs_to_place", {("Class", BUREAU, "kg:runs")}),
    ("organizes_to_agency", {("Class", UNIONPAY, "kg:organizes")}),
    ("runs_from_place", {("In", PLACE, "rdf:type")}),
    ("jurisdiction_from_organization", {("Class", UNIONPAY, None)}),
    ("two_jurisdictions", {("MaxCount", BUREAU, "kg:jurisdiction")}),
    ("jurisdiction_to_program", {("Class", "agency/9c8e7d6f5a4b3c2d", "kg:jurisdiction")}),
    ("sub_organization_of_place", {("In", CITY, "rdf:type")}),
    # programs
    ("located_in_agency", {("Class", WIDER, "kg:locatedIn")}),
    ("located_in_from_place", {("Class", TOWN, None)}),
    ("part_of_program_to_place", {("Class", PROGRAM, "kg:partOfProgram")}),
    ("date_as_text", {("Or", WIDER, "kg:date")}),
    ("date_ill_typed", {("Or", WIDER, "kg:date")}),
    ("has_measure_to_place", {("Class", WIDER, "kg:hasMeasure")}),
    ("mentioned_in_place", {("Class", "person/2c3d4e5f6a7b8c9d", "kg:mentionedIn")}),
    ("mentioned_in_from_article", {("In", ARTICLE, "rdf:type")}),
    # articles
    ("article_without_source_file", {("MinCount", ARTICLE, "kg:sourceFile")}),
    ("article_without_index", {("MinCount", ARTICLE, "kg:articleIndex")}),
    ("article_index_decimal", {("Datatype", ARTICLE, "kg:articleIndex")}),
    ("article_negative_index", {("MinInclusive", ARTICLE, "kg:articleIndex")}),
    ("article_end_before_start", {("LessThanOrEquals", ARTICLE, "kg:startOffset")}),
    ("two_headlines", {("MaxCount", ARTICLE, "kg:headline")}),
    ("two_sources", {("MaxCount", ARTICLE, "kg:source")}),
    # measures
    ("measure_value_double", {("Datatype", MEASURE, "kg:value")}),
    ("measure_without_unit", {("MinCount", MEASURE, "kg:unit")}),
    ("measure_two_labels", {("MaxCount", MEASURE, "rdfs:label")}),
    # evidence and statements
    ("negative_offset", {("MinInclusive", EVIDENCE_1, "kg:startOffset")}),
    ("start_after_end", {("LessThanOrEquals", EVIDENCE_2, "kg:startOffset")}),
    (
        "offset_as_string",
        {
            ("Datatype", EVIDENCE_2, "kg:endOffset"),
            ("MinInclusive", EVIDENCE_2, "kg:endOffset"),
            ("LessThanOrEquals", EVIDENCE_2, "kg:startOffset"),
        },
    ),
    ("evidence_without_article", {("MinCount", EVIDENCE_1, "kg:inArticle")}),
    ("evidence_in_place", {("Class", EVIDENCE_1, "kg:inArticle")}),
    ("evidence_without_text", {("MinCount", EVIDENCE_2, "kg:text")}),
    ("evidence_link_to_place", {("Class", STATEMENT, "kg:evidence")}),
    ("evidence_on_program", {("In", WIDER, "rdf:type")}),
    ("statement_without_evidence", {("MinCount", STATEMENT, "kg:evidence")}),
    ("statement_two_objects", {("MaxCount", STATEMENT, "rdf:object")}),
    ("statement_literal_predicate", {("NodeKind", STATEMENT, "rdf:predicate")}),
]


def broken_graph(valid_graph: Graph, case: str) -> Graph:
    graph = Graph()
    graph += valid_graph
    graph.update((DATA / "broken" / f"{case}.ru").read_text(encoding="utf-8"))
    assert len(graph ^ valid_graph) > 0, f"{case}.ru changed nothing"
    return graph


@pytest.mark.parametrize("case, expected", BROKEN, ids=[c for c, _ in BROKEN])
def test_ontology_shapes_broken_graph_fails_with_expected_violation(valid_graph, shapes, ont_graph, case, expected):
    assert violations(broken_graph(valid_graph, case), shapes, ont_graph) == expected


def test_ontology_shapes_every_broken_fixture_is_tested():
    on_disk = {p.stem for p in (DATA / "broken").glob("*.ru")}
    assert on_disk == {case for case, _ in BROKEN}


def test_ontology_shapes_agency_must_satisfy_organization_shapes(shapes):
    # the data graph has no rdfs:subClassOf triple: the shapes must still treat
    # an Agency as an Organization
    agency = KGR["agency/0"]
    data = Graph()
    data.add((agency, RDF.type, KG.Agency))
    data.add((agency, SKOS.prefLabel, Literal("衡水市商务局", lang="zh")))
    assert violations(data, shapes) == set()
    data.add((agency, KG.runs, KGR["place/131100000000"]))
    data.add((agency, SKOS.prefLabel, Literal("商务局", lang="zh")))
    assert violations(data, shapes) == {("Class", "agency/0", "kg:runs"), ("MaxCount", "agency/0", "skos:prefLabel")}


def test_ontology_shapes_use_core_shacl_only(shapes):
    assert not list(shapes.subject_objects(SH.sparql))
    assert not list(shapes.subjects(RDF.type, SH.SPARQLConstraint))
    # every property shape has its own target (see the comment at the top of shapes.ttl)
    targets = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
    for shape in shapes.subjects(RDF.type, SH.PropertyShape):
        assert any(shapes.value(shape, t) is not None for t in targets), shape
    assert not list(shapes.subject_objects(SH.property))


def synthetic_graph(valid_graph: Graph, size: int) -> Graph:
    """Copies of the valid graph with renamed resources, up to ``size`` triples."""
    graph = Graph()
    copy = 0
    while len(graph) < size:
        def rename(term):
            if isinstance(term, URIRef) and str(term).startswith(str(KGR)):
                return URIRef(f"{term}/c{copy}")
            return term

        for s, p, o in valid_graph:
            graph.add((rename(s), p, rename(o)))
        copy += 1
    return graph


@pytest.mark.slow
def test_ontology_shapes_validate_50k_triples_quickly(valid_graph, shapes):
    graph = synthetic_graph(valid_graph, 50_000)
    started = time.process_time()
    conforms, _, _ = pyshacl.validate(graph, shacl_graph=shapes, inference="none")
    elapsed = time.process_time() - started
    assert conforms
    # CPU time, so that other processes do not count: about 6 s here, where
    # nested sh:property and sh:or shapes took over 25 s
    assert elapsed < 15, f"validation of {len(graph)} triples took {elapsed:.1f} s of CPU"

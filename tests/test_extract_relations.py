"""Tests of page extraction and the relations read off its sentences
(kg.extract.page + kg.extract.relations), through kg.ingest.parse_page on
small pages of several articles written like the seed pages: one about
衡水 (its sentences taken or adapted from the seeds) and one about 保定,
which the extractor has never seen.
"""

from __future__ import annotations

import pytest

from kg.extract.page import extract_page
from kg.ingest import parse_page
from kg.model import Entity, Extraction

HENGSHUI_PAGE = """300万元衡水市政府消费券12月22日开抢

本报讯（记者张玲玲）日前，记者从市商务局获悉，衡水市推出了政府消费券发放活动，12月22日上午8时，总额300万元的衡水市政府消费券将正式发放。

据了解，本次活动由衡水市政府主办，市商务局、中国银联股份有限公司河北分公司、衡水市电商产业协会承办。该局还将开展促消费专项行动。

“我为群众办实事”最美人物颁奖

河北日报讯（记者焦磊）日前，由衡水市委宣传部主办，衡水广播电视台承办的“我为群众办实事”最美人物颁奖活动举行。

衡水市城管局开展井盖专项整治

本报讯（记者李明）近日，市城管局开展井盖、道路专项集中整治。衡水市城管局执法人员逐一排查破损井盖。衡水市城市管理综合行政执法局相关负责人介绍，该局还将组织开展“门前三包”专项行动。

今年，衡水市实施老旧小区改造工程，总投资300万元，改造小区29个。市区供热老旧管网改造是衡水市2021年20项民生实事之一。
"""

BAODING_PAGE = """保定启动大气污染防治攻坚行动

本报讯（记者王强）近日，保定市生态环境局召开会议。由保定市人民政府主办，市生态环境局承办的秋冬季大气污染综合治理攻坚行动启动仪式举行。该局将组织开展扬尘污染专项整治，投入资金1.6亿元。
"""


@pytest.fixture(scope="module")
def hengshui() -> Extraction:
    return extract_page(parse_page(HENGSHUI_PAGE, "hengshui_test.txt"))


@pytest.fixture(scope="module")
def baoding() -> Extraction:
    return extract_page(parse_page(BAODING_PAGE, "baoding_test.txt"))


@pytest.fixture(scope="module", params=["hengshui", "baoding"])
def any_page(request) -> Extraction:
    return request.getfixturevalue(request.param)


def entity(ex: Extraction, type_: str, label: str) -> Entity:
    """The one entity of ``type_`` that has ``label`` as its name or an alias."""
    hits = [e for e in ex.entities if e.type == type_ and (e.name == label or label in e.aliases)]
    assert len(hits) == 1, f"{type_} {label}: {[e.name for e in hits]} among {[e.name for e in ex.entities if e.type == type_]}"
    return hits[0]


def triples(ex: Extraction) -> set[tuple[str, str, str]]:
    return {(r.subject.name, r.predicate, r.object.name) for r in ex.relations}


def has(ex: Extraction, s: Entity, p: str, o: Entity) -> bool:
    return any(r.subject is s and r.predicate == p and r.object is o for r in ex.relations)


# --- agencies: jurisdiction, one entity per agency, pronouns -------------------------------


@pytest.mark.parametrize(
    "page, label, name, jurisdiction",
    [
        ("hengshui", "市商务局", "衡水市商务局", "衡水市"),
        ("hengshui", "市城管局", "衡水市城市管理综合行政执法局", "衡水市"),
        ("hengshui", "衡水市政府", "衡水市人民政府", "衡水市"),
        ("baoding", "市生态环境局", "保定市生态环境局", "保定市"),
        ("baoding", "保定市人民政府", "保定市人民政府", "保定市"),
    ],
)
def test_page_agency_jurisdiction_from_the_page(request, page, label, name, jurisdiction):
    ex = request.getfixturevalue(page)
    ent = entity(ex, "Agency", label)
    assert ent.name == name
    assert ent.jurisdiction is not None and ent.jurisdiction.name == jurisdiction


def test_page_agency_forms_are_one_entity(hengshui):
    forms = ["市城管局", "衡水市城管局", "衡水市城市管理综合行政执法局"]
    ents = {id(entity(hengshui, "Agency", f)) for f in forms}
    assert len(ents) == 1
    ent = entity(hengshui, "Agency", "市城管局")
    assert ent.name == "衡水市城市管理综合行政执法局"
    assert {"市城管局", "衡水市城管局"} <= ent.aliases


@pytest.mark.parametrize(
    "page, agency, program",
    [
        # 该局 in a sentence of its own stands for the last agency named before it
        ("hengshui", "衡水市商务局", "促消费专项行动"),
        ("baoding", "保定市生态环境局", "扬尘污染专项整治"),
    ],
)
def test_relations_pronoun_subject_runs_the_program(request, page, agency, program):
    ex = request.getfixturevalue(page)
    a, p = entity(ex, "Agency", agency), entity(ex, "Program", program)
    assert has(ex, a, "runs", p), sorted(triples(ex))
    rel = next(r for r in ex.relations if r.subject is a and r.object is p)
    assert any(ev.text.startswith("该局") for ev in rel.evidence)


def test_relations_subject_of_a_sentence_runs_its_program(hengshui):
    a = entity(hengshui, "Agency", "市城管局")
    p = entity(hengshui, "Program", "井盖、道路专项集中整治")
    assert has(hengshui, a, "runs", p)


def test_relations_sub_unit_is_part_of_its_body(hengshui):
    unit = entity(hengshui, "Agency", "衡水市委宣传部")
    body = entity(hengshui, "Agency", "衡水市委")
    assert unit.name == "中共衡水市委宣传部"
    assert has(hengshui, unit, "subOrganizationOf", body)


# --- roles: 由 A 主办，B、C 承办 ------------------------------------------------------

# (page, agency or organisation label, role, program label)
ROLE_CASES = [
    # 本次活动由…主办，…承办: 本次活动 is the 政府消费券发放活动 named before
    ("hengshui", "衡水市人民政府", "organizes", "政府消费券发放活动"),
    ("hengshui", "衡水市商务局", "undertakes", "政府消费券发放活动"),
    ("hengshui", "中国银联股份有限公司河北分公司", "undertakes", "政府消费券发放活动"),
    ("hengshui", "衡水市电商产业协会", "undertakes", "政府消费券发放活动"),
    ("hengshui", "衡水市委宣传部", "organizes", "我为群众办实事最美人物颁奖活动"),
    ("hengshui", "衡水广播电视台", "undertakes", "我为群众办实事最美人物颁奖活动"),
    ("baoding", "保定市人民政府", "organizes", "秋冬季大气污染综合治理攻坚行动"),
    ("baoding", "保定市生态环境局", "undertakes", "秋冬季大气污染综合治理攻坚行动"),
]


@pytest.mark.parametrize("page, actor, role, program", ROLE_CASES)
def test_relations_role_cues_give_organizes_and_undertakes(request, page, actor, role, program):
    ex = request.getfixturevalue(page)
    types = [e for e in ex.entities if e.type in ("Agency", "Organization") and (e.name == actor or actor in e.aliases)]
    assert len(types) == 1, actor
    p = entity(ex, "Program", program)
    assert has(ex, types[0], role, p), sorted(t for t in triples(ex) if t[1] in ("organizes", "undertakes"))


def test_relations_role_cues_only_the_named_unit_organizes(hengshui):
    body = entity(hengshui, "Agency", "衡水市委")
    p = entity(hengshui, "Program", "我为群众办实事最美人物颁奖活动")
    assert not has(hengshui, body, "organizes", p)


def test_page_branch_company_is_one_organisation(hengshui):
    names = [e.name for e in hengshui.entities if e.type == "Organization"]
    assert "中国银联股份有限公司河北分公司" in names
    assert "中国银联股份有限公司" not in names


# --- programs: partOfProgram, measures ------------------------------------------------


def test_relations_part_of_a_list_of_programs(hengshui):
    part = entity(hengshui, "Program", "市区供热老旧管网改造")
    whole = entity(hengshui, "Program", "衡水市2021年20项民生实事")
    assert has(hengshui, part, "partOfProgram", whole)
    assert not has(hengshui, whole, "partOfProgram", part)


@pytest.mark.parametrize(
    "page, program, value, unit",
    [
        ("hengshui", "老旧小区改造工程", 3000000, "元"),  # 300万元
        ("hengshui", "老旧小区改造工程", 29, "个"),
        ("baoding", "扬尘污染专项整治", 160000000, "元"),  # 1.6亿元
    ],
)
def test_relations_measures_normalised_and_attached(request, page, program, value, unit):
    ex = request.getfixturevalue(page)
    p = entity(ex, "Program", program)
    got = [(m.value, m.unit) for m in ex.measures if m.program is p]
    assert any(abs(v - value) < 1e-6 and u == unit for v, u in got), got


def test_relations_no_measure_from_inside_a_program_name(hengshui):
    part = entity(hengshui, "Program", "市区供热老旧管网改造")
    assert [(m.value, m.unit) for m in hengshui.measures if m.program is part] == []


def test_relations_measures_evidence_holds_the_quantity(any_page):
    for m in any_page.measures:
        assert m.evidence is not None
        art = any_page.page.articles[m.evidence.article]
        assert art.text[m.evidence.start : m.evidence.end] == m.evidence.text
        assert art.text[m.start : m.start + len(m.text)] == m.text
        assert m.evidence.start <= m.start < m.evidence.end


# --- invariants ------------------------------------------------------------------------


def test_relations_evidence_slices_back_from_the_article(any_page):
    assert any_page.relations
    for rel in any_page.relations:
        for ev in rel.evidence:
            art = any_page.page.articles[ev.article]
            assert art.text[ev.start : ev.end] == ev.text, (rel.subject.name, rel.predicate, rel.object.name)
    for _prog, _value, ev in any_page.dates:
        assert any_page.page.articles[ev.article].text[ev.start : ev.end] == ev.text


def test_relations_stated_relations_carry_evidence(any_page):
    for rel in any_page.relations:
        if rel.predicate != "subOrganizationOf":
            assert rel.evidence, (rel.subject.name, rel.predicate, rel.object.name)


def test_page_every_entity_has_one_name(any_page):
    for e in any_page.entities:
        assert isinstance(e.name, str) and e.name.strip() == e.name and e.name
        assert e.name not in e.aliases
        assert all(a and len(a) >= 2 for a in e.aliases)
    keys = [(e.type, e.key) for e in any_page.entities]
    assert len(keys) == len(set(keys))
    agencies = [e.name for e in any_page.entities if e.type == "Agency"]
    assert len(agencies) == len(set(agencies))


def test_page_relations_connect_listed_entities(any_page):
    ids = {id(e) for e in any_page.entities}
    for rel in any_page.relations:
        assert id(rel.subject) in ids and id(rel.object) in ids
        assert rel.subject is not rel.object
    for m in any_page.measures:
        assert id(m.program) in ids and m.program.type == "Program"


def test_page_places_are_resolved_to_codes(hengshui):
    city = entity(hengshui, "Place", "衡水市")
    assert city.code == "131100" and city.level == "prefecture"
    assert "衡水" in city.aliases
    assert city.parent is not None and city.parent.name == "河北省"


def _dump(ex: Extraction):
    ents = [(e.type, e.key, e.name, tuple(sorted(e.aliases)), e.level, e.code,
             e.jurisdiction.key if e.jurisdiction else "", tuple(sorted(e.articles))) for e in ex.entities]
    rels = [(r.subject.key, r.predicate, r.object.key, tuple((v.article, v.start, v.end) for v in r.evidence))
            for r in ex.relations]
    measures = [(m.program.key, m.value, m.unit, m.label, m.start) for m in ex.measures]
    dates = [(p.key, v, ev.start) for p, v, ev in ex.dates]
    return ents, rels, measures, dates


@pytest.mark.parametrize("text, name", [(HENGSHUI_PAGE, "hengshui_test.txt"), (BAODING_PAGE, "baoding_test.txt")])
def test_page_extraction_is_deterministic(text, name, request):
    first = request.getfixturevalue("hengshui" if name.startswith("hengshui") else "baoding")
    again = extract_page(parse_page(text, name))
    assert _dump(again) == _dump(first)

"""Tests of kg.extract.organizations: agencies by their name grammar
(jurisdiction + department stem + sub-unit) and other organisations by
their suffix."""

from __future__ import annotations

import pytest

from kg import gazetteer
from kg.extract.organizations import OrgMention, agency_mentions, org_mentions
from kg.extract.places import admin_mentions, on_word_boundaries
from kg.extract.spans import TokenIndex

HENGSHUI = "131100"


def parse(text: str) -> tuple[list[OrgMention], list[OrgMention]]:
    """Agencies and organisations of ``text`` on a 衡水 page, as the page extractor finds them."""
    tokens = TokenIndex(text)
    context = [gazetteer.get(HENGSHUI)]
    places = on_word_boundaries(admin_mentions(text, context), text, tokens)
    agencies = agency_mentions(text, places, tokens)
    orgs = org_mentions(text, tokens, places, agencies)
    for om in agencies + orgs:
        assert text[om.start : om.end] == om.text, om
    return agencies, orgs


def agency(text: str, surface: str) -> OrgMention:
    agencies, _ = parse(text)
    hits = [a for a in agencies if a.text == surface]
    assert hits, f"{surface} not among {[a.text for a in agencies]}"
    return hits[0]


# --- agency_mentions -----------------------------------------------------------

# (text, surface, kind, canonical stem, jurisdiction name or None, level hint)
AGENCY_CASES = [
    # a place prefix gives the jurisdiction
    ("据了解，本次活动由衡水市政府主办，衡水市商务局承办", "衡水市商务局", "department", "商务局", "衡水市", ""),
    ("近来，冀州区医保局本着“为民、便民、利民”原则", "冀州区医保局", "department", "医疗保障局", "冀州区", ""),
    ("衡水市卫健委要求各医疗机构做好疫情防控", "衡水市卫健委", "department", "卫生健康委员会", "衡水市", ""),
    ("国网武强县供电公司、深州市城市管理综合行政执法局获得表彰", "深州市城市管理综合行政执法局", "department",
     "城市管理综合行政执法局", "深州市", ""),
    # abbreviations map to the full department name
    ("衡水市城管局执法人员对私自设障碍行为坚持教育引导", "衡水市城管局", "department", "城市管理综合行政执法局", "衡水市", ""),
    # a level character: the jurisdiction is resolved from the page later
    ("据了解，市商务局近日召开专题会议", "市商务局", "department", "商务局", None, "prefecture|county"),
    ("县教育局组织开展校园安全大检查", "县教育局", "department", "教育局", None, "county"),
    # other provinces
    ("保定市生态环境局召开大气污染防治推进会", "保定市生态环境局", "department", "生态环境局", "保定市", ""),
    ("河北省住房和城乡建设厅印发通知", "河北省住房和城乡建设厅", "department", "住房和城乡建设厅", "河北省", ""),
    ("邯郸市丛台区人民政府印发实施方案", "丛台区人民政府", "government", "区人民政府", "丛台区", ""),
    pytest.param("浙江省人民政府办公厅印发通知", "浙江省人民政府", "government", "省人民政府", "浙江省", "",
                 marks=()),
]


@pytest.mark.parametrize("text, surface, kind, stem, jurisdiction, hint", AGENCY_CASES)
def test_organizations_agency_mentions_read_the_name_grammar(text, surface, kind, stem, jurisdiction, hint):
    om = agency(text, surface)
    assert om.type == "Agency"
    assert om.kind == kind
    assert om.stem == stem
    assert (om.jurisdiction.name if om.jurisdiction else None) == jurisdiction
    if hint:
        assert set(hint.split("|")) <= set(om.level_hint.split("|"))


@pytest.mark.parametrize(
    "text, surface, pronoun",
    [
        ("为此，该市城市管理综合行政执法局开展井盖、道路专项集中整治", "该市城市管理综合行政执法局", "该"),
        ("我市农业农村局深入开展技术帮扶", "我市农业农村局", "我"),
    ],
)
def test_organizations_agency_mentions_pronoun_before_the_level(text, surface, pronoun):
    om = agency(text, surface)
    assert om.pronoun == pronoun
    assert om.jurisdiction is None and om.level_hint


@pytest.mark.parametrize(
    "text, parts",
    [
        ("衡水市委市政府高度重视，将其列为今年全市20项民生实事之一",
         # the pair shares its place: 衡水市委 and 衡水市's 市政府
         [("衡水市委", "party", "衡水市"), ("市政府", "government", "衡水市")]),
        ("比省委省政府要求的时间节点提前了半年", [("省委", "party", None), ("省政府", "government", None)]),
        ("县委县政府把平安建设摆在突出位置", [("县委", "party", None), ("县政府", "government", None)]),
    ],
)
def test_organizations_agency_mentions_split_paired_forms(text, parts):
    agencies, _ = parse(text)
    got = [(a.text, a.kind, a.jurisdiction.name if a.jurisdiction else None) for a in agencies]
    for p in parts:
        assert p in got, got


def test_organizations_agency_mentions_paired_form_level_hints():
    agencies, _ = parse("比省委省政府要求的时间节点提前了半年")
    assert {a.level_hint for a in agencies} == {"province"}


@pytest.mark.parametrize(
    "text, surface, jurisdiction",
    [
        ("当天，从中共衡水市委党史学习教育领导小组办公室举办的发布会上获悉", "中共衡水市委", "衡水市"),
        ("衡水市委市政府高度重视", "衡水市委", "衡水市"),
        ("保定市委召开常委会扩大会议", "保定市委", "保定市"),
        pytest.param("邯郸市丛台区委召开全会", "丛台区委", "丛台区",
                     marks=()),
    ],
)
def test_organizations_agency_mentions_party_committee(text, surface, jurisdiction):
    om = agency(text, surface)
    assert om.kind == "party"
    assert om.jurisdiction is not None and om.jurisdiction.name == jurisdiction


# (text, sub-unit surface, its parent's surface, the unit's own stem)
SUBUNIT_CASES = [
    ("由衡水市委党史学习教育领导小组办公室、衡水市委宣传部主办", "衡水市委宣传部", "衡水市委", "宣传部"),
    ("由衡水市委党史学习教育领导小组办公室、衡水市委宣传部主办", "衡水市委党史学习教育领导小组办公室", "衡水市委",
     "党史学习教育领导小组办公室"),
    ("当天，从中共衡水市委党史学习教育领导小组办公室举办的发布会上获悉",
     "中共衡水市委党史学习教育领导小组办公室", "中共衡水市委", "党史学习教育领导小组办公室"),
    ("衡水市城管局指挥中心有关负责人介绍", "衡水市城管局指挥中心", "衡水市城管局", "指挥中心"),
    ("2月18日，衡水市城管局监督指挥中心工作人员操作无人机开展巡查工作", "衡水市城管局监督指挥中心", "衡水市城管局",
     "监督指挥中心"),
    ("衡水市桃城区西团马村村民代表一行来到衡水市公安局滨湖新区分局", "衡水市公安局滨湖新区分局", "衡水市公安局",
     "滨湖新区分局"),
    ("保定市公安局莲池分局开展冬季交通安全整治", "保定市公安局莲池分局", "保定市公安局", "莲池分局"),
]


@pytest.mark.parametrize("text, surface, parent, unit", SUBUNIT_CASES)
def test_organizations_agency_mentions_sub_units(text, surface, parent, unit):
    om = agency(text, surface)
    assert om.kind == "sub"
    assert om.parent is not None and om.parent.text == parent
    assert om.stem == unit


@pytest.mark.parametrize(
    "text, surface, jurisdiction, alias",
    [
        ("日前，深州市第七届人民代表大会第二次会议表决确定了今年25项市政府民生实事项目",
         "深州市第七届人民代表大会", "深州市", "深州市第七届人民代表大会"),
        ("衡水市人大常委会开展执法检查", "衡水市人大常委会", "衡水市", ""),
    ],
)
def test_organizations_agency_mentions_congress(text, surface, jurisdiction, alias):
    om = agency(text, surface)
    assert om.kind == "congress"
    assert om.jurisdiction is not None and om.jurisdiction.name == jurisdiction
    assert om.stem.startswith("人民代表大会")
    if alias:
        assert alias in om.aliases


@pytest.mark.parametrize(
    "text, not_a_stem",
    [
        ("施划人行横道线120处，设置车让人标志", "人行"),  # 人行横道 holds no 人行 (中国人民银行)
        ("在城区主干道施划人行横道线", "人行"),
        ("该集团委托第三方机构开展评估", "团委"),  # 集团|委托 holds no 团委
    ],
)
def test_organizations_agency_mentions_stems_must_end_words(text, not_a_stem):
    agencies, _ = parse(text)
    assert not any(a.surface_stem == not_a_stem or a.text.endswith(not_a_stem) for a in agencies)


@pytest.mark.parametrize(
    "text",
    [
        "由城市委托第三方机构开展评估",  # 城市|委托 holds no 市委
        "为节省委托费用，统一招标",  # 节省|委托 holds no 省委
        "政府债券资金全部到位",  # 政府 alone names no one
        "城管部门很快就修好了",
    ],
)
def test_organizations_agency_mentions_none_in_generic_text(text):
    agencies, _ = parse(text)
    assert agencies == [], [a.text for a in agencies]


# --- org_mentions --------------------------------------------------------------

ORG_CASES = [
    ("本次活动由衡水市政府主办，衡水市商务局、中国银联股份有限公司河北分公司、衡水市电商产业协会承办。",
     "中国银联股份有限公司河北分公司"),
    ("本次活动由衡水市政府主办，衡水市商务局、中国银联股份有限公司河北分公司、衡水市电商产业协会承办。",
     "衡水市电商产业协会"),
    ("活动中，国网武强县供电公司、深州市城市管理综合行政执法局等获得表彰", "国网武强县供电公司"),
    ("扩建第九小学，目前教学楼已竣工验收", "第九小学"),
    ("故城县二期农村地表水厂正式投入运行", "故城县二期农村地表水厂"),
    ("由学校统一上报市公交总公司集中办理", "市公交总公司"),
    ("记者从衡水车务段获悉，该段为提高电子化客票条件下的应急处置能力", "衡水车务段"),
    ("由衡水市委宣传部主办，衡水广播电视台承办", "衡水广播电视台"),
    # other places
    ("保定市第一中心医院开展义诊活动", "保定市第一中心医院"),
    ("邯郸钢铁集团有限责任公司完成超低排放改造", "邯郸钢铁集团有限责任公司"),
]


@pytest.mark.parametrize("text, expected", ORG_CASES)
def test_organizations_org_mentions_find_organisations(text, expected):
    _, orgs = parse(text)
    assert expected in [o.text for o in orgs]
    om = next(o for o in orgs if o.text == expected)
    assert om.type == "Organization" and om.kind == "org"


@pytest.mark.parametrize(
    "text, surface, jurisdiction, hint",
    [
        ("故城县二期农村地表水厂正式投入运行", "故城县二期农村地表水厂", "故城县", ""),
        ("本次活动由衡水市电商产业协会承办", "衡水市电商产业协会", "衡水市", ""),
        ("由学校统一上报市公交总公司集中办理", "市公交总公司", None, "prefecture"),
    ],
)
def test_organizations_org_mentions_place_or_level_prefix(text, surface, jurisdiction, hint):
    _, orgs = parse(text)
    om = next(o for o in orgs if o.text == surface)
    assert (om.jurisdiction.name if om.jurisdiction else None) == jurisdiction
    if hint:
        assert hint in om.level_hint.split("|")


@pytest.mark.parametrize(
    "text",
    [
        "学校餐厅全部达到食品安全标准",
        "符合条件的学生可向所在学校提出申请",
        "相关企业和单位要落实主体责任",
        "组织各级党员深入结对小区居民家中",
    ],
)
def test_organizations_org_mentions_reject_generic_bodies(text):
    _, orgs = parse(text)
    assert orgs == [], [o.text for o in orgs]


def test_organizations_org_mentions_not_inside_an_agency():
    text = "衡水市城管局指挥中心有关负责人介绍"
    agencies, orgs = parse(text)
    spans = [(a.start, a.end) for a in agencies]
    for o in orgs:
        assert not any(a <= o.start and o.end <= b for a, b in spans)


@pytest.mark.parametrize("seed", range(10))
def test_stem_spans_equal_an_alternation_of_the_stems_longest_first(seed):
    """The automaton finds what re's alternation of the stems (longest first) finds."""
    import random
    import re

    from kg.extract import organizations as orgs

    stems = orgs._stems()
    rx = re.compile("|".join(map(re.escape, stems)))
    rng = random.Random(seed)
    text = "".join(rng.choice(stems + ["的", "市", "县", "、", "局", "委", "办"]) for _ in range(60))
    assert orgs.stem_spans(text) == [(m.start(), m.end()) for m in rx.finditer(text)]

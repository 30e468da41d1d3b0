"""Tests of kg.extract.places: administrative divisions and geographic features.

Inputs are sentences of the seed pages and sentences of the same kind about
other parts of China (the gazetteer covers every division, so the
extractor must not depend on the seeds' prefecture).
"""

from __future__ import annotations

import pytest

from kg import gazetteer
from kg.extract.places import admin_mentions, feature_mentions, on_word_boundaries
from kg.extract.spans import TokenIndex

HENGSHUI = "131100"
TANGSHAN = "130200"
SHIJIAZHUANG = "130100"


def div(code: str) -> gazetteer.Division:
    d = gazetteer.get(code)
    assert d is not None, code
    return d


def names(text: str, context=(), villages_under=()) -> list[tuple[str, str, str]]:
    """(surface, resolved name, level) of every admin mention of ``text``."""
    ms = admin_mentions(text, [div(c) for c in context], villages_under)
    for m in ms:
        assert text[m.start : m.end] == m.text
    return [(m.text, m.name, m.level) for m in ms]


# --- admin_mentions -------------------------------------------------------------

# (text, context codes, expected (surface, name, level) that must be among the mentions)
ADMIN_CASES = [
    # full names, resolved to themselves
    ("在故城县郑口镇师黄村，村民师长宁一边用水壶接水", (), ("故城县", "故城县", "county")),
    ("在故城县郑口镇师黄村，村民师长宁一边用水壶接水", (), ("郑口镇", "郑口镇", "township")),
    ("近来，冀州区医保局本着“为民、便民、利民”原则", (), ("冀州区", "冀州区", "county")),
    ("日前，深州市第七届人民代表大会第二次会议表决确定了今年25项市政府民生实事项目", (), ("深州市", "深州市", "county")),
    # short forms resolve to the division they name
    ("党史学习教育开展以来，衡水广大党员积极投身实践活动", (), ("衡水", "衡水市", "prefecture")),
    ("衡水高新区大麻森乡以乡域内衡井线、肃衡线、外环路两侧通道绿化为主", (), ("大麻森乡", "大麻森乡", "township")),
    ("协调高新区、景县将暂时不能消纳的江水指标调剂到桃城区、武邑、阜城等江水指标不足的区县",
     (HENGSHUI,), ("武邑", "武邑县", "county")),
    ("协调高新区、景县将暂时不能消纳的江水指标调剂到桃城区、武邑、阜城等江水指标不足的区县",
     (HENGSHUI,), ("阜城", "阜城县", "county")),
    # a name shared by several divisions, resolved by the page's context
    ("协调高新区、景县将暂时不能消纳的江水指标调剂到桃城区", (HENGSHUI,),
     ("高新区", "河北衡水高新技术产业开发区", "county")),
    ("小学和幼儿园位于新华区、桥西区、长安区、裕华区区域内", (SHIJIAZHUANG,), ("新华区", "新华区", "county")),
    ("石家庄市新华区开展冬季清洁取暖安全检查", (), ("新华区", "新华区", "county")),
    # other provinces: the gazetteer is national
    ("保定市莲池区启动老旧小区改造工程", (), ("莲池区", "莲池区", "county")),
    ("邯郸市丛台区开展农村人居环境整治提升行动", (), ("丛台区", "丛台区", "county")),
    ("浙江省杭州市西湖区推进数字化改革", (), ("浙江省", "浙江省", "province")),
    ("浙江省杭州市西湖区推进数字化改革", (), ("西湖区", "西湖区", "county")),
]


@pytest.mark.parametrize("text, context, expected", ADMIN_CASES)
def test_places_admin_mentions_resolve_names(text, context, expected):
    assert expected in names(text, context)


@pytest.mark.parametrize(
    "text, context, surface, code",
    [
        # 新华区 exists in several prefectures: the context decides which one
        ("新华区开展冬季清洁取暖安全检查", (SHIJIAZHUANG,), "新华区", "130105"),
        ("石家庄市新华区开展冬季清洁取暖安全检查", (), "新华区", "130105"),
        ("高新区开展冬季清洁取暖安全检查", (HENGSHUI,), "高新区", "131171"),
        ("衡水今年实施20项民生实事", (), "衡水", HENGSHUI),
        ("邯郸市丛台区人民政府印发通知", (), "丛台区", "130403"),
    ],
)
def test_places_admin_mentions_carry_the_code_of_the_division(text, context, surface, code):
    found = {m.text: m.code for m in admin_mentions(text, [div(c) for c in context])}
    assert found.get(surface) == code


@pytest.mark.parametrize(
    "text",
    [
        "新华区开展冬季清洁取暖安全检查",  # several 新华区 in China and no context
        "高新区开展冬季清洁取暖安全检查",
    ],
)
def test_places_admin_mentions_drop_ambiguous_names_without_context(text):
    assert names(text) == []


def test_places_admin_mentions_offsets_slice_back_in_a_long_sentence():
    text = "衡水市坚持以问题为导向，在故城县郑口镇、景县、武邑县和桃城区全面推进农村生活水源置换工程"
    ms = admin_mentions(text, [div(HENGSHUI)])
    assert ms, "no place found"
    assert [m.start for m in ms] == sorted(m.start for m in ms)
    for m in ms:
        assert text[m.start : m.end] == m.text
        assert m.type == "Place" and m.code


# --- on_word_boundaries -----------------------------------------------------------


@pytest.mark.parametrize(
    "text, context, dropped",
    [
        ("棚户区回迁安置房计划新开工170套", (TANGSHAN,), "迁安"),  # 回迁安置 is not 迁安
        ("做好回迁安置工作，确保群众满意", (TANGSHAN,), "迁安"),
    ],
)
def test_places_on_word_boundaries_drops_short_forms_inside_words(text, context, dropped):
    mentions = admin_mentions(text, [div(c) for c in context])
    # the gazetteer alone reads the short form; the word boundaries must drop it
    assert dropped in {m.text for m in mentions}
    kept = on_word_boundaries(mentions, text, TokenIndex(text))
    assert dropped not in {m.text for m in kept}


@pytest.mark.parametrize(
    "text, context, kept_surface",
    [
        ("迁安今年实施20项民生实事", (TANGSHAN,), "迁安"),  # the short form as a word of its own
        ("衡水今年实施20项民生实事", (), "衡水"),
        ("调剂到桃城区、武邑、阜城等江水指标不足的区县", (HENGSHUI,), "武邑"),
    ],
)
def test_places_on_word_boundaries_keeps_short_forms_that_are_words(text, context, kept_surface):
    mentions = admin_mentions(text, [div(c) for c in context])
    kept = on_word_boundaries(mentions, text, TokenIndex(text))
    assert kept_surface in {m.text for m in kept}


# --- villages ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, under, expected",
    [
        # a full village name under a township of the page
        ("12月16日，在故城县郑口镇师黄村，村民师长宁一边用水壶接水", ("131126100000",), "师黄村"),
    ],
)
def test_places_admin_mentions_find_villages_under_the_page_places(text, under, expected):
    found = [(m.text, m.level) for m in admin_mentions(text, [div(HENGSHUI)], villages_under=under)]
    assert any(surface.startswith(expected) and level == "village" for surface, level in found), found


def test_places_admin_mentions_ignore_villages_outside_the_page_places():
    text = "12月16日，在故城县郑口镇师黄村，村民师长宁一边用水壶接水"
    found = admin_mentions(text, [div(HENGSHUI)])  # no villages_under: no village table
    assert not any(m.level == "village" for m in found)


SHENZHOU = "131182"  # 深州市: its townships hold 杨庄村 and 豆腐营村


def shenzhou_villages(text: str):
    under = {t.code for t in gazetteer.descendants_of(SHENZHOU, "township")} | {SHENZHOU}
    return admin_mentions(text, [div(HENGSHUI), div(SHENZHOU)], villages_under=under)


@pytest.mark.parametrize(
    "text, expected",
    [
        # bare village stems as items of a list are villages, named by their common name
        ("继续实施西邵、杨庄、豆腐营、东街城中村改造", [("杨庄", "杨庄村"), ("豆腐营", "豆腐营村")]),
        ("深州市杨庄村开展环境整治", [("杨庄村", "杨庄村")]),
    ],
)
def test_places_admin_mentions_village_names_and_list_items(text, expected):
    found = [(m.text, m.name) for m in shenzhou_villages(text) if m.level == "village"]
    for pair in expected:
        assert pair in found, found


@pytest.mark.parametrize(
    "text",
    [
        "杨庄小学今年新建教学楼一座",  # a bare village stem inside a word is no village
        "杨庄中心校开展冬季安全教育",
    ],
)
def test_places_admin_mentions_bare_village_stem_inside_a_word_is_dropped(text):
    assert gazetteer.lookup("杨庄村"), "the gazetteer knows villages named 杨庄村"
    assert not any(m.level == "village" for m in shenzhou_villages(text))


# --- feature_mentions ----------------------------------------------------------


def features(text: str, barriers: set[int] | None = None) -> list[str]:
    tokens = TokenIndex(text)
    if barriers is None:
        # as the page extractor does: full admin names bound a feature's name
        full = [m for m in admin_mentions(text) if m.text == m.name]
        barriers = {m.end for m in full} | {m.start for m in full}
    ms = feature_mentions(text, tokens, barriers)
    for m in ms:
        assert text[m.start : m.end] == m.text
        assert m.level == "feature" and m.type == "Place"
    return [m.text for m in ms]


FEATURE_CASES = [
    ("依水而建的民乐园已成为深州市民亲水、乐水的好去处，滏阳河边绿树掩映", "滏阳河"),
    ("沿前进大街向北，城管执法人员逐一清理占道经营", "前进大街"),
    ("12月16日在衡水北站组织了全段客票发售人员售票应急及旅客疏导演练", "衡水北站"),
    ("人民路东延工程、育才大街南延工程、大庆路西延工程完工通车", "人民路"),
    ("人民路东延工程、育才大街南延工程、大庆路西延工程完工通车", "育才大街"),
    pytest.param("人民路东延工程、育才大街南延工程、大庆路西延工程完工通车", "大庆路",
                 marks=()),
    ("中华大街与人民路交叉口增设了非机动车停车区", "中华大街"),
    ("市民在人民公园晨练", "人民公园"),
    ("衡水湖畔游人如织", "衡水湖"),
    # other places in China
    ("邯郸市丛台区沿滏阳河两岸新建绿道", "滏阳河"),
    ("游客在西湖边漫步", "西湖"),
    pytest.param("保定市东风路改造工程年底完工", "东风路",
                 marks=()),
    pytest.param("大麻森乡以乡域内衡井线、肃衡线、外环路两侧通道绿化为主", "衡井线",
                 marks=()),
    pytest.param("工人们沿衡井线栽种国槐", "衡井线",
                 marks=()),
]


@pytest.mark.parametrize("text, expected", FEATURE_CASES)
def test_places_feature_mentions_find_named_features(text, expected):
    assert expected in features(text)


@pytest.mark.parametrize(
    "text, word",
    [
        ("打造成进出城区干道的靓丽风景线", "风景线"),
        ("衡水市文明办积极畅通社情民意反映渠道", "渠道"),
        ("道路井盖不仅影响城市形象，还容易造成很多安全问题", "道路"),
        ("对14条主干街道施划非机动车道", "非机动车道"),
        ("更换损坏路灯120盏，点亮群众回家路", "路灯"),
        ("分管领导和机关干部包路段包地块严盯死守", "路段"),
        ("疏浚河道，清理沟渠", "河道"),
    ],
)
def test_places_feature_mentions_reject_common_words(text, word):
    found = features(text)
    assert not any(word in f for f in found), found


def test_places_feature_mentions_stop_at_a_barrier():
    # 衡水市 is an admin name: a barrier at its end keeps it out of the feature
    text = "衡水市人民公园开展游园活动"
    found = features(text, {3})
    assert "人民公园" in found
    assert "衡水市人民公园" not in found


def test_places_feature_mentions_are_longest_and_disjoint():
    text = "人民路东延工程、育才大街南延工程、大庆路西延工程完工通车"
    ms = feature_mentions(text, TokenIndex(text), set())
    for a, b in zip(ms, ms[1:]):
        assert a.end <= b.start

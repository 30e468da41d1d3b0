"""Checks of the language-data modules in kg/lexicon."""

from __future__ import annotations

import ast
import json
from collections import Counter
from pathlib import Path

import pytest

from kg.lexicon import agencies, features, organizations, programs
from kg.model import ENTITY_TYPES

LEXICON_DIR = Path(agencies.__file__).parent
MODULES = (agencies, organizations, features, programs)
MODULE_FILES = [LEXICON_DIR / name for name in (
    "__init__.py", "agencies.py", "organizations.py", "features.py", "programs.py", "README.md")]
GOLD_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "gold"


def _strings(value):
    """Every string inside a constant (tuples, sets, dicts, nested)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, (tuple, list, set, frozenset)):
        for item in value:
            yield from _strings(item)


def _public_constants():
    for module in MODULES:
        for name in dir(module):
            if name.isupper():
                yield f"{module.__name__}.{name}", getattr(module, name)


CONSTANTS = dict(_public_constants())


# --- structure -------------------------------------------------------------------


@pytest.mark.parametrize("path", [p for p in MODULE_FILES if p.suffix == ".py"], ids=lambda p: p.name)
def test_lexicon_literals_have_no_duplicates(path):
    """A duplicate in a set or dict literal is silently dropped: catch it in the source."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            items = [k.value for k in node.keys if isinstance(k, ast.Constant)]
        elif isinstance(node, (ast.Set, ast.Tuple, ast.List)):
            items = [e.value for e in node.elts if isinstance(e, ast.Constant)]
        else:
            continue
        problems += [(node.lineno, item) for item, n in Counter(items).items() if n > 1]
    assert problems == []


@pytest.mark.parametrize("name", sorted(CONSTANTS))
def test_lexicon_entries_are_clean_strings(name):
    strings = list(_strings(CONSTANTS[name]))
    assert strings, f"{name} is empty"
    bad = [s for s in strings if s != s.strip() or any(c.isspace() for c in s)
           or any(c in "“”‘’\"《》「」" for c in s)]
    # "" is allowed only as a hint value meaning "any"
    empty_keys = [k for k in (CONSTANTS[name] if isinstance(CONSTANTS[name], (tuple, frozenset, dict)) else ())
                  if k == ""]
    assert bad == [] and empty_keys == []


@pytest.mark.parametrize(
    "name",
    [
        "kg.lexicon.agencies.DEPARTMENTS",
        "kg.lexicon.agencies.AGENCY_SUFFIXES",
        "kg.lexicon.organizations.ORG_SUFFIXES",
        "kg.lexicon.features.FEATURE_SUFFIXES",
        "kg.lexicon.programs.PROGRAM_HEADS",
        "kg.lexicon.programs.LEADING_VERBS",
        "kg.lexicon.programs.TRAILING_STOP",
    ],
)
def test_lexicon_scan_lists_are_longest_first_without_duplicates(name):
    items = CONSTANTS[name]
    assert isinstance(items, tuple)
    assert len(set(items)) == len(items)
    assert list(items) == sorted(items, key=lambda s: (-len(s), s))


@pytest.mark.parametrize(
    "subset, superset",
    [
        ("kg.lexicon.agencies.AMBIGUOUS_AGENCY_SUFFIXES", "kg.lexicon.agencies.AGENCY_SUFFIXES"),
        ("kg.lexicon.organizations.AMBIGUOUS_ORG_SUFFIXES", "kg.lexicon.organizations.ORG_SUFFIXES"),
        ("kg.lexicon.features.AMBIGUOUS_FEATURE_SUFFIXES", "kg.lexicon.features.FEATURE_SUFFIXES"),
        ("kg.lexicon.agencies.SELF_REFERENCES", "kg.lexicon.agencies.PRONOUNS"),
    ],
)
def test_lexicon_ambiguous_sets_are_subsets(subset, superset):
    assert set(CONSTANTS[subset]) - set(CONSTANTS[superset]) == set()


def test_lexicon_is_comprehensive():
    assert len(agencies.DEPARTMENTS) >= 300
    assert len(agencies.ABBREVIATIONS) >= 250
    assert len(agencies.CENTRAL_AGENCIES) >= 80
    assert len(organizations.ORG_SUFFIXES) >= 150
    assert len(features.FEATURE_SUFFIXES) >= 150
    assert len(programs.PROGRAM_HEADS) >= 100


# --- agencies ----------------------------------------------------------------------

_CANONICAL = (
    set(agencies.DEPARTMENTS)
    | set(agencies.CENTRAL_AGENCIES)
    | set(agencies.MASS_ORGANIZATIONS)
    | set(agencies.NATIONAL_MASS_ORGANIZATIONS)
)


def test_lexicon_abbreviations_map_to_canonical_names():
    unknown = {k: v for k, v in agencies.ABBREVIATIONS.items() if v not in _CANONICAL}
    assert unknown == {}


def test_lexicon_abbreviations_are_not_canonical_themselves():
    assert [k for k in agencies.ABBREVIATIONS if k in _CANONICAL] == []


def test_lexicon_body_lists_are_disjoint():
    groups = {
        "departments": set(agencies.DEPARTMENTS),
        "central": set(agencies.CENTRAL_AGENCIES),
        "mass": set(agencies.MASS_ORGANIZATIONS),
        "national_mass": set(agencies.NATIONAL_MASS_ORGANIZATIONS),
    }
    counts = Counter(name for names in groups.values() for name in names)
    assert [name for name, n in counts.items() if n > 1] == []


def test_lexicon_department_groups_are_disjoint():
    groups = [value for name, value in vars(agencies).items()
              if name.isupper() and name in {
                  "GOVERNMENT_DEPARTMENTS", "PARTY_ORGANS", "CONGRESS_BODIES", "JUDICIAL_BODIES",
                  "GOVERNMENTS", "COORDINATING_BODIES", "SERVICE_UNITS", "POLICE_UNITS"}]
    assert len(groups) == 8
    counts = Counter(name for group in groups for name in group)
    assert [name for name, n in counts.items() if n > 1] == []
    assert set(agencies.DEPARTMENT_GROUP) == set(agencies.DEPARTMENTS)


# Names whose ending is a fixed word, not a productive suffix: the extractor
# knows them from DEPARTMENTS alone.
_FIXED_ENDINGS = {"党校", "档案馆", "供销合作社", "海关", "监狱", "军分区", "气象台",
                  "地震台", "人民武装部", "政治协商会议",
                  "人民代表大会主席团"}


def test_lexicon_departments_end_in_an_agency_suffix():
    uncovered = {d for d in agencies.DEPARTMENTS
                 if not any(d.endswith(s) for s in agencies.AGENCY_SUFFIXES)}
    assert uncovered <= _FIXED_ENDINGS


@pytest.mark.parametrize(
    "form, canonical",
    [
        ("城管局", "城市管理综合行政执法局"),
        ("城管执法局", "城市管理综合行政执法局"),
        ("住建局", "住房和城乡建设局"),
        ("人社局", "人力资源和社会保障局"),
        ("卫健委", "卫生健康委员会"),
        ("卫健局", "卫生健康局"),
        ("医保局", "医疗保障局"),
        ("市场监管局", "市场监督管理局"),
        ("环保局", "生态环境局"),
        ("文明办", "精神文明建设委员会办公室"),
        ("爱卫会", "爱国卫生运动委员会"),
        ("编办", "机构编制委员会办公室"),
        ("统战部", "统一战线工作部"),
        ("竞审办", "公平竞争审查工作联席会议办公室"),
        ("疾控中心", "疾病预防控制中心"),
        ("政府", "人民政府"),
        ("法院", "人民法院"),
        ("国家发改委", "国家发展和改革委员会"),
        ("住建部", "住房和城乡建设部"),
        ("商务局", "商务局"),
        ("交通运输部", "交通运输部"),
        ("妇联", "妇女联合会"),
        ("购物中心", None),
        ("加油站", None),
    ],
)
def test_lexicon_canonical_department(form, canonical):
    assert agencies.canonical_department(form) == canonical


@pytest.mark.parametrize(
    "stem, kind",
    [
        ("卫健委", "Agency"),
        ("纪委监委", "Agency"),
        ("人大常委会", "Agency"),
        ("街道办事处", "Agency"),
        ("医疗保险中心", "Agency"),
        ("国务院", "Agency"),
        ("妇联", "Organization"),
        ("总工会", "Organization"),
        ("村委会", "Organization"),
        ("全国妇联", "Organization"),
        ("俱乐部", None),
    ],
)
def test_lexicon_body_type(stem, kind):
    assert agencies.body_type(stem) == kind


@pytest.mark.parametrize(
    "form, parts",
    [
        ("市委市政府", ("市委", "市政府")),
        ("省委省政府", ("省委", "省政府")),
        ("县委县政府", ("县委", "县政府")),
        ("纪委监委", ("纪委", "监委")),
        ("市商务局", ("市商务局",)),
    ],
)
def test_lexicon_split_paired(form, parts):
    assert agencies.split_paired(form) == parts


def test_lexicon_paired_parts_are_known_forms():
    bodies = set(agencies.PARTY_COMMITTEE_FORMS) | set(agencies.GOVERNMENT_FORMS)
    stems = set(agencies.ABBREVIATIONS) | set(agencies.DEPARTMENTS)

    def known(part):
        if part in bodies or part in stems:
            return True
        if part[0] in agencies.LEVEL_PREFIXES and part[1:] in stems:  # 市纪委
            return True
        # a body followed by one of its organs: 市委 + 办公室
        return any(part.startswith(b) and part[len(b):] in stems for b in bodies)

    unknown = set()
    for parts in agencies.PAIRED_FORMS.values():
        assert len(parts) >= 2
        unknown |= {part for part in parts if not known(part)}
    assert unknown == set()


def test_lexicon_pronouns_name_entity_types():
    assert {t for t, _ in agencies.PRONOUNS.values()} <= set(ENTITY_TYPES)


def test_lexicon_form_levels_are_place_levels():
    levels = {"province", "prefecture", "county", "township", "village"}
    for table in (agencies.PARTY_COMMITTEE_FORMS, agencies.GOVERNMENT_FORMS, agencies.LEVEL_PREFIXES,
                  features.ADMIN_ZONE_SUFFIXES):
        for level in table.values():
            assert level == "" or set(level.split("|")) <= levels, level


def _stem_at_end(text: str) -> str | None:
    """The longest known department stem or short form that ends ``text``."""
    candidates = sorted(set(agencies.DEPARTMENTS) | set(agencies.ABBREVIATIONS),
                        key=lambda s: (-len(s), s))
    for stem in candidates:
        if text.endswith(stem):
            return agencies.canonical_department(stem)
    return None


@pytest.mark.parametrize(
    "text, canonical",
    [
        # name phrases as printed in local papers
        ("市城管局", "城市管理综合行政执法局"),
        ("区医保局", "医疗保障局"),
        ("市人社局", "人力资源和社会保障局"),
        ("县农业农村局", "农业农村局"),
        ("市生态环境局", "生态环境局"),
        ("县委宣传部", "宣传部"),
        # the open pattern …领导小组办公室 ends in the Party office stem
        ("市委党史学习教育领导小组办公室", "办公室"),
        ("公安局交警支队", "交通警察支队"),
        ("市卫生健康委员会", "卫生健康委员会"),
    ],
)
def test_lexicon_longest_stem_wins(text, canonical):
    assert _stem_at_end(text) == canonical


# --- organisations, features, programs ---------------------------------------------


def test_lexicon_org_kinds_are_known():
    kinds = {"enterprise", "association", "finance", "health", "education", "utility", "railway",
             "media", "cooperative", "farm", "research", "service", "volunteer", "retail", "religious"}
    assert set(organizations.ORG_SUFFIX_KINDS.values()) <= kinds


def test_lexicon_media_abbreviations_resolve():
    assert set(organizations.MEDIA_ABBREVIATIONS.values()) <= set(organizations.MEDIA)


def test_lexicon_agency_stems_are_not_org_stop_words():
    assert set(agencies.DEPARTMENTS) & organizations.ORG_STOP == set()


def test_lexicon_feature_kinds_are_known():
    kinds = {"water", "road", "highway", "bridge", "park", "scenic", "station", "transport",
             "residential", "industrial", "terrain", "venue"}
    assert set(features.FEATURE_SUFFIX_KINDS.values()) <= kinds


def test_lexicon_admin_zones_are_not_features():
    assert set(features.ADMIN_ZONE_SUFFIXES) & set(features.FEATURE_SUFFIXES) == set()


@pytest.mark.parametrize(
    "name, parts",
    [
        ("人民路东延", ("人民路", "东延")),
        ("育才大街南延", ("育才大街", "南延")),
        ("建设路西延伸段", ("建设路", "西延伸段")),
        ("中华大街", ("中华大街", "")),
        ("东延", ("东延", "")),
    ],
)
def test_lexicon_split_extension(name, parts):
    assert features.split_extension(name) == parts


def test_lexicon_program_heads_strong_and_weak_are_disjoint():
    assert programs.STRONG_PROGRAM_HEADS & programs.WEAK_PROGRAM_HEADS == frozenset()


def test_lexicon_cue_verbs_have_one_role_each():
    assert set(programs.CUE_VERBS) == {"organizes", "undertakes", "leads", "runs"}
    counts = Counter(v for verbs in programs.CUE_VERBS.values() for v in verbs)
    assert [v for v, n in counts.items() if n > 1] == []


def test_lexicon_generic_program_words_end_in_a_head():
    heads = programs.PROGRAM_HEADS
    assert [w for w in programs.GENERIC_PROGRAM_WORDS if not w.endswith(heads)] == []


@pytest.mark.parametrize(
    "phrase, name",
    [
        ("全力推进全国文明城市创建工作", "全国文明城市创建工作"),
        ("深入开展爱国卫生专项行动", "爱国卫生专项行动"),
        ("提前完成农村生活水源置换工程", "农村生活水源置换工程"),
        ("实施公平竞争审查制度", "公平竞争审查制度"),
    ],
)
def test_lexicon_leading_verbs_strip_to_the_name(phrase, name):
    for verb in programs.LEADING_VERBS:
        if phrase.startswith(verb):
            phrase = phrase[len(verb):]
            break
    assert phrase == name
    assert phrase.endswith(programs.PROGRAM_HEADS)


# --- guard against names memorised from the sample pages ---------------------------

# Places of the sample pages' region: no lexicon string may contain them.
_REGIONAL_NAMES = (
    "衡水", "桃城", "冀州", "枣强", "武邑", "深州", "武强", "饶阳", "安平", "故城", "景县",
    "阜城", "滨湖新区", "石家庄", "滏阳", "大麻森", "郑口", "师黄", "衡井", "肃衡", "榕花",
    "以岭", "佐英", "唐奉",
)
# Feature names of the gold files that are common to cities all over China.
_NATIONWIDE_FEATURES = {"人民路", "外环路", "北外环", "长江", "前进大街", "红旗大街"}


def _lexicon_texts():
    return {path.name: path.read_text(encoding="utf-8") for path in MODULE_FILES if path.exists()}


@pytest.mark.parametrize("name", _REGIONAL_NAMES)
def test_lexicon_has_no_regional_names(name):
    assert [file for file, text in _lexicon_texts().items() if name in text] == []


def _gold_names():
    names = set()
    for path in sorted(GOLD_DIR.glob("*.json")):
        for entity in json.loads(path.read_text(encoding="utf-8"))["entities"]:
            if entity["type"] == "Place" and entity.get("level") == "province":
                continue
            if entity["type"] in ("Place", "Organization") or entity.get("jurisdiction"):
                names.add(entity["name"])
    return names


def test_lexicon_has_no_place_or_organization_names_of_the_gold_pages():
    if not GOLD_DIR.is_dir():
        pytest.skip(f"gold annotations not found at {GOLD_DIR}")
    names = {n for n in _gold_names() if len(n) >= 3 and n not in _NATIONWIDE_FEATURES}
    names -= set(organizations.NATIONAL_MEDIA)  # 新华社 is national general knowledge
    assert names, "no gold names read"
    texts = _lexicon_texts()
    found = sorted((name, file) for name in names for file, text in texts.items() if name in text)
    assert found == []


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.__name__)
def test_lexicon_docstring_examples_hold(module):
    import doctest

    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_lexicon_sector_references_resolve():
    assert set(agencies.SECTOR_REFERENCES.values()) <= set(agencies.DEPARTMENTS)
    assert agencies.SECTOR_REFERENCES["城管部门"] == "城市管理综合行政执法局"
    assert agencies.SECTOR_REFERENCES["环保部门"] == "生态环境局"
    # a reference is not a name
    assert set(agencies.SECTOR_REFERENCES) & set(agencies.ABBREVIATIONS) == set()


def test_lexicon_program_head_sets_cover_the_scan_list():
    assert programs.STRONG_HEADS | programs.WEAK_HEADS == set(programs.PROGRAM_HEADS)
    assert programs.STRONG_HEADS is programs.STRONG_PROGRAM_HEADS

"""Administrative divisions of China: codes, names, parents, and a text matcher.

Data: ``kg/data/divisions.tsv.gz`` (provinces, prefectures, counties and
townships of all of China, with aliases) and one
``kg/data/divisions_villages_<province>.tsv.gz`` per province, loaded only
when a village is asked for. Source and date: ``kg/data/GAZETTEER_SOURCE.md``;
regenerate with ``scripts/build_gazetteer.py``.

Codes: provinces, prefectures and counties carry the 6-digit GB/T 2260 code
(``131100``), townships and villages the 12-digit statistical code
(``131126100000``, ``131126100228``). :func:`get` accepts any of the 6-, 9-
or 12-digit forms.

>>> get("131100").name
'衡水市'
>>> [d.name for d in chain(lookup("郑口镇")[0])]
['郑口镇', '故城县', '衡水市', '河北省']
>>> resolve("新华区", context=lookup("石家庄市")).code
'130105'

Free-text matching (:func:`find_all`) follows these rules, because most
short place names are also ordinary words:

* full names of provinces, prefectures, counties and townships are matched
  (longest match first), except the generic ones in :data:`GENERIC_NAMES`
  (城区, 郊区, 矿区, 新区, 高新区 …) and names shorter than 3 characters
  (two-character county names such as 景县 are allowed, see below);
* short forms (衡水, 故城, 河北) are matched for provinces, prefectures and
  counties that are 县/市/旗/自治县 — never for 市辖区 (新华, 长安, 和平 are
  words) — when the short form has 2+ characters and is not in
  :data:`SHORT_STOPWORDS`;
* a county short form, or a two-character county name (景县, 范县), counts
  only where the page (or ``context``) names a place of the same province —
  惠民 (山东惠民县) is a word on a 河北 page, 范县 is inside 示范县;
* township short forms (郑口) are never matched alone;
* context-only aliases of 功能区 (高新区, 经开区 …) are matched only when the
  page or the caller's ``context`` places them (衡水 → 衡水高新技术产业开发区);
* villages are matched only under the townships/counties given in
  ``villages_under``, also by their bare stem (杨庄 for 杨庄村) — a
  two-character stem only when listed next to another village (发展, 合理
  are words);
* a name with several candidates is resolved against the places found
  elsewhere in the text, nearest first, then the caller's context, and
  dropped when that does not single one out (a candidate must share at
  least the prefecture with a context place);
* with ``boundaries`` (token offsets from a word segmenter), short forms and
  two-character names must start and end on a token boundary.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Container, Iterable, Sequence

import ahocorasick_rs

from kg.errors import KGError

DATA_DIR = Path(__file__).resolve().parent / "data"
MAIN_FILE = DATA_DIR / "divisions.tsv.gz"
LEVELS = ("province", "prefecture", "county", "township", "village")
_RANK = {lv: i + 1 for i, lv in enumerate(LEVELS)}

# --- language data ------------------------------------------------------

# the 56 recognised ethnic groups, for short forms of autonomous areas
# (广西壮族自治区 → 广西, 孟村回族自治县 → 孟村)
ETHNIC_GROUPS = (
    "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 "
    "拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 "
    "乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
).split()
_ETHNIC_SUFFIXES = sorted((g + "族" for g in ETHNIC_GROUPS), key=len, reverse=True)

# level suffixes, longest first within each level
_SUFFIXES = {
    "province": ("特别行政区", "自治区", "省", "市"),
    "prefecture": ("自治州", "地区", "盟", "市"),
    "county": ("自治县", "自治旗", "林区", "特区", "县", "市", "区", "旗"),
    "township": ("街道办事处", "民族乡", "民族苏木", "街道", "苏木", "镇", "乡"),
}

# names that are generic words, never a place by themselves in free text
GENERIC_NAMES = frozenset(
    "城区 郊区 矿区 新区 东区 西区 南区 北区 市中区 市辖区 开发区 高新区 经开区 园区 工业区 工业园区 "
    "管理区 示范区 实验区 新城 高新技术产业开发区 高新技术开发区 高新技术产业园区 经济技术开发区 "
    "经济开发区 产业园区 风景名胜区 度假区 旅游度假区 保税区 综合保税区 生活区 小城镇".split()
)

# county/prefecture short forms that are common words in news text
SHORT_STOPWORDS = frozenset(
    "资源 同心 大方 方正 合作 兴业 平原 江山 天台 开化 清流 富民 安宁 新民 平和 兴隆 东方 新华 和平 "
    "长安 城关 南部 万年 太和 永和 和顺 阳春 大化 新兴 长治 三门 大田 东山 凤山 钟山 平乐 永福 中山 "
    "通道 共和 河口 江城 永安 泰和 长寿 南华 大安 新化 安福 正安 定安 大名 永胜 宁强 青河 和静 民和 "
    "互助 乐都 平安 城中 城东 城西 城南 城北 东城 西城 南城 北城 中心 白云 青山 金山 宝山 龙泉 红旗 "
    "江南 江北 河东 河西 山南 海东 丰城 和田 开平 新会 复兴 友谊 团结 胜利 光明 安全 文明 新市 "
    "清河 沙河 双桥 万全 崇礼 新乐 平山 长宁 高县 珙县 兴文 大城 公安 惠民 白银 大庆 永兴 商城 清水 新和 "
    "民乐 建水 和安 永康 和政 新平 安康 和县 范县".split()
)

# 功能区 wordings and their usual abbreviations
_ZONE_ABBREVIATIONS = (
    ("高新技术产业开发区", "高新区"),
    ("高新技术开发区", "高新区"),
    ("高新技术产业园区", "高新区"),
    ("经济技术开发区", "经开区"),
    ("经济开发区", "经开区"),
)
_ZONE_MARKERS = ("开发区", "新区", "园区", "管理区", "示范区", "实验区", "新城", "风景名胜区", "食品区", "聚集区", "管委会")

_VILLAGE_PATTERNS = (
    # (suffix of the official name, what to append to the stem for the short form)
    ("村村民委员会", "村"),
    ("村民委员会", "村"),
    ("村村委会", "村"),
    ("村委会", "村"),
    ("社区居民委员会", "社区"),
    ("社区居委会", "社区"),
    ("居民委员会", "社区"),
    ("居委会", "社区"),
    ("嘎查委员会", "嘎查"),
    ("委员会", ""),
)
_VILLAGE_SUFFIX_ADD = dict(_VILLAGE_PATTERNS)
_VILLAGE_SUFFIX_RE = re.compile("(" + "|".join(re.escape(p) for p, _ in _VILLAGE_PATTERNS) + ")$")
_VILLAGE_LIKE = re.compile(r"(村|社区|委员会|居委会|村委会|嘎查|生活区|生产队)$")


class GazetteerError(KGError):
    """The gazetteer data files are missing or damaged."""


@dataclass(frozen=True, slots=True)
class Division:
    """One administrative division.

    ``code``: 6-digit GB/T 2260 code down to counties, 12-digit statistical
    code for townships and villages. ``short``: the name as people commonly
    write it (衡水 for 衡水市, 师黄村 for 师黄村村民委员会).
    """

    code: str
    name: str
    level: str
    parent_code: str | None
    short: str
    #: the code right-padded to 12 digits (the IRI key)
    code12: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "code12", self.code.ljust(12, "0"))


# --- names --------------------------------------------------------------


def _strip_ethnic(stem: str) -> str:
    changed = True
    while changed:
        changed = False
        for suf in _ETHNIC_SUFFIXES:
            if stem.endswith(suf) and len(stem) > len(suf):
                stem = stem[: -len(suf)]
                changed = True
                break
    return stem


def short_name(name: str, level: str) -> str:
    """The common short form of a division name.

    >>> short_name("衡水市", "prefecture"), short_name("景县", "county")
    ('衡水', '景县')
    >>> short_name("孟村回族自治县", "county"), short_name("师黄村村民委员会", "village")
    ('孟村', '师黄村')
    """
    if level == "village":
        return _village_key(name)
    if any(m in name for m in _ZONE_MARKERS) and level != "township":
        return name
    for suffix in _SUFFIXES.get(level, ()):
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            if "自治" in suffix or suffix == "自治区":
                stem = _strip_ethnic(stem)
            return stem if len(stem) >= 2 else name
    return name


def village_aliases(name: str) -> list[str]:
    """Other official wordings of a village committee's name.

    >>> village_aliases("师黄村村民委员会")
    ['师黄村', '师黄村委会', '师黄村民委员会', '师黄村村委会']
    """
    short = short_name(name, "village")
    out: list[str] = []
    if short.endswith("村"):
        stem = short[:-1]
        forms = [short, stem + "村委会", stem + "村民委员会", short + "村委会", short + "村民委员会"]
    elif short.endswith("社区"):
        forms = [short, short + "居委会", short + "居民委员会"]
    else:
        forms = [short]
    for f in forms:
        if f != name and f not in out and len(f) >= 2:
            out.append(f)
    return out


def derive_aliases(name: str, level: str, province: str, prefecture: str | None) -> tuple[str, list[str]]:
    """Short form and aliases of a county- or prefecture-level 功能区, or of a 街道.

    Aliases prefixed with ``*`` are generic (高新区) and only usable with context.

    >>> derive_aliases("河北衡水高新技术产业开发区", "county", "河北省", "衡水市")[0]
    '衡水高新区'
    """
    short = short_name(name, level)
    aliases: list[str] = []
    if level == "township":
        if name.endswith("街道办事处"):
            aliases.append(name[: -len("办事处")])
        return short, aliases
    if not any(m in name for m in _ZONE_MARKERS):
        return short, aliases
    prov_short = short_name(province, "province")
    forms = [name]
    for p in (province, prov_short):
        if name.startswith(p) and len(name) > len(p) + 1:
            forms.append(name[len(p):])
            break
    bare: list[str] = []
    if prefecture:
        pref_short = short_name(prefecture, "prefecture")
        for f in list(forms):
            for p in (prefecture, pref_short):
                if f.startswith(p) and len(f) > len(p) + 1:
                    rest = f[len(p):]
                    forms += [pref_short + rest, prefecture + rest]
                    bare.append(rest)
                    break
    for f in list(forms) + bare:
        for long, abbr in _ZONE_ABBREVIATIONS:
            if f.endswith(long):
                a = f[: -len(long)] + abbr
                (bare if f in bare else forms).append(a)
                break
    seen = {name}
    for f in forms + bare:
        if f not in seen:
            seen.add(f)
            aliases.append("*" + f if f in GENERIC_NAMES else f)
    # the short form: the shortest specific wording that keeps the city's name
    # (衡水高新区), else the shortest specific wording
    specific = [name] + [a for a in aliases if not a.startswith("*") and a not in bare]
    anchor = short_name(prefecture, "prefecture") if prefecture else None
    cands = [a for a in specific if anchor and a.startswith(anchor)] or specific
    short = min(cands, key=lambda a: (len(a), a))
    return short, aliases


def _is_zone(name: str) -> bool:
    return any(m in name for m in _ZONE_MARKERS)


# --- loading ------------------------------------------------------------


class _Store:
    def __init__(self) -> None:
        self.by_code: dict[str, Division] = {}
        self.children: dict[str, list[str]] = {}
        self.names: dict[str, list[str]] = {}  # name or alias → codes
        self.generic: dict[str, list[str]] = {}  # context-only alias → codes
        self.loaded_villages: set[str] = set()
        # villages are kept as plain rows and become Division objects on demand
        self.village_names: dict[str, str] = {}  # code → official name
        self.village_children: dict[str, list[str]] = {}  # township code12 → codes
        self.village_index: dict[str, list[str]] = {}  # short form → codes

    def add(self, div: Division, aliases: Iterable[str]) -> None:
        key = div.code12
        self.by_code[key] = div
        if div.parent_code:
            self.children.setdefault(div.parent_code.ljust(12, "0"), []).append(key)
        self.names.setdefault(div.name, []).append(key)
        for a in aliases:
            if a.startswith("*"):
                self.generic.setdefault(a[1:], []).append(key)
                self.names.setdefault(a[1:], []).append(key)
            elif a != div.name:
                self.names.setdefault(a, []).append(key)


def _read_gz(path: Path) -> list[str]:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            lines = f.read().split("\n")
    except FileNotFoundError:
        raise GazetteerError(f"{path}: gazetteer data file missing; run scripts/build_gazetteer.py") from None
    except (OSError, UnicodeDecodeError) as e:
        raise GazetteerError(f"{path}: cannot read gazetteer data ({e}); regenerate it") from None
    return [ln for ln in lines[1:] if ln]


@lru_cache(maxsize=1)
def _store() -> _Store:
    st = _Store()
    for ln in _read_gz(MAIN_FILE):
        parts = ln.split("\t")
        if len(parts) != 7:
            raise GazetteerError(f"{MAIN_FILE}: malformed row {ln!r}")
        code, level, parent, name, short, aliases, _source = parts
        div = Division(code, name, level, parent or None, short)
        al = [a for a in aliases.split("|") if a]
        if level in ("province", "prefecture") or (
            level == "county" and len(short) >= 2 and not any(m in name for m in _ZONE_MARKERS)
        ):
            if short != name:
                al.append(short)
        elif level == "county" and short != name:
            al.append(short)
        elif level == "township" and name.endswith("村乡") and len(name) >= 4:
            al.append(name[:-2] + "乡")  # 彭杜村乡 is written 彭杜乡
        st.add(div, al)
    return st


def _load_villages(province: str) -> None:
    st = _store()
    if province in st.loaded_villages:
        return
    st.loaded_villages.add(province)
    path = DATA_DIR / f"divisions_villages_{province}.tsv.gz"
    if not path.exists():
        return
    names, kids, index = st.village_names, st.village_children, st.village_index
    for ln in _read_gz(path):
        parts = ln.split("\t")
        if len(parts) != 3 or len(parts[0]) != 12:
            raise GazetteerError(f"{path}: malformed row {ln!r}; regenerate it with scripts/build_gazetteer.py")
        code, name, short = parts
        names[code] = name
        kids.setdefault(code[:9] + "000", []).append(code)
        index.setdefault(short or name, []).append(code)


def _village_key(name: str) -> str:
    """The short form a village is indexed under (师黄村委会, 师黄村民委员会 → 师黄村)."""
    m = _VILLAGE_SUFFIX_RE.search(name)
    if m is None:
        return name
    stem, add = name[: m.start()], _VILLAGE_SUFFIX_ADD[m.group(1)]
    if not stem:
        return name
    return stem if (not add or stem.endswith(add)) else stem + add


def _village(code12: str) -> Division | None:
    st = _store()
    div = st.by_code.get(code12)
    if div is None:
        name = st.village_names.get(code12)
        if name is None:
            return None
        div = Division(code12, name, "village", code12[:9] + "000", _village_key(name))
        st.by_code[code12] = div
    return div


def _load_all_villages() -> None:
    for path in sorted(DATA_DIR.glob("divisions_villages_*.tsv.gz")):
        _load_villages(path.name[len("divisions_villages_"):-len(".tsv.gz")])


# --- API ----------------------------------------------------------------


def _norm_code(code: str) -> str | None:
    code = str(code).strip()
    if not code.isdigit() or len(code) not in (2, 4, 6, 9, 12):
        return None
    return code.ljust(12, "0")


def get(code: str) -> Division | None:
    """The division with this code (6, 9 or 12 digits), or None."""
    key = _norm_code(code)
    if key is None:
        return None
    st = _store()
    div = st.by_code.get(key)
    if div is None and key[9:] != "000":
        _load_villages(key[:2])
        div = _village(key)
    return div


def parent(div: Division) -> Division | None:
    """The division directly above ``div`` (None for a province)."""
    return get(div.parent_code) if div.parent_code else None


def chain(div: Division) -> list[Division]:
    """``div`` and its ancestors up to its province."""
    out = [div]
    while (p := parent(out[-1])) is not None:
        out.append(p)
    return out


def children(code: str) -> list[Division]:
    """The divisions directly under ``code``, sorted by code."""
    key = _norm_code(code)
    if key is None:
        return []
    st = _store()
    div = st.by_code.get(key)
    if div is not None and div.level == "township":
        _load_villages(key[:2])
        return [_village(c) for c in sorted(st.village_children.get(key, ()))]  # type: ignore[misc]
    return [st.by_code[c] for c in sorted(st.children.get(key, ()))]


def descendants_of(code: str, level: str | None = None) -> list[Division]:
    """All divisions under ``code`` (optionally only those of ``level``), sorted by code."""
    if level is not None and level not in _RANK:
        raise ValueError(f"unknown level {level!r}; expected one of {', '.join(LEVELS)}")
    out: list[Division] = []
    stack = [code]
    while stack:
        for ch in children(stack.pop()):
            if level is None or ch.level == level:
                out.append(ch)
            if level is None or _RANK[ch.level] < _RANK[level]:
                stack.append(ch.code)
    return sorted(out, key=lambda d: d.code12)


def lookup(name: str, provinces: Iterable[str] | None = None) -> list[Division]:
    """All divisions whose full name or an accepted alias is ``name``.

    Sorted by level (province first), then code. Village names are looked
    up only for names that look like one (…村, …社区, …委员会), in the
    village tables of ``provinces`` (2-digit codes or any code inside the
    province) or, by default, of all provinces — loading all of them takes
    a few seconds the first time.
    """
    name = name.strip()
    st = _store()
    codes = set(st.names.get(name, ()))
    if _VILLAGE_LIKE.search(name):
        if provinces is None:
            _load_all_villages()
        else:
            for p in sorted({str(p).strip()[:2] for p in provinces}):
                _load_villages(p)
        wanted = None if provinces is None else {str(p).strip()[:2] for p in provinces}
        codes.update(c for c in st.village_index.get(_village_key(name), ()) if wanted is None or c[:2] in wanted)
    divs = [st.by_code.get(c) or _village(c) for c in codes]
    return sorted((d for d in divs if d is not None), key=lambda d: (_RANK[d.level], d.code12))


def _ancestors(div: Division) -> tuple[str, ...]:
    return _ancestor_codes(div.code12)


@lru_cache(maxsize=65536)
def _ancestor_codes(code12: str) -> tuple[str, ...]:
    div = get(code12)
    return tuple(d.code12 for d in chain(div)) if div is not None else (code12,)


def _affinity(cand: Division, ctx: Division) -> int:
    """Depth of the deepest division that contains both (0: none)."""
    return _affinity_codes(cand.code12, ctx.code12)


@lru_cache(maxsize=262144)
def _affinity_codes(a_code: str, b_code: str) -> int:
    b = set(_ancestor_codes(b_code))
    for code in _ancestor_codes(a_code):  # deepest first
        if code in b:
            d = get(code)
            return _RANK[d.level] if d else 0
    return 0


def _pick(cands: list[Division], context: Sequence[Division]) -> Division | None:
    if not cands:
        return None
    if len(cands) == 1:
        return cands[0]
    if context:
        scored = sorted(((max(_affinity(c, x) for x in context), c) for c in cands),
                        key=lambda t: -t[0])
        best = scored[0][0]
        top = [c for s, c in scored if s == best]
        if best > 0 and len(top) == 1:
            return top[0]
        if best > 0:
            cands = top
    # one candidate contains all the others (承德 → 承德市, not 承德县)
    codes = {c.code12 for c in cands}
    for c in cands:
        if all(c.code12 in _ancestors(o) for o in cands if o is not c):
            return c
    # without context a province or prefecture outranks same-named lower units
    highest = min(_RANK[c.level] for c in cands)
    top = [c for c in cands if _RANK[c.level] == highest]
    if highest <= _RANK["prefecture"] and len(top) == 1 and len(codes) > 1:
        return top[0]
    return None


def _pick_in_context(
    cands: list[Division], context: Sequence[Division], min_affinity: int = _RANK["prefecture"]
) -> Division | None:
    """The one candidate sharing a prefecture (or ``min_affinity``) with the context, else None."""
    if not cands or not context:
        return None
    scored = [(max(_affinity(c, x) for x in context), c) for c in cands]
    best = max(sc for sc, _ in scored)
    top = [c for sc, c in scored if sc == best]
    if best >= min_affinity and len(top) == 1:
        return top[0]
    return None


def _pick_nearest(cands: list[Division], near: Sequence[Division], floor: int) -> Division | None:
    """``_pick_in_context(cands, near[:k], floor)`` for the smallest k that picks one.

    The context grows one place at a time, nearest first; each candidate's
    best affinity so far is kept, so this is linear in ``len(near)``.
    """
    if not cands:
        return None
    scores = [0] * len(cands)
    codes = [c.code12 for c in cands]
    for x in near:
        xc = x.code12
        for i, code in enumerate(codes):
            a = _affinity_codes(code, xc)
            if a > scores[i]:
                scores[i] = a
        best = max(scores)
        if best >= floor and scores.count(best) == 1:
            return cands[scores.index(best)]
    return None


def resolve(name: str, context: Sequence[Division] = ()) -> Division | None:
    """The division ``name`` most likely means, given divisions seen nearby.

    Candidates inside or nearest to the context win (same parent, same
    prefecture, same province); None when the name stays ambiguous. Without
    context, a candidate containing all the others wins (承德 → 承德市, not
    承德县) and so does a lone province or prefecture among lower units of
    the same name (吉林 → 吉林省). A village named without its suffix
    (杨庄) is looked for only inside the context.

    >>> resolve("长安区", lookup("石家庄市")).code
    '130102'
    >>> resolve("新华区") is None
    True
    """
    context = list(context)
    # village names are looked for in the provinces of the context only
    provinces = {c.code[:2] for c in context} if context else None
    cands = lookup(name, provinces)
    if not cands and context and len(name) >= 2 and not _VILLAGE_LIKE.search(name):
        # a village named without its suffix (杨庄 for 杨庄村): only inside the context's counties
        villages = lookup(name + "村", provinces)
        return _pick_in_context(villages, context, _RANK["county"]) if villages else None
    return _pick(cands, context)


# --- free text ----------------------------------------------------------


@lru_cache(maxsize=1)
def _matcher() -> dict[str, tuple[str, ...]]:
    """Surface form → codes, for the names allowed in free text (see module doc)."""
    st = _store()
    table: dict[str, set[str]] = {}
    for key, div in st.by_code.items():
        if div.level == "village":
            continue
        forms = []
        if div.name not in GENERIC_NAMES and div.name not in SHORT_STOPWORDS and (
            len(div.name) >= 3 or div.name[-1] in "县市旗"
        ):
            forms.append(div.name)
        if div.level in ("province", "prefecture") or (
            div.level == "county" and div.name[-1] in "县市旗" and not any(m in div.name for m in _ZONE_MARKERS)
        ):
            if len(div.short) >= 2 and div.short not in SHORT_STOPWORDS:
                forms.append(div.short)
        for f in forms:
            table.setdefault(f, set()).add(key)
    for name, codes in st.names.items():
        # aliases of 功能区 and 街道 (not generic, not short forms handled above)
        if name in GENERIC_NAMES or name in st.generic or name in table:
            continue
        if len(name) < 4 and not (len(name) == 3 and name.endswith("乡")):
            continue
        divs = [st.by_code[c] for c in codes]
        if any(d.level == "county" and d.short == name and not _is_zone(d.name) for d in divs):
            continue  # a district's short form (新华, 长安): never alone
        if all(d.level in ("county", "prefecture", "township") and d.name != name for d in divs):
            table[name] = set(codes)
    for name, codes in st.generic.items():
        table.setdefault(name, set()).update(codes)
    return {k: tuple(sorted(v)) for k, v in table.items()}


@lru_cache(maxsize=1)
def _names() -> _NameIndex | None:
    """The free-text names indexed for the longest-match scan (built once)."""
    return _index(_matcher())


@dataclass(frozen=True)
class _NameIndex:
    """Names and their values, matched together by an Aho–Corasick
    automaton (Rust, ahocorasick_rs: one pass over the text finds every
    occurrence of every name, offsets in characters)."""

    automaton: ahocorasick_rs.AhoCorasick
    values: tuple[tuple[str, ...], ...]  # by the name's index


def _index(table: dict[str, tuple[str, ...]]) -> _NameIndex | None:
    if not table:
        return None
    names = sorted(table)
    return _NameIndex(ahocorasick_rs.AhoCorasick(names), tuple(table[n] for n in names))


def _longest(text: str, index: _NameIndex | None) -> dict[int, tuple[int, tuple[str, ...]]]:
    """The longest name of ``index`` starting at each offset of ``text``: its length and value."""
    out: dict[int, tuple[int, tuple[str, ...]]] = {}
    if index is None:
        return out
    values = index.values
    for k, start, end in index.automaton.find_matches_as_indexes(text, overlapping=True):
        have = out.get(start)
        if have is None or end - start > have[0]:
            out[start] = (end - start, values[k])
    return out


def _scan(
    text: str,
    names: _NameIndex | None,
    villages: Sequence[_NameIndex | None] = (),
) -> tuple[list[tuple[int, int, tuple[str, ...]]], set[int]]:
    """Greedy left-to-right longest match.

    At each position the longest name starting there wins (a village name
    over a division of the same spelling; the codes of villages of one
    spelling under several counties are pooled); the scan then resumes after it —
    the same spans as trying every length at every position, except that a
    two-character name gives way to a longer one starting inside it (和|龙湖镇,
    not 和龙). Returns the spans and the indices of those that are village names.
    """
    best = {start: (length, codes, False) for start, (length, codes) in _longest(text, names).items()}
    for index in villages:
        for start, (length, codes) in _longest(text, index).items():
            have = best.get(start)
            if have is None or length > have[0] or (length == have[0] and not have[2]):
                best[start] = (length, codes, True)
            elif length == have[0]:
                best[start] = (length, tuple(sorted(set(have[1]) | set(codes))), True)
    out = []
    village_spans: set[int] = set()
    pos = 0
    for start in sorted(best):
        if start < pos:
            continue
        length, codes, is_village = best[start]
        nxt = best.get(start + 1)
        if length == 2 and nxt is not None and nxt[0] >= 3:
            continue  # 和|龙湖镇: a two-character name (和龙) that a longer name starting inside it overlaps
        if is_village:
            village_spans.add(len(out))
        out.append((start, start + length, codes))
        pos = start + length
    return out, village_spans


@lru_cache(maxsize=4096)
def _village_forms(code: str) -> dict[str, tuple[str, ...]]:
    """Surface form → codes of the villages under one county or township."""
    vset: dict[str, list[str]] = {}
    for v in descendants_of(code, "village"):
        short = v.short
        forms = {v.name, *village_aliases(v.name)}
        if short.endswith("村") and len(short) >= 3:
            forms.add(short[:-1])  # 杨庄 for 杨庄村
        for f in forms:
            if len(f) >= 2:
                vset.setdefault(f, []).append(v.code12)
    return {k: tuple(v) for k, v in vset.items()}


@lru_cache(maxsize=4096)
def _villages(code: str) -> _NameIndex | None:
    """The village names under one county or township, indexed (cached: a
    region's counties recur across the pages of its papers)."""
    return _index(_village_forms(code))


def find_all(
    text: str,
    villages_under: Iterable[str] | None = None,
    context: Sequence[Division] = (),
    boundaries: Container[int] | None = None,
) -> list[tuple[int, int, Division]]:
    """Mentions of divisions in ``text``: ``(start, end, division)``, in text order.

    Longest match first, then each name is resolved against ``context`` and
    the unambiguous places found in the same text; names that stay
    ambiguous are dropped. Villages are matched only under the township or
    county codes in ``villages_under``, by full name, short form (师黄村) or
    bare stem (杨庄 for 杨庄村). ``boundaries``, when given (e.g. the
    token offsets of a word segmenter), are the offsets where a word may
    start or end: short forms and two-character names must start and end on
    one (so 迁安 is not read in 回迁安置).

    >>> [(s, e, d.code) for s, e, d in find_all("衡水市故城县郑口镇")]
    [(0, 3, '131100'), (3, 6, '131126'), (6, 9, '131126100000')]
    """
    st = _store()
    under = sorted(set(villages_under or ()))
    spans, village_spans = _scan(text, _names(), [_villages(c) for c in under])
    ctx = list(context)
    found: dict[int, Division] = {}
    # pass 1: names with a single reading, not generic
    county_short: set[int] = set()
    skip: set[int] = set()
    for idx, (s, e, codes) in enumerate(spans):
        surface = text[s:e]
        if surface in st.generic and idx not in village_spans:
            continue
        cands = [d for d in (get(c) for c in codes) if d is not None]
        is_short = all(d.short == surface != d.name or len(surface) == 2 for d in cands)
        if is_short and boundaries is not None and (s not in boundaries or e not in boundaries):
            skip.add(idx)
            continue
        if all(d.level == "county" for d in cands) and is_short:
            county_short.add(idx)  # 故城, 惠民: only where the page is in that province
            continue
        div = _pick(cands, ())
        if div is not None:
            found[idx] = div
    anchors = sorted(found)
    # pass 2: the rest, against the nearest places of the page first, then
    # the caller's context (the nearest 衡水市 decides what 高新区 means)
    for idx, (s, e, codes) in enumerate(spans):
        if idx in found or idx in skip:
            continue
        cands = [d for d in (get(c) for c in codes) if d is not None]
        ordered = sorted(anchors, key=lambda j: (abs(spans[j][0] - s), j))
        near = [found[j] for j in ordered] + ctx
        floor = _RANK["province"] if idx in county_short else _RANK["prefecture"]
        div = _pick_nearest(cands, near, floor)
        if div is not None:
            found[idx] = div
        else:
            if not near and text[s:e] not in st.generic and idx not in county_short:
                div = _pick(cands, ())
                if div is not None:
                    found[idx] = div
    _drop_lone_village_stems(text, spans, found)
    _villages_under_written_parent(spans, village_spans, found)
    return [(spans[i][0], spans[i][1], found[i]) for i in sorted(found)]


def _villages_under_written_parent(
    spans: list[tuple[int, int, tuple[str, ...]]], village_spans: set[int], found: dict[int, Division]
) -> None:
    """A village written right after its township or county (王同岳镇张庄村) is
    in that division's county: a village of the same name in another county is
    not meant, and when the gazetteer lists none of that name there (a natural
    village), no division is (the name is left to the feature grammar)."""
    for i in sorted(village_spans & set(found)):
        j = i - 1
        if j < 0 or j not in found or spans[j][1] != spans[i][0]:
            continue
        parent = found[j]
        if parent.level not in ("township", "county"):
            continue
        cands = [d for d in (get(c) for c in spans[i][2]) if d is not None]
        # the township first; then its county (the paper may follow an older map of townships:
        # 前磨头镇|杨庄 for a 杨庄 the gazetteer lists under a neighbouring township of the county)
        prefixes = ([parent.code12[:9]] if parent.level == "township" else []) + [parent.code12[:6]]
        for prefix in prefixes:
            if found[i].code12.startswith(prefix):
                break
            inside = [d for d in cands if d.code12.startswith(prefix)]
            if len(inside) == 1:
                found[i] = inside[0]
                break
        else:
            del found[i]


# what may stand between two names of a list (西邵、杨庄、豆腐营)
_LIST_SEPARATORS = frozenset("、，,和及与")


def _drop_lone_village_stems(text: str, spans: list[tuple[int, int, tuple[str, ...]]], found: dict[int, Division]) -> None:
    """Keep a two-character village stem (杨庄) only inside a list of villages.

    Two-character stems are mostly words (发展, 合理, 红旗); read as a village
    only when listed next to another village (…、杨庄、豆腐营…).
    """
    weak = {
        i for i, d in found.items()
        if d.level == "village" and spans[i][1] - spans[i][0] == 2 and text[spans[i][0]:spans[i][1]] != d.short
    }
    for i in weak:
        if text[spans[i][0]:spans[i][1]] in SHORT_STOPWORDS:
            del found[i]
    weak &= set(found)
    accepted = {i for i, d in found.items() if d.level == "village" and i not in weak}
    changed = True
    while changed:
        changed = False
        for i in sorted(weak - accepted):
            for j in (i - 1, i + 1):
                if j in accepted and 0 <= j < len(spans):
                    a, b = sorted((i, j))
                    if text[spans[a][1]:spans[b][0]] in _LIST_SEPARATORS:
                        accepted.add(i)
                        changed = True
                        break
    for i in weak - accepted:
        del found[i]

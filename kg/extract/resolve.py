"""Resolution: mentions → entities of a page.

One node per real-world thing: aliases are merged (市城管局 = 衡水市城管局 =
衡水市城市管理综合行政执法局), short forms of places point to the division,
市/县 before a department stands for the place in context, and variants of
a program's name (…工程 / …工程建设 / …项目) become one program.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

from kg import gazetteer
from kg.model import Entity, Mention

_WEAK_TAILS = ("编制工作", "建设", "工作", "任务", "工作会议",
               # an aspect of a work is not another program (清洁取暖工程|安全服务)
               "安全服务", "安全管理", "质量管理", "运行管理", "运维管理", "管理", "服务", "验收", "监管")
_SWAP_HEADS = {"工程": "项目", "项目": "工程"}
_YEAR = re.compile(r"^(?:19|20)\d\d年(?:度)?")
_ANY_YEAR = re.compile(r"(?:19|20)\d\d年(?:度)?")  # 平遥县2025年度…征缴工作 ≡ …征缴工作
# the short forms a program's terms are written in as well
_TERM_SHORT_FORMS = (("基本医疗保险", "医保"), ("医疗保险", "医保"), ("基本养老保险", "养老保险"))


@dataclass
class Registry:
    """The entities of a page, found by their identity key."""

    def __post_init__(self) -> None:
        self.by_key: dict[tuple[str, str], Entity] = {}
        self.sub_of: list[tuple[Entity, Entity]] = []  # (unit, the body it belongs to)

    def get(self, type_: str, key: str, name: str, **fields) -> Entity:
        ent = self.by_key.get((type_, key))
        if ent is None:
            ent = Entity(type=type_, name=name, key=key, **fields)
            self.by_key[(type_, key)] = ent
        return ent

    def entities(self) -> list[Entity]:
        return list(self.by_key.values())

    def add_sub(self, unit: Entity, body: Entity) -> None:
        """Record that ``unit`` belongs to ``body`` (once)."""
        if not any(c is unit and p is body for c, p in self.sub_of):
            self.sub_of.append((unit, body))


def place_entity(reg: Registry, div: gazetteer.Division) -> Entity:
    """The entity of a division, with its chain of parents up to the province."""
    ent = reg.by_key.get(("Place", div.code))
    if ent is not None:
        return ent
    # a village is called by its common name (师黄村), its committee's name is an alias
    name = div.short if div.level == "village" and div.short else div.name
    ent = reg.get("Place", div.code, name, level=div.level, code=div.code)
    if name != div.name:
        ent.aliases.add(div.name)
    if div.level in ("province", "prefecture", "county") and div.short and len(div.short) >= 2:
        ent.aliases.add(div.short)  # 故城 for 故城县: how people write it
    ent.gazetteer_only = True
    up = gazetteer.parent(div)
    if up is not None:
        ent.parent = place_entity(reg, up)
    return ent


def mention_place(reg: Registry, mention: Mention, article: int) -> Entity:
    div = gazetteer.get(mention.code)
    ent = place_entity(reg, div) if div else reg.get("Place", mention.name, mention.name, level=mention.level)
    ent.gazetteer_only = False
    ent.articles.add(article)
    ent.mentions.append(mention)
    if mention.text != ent.name:
        ent.aliases.add(mention.text)
    if div is not None and div.short and div.short != div.name and mention.text == div.short:
        ent.aliases.add(div.short)
    return ent


def _level_votes(divisions: list[gazetteer.Division], level: str) -> list[tuple[str, int]]:
    """The divisions of ``level`` the page's places fall in, most places first (ties by code)."""
    votes: Counter[str] = Counter()
    for div in divisions:
        for d in gazetteer.chain(div):
            if d.level == level:
                votes[d.code] += 1
    return sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))


def page_home(divisions: list[gazetteer.Division]) -> gazetteer.Division | None:
    """The prefecture a page is mostly about: the one most of its places fall in."""
    votes = _level_votes(divisions, "prefecture")
    if not votes:
        provinces = Counter(d.code for d in divisions if d.level == "province")
        if provinces:
            return gazetteer.get(provinces.most_common(1)[0][0])
        return None
    return gazetteer.get(votes[0][0])


def own_city(divisions: list[gazetteer.Division]) -> gazetteer.Division | None:
    """The county-level city a page is the paper of (晋江市: its towns and the city
    itself make most of the page's county-level places), or None. Its paper calls
    it 我市, not the prefecture above it."""
    votes = _level_votes(divisions, "county")
    if not votes:
        return None
    code, top = votes[0]
    city = gazetteer.get(code)
    if city is None or not city.name.endswith("市") or top < 3 or top < 0.6 * sum(n for _, n in votes):
        return None
    # (a prefecture's paper names the prefecture itself too: 衡水日报 on 深州市 is still 衡水's)
    prefecture = sum(1 for d in divisions if d.level == "prefecture" and d.code == (city.parent_code or ""))
    named = sum(1 for d in divisions if d.code == city.code)
    return city if prefecture * 3 <= named else None


# --- programs -------------------------------------------------------------------

_OWNER = re.compile(r"^(?:[\u4e00-\u9fff]{2,6}?[省市县区])?(?:(?:19|20)\d\d年)?(?=\d+项)|全市|全县|全省|全区")
_OWNER_INFIX = re.compile(r"(?<=项)(?:市|县|区|省)政府")


def program_key(name: str) -> str:
    """The identity of a program name: year, owner and weak tails removed, 工程 ≡ 项目
    (衡水市2021年20项民生实事 ≡ 全市20项民生实事; 25项市政府民生实事项目 ≡ 25项民生实事)."""
    key = _ANY_YEAR.sub("", name).replace("主题实践活动", "实践活动")  # …主题实践活动 ≡ …实践活动
    for full, short in _TERM_SHORT_FORMS:
        key = key.replace(full, short)  # 城乡居民基本医疗保险 ≡ 城乡居民医保
    if re.search(r"\d+项", key):
        key = _OWNER_INFIX.sub("", _OWNER.sub("", key))
        key = re.sub(r"实事项目$", "实事", key)
    for tail in _WEAK_TAILS:
        if key.endswith(tail) and len(key) - len(tail) >= 4 and _ends_with_head(key[: -len(tail)]):
            key = key[: -len(tail)]
            break
    for head, other in _SWAP_HEADS.items():
        if key.endswith(head):
            key = key[: -len(head)] + "工程"
            break
    return key


def _without_head(key: str) -> str:
    """A key without its 工程 head (keys write 项目 as 工程)."""
    return key[:-2] if key.endswith("工程") else key


def _ends_with_head(name: str) -> bool:
    from kg.extract.programs import head_regex

    last = None
    for last in head_regex().finditer(name):
        continue
    return bool(last and last.end() == len(name))


def choose_program_name(names: set[str]) -> str:
    """The most complete name: ending in a head word, longest, then first in order.
    A weak tail after a head is dropped (农村生活水源置换工程建设 → …工程)."""
    bases = {base for n in names if (base := _before_weak_tail(n))}
    return sorted(names | bases, key=lambda n: (_before_weak_tail(n) is not None, -len(n), n))[0]


def _before_weak_tail(name: str) -> str | None:
    """The name without a weak tail after its head (…工程|建设), if it has one."""
    for tail in _WEAK_TAILS:
        if name.endswith(tail) and len(name) - len(tail) >= 4 and _ends_with_head(name[: -len(tail)]):
            return name[: -len(tail)]
    return None


def merge_program_names(names: list[str]) -> dict[str, str]:
    """Map every program name of a page to the key of the program it names.

    Names with the same key are one program; a name that is the tail of a
    longer one with the same head (水源置换工程 of 农村生活水源置换工程) is the
    same program when that longer name is the only candidate.
    """
    keys = {n: program_key(n) for n in dict.fromkeys(names)}  # (a name named again has the same key)
    # the same works of two years named on one page (2024年 and 2025年高标准农田建设项目)
    # are two programs; a name without a year stays with neither
    years: dict[str, set[str]] = {}
    for n, k in keys.items():
        if (y := _ANY_YEAR.search(n)) is not None:
            years.setdefault(k, set()).add(y.group()[:4])
    for n, k in list(keys.items()):
        if len(years.get(k, ())) > 1 and (y := _ANY_YEAR.search(n)) is not None:
            keys[n] = y.group()[:4] + "年" + k
    distinct = sorted(set(keys.values()), key=lambda k: (-len(k), k))
    # the keys run from the longest down, so the keys longer than one are those
    # before the first key of its length: each rule below looks at those only
    # (not at every key of the page for every key, twice over)
    negative_lengths = [-len(k) for k in distinct]

    def longer_than(key: str) -> list[str]:
        return distinct[: bisect_left(negative_lengths, -len(key))]

    headless = {k: _without_head(k) for k in distinct}
    alias_of: dict[str, str] = {}
    for short in distinct:
        if len(short) < 6:
            continue
        # (城镇老旧小区改造 of 平遥县城镇老旧小区改造项目: the tail before the head)
        longer = [k for k in longer_than(short) if k.endswith(short) or headless[k].endswith(short)]
        if len(longer) == 1:
            alias_of[short] = alias_of.get(longer[0], longer[0])
    # a name and the same name with more in its middle (“古城秋韵”文旅惠民消费季 and
    # 古城秋韵·晋韵平遥2024年文旅惠民消费季): one program, when only one name is longer so
    for short in distinct:
        if short in alias_of or len(short) < 8:
            continue
        longer = [k for k in longer_than(short) if k[:4] == short[:4]
                  and k[-4:] == short[-4:] and any(
                      k.startswith(short[:i]) and k.endswith(short[i:]) for i in range(4, len(short) - 3))]
        if len(longer) == 1:
            alias_of[short] = alias_of.get(longer[0], longer[0])
    # a quoted name without a head and the same name with one (“一枚印章管审批” and
    # “一枚印章管审批”改革): one program, when only one head is attested
    for bare in distinct:
        if len(bare) < 4 or bare in alias_of or _ends_with_head(bare):
            continue
        headed = [k for k in longer_than(bare) if k.startswith(bare) and _is_head(k[len(bare):])]
        if len(headed) == 1:
            alias_of[bare] = alias_of.get(headed[0], headed[0])
    return {n: alias_of.get(k, k) for n, k in keys.items()}


def _is_head(word: str) -> bool:
    from kg.extract.programs import head_regex

    return bool(head_regex().fullmatch(word))

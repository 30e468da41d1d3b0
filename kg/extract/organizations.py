"""Agencies and organisations by their name grammar.

An agency name is a jurisdiction (a place, a level character standing for
the place in context — 市商务局 —, or a pronoun such as 该市) + a
department stem from the lexicon (商务局, 城管局, 卫健委, 市政府, 县委 …) +
optionally a sub-unit (指挥中心, 滨湖新区分局). Other organisations end in
an organisation suffix (公司, 协会, 水厂, 车务段 …) after a proper-name stem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import ahocorasick_rs

from kg import nlp
from kg.extract.spans import NAME_CHAR, TokenIndex, scan_name_left
from kg.lexicon.boundaries import NOMINAL_VERBS
from kg.lexicon import agencies as lex
from kg.model import Mention

try:  # the organisation lexicon
    from kg.lexicon import organizations as org_lex
except ImportError:  # pragma: no cover - the lexicon ships with the package
    org_lex = None  # type: ignore[assignment]


@dataclass
class OrgMention:
    """An agency or organisation named in the text.

    ``jurisdiction`` is a place mention or a level to resolve from context
    (``level_hint``); ``parent`` is the mention of the body this one is part of.
    """

    type: str  # Agency | Organization
    start: int
    end: int
    text: str
    kind: str  # department | government | party | congress | central | sub | org
    stem: str  # canonical department / form (商务局 → 商务局, 城管局 → 城市管理综合行政执法局)
    surface_stem: str
    jurisdiction: Mention | None = None
    level_hint: str = ""  # 市 → prefecture|county … when the jurisdiction is implicit
    pronoun: str = ""  # 该市/我市 before the stem
    parent: "OrgMention | None" = None
    aliases: set[str] = field(default_factory=set)


def _stems() -> list[str]:
    words: set[str] = set(lex.DEPARTMENTS) | set(lex.ABBREVIATIONS) | set(lex.CENTRAL_AGENCIES)
    words |= set(lex.GOVERNMENT_FORMS) | set(lex.PARTY_COMMITTEE_FORMS) | set(lex.PAIRED_FORMS)
    words |= set(getattr(lex, "MASS_ORGANIZATIONS", ())) | set(getattr(lex, "NATIONAL_MASS_ORGANIZATIONS", ()))
    # bare forms that name nothing without a jurisdiction
    words -= {"政府", "人民政府", "党委", "党组", "两院", "党政", "两办"}
    return sorted((w for w in words if len(w) >= 2), key=lambda w: (-len(w), w))


_STEM_FINDER: ahocorasick_rs.AhoCorasick | None = None
_CONGRESS_RE = re.compile(r"(第[一二三四五六七八九十百0-9]+届)?(人民代表大会(?:常务委员会)?|人大常委会|政协)")
_SUBUNIT_RE = re.compile(
    r"(?:[\u4e00-\u9fff]{2,6}?(?:分局|支队|大队|中队|派出所|市场监督管理所|市场监管所|司法所|税务所|财政所)"
    r"|(?:监督)?指挥中心|[\u4e00-\u9fff]{2,12}?领导小组办公室|[\u4e00-\u9fff]{2,10}?联席会议办公室"
    r"|[\u4e00-\u9fff]{2,10}?[处科室股](?=[，,。；;、（(“\s]|负责|相关|有关|要|将|和|与|及|等|的|在|对|从|牵头|联合|会同|表示|介绍|主要|工作人员))"
)


def stem_spans(text: str) -> list[tuple[int, int]]:
    """Where the stems occur in ``text``: leftmost first, the longest at a
    position, not overlapping — what a regular expression alternating the
    stems longest first finds, in one pass of an Aho–Corasick automaton
    (the alternation of some two thousand stems took most of the agency
    extractor's time)."""
    global _STEM_FINDER
    if _STEM_FINDER is None:
        _STEM_FINDER = ahocorasick_rs.AhoCorasick(_stems(), matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
    return [(s, e) for _, s, e in _STEM_FINDER.find_matches_as_indexes(text)]


def _kind(stem: str) -> str:
    if stem in lex.GOVERNMENT_FORMS:
        return "government"
    if stem in lex.PARTY_COMMITTEE_FORMS:
        return "party"
    if stem in lex.CENTRAL_AGENCIES:
        return "central"
    return "department"


def _level_of(stem: str) -> str:
    for table in (lex.GOVERNMENT_FORMS, lex.PARTY_COMMITTEE_FORMS):
        if stem in table:
            return table[stem]
    return ""


def agency_mentions(text: str, places: list[Mention], tokens: TokenIndex | None = None) -> list[OrgMention]:
    """Agencies named in ``text``; ``places`` are the admin places found in it.

    A stem must end a word (人行横道 holds no 人行), and a stem of two
    characters must also start one."""
    place_end = {p.end: p for p in places if p.level != "feature"}
    out: list[OrgMention] = _congresses(text, place_end, [])
    congress = [(o.start, o.end) for o in out]
    for s, e in stem_spans(text):
        surface = text[s:e]
        if any(a <= s < b for a, b in congress):
            continue
        shares_level_char = surface[0] in lex.LEVEL_PREFIXES and (s + 1) in place_end  # 丛台区|委
        if tokens is not None and not shares_level_char and not _on_boundaries(text, tokens, s, e):
            continue
        parts = lex.PAIRED_FORMS.get(surface)
        if parts:
            out.extend(_paired(text, s, e, parts, place_end, out))
            continue
        om = _single(text, s, e, surface, place_end, out)
        if om is not None:
            out.append(om)
    out.extend(_sector_lists(text, place_end, tokens, out))
    out = _local_branches(text, out)
    out = _league_committees(text, out)
    forces = _task_forces(text, place_end, tokens, out)
    out = [o for o in out if not any(t.start <= o.start and o.end <= t.end for t in forces)] + forces
    out = _with_subunits(text, sorted(out, key=lambda o: o.start))
    # 分局 of 南阳市公安局卧龙分局 (a stem that is a word of its own): inside a unit's name
    units = [o for o in out if o.kind == "sub"]
    return [o for o in out if not any(u.start < o.start and o.end <= u.end for u in units)]


# central administrations whose local offices are named with the central name first
# (国家税务总局湖州市税务局, 国家金融监督管理总局湖州监管分局)
_BRANCH_PREFIXES = ("国家税务总局", "国家金融监督管理总局", "国家外汇管理局", "中国人民银行")


def _local_branches(text: str, out: list[OrgMention]) -> list[OrgMention]:
    """国家税务总局|德清县税务局: one local office, named both ways, not the central body."""
    out = sorted(out, key=lambda o: o.start)
    drop = set()
    for a, b in zip(out, out[1:]):
        if a.kind == "central" and a.text in _BRANCH_PREFIXES and a.end == b.start and b.jurisdiction is not None:
            drop.add(id(a))
            b.aliases.add(text[a.start : b.end])
            b.start = a.start
    return [o for o in out if id(o) not in drop]


YOUTH_LEAGUE = "共产主义青年团委员会"  # the canonical stem of 共青团 / 团市委


def _league_committees(text: str, out: list[OrgMention]) -> list[OrgMention]:
    """共青团|合肥市委, 团|邢台市委: the city's youth league committee, not the
    league and the city's party committee (the place sits inside the name, as
    in 共青团合肥市委员会)."""
    out = sorted(out, key=lambda o: o.start)
    drop = set()
    for i, b in enumerate(out):
        if b.kind != "party" or not (b.jurisdiction is not None or b.level_hint) \
                or not text[b.start : b.end].endswith(("委", "委员会")):
            continue
        a = out[i - 1] if i else None
        if a is not None and a.stem == YOUTH_LEAGUE and a.jurisdiction is None and a.end == b.start:
            drop.add(id(a))
            start = a.start
        elif b.start >= 1 and text[b.start - 1] == "团" and text[b.start - 2 : b.start - 1] not in ("集", "社", "剧", "乐"):
            start = b.start - 1  # 团|邢台市委 (not 集团, 社团)
        else:
            continue
        b.kind, b.stem = "department", YOUTH_LEAGUE
        b.surface_stem = "团" + b.surface_stem if b.surface_stem[:1] in lex.LEVEL_PREFIXES else "共青团"
        b.aliases.add(text[start : b.end])
        b.start = start
        b.text = text[b.start : b.end]
    return [o for o in out if id(o) not in drop]


_SECTOR_RE: re.Pattern[str] | None = None
# what may close a list of departments named by their sector (市公安、城管以及…, …等部门)
_LIST_END = re.compile(r"以及|等|和|及|与|联合|共同|协同|部门|单位|[，,。；;）)]")
_BODIES_AFTER = re.compile(r"等?(?:相关|有关)?(?:部门|单位)")


def _sector_lists(text: str, place_end: dict[int, Mention], tokens: TokenIndex | None,
                  found: list[OrgMention]) -> list[OrgMention]:
    """Departments named by their sector in a list after a level character:
    市公安、城管以及社区工作人员 → the city's 公安局 and 城市管理综合行政执法局.
    The list needs two items or more, and one sector no industry is named
    after (公安, 城管, 住建…) or a closing 部门/单位: 县农业、林业产值 names no one."""
    global _SECTOR_RE
    if _SECTOR_RE is None:
        _SECTOR_RE = re.compile("|".join(sorted(map(re.escape, lex.SECTOR_DEPARTMENTS), key=lambda w: (-len(w), w))))
    out: list[OrgMention] = []
    for m in re.finditer(r"[市县区]", text):
        i = m.start()
        place = place_end.get(i + 1)  # 唐山市|公安、城管
        if place is None and (_inside_word(text, i) or tokens is not None and not tokens.is_boundary(i)):
            continue
        items, j = [], i + 1
        while True:
            sm = _SECTOR_RE.match(text, j)
            if sm is None:
                break
            items.append((sm.start(), sm.end()))
            if text[sm.end() : sm.end() + 1] != "、":
                break
            j = sm.end() + 1
        if len(items) < 2:
            continue
        end = items[-1][1]
        closing = _LIST_END.match(text, end)
        if closing is None and end < len(text):
            continue  # the last item runs on into another word
        words = [text[a:b] for a, b in items]
        if not (set(words) & lex.AGENCY_ONLY_SECTORS or _BODIES_AFTER.match(text, end)):
            continue
        if any(o.start < end and i < o.end for o in found):
            continue
        first = None
        for a, b in items:
            word = text[a:b]
            om = OrgMention("Agency", a, b, word, "department", lex.SECTOR_DEPARTMENTS[word], word)
            if first is None:
                if place is not None:
                    om.jurisdiction, om.start = place, place.start
                else:
                    _implicit_jurisdiction(om, text, i, lex.LEVEL_PREFIXES[text[i]])
                first = om
            else:
                om.jurisdiction, om.level_hint, om.pronoun = first.jurisdiction, first.level_hint, first.pronoun
            om.text = text[om.start : b]
            out.append(om)
    return out


# a body set up for one task: 健康衡水领导小组, 创森工作领导小组办公室, 防汛抗旱指挥部
_TASK_FORCE = re.compile(r"(?:领导小组|指挥部)(?:办公室)?")


def _task_forces(text: str, place_end: dict[int, Mention], tokens: TokenIndex | None,
                 found: list[OrgMention]) -> list[OrgMention]:
    if tokens is None:
        return []
    out = []
    for m in _TASK_FORCE.finditer(text):
        s, e = m.start(), m.end()
        if any(o.start <= s < o.end for o in found):
            continue
        begin = scan_name_left(text, tokens, s, max_len=12, barriers=set(), extra_stops=NOMINAL_VERBS, verbs_inside=True)
        # a level character starts the name (市创森工作领导小组), a place too
        for i in range(begin, s):
            if text[i] in "市县区" and not _inside_word(text, i) and i + 1 < s:
                begin = i
                break
        stem = text[begin:s]
        if len(stem) < 2 or stem[-1] in "的和及与、":
            continue
        # a list item or a clause's subject starts at the delimiter (、健康衡水领导小组)
        k = begin
        while k > 0 and begin - k < 4 and NAME_CHAR.match(text[k - 1]):
            k -= 1
        if k < begin and (k == 0 or text[k - 1] in "、，,。；;：:“（(\n") and not any(o.start < begin and k < o.end for o in found):
            begin = k
        if any(o.start < s and begin < o.end for o in found):
            continue  # 衡水市委|党史学习教育领导小组办公室: a unit of a body already found
        om = OrgMention("Agency", begin, e, text[begin:e], "department", text[begin:e], text[begin:e])
        place = next((p for p in place_end.values() if p.start == begin and s - p.end >= 2), None)
        if place is not None:
            om.jurisdiction, om.start = place, place.start
            om.stem = om.surface_stem = text[place.end : e]
        elif text[begin] in "市县区":
            _implicit_jurisdiction(om, text, begin, _level_of(text[begin:e]) or lex.LEVEL_PREFIXES[text[begin]])
            om.stem = om.surface_stem = text[begin + 1 : e]
        om.text = text[om.start : e]
        out.append(om)
    return out


def _on_boundaries(text: str, tokens: TokenIndex, s: int, e: int) -> bool:
    if e < len(text) and not tokens.is_boundary(e) and NAME_CHAR.match(text[e]):
        tok = tokens.tokens[tokens.token_at(e)]
        if tok.start < e and not _is_stem(text[e : tok.end]):
            return False  # the word goes on past the stem (市委党校, one word, is two stems)
    if e - s <= 2 and s > 0 and not tokens.is_boundary(s):
        tok = tokens.tokens[tokens.token_at(s)]
        before = text[tok.start:s]
        if tok.start < s and before not in lex.LEVEL_PREFIXES and not before.endswith(tuple(lex.LEVEL_PREFIXES)) \
                and not _is_stem(before):
            return False
    return True


_STEM_SET: frozenset[str] | None = None


def _is_stem(word: str) -> bool:
    global _STEM_SET
    if _STEM_SET is None:
        _STEM_SET = frozenset(_stems())
    return word in _STEM_SET


# 电子税务局, 网上服务大厅: a service on the web named like an office
_ONLINE = ("电子", "网上", "掌上", "云上", "线上")


def _single(text, s, e, surface, place_end, previous) -> OrgMention | None:
    if text[max(0, s - 2) : s] in _ONLINE:
        return None
    kind = _kind(surface)
    level_chars = lex.LEVEL_PREFIXES
    canonical = lex.canonical_department(surface) or surface
    om = OrgMention("Agency", s, e, surface, kind, canonical, surface)
    if kind in ("government", "party") and surface[0] in level_chars:
        # 衡水市政府 / 衡水市委: the place ends with the level character
        place = place_end.get(s + 1)
        if place is not None and place.name.endswith(surface[0]) and place.start < s + 1:
            om.jurisdiction, om.start = place, place.start
        else:
            _implicit_jurisdiction(om, text, s, _level_of(surface) or level_chars[surface[0]])
        om.text = text[om.start : e]
        if om.start >= 2 and text[om.start - 2 : om.start] == "中共":
            om.start -= 2
            om.text = text[om.start : e]
        return om
    if kind == "central":
        return om
    prev = previous[-1] if previous else None
    if prev is not None and prev.end == s and prev.kind in ("party", "government", "department"):
        # 市委 + 宣传部, 公安局 + 交通警察支队: a unit of the body before it
        om.parent, om.kind, om.start = prev, "sub", prev.start
        om.text = text[om.start : e]
        return om
    place = place_end.get(s)
    if place is None:
        # 邢台经济开发区|管委会 read as 邢台|经济开发区管委会: the zone is the place, the rest the body
        zone = next((p for p in place_end.values() if p.start < s < p.end < e), None)
        rest = lex.canonical_department(text[zone.end : e]) if zone is not None else None
        if rest:
            om.stem, om.surface_stem, place = rest, text[zone.end : e], zone
    if place is None and surface.endswith(_MODIFIED_UNITS):
        # 桃城区|居民|医疗保险中心: a noun between the place and a service unit is part of its name
        place = _place_before_modifier(text, s, place_end)
        if place is not None:
            modifier = text[place.end : s]
            om.stem, om.surface_stem = modifier + om.stem, modifier + om.surface_stem
    if place is not None:
        om.jurisdiction, om.start = place, place.start
    elif surface[:1] == "团" and surface[1:2] in level_chars and surface[2:] == "委":
        _implicit_jurisdiction(om, text, s, level_chars[surface[1]])  # 团市委: the city's youth league
    elif s >= 1 and text[s - 1] in level_chars and not _inside_word(text, s - 1, before_only=True):
        # (县|市场监管局, 市|民政局, 县|城管局: the level character and the stem do not make a word)
        _implicit_jurisdiction(om, text, s - 1, level_chars[text[s - 1]])
    elif kind in ("government", "party"):
        return None  # 政府 / 党委 alone names no one
    om.text = text[om.start : e]
    return om


# service units whose names may carry a modifier after the place (城乡居民医疗保险中心)
_MODIFIED_UNITS = ("中心", "站", "所", "院", "馆")


def _place_before_modifier(text: str, s: int, place_end: dict[int, Mention]) -> Mention | None:
    for k in (2, 4):
        place = place_end.get(s - k)
        if place is None:
            continue
        modifier = text[s - k : s]
        words = [modifier] if k == 2 else [modifier[:2], modifier[2:]]
        if all(nlp.pos(w).startswith("n") and not nlp.pos(w).startswith(("nr", "ns", "nt")) for w in words):
            return place
    return None


def _paired(text, s, e, parts, place_end, previous) -> list[OrgMention]:
    out = []
    offset = s
    for part in parts:
        pos = text.find(part, offset, e)
        shared_level = False
        if part[0] in "省市县区" and len(part) > 2 and (bare := text.find(part[1:], offset, e)) >= 0:
            # 县纪委监委: the level character before the first is read as a level, and the
            # second shares it (县纪委|监委: the level is written once)
            shared_level = bare != pos + 1
            pos, part = bare, part[1:]
        if pos < 0:
            pos = offset
        om = _single(text, pos, pos + len(part), part, place_end, previous)
        if om is not None and out and out[0].jurisdiction is not None and om.jurisdiction is None:
            om.jurisdiction, om.level_hint, om.pronoun = out[0].jurisdiction, "", ""  # 衡水市委|市政府
        elif om is not None and out and shared_level and om.jurisdiction is None:
            om.level_hint, om.pronoun = out[0].level_hint, out[0].pronoun
        if om is not None:
            om.end = pos + len(part) if om.end <= pos + len(part) else om.end
            out.append(om)
        offset = pos + len(part)
    return out


def _implicit_jurisdiction(om: OrgMention, text: str, pos: int, level_hint: str) -> None:
    """The name starts with a level character at ``pos`` (市商务局, 该市委): the
    jurisdiction is the place of that level in context, and a pronoun before
    it (该, 我) belongs to the mention."""
    om.level_hint = level_hint
    om.pronoun = _pronoun_before(text, pos)
    om.start = pos - len(om.pronoun)


def _pronoun_before(text: str, pos: int) -> str:
    for p in ("该", "我", "本", "全"):
        if pos >= 1 and text[pos - 1] == p:
            return p
    return ""


def _inside_word(text: str, pos: int, before_only: bool = False) -> bool:
    """True when the level character at ``pos`` belongs to a word (城市, 县城…);
    with ``before_only``, only a word that it ends (城市, 社区) counts."""
    if not before_only and text[pos : pos + 2] in {"县城", "市区", "市场", "市民", "区域", "县域", "市域", "城区", "市直", "县直", "区县", "县市", "市县", "省级", "市级", "县级", "区级", "镇村", "乡村"}:
        return True
    return pos >= 1 and text[pos - 1 : pos + 1] in {"城市", "都市", "超市", "上市", "门市", "股市", "夜市", "街区", "社区", "园区", "城区", "市区", "景区", "小区", "片区", "辖区", "郊县"}


def _congresses(text: str, place_end: dict[int, Mention], out: list[OrgMention]) -> list[OrgMention]:
    for m in _CONGRESS_RE.finditer(text):
        place = place_end.get(m.start())
        if place is None:
            continue
        if any(o.start <= m.start() < o.end for o in out):
            continue
        stem = m.group(2)
        stem = {"人大常委会": "人民代表大会常务委员会"}.get(stem, stem)
        om = OrgMention("Agency", place.start, m.end(), text[place.start : m.end()], "congress", stem, m.group(2))
        om.jurisdiction = place
        if m.group(1):
            om.aliases.add(place.name + m.group(1) + m.group(2))
        out.append(om)
    return out


# a unit's name that goes on to a smaller unit within a few characters
_UNIT_RUNS_ON = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:大队|中队|支队|分局|派出所|科|室|股|所|站|中心|队)(?![\u4e00-\u9fff]{0,1}[悉示介])")


_LISTED_UNITS = ("分局", "支队", "大队", "中队", "派出所", "分院", "分行", "支行")
# the sections of a bureau (市水利局|农村水利处, 市卫生健康委|规划发展科, 市政府办公室|督查室)
_SECTIONS = ("处", "科", "室", "股")


def _section_name(text: str, start: int, end: int) -> bool:
    """A section's name: nouns (no verb, no function word) ending in 处/科/室/股,
    and not a word of its own (办公室, 处置 are read elsewhere)."""
    words = nlp.cut(text[start:end])
    if any(c in text[start:end] for c in "的和与及在对从向等") or words[-1] in ("办公室", "会议室", "活动室", "科室"):
        return False
    return all(nlp.pos(w) != "v" for w in words if len(w) >= 2)


def _unit_of(om: OrgMention, parent: OrgMention, start: int, end: int, surface: str, unit: str) -> OrgMention:
    """A unit named after the body ``om`` (its ``parent`` may be one of om's units),
    in om's jurisdiction."""
    sub = OrgMention("Agency", start, end, surface, "sub", unit, unit)
    sub.parent = parent
    sub.jurisdiction = om.jurisdiction
    sub.level_hint = om.level_hint
    sub.pronoun = om.pronoun
    return sub


def _with_subunits(text: str, mentions: list[OrgMention]) -> list[OrgMention]:
    out: list[OrgMention] = []
    siblings: list[OrgMention] = []
    for om in mentions:
        out.append(om)
        if om.kind == "central" and not ((m := _SUBUNIT_RE.match(text, om.end)) and m.group().endswith("领导小组办公室")):
            continue  # (国务院根治拖欠农民工工资工作领导小组办公室: the one unit a central body is named with here)
        parent = om
        # a unit of a unit: 南阳市公安局|卧龙分局|刑侦大队
        while (m := _SUBUNIT_RE.match(text, parent.end)) is not None:
            after = m.end()
            if after < len(text) and NAME_CHAR.match(text[after]) and _UNIT_RUNS_ON.match(text, after) \
                    and not _SUBUNIT_RE.match(text, after):
                break  # the unit's name goes on (…分局交通警察大队): not a name we know how to end
            if m.group().endswith(_SECTIONS) and not m.group().endswith(("领导小组办公室", "联席会议办公室")) \
                    and not _section_name(text, m.start(), after):
                break
            sub = _unit_of(om, parent, om.start, after, text[om.start:after], m.group())
            out.append(sub)
            # 曲靖市生态环境局沾益分局、麒麟分局、陆良分局: the units listed after it are
            # units of the same body
            at = after
            while text[at : at + 1] == "、" and (n := _SUBUNIT_RE.match(text, at + 1)) is not None \
                    and n.group().endswith(_LISTED_UNITS) and m.group().endswith(_LISTED_UNITS):
                if n.end() < len(text) and NAME_CHAR.match(text[n.end()]) and _UNIT_RUNS_ON.match(text, n.end()):
                    break
                siblings.append(_unit_of(om, parent, at + 1, n.end(), n.group(), n.group()))
                at = n.end()
            parent = sub
    taken = [(o.start, o.end) for o in siblings]
    out = [o for o in out if not any(a < o.end and o.start < b for a, b in taken)]
    return sorted(out + siblings, key=lambda o: o.start)


# --- organisations -------------------------------------------------------------

def _org_suffixes() -> list[str]:
    if org_lex is None:
        return []
    data = getattr(org_lex, "ORG_SUFFIXES", ())
    words = list(data.keys() if isinstance(data, dict) else data)
    return sorted({w for w in words if w}, key=lambda w: (-len(w), w))


_ORG_RE: re.Pattern[str] | None = None
# trade words that end company names (以岭药业, 佐英环境) and common phrases alike
# (高端科技, 现代物流): a proper-name part must come before them
_AMBIGUOUS = frozenset(
    "科技 物流 实业 置业 地产 建工 电器 电子 电气 化工 纺织 食品 乳业 发电 能源 环保 传媒 控股 "
    "矿业 钢铁 汽车 药业 百货 快递".split()
)


# generic institution words: 中职学校, 县城小学, 农村水厂 are kinds, not names
_NEEDS_PROPER = tuple(_AMBIGUOUS | frozenset("学校 小学 中学 大学 水厂 幼儿园 医院 卫生院 卫生室 图书馆 文化馆 养老院 敬老院 服务中心 "
                                                   "基地 示范基地 养殖场 服务队 志愿服务队 工作队 工厂 "
                                                   # (定点零售药店, 物业管理公司, 种子经营门店, 培训机构, 提水泵站: kinds)
                                                   "药店 门店 机构 公司 农贸市场 助餐点 泵站 工作室 集团 合作社 服务团 示范园 厂".split()))
_SKIPPED_SUFFIXES = frozenset(("社会组织", "车间"))  # a sector, a workshop: not names
_COUNT = re.compile(r"^[\d０-９]+[支所个家座名]")
_KIND_LEAD = re.compile(r"^(?:国家级|省级|市级|县级|区级|乡镇级|乡级|镇级|村级|各级|各类|[一二三四五六七八九十两几多]+(?:大|个|家|所|座|支))")
_MEDIA_WORDS = frozenset(("日报", "晚报", "都市报", "日报社", "电视台", "广播电视台"))


# industries that end firms' short names (以岭科技, 顺丰物流) and ordinary phrases alike
_SECTORS = frozenset("科技 物流 实业 置业 地产 能源 环保 传媒 食品 电子 电气 化工 纺织 乳业 矿业 钢铁 汽车 药业 建工 电器".split())


def _verb_inside(tokens: TokenIndex, begin: int, end: int) -> bool:
    """True when a word of the span is a plain verb for jieba (乘坐, not 服务 as a noun)."""
    return any(nlp.pos(tok.text) == "v" for tok in tokens.within(begin, end))


def _has_proper_part(
    text: str, tokens: TokenIndex, begin: int, end: int, places: list[Mention], skip: list[Mention] = ()
) -> bool:
    """True when the stem holds a place name or a word jieba does not know as
    a common word (a proper name such as 佐英, 以岭); words inside ``skip``
    (place names) do not count."""
    if any(begin <= p.start < end for p in places):
        return True
    i = tokens.token_at(begin)
    while i < len(tokens.tokens) and tokens.tokens[i].start < end:
        if any(p.start <= tokens.tokens[i].start < p.end for p in skip):
            i += 1
            continue
        w = tokens.tokens[i].text
        if not nlp.in_dictionary(w) or nlp.pos(w) in ("nr", "ns", "nt", "nz", "nrt", "nrfg") or w.startswith("第"):
            return True
        if len(w) == 1 and i + 1 < len(tokens.tokens) and tokens.tokens[i + 1].start < end \
                and tokens.tokens[i + 1].end - tokens.tokens[i + 1].start == 1:
            return True  # a name jieba does not know comes out in single characters (王|常)
        i += 1
    return False
# the legal form that ends a company's registered name (公司法: 有限责任公司, 股份有限公司);
# a name before it may hold single characters (献瑞|新|材料科技有限公司)
LEGAL_FORM = re.compile(r"(?:集团)?(?:股份有限公司|有限责任公司|有限公司|总公司|公司)$")
# verbs of building that jieba tags otherwise (改扩建 as an abbreviation, 新建 as a place)
_BUILDING_VERBS = frozenset("改扩建 新建 改建 扩建 迁建 援建 承建 共建 筹建 兴建 续建".split())
# verbs that stand before a name and never begin one (来自安徽大学, 携手华为技术有限公司)
_ORG_LEFT_STOPS = NOMINAL_VERBS | frozenset(
    "来自 位于 包括 邀请 携手 走进 前往 联合 依托 组织 参加 参与 协调 委托 通过 入驻 落户 签约 对接 "
    "走访 慰问 帮助 指导 督导 联系 会同 协同 带领 选派 推荐 表彰 授予 获评 荣获 组建 成立 建成 新建 "
    "打造 引进 引入 培育 带动 设立 评为 被评为 认定为 命名为 "
    # what a body is said to be before its name (县属国有企业|三台县兴农…集团有限公司)
    "国有企业 国企 民营企业 龙头企业 县属 市属 区属 省属 县管 市管".split()
)
_SUFFIX_SET = frozenset(_org_suffixes()) | frozenset("学校 单位 企业 部门 机构 园区 公司 医院".split())


# verbs that join a body to its partners, which jieba may glue to the partner's name (联合国|网)
_JOINING_VERBS = ("联合", "会同", "携手", "协同")
# the last character of a body's name, or of a parenthesis after it
_AFTER_A_BODY = frozenset("局委办府队所站厅部室院会心司行社）)")


# function words no name holds before a place inside it
_ENDS_A_NAME = frozenset("和及与后前在对从向至、的")
# characters that end what stands before a firm's trade name (…的宏远铸造有限公司)
_NOT_IN_TRADE_NAME = frozenset("的在和与及对向从为是了把被将由于等")


def _registered_start(text: str, tokens: TokenIndex, places: list[Mention], begin: int) -> int:
    """A company is registered as place + trade name + trade + legal form
    (平遥县|鑫盛|烟花爆竹批发有限公司, 山西平遥|宏远|铸造有限公司): a place a few
    characters before the scanned start opens the name when what lies between
    is a trade name (no function word, no verb of two characters or more)."""
    before = [p for p in places if p.level != "feature" and 0 < begin - p.end <= 4]
    if not before:
        return begin
    place = max(before, key=lambda p: p.end)
    gap = text[place.end : begin]
    if not all("\u4e00" <= c <= "\u9fff" and c not in _NOT_IN_TRADE_NAME for c in gap):
        return begin
    if any(len(t.text) >= 2 and nlp.pos(t.text).startswith("v") and t.text not in _TRADE_VERBS
           for t in tokens.within(place.end, begin)):
        return begin
    return place.start


def _place_after(places: list[Mention], at: int, end: int, default: int) -> int:
    """Where the first division named between ``at`` and ``end`` starts (``default`` when none is)."""
    return min((p.start for p in places if at <= p.start < end and p.level != "feature"), default=default)


# verbs that name a firm's trade (晋江市滨海|建设|发展有限公司, …投资开发有限公司)
_TRADE_VERBS = frozenset("建设 发展 投资 开发 运营 经营 管理 服务 贸易 制造 生产 加工 销售 运输 建筑 装饰 安装".split())


def org_mentions(text: str, tokens: TokenIndex, places: list[Mention], agencies: list[OrgMention]) -> list[OrgMention]:
    """Organisations: a name stem (which may hold a place) + an organisation suffix."""
    global _ORG_RE
    if _ORG_RE is None:
        suffixes = _org_suffixes()
        if not suffixes:
            return []
        _ORG_RE = re.compile("|".join(map(re.escape, suffixes)))
    stop = frozenset(getattr(org_lex, "ORG_STOP", ()))
    agency_spans = [(a.start, a.end) for a in agencies]
    barriers = {a.end for a in agencies}
    out: list[OrgMention] = []
    joined: tuple[str, str] | None = None  # (the firm, the kind of its unit) of the last unit read
    for m in _ORG_RE.finditer(text):
        s, e = m.start(), m.end()
        if e < len(text) and not tokens.is_boundary(e) and NAME_CHAR.match(text[e]) \
                and not (text[e] in "和及与" and any(p.start == e + 1 for p in places)):
            continue  # (…保健院|和|竹基镇…, cut as 院和竹: a conjunction before a place ends the name)
        if any(a0 <= s < a1 for a0, a1 in agency_spans):
            continue
        firm = LEGAL_FORM.search(m.group()) is not None
        begin = scan_name_left(text, tokens, s, max_len=18, barriers=barriers, extra_stops=_ORG_LEFT_STOPS,
                               verbs_inside=True, nominal_first=True, bridge_single=firm)
        # a start inside a place's name (西半|屯镇卫生院, as the words were cut) is that place's
        # start, and the places written right before it belong to the name too (故城县西半屯镇卫生院,
        # 清远|职业技术学院 where jieba reads 清远 as an adjective)
        inside = [p for p in places if p.start < begin < p.end <= s]
        if inside:
            begin = inside[0].start
        if firm or org_lex.ORG_SUFFIX_KINDS.get(m.group()) in ("retail", "cooperative"):
            begin = _registered_start(text, tokens, places, begin)
        while (before := next((p for p in places if p.end == begin and p.level != "feature"), None)) is not None:
            begin = before.start
        # 妇幼保健院和|竹基镇中心卫生院, 建成后|召夸镇中心卫生院 (cut by the words 院和竹, 后召):
        # a function word before a place inside the name ends what stands before it
        after_word = [p for p in places if begin < p.start < s and p.end <= s and p.level != "feature"
                      and any(c in _ENDS_A_NAME for c in text[begin : p.start])]
        if after_word:
            begin = max(after_word, key=lambda p: p.start).start
        # a verb inside the span ends what stands before the name: 改扩建|清城区凤城第二小学,
        # 聘请|四川蜀禾工程监理有限公司 (the name starts with the place after the verb)
        acts = [t for t in tokens.within(begin, s) if t.start >= begin and len(t.text) >= 2
                and (nlp.pos(t.text) == "v" or t.text in _BUILDING_VERBS)]
        if acts:
            begin = _place_after(places, acts[-1].end, s, begin)
        # a body named inside the span acts on the organisation (西刘庄村党支部领办|巨鹿县…合作社):
        # the name starts after it, at the place that follows
        acting = [a for a in agencies if begin <= a.start and a.end < s]
        if acting:
            begin = _place_after(places, acting[-1].end, s, begin)
        # a level character inside the stem starts the name (上报市公交总公司 → 市公交总公司)
        opened = next((p for p in places if p.start == begin and p.level != "feature"), None)
        for i in range(begin, s):
            if opened is not None and i - opened.end <= 3 and not any(
                    nlp.pos(t.text).startswith("v") for t in tokens.within(opened.end, i) if len(t.text) >= 2):
                continue  # 晋江|五店市|文化旅游运营有限公司: a quarter's name after the place that opens the name
            if text[i] in "市县区" and i > begin and not _inside_word(text, i) and not _inside_word(text, i - 1) and not any(
                p.start <= i < p.end for p in places
            ):
                begin = i
                break
        if text.startswith(_JOINING_VERBS, begin) and s - begin >= 4 and text[begin - 1 : begin] in _AFTER_A_BODY:
            begin += 2  # 市审批局联合|国网宝鸡供电公司 (cut as 联合国|网): the verb joins the body to its partner
        if begin > 0 and text[begin - 1 : begin + 1] == "中国":
            begin -= 1  # 中国医学科学院: 中 is not the preposition here
        if begin >= 3 and text[begin - 1] == "”":
            # “河小青”护河志愿服务队: a quoted brand opens the name
            opening = text.rfind("“", max(0, begin - 12), begin - 1)
            if opening >= 0 and not any(c in "，,。；;、" for c in text[opening:begin]):
                begin = opening
        national = text.find("中国", begin + 1, s)
        if national > 0 and not any(p.start <= national < p.end for p in places):
            begin = national  # 上级行|中国农业银行南阳分行: a national name starts the name
        name = text[begin:e]
        stem = name[: len(name) - len(m.group())]
        if (len(stem) < 2 and not (stem in ("市", "县", "区") and len(m.group()) >= 3)) or name in stop:
            continue
        if stem in ("市", "县", "区") and text[begin - 1 : begin] in "全各本该我":
            continue  # 全市长者食堂: all of a kind in the city, not one body
        if stem in _SUFFIX_SET or stem in stop:  # 学校餐厅: a generic body, not a name
            continue
        if m.group() in _SKIPPED_SUFFIXES or "+" in name:
            continue  # (名校+分校 is a model of schooling, not a school)
        counted = _COUNT.match(name)
        if counted:  # 47支志愿服务队, 4971所村卫生室: a number of bodies, not one of them
            continue
        if _KIND_LEAD.match(name):
            continue  # 省级重点实验室, 乡镇级污水处理厂, 六大科技园: a kind or a number of bodies
        if text[e : e + 3].startswith(("记者", "通讯员", "讯", "摄")) and m.group() in _MEDIA_WORDS:
            continue  # 河北日报记者 X: a byline's newspaper, not an actor of the page
        level_prefix = stem[:1] in "市县区" and not _inside_word(text, begin)
        if m.group().endswith(_NEEDS_PROPER) and not (level_prefix or _has_proper_part(text, tokens, begin, s, places)):
            continue  # 中职学校, 高端科技, 农村水厂: common words before these suffixes name no one
        if m.group() in _AMBIGUOUS and _verb_inside(tokens, begin, s):
            continue  # 上下学时乘坐公共汽车: a clause before an ambiguous suffix, not a name
        if m.group() in _SECTORS and not _has_proper_part(text, tokens, begin, s, [], skip=places):
            continue  # 衡水市科技, 河北省县域科技: a place and a sector name no firm (以岭科技 does)
        while out and begin <= out[-1].start:
            out.pop()  # 中国农业银行 inside 中国农业银行西峡县支行: the longer name
        # two organisations joined: 中国银联股份有限公司 + 河北分公司
        sibling_of = None
        if out and out[-1].end >= begin - 4 and out[-1].end <= begin and (
                not text[out[-1].end : begin]
                or all(any(p.start <= i < p.end for p in places) for i in range(out[-1].end, begin))):
            prev = out.pop()
            joined = (prev.text, m.group())
            begin = prev.start
            name = text[begin:e]
        elif out and joined is not None and text[out[-1].end : begin] == "、" and m.group() == joined[1] and e - begin <= 8:
            # 宝鸡市粮食储备有限公司法门直属库、蔡家坡直属库: the units listed after a unit of a
            # firm are the same firm's
            sibling_of = joined[0]
        sent_by = None
        if text[begin - 1 : begin] == "驻" and m.group().endswith(("工作队", "工作组", "服务队")):
            # 赣州市自然资源局驻石印村工作队: a team an agency sends to a village is the agency's
            sent_by = next((a for a in agencies if a.end == begin - 1), None)
            if sent_by is not None:
                begin = sent_by.start
                name = text[begin:e]
        if sibling_of is not None:
            name = sibling_of + name
        elif (k := name.rfind("公司", 0, len(name) - len(m.group()))) > 0:
            joined = (name[: k + 2], m.group())  # a unit of a firm (…有限公司法门直属库)
        om = OrgMention("Organization", begin, e, name, "org", name, name)
        om.parent = sent_by
        level_char = name[0] if name[0] in "市县区" and not _inside_word(text, begin) else ""
        if level_char:
            om.level_hint = lex.LEVEL_PREFIXES[level_char]
        else:
            om.jurisdiction = next((p for p in places if p.start == begin), None)
        out.append(om)
    return out

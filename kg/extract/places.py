"""Places: administrative divisions from the gazetteer, and geographic
features (rivers, roads, parks, stations, compounds…) by their name grammar."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from kg import gazetteer
from kg import nlp
from kg.lexicon.boundaries import NOMINAL_VERBS
from kg.extract.spans import NAME_CHAR, TokenIndex, scan_name_left
from kg.lexicon import features as feature_lex
from kg.model import Mention

# levels of the gazetteer that the graph names as they are
LEVELS = ("province", "prefecture", "county", "township", "village")


def admin_mentions(
    text: str,
    context: Sequence[gazetteer.Division] = (),
    villages_under: Iterable[str] = (),
) -> list[Mention]:
    """Administrative divisions named in ``text``, resolved with ``context``.

    A short form (衡水, 故城) is resolved to the division it names; a name
    shared by several divisions (新华区, 高新区) is resolved from the
    divisions already seen on the page, and dropped when that is not enough.
    """
    out: list[Mention] = []
    for start, end, div in gazetteer.find_all(text, villages_under=set(villages_under), context=list(context)):
        surface = text[start:end]
        if div.level == "village":
            # never a village when the name is also a county's or a city's (石家庄)
            if any(d.level != "village" for d in gazetteer.lookup(surface, provinces=())):
                continue
            # a bare village name (杨庄) only as an item of a list, not inside a word (杨庄小学)
            if not surface.endswith(_VILLAGE_ENDS) and end < len(text) and text[end] not in _LIST_BREAK:
                continue
        name = div.short if div.level == "village" and div.short else div.name
        out.append(Mention("Place", surface, start, end, name=name, level=div.level, code=div.code))
    return out


_VILLAGE_ENDS = ("村", "社区", "庄", "屯", "委会", "委员会")
_LIST_BREAK = frozenset("、，,。；;：:）)和与及等")


def on_word_boundaries(mentions: list[Mention], text: str, tokens: TokenIndex) -> list[Mention]:
    """Drop short forms that start inside a word (回迁安置 is not 迁安)."""
    out = []
    for m in mentions:
        if m.text != m.name and m.level != "village" and not tokens.is_boundary(m.start):
            prev = tokens.tokens[tokens.token_at(m.start)]
            if prev.start < m.start:
                continue
        out.append(m)
    return out


def _feature_regex() -> re.Pattern[str]:
    suffixes = sorted({s for s in _suffixes()}, key=lambda s: (-len(s), s))
    return re.compile("|".join(map(re.escape, suffixes)))


def _suffixes() -> list[str]:
    data = feature_lex.FEATURE_SUFFIXES
    return list(data.keys() if isinstance(data, dict) else data)


_FEATURE_RE: re.Pattern[str] | None = None


def _feature_re() -> re.Pattern[str]:
    """The feature suffixes as one pattern, compiled on first use."""
    global _FEATURE_RE
    if _FEATURE_RE is None:
        _FEATURE_RE = _feature_regex()
    return _FEATURE_RE
# what may follow a feature name inside the same word (滏阳河边, 人民路东延)
_ROAD_SUFFIXES = ("路", "街", "大街", "大道", "道")
_KINDS = getattr(feature_lex, "FEATURE_SUFFIX_KINDS", {})
_ONE_CHAR_KINDS = ("water",)
_SKIPPED_KINDS = ("terrain", "venue", "industrial")
_AFTER_OK = re.compile(r"(边|畔|岸|两岸|沿岸|沿线|两侧|一侧|周边|附近|段|东延|西延|南延|北延|以东|以西|以南|以北|上|旁|口|内|里|外)")
_RIVERSIDE = frozenset(("滨河", "滨江", "沿河", "沿江", "临河", "临江", "滨湖", "沿湖"))
# the water of a river cut as one word with its suffix: 安昌河|水环境, 渐河|水质
_RIVER_WATER = re.compile(r"水(?:环境|生态|污染|资源|质|位|体|域)")
_LOCATING = ("辖区内", "辖区", "境内", "市区", "城区", "县城", "域内", "支流", "干流")
_BAD_STEM_CHARS = re.compile(r"[0-9０-９一二三四五六七八九十百千万两几多各该此本这那每某全个些员]")


def feature_mentions(text: str, tokens: TokenIndex, barriers: set[int],
                     villages: list[Mention] | None = None) -> list[Mention]:
    """Geographic features by their name grammar: a proper-name stem + a suffix.

    The suffix must end a word (路灯, 河道 are not roads or rivers), must not
    be the tail of a common word (风景线, 渠道, 进站), and the stem must be a
    name: two or more characters with no verb, numeral, pronoun or particle.
    ``villages``: the article's :func:`counted_villages`, when the caller has read them.
    """
    feature_re = _feature_re()
    generic = feature_lex.GENERIC_FEATURE_WORDS
    out: list[Mention] = []
    carry: tuple[int, int] | None = None  # (end, start) of a suffix the next one continues
    for m in feature_re.finditer(text):
        s, e = m.start(), m.end()
        nxt = feature_re.match(text, e)
        if nxt is not None and _KINDS.get(nxt.group()) in ("road", "residential", "park", "square") and len(nxt.group()) >= 2:
            carry = (e, carry[1] if carry and carry[0] == s else s)
            continue  # 南盐道|胡同, 衡水湖|大道: the name goes on to the next suffix
        inner = carry[1] if carry and carry[0] == s else None
        carry = None
        if e < len(text) and not tokens.is_boundary(e):
            tail = text[e : e + 2]
            # 安昌河|水环境, 章江|水质: the river's water was cut as one word with the suffix
            waters = _KINDS.get(m.group()) == "water" and _RIVER_WATER.match(text, e) is not None
            if not _AFTER_OK.match(tail) and NAME_CHAR.match(text[e]) and not waters:
                continue
        tok = tokens.tokens[tokens.token_at(s)]
        head = s
        if inner is not None:
            head = tok_start = tokens.tokens[tokens.token_at(inner)].start
            s = inner if tok_start == inner else s
        elif tok.start < s:
            word = text[tok.start : max(tok.end, e)]
            if nlp.in_dictionary(word) and nlp.pos(word) not in ("ns", "nz", "nt", "nr"):
                continue  # the tail of a common word
            head = tok.start
            if text[head] in _BEFORE_PLACE and s - head >= 2 and not nlp.in_dictionary(tok.text):
                head += 1  # 以章江, 沿虞河 cut as one word: the preposition is not part of the name
        suffix = m.group()
        if suffix == "海" and text[s - 1 : s] in "湾湖江河港" and s > 0:
            continue  # 围头湾|海岸带, 深沪湾|海域: the water is named already; 海 opens the next word
        if len(suffix) == 1 and _KINDS.get(suffix) not in _ONE_CHAR_KINDS and suffix not in "山路街道桥站线":
            continue  # 高占峰, 袁占林, 文明城: one-character words end personal names and slogans too
        if _KINDS.get(suffix) in _SKIPPED_KINDS:
            continue  # 国家森林, 酒店宾馆, 现代农业园区: kinds of ground and buildings, rarely names
        if head != s and head in barriers:  # 保定市|东风路: the name starts where the city ends
            begin = head
        else:
            begin = scan_name_left(text, tokens, head, max_len=7, barriers=barriers,
                                   verb_first=suffix.endswith(_ROAD_SUFFIXES), extra_stops=NOMINAL_VERBS)
        # 衡水市区牛佐综合小区: the 区 of 市区 after a city is not part of the name
        while begin in barriers and begin < s and text[begin] in "区县市城":
            begin += 1
        # 彭杜乡辖区溢东排河, 市区人民路: what locates the name is not part of it
        for lead in _LOCATING:
            k = text.rfind(lead, begin, s)
            if k >= 0 and s - (k + len(lead)) >= 2:
                begin = k + len(lead)
        stem = text[begin:s]
        name = text[begin:e]
        whole_name = nlp.pos(name) in ("ns", "nz", "nt", "nr")  # 长江, 大庆路: names jieba knows
        ring = _KINDS.get(suffix) in ("road", "highway") and "环" in suffix and (not stem or stem in "东西南北")
        if ring:
            pass  # 外环路, 北外环: a city's ring roads are named by their suffix
        elif name == m.group():
            continue  # 该胡同, 这条河: the kind alone names nothing
        elif (len(stem) < 2 and not whole_name and not _river_context(text, begin, e, suffix)) \
                or (_BAD_STEM_CHARS.search(stem) and not (stem in "千万" and _river_context(text, begin, e, suffix))):
            continue  # (千河 listed among rivers is a river, 千条河 is not)
        elif _KINDS.get(suffix) == "water" and name[-2:] in generic and not whole_name:
            continue  # 压实|河湖: a word for rivers in general ends no river's name
        elif _KINDS.get(suffix) == "water" and name in _RIVERSIDE:
            continue  # 滨河片区, 沿江一带: by the river, not a river's name (滨河路 is a road's)
        elif _KINDS.get(suffix) == "water" and stem[-1:] in _WATER_VERBS and not whole_name:
            continue  # 河长巡河, 青春护河, 压实河湖: what is done to rivers, not a river's name
        if not ring and (name in generic or stem in generic or (not whole_name and nlp.in_dictionary(name))):
            continue
        if suffix == "线" and len(stem) != 2:
            continue  # highway lines are named by two abbreviations: 衡井线, 京九线
        if _KINDS.get(suffix) in ("residential", "station") and len(stem) <= 2 and nlp.pos(stem) in ("n", "vn", "v", "a", "an", "b"):
            continue  # 样板小区, 社工站: a common word before the suffix is a kind, not a name
        if suffix == "站" and _common_words_only(text, tokens, begin, s):
            continue  # 废品收购站, 垃圾清运站: what the station does, not its name
        first = tokens.tokens[tokens.token_at(begin)]
        if first.end - first.start == 1 and nlp.pos(first.text) == "nr" and nlp.pos(text[first.end:e]) == "ns":
            continue  # 宋长江: a surname before a river's name is a person
        out.append(Mention("Place", name, begin, e, name=name, level="feature"))
    out.extend(_unlisted_villages(text, tokens, barriers))
    # the items of a counted list are names of their own (A和B两处湿地: not "A和B")
    counted = _counted_features(text, tokens) + (counted_villages(text, tokens) if villages is None else villages)
    spans = {(c.start, c.end) for c in counted}
    out = [o for o in out if (o.start, o.end) in spans or not any(a < o.end and o.start < b for a, b in spans)]
    # after a count a feature word is a kind, not a name (6个环湖公园)
    out = [o for o in out if not _AFTER_COUNT.search(text, max(0, o.start - 6), o.start)]
    return _longest(out + counted)


_BEFORE_PLACE = "以沿在跨绕及与"
_WATER_VERBS = "巡护治管整清净保实"
# what is said of a river: 章江干流, 虞河沿岸, 沿好溪, 章江、贡江
_RIVER_AFTER = re.compile(r"(?:干流|支流|流域|两岸|沿岸|沿线|水质|断面|河道|河段|水系|上游|中游|下游|入河|出境|[、及和])")


def _river_context(text: str, begin: int, end: int, suffix: str) -> bool:
    """A river with a one-character stem (章江, 虞河, 好溪) is named when the
    text speaks of it as a river: its course, its banks, or a list of rivers."""
    if suffix not in ("河", "江", "溪"):
        return False
    return bool(_RIVER_AFTER.match(text, end)) or text[max(0, begin - 1) : begin] in ("沿", "顺", "跨", "、")


# 王同岳镇|张庄村: a village written right after its township (a natural village the
# gazetteer does not list under it) is a place of its own
_VILLAGE_AFTER_TOWNSHIP = re.compile(r"[\u4e00-\u9fff]{2,3}?(?:村(?![民委级镇庄落务干部规情史])|社区(?![居委卫服党干工网]))")


_VILLAGE_KIND_STEMS = ("中心", "重点", "试点", "样板", "特色", "传统", "美丽", "文明", "先进", "贫困", "示范", "明星",
                       "小康", "生态", "卫生", "旅游", "专业", "行政", "自然", "城中", "空心", "城郊", "边远", "偏远",
                       "全", "各", "该", "本", "每")


def _unlisted_villages(text: str, tokens: TokenIndex, barriers: set[int]) -> list[Mention]:
    out = []
    for b in sorted(barriers):
        after_township = text[b - 1 : b] in ("镇", "乡") or text[b - 2 : b] == "街道"
        # 福埔社区、华洲社区: a village or community listed after one is one too
        listed = text[b - 2 : b] == "社区" and text[b : b + 1] in ("、", "和")
        if not (after_township or listed):
            continue
        m = _VILLAGE_AFTER_TOWNSHIP.match(text, b + 1 if listed else b)
        if m is None or (listed and not m.group().endswith("社区")):
            continue
        stem = m.group()[:-2] if m.group().endswith("社区") else m.group()[:-1]
        if _BAD_STEM_CHARS.search(stem) or not tokens.is_boundary(m.end()) or stem.endswith(_VILLAGE_KIND_STEMS) \
                or stem[-1] in "乡农" or nlp.pos(stem)[:1] in ("a", "v", "d", "b", "m", "r"):
            continue  # 镇|示范村, 镇|空心村, 镇|新农村: a kind of village, not a village's name
        out.append(Mention("Place", m.group(), m.start(), m.end(), name=m.group(), level="feature"))
    return out


# A村、B村、C村3个村 / 在A村、B村等4个村: the items of a list of villages closed by their count
_VILLAGE_COUNT = re.compile(r"等?(?:\d+|[一二三四五六七八九十两]+)个(?:行政|自然)?村(?![民委级庄落务干部规情史])")


def counted_villages(text: str, tokens: TokenIndex) -> list[Mention]:
    """Villages named in a list closed by their count, whether or not the gazetteer
    lists them (natural villages, recent mergers): each item is a name of its own."""
    out: list[Mention] = []
    for m in _VILLAGE_COUNT.finditer(text):
        items: list[tuple[int, int]] = []
        end = m.start()
        while text[end - 1 : end] == "村":
            a = end - 1
            while a > 0 and end - a < 7 and "\u4e00" <= text[a - 1] <= "\u9fff" and text[a - 1] not in "、和及与":
                a -= 1
            if text[a - 1 : a] in ("、", "和", "及", "与"):
                items.append((a, end))
                end = a - 1
                continue
            items.append((max(a, scan_name_left(text, tokens, end, max_len=6, verb_first=False)), end))
            break
        if len(items) < 2:
            continue
        for a, b in items:
            name = text[a:b]
            stem = name[:-1]
            if len(stem) < 2 or _BAD_STEM_CHARS.search(stem) or stem.endswith(_VILLAGE_KIND_STEMS) or nlp.in_dictionary(name):
                continue
            out.append(Mention("Place", name, a, b, name=name, level="feature"))
    return out


# A、B、C6个环湖公园 / A和B两处湿地: the items of a list closed by a count of features
_COUNTED_KINDS = ("park", "scenic", "water", "venue")
_AFTER_COUNT = re.compile(r"(?:\d+|[一二三四五六七八九十两几多]+)(?:个|座|处|片|条)$")
_COUNTED_RE: re.Pattern[str] | None = None


def _counted_features(text: str, tokens: TokenIndex) -> list[Mention]:
    global _COUNTED_RE
    if _COUNTED_RE is None:
        kinds = sorted((k for k, v in _KINDS.items() if v in _COUNTED_KINDS and len(k) >= 2), key=lambda k: (-len(k), k))
        _COUNTED_RE = re.compile(r"等?(?:\d+|[一二三四五六七八九十两]+)(?:个|座|处|片|条)[\u4e00-\u9fff]{0,4}?(?:"
                                 + "|".join(map(re.escape, kinds)) + ")")
    out: list[Mention] = []
    for m in _COUNTED_RE.finditer(text):
        items: list[tuple[int, int]] = []
        end = m.start()
        while True:
            a = end
            while a > 0 and end - a < 8 and NAME_CHAR.match(text[a - 1]) and text[a - 1] not in "、和及与":
                a -= 1
            if text[a - 1 : a] not in ("、", "和", "及", "与"):
                a = max(a, scan_name_left(text, tokens, end, max_len=8, verb_first=False))  # the first item: not the verb before it
                items.append((a, end))
                break
            items.append((a, end))
            end = a - 1
        if len(items) < 2:
            continue
        for a, b in items:
            name = text[a:b]
            if len(name) < 2 or any(c.isdigit() for c in name) or (nlp.in_dictionary(name) and nlp.pos(name) not in ("ns", "nz")):
                continue
            out.append(Mention("Place", name, a, b, name=name, level="feature"))
    return out


def _common_words_only(text: str, tokens: TokenIndex, begin: int, end: int) -> bool:
    """True when ``text[begin:end]`` is made of common words (nouns and verbs
    of jieba's dictionary, no place or proper name)."""
    seen = False
    for tok in tokens.within(begin, end):
        w = text[max(tok.start, begin) : min(tok.end, end)]
        if not (nlp.in_dictionary(w) and nlp.pos(w) in ("n", "vn", "v")):
            return False
        seen = True
    return seen


# kinds of features named after the place they are in (平遥古城, 花山水库, 阆中古城)
_NAMED_AFTER_PLACE = ("scenic", "water")


def features_after_places(text: str, tokens: TokenIndex, admin: list[Mention]) -> list[Mention]:
    """A scenic site or a water named by a division's short name and a suffix
    (平遥|古城, 花山|水库): the division's short name opens the feature's name."""
    feature_re = _feature_re()
    out = []
    for m in admin:
        if m.text == m.name or m.level not in ("county", "township") or len(m.text) < 2:
            continue
        s = feature_re.match(text, m.end)
        if s is None or _KINDS.get(s.group()) not in _NAMED_AFTER_PLACE or len(s.group()) < 2:
            continue
        e = s.end()
        if e < len(text) and not tokens.is_boundary(e) and NAME_CHAR.match(text[e]) and not _AFTER_OK.match(text, e):
            continue
        name = text[m.start : e]
        if name in feature_lex.GENERIC_FEATURE_WORDS or nlp.in_dictionary(s.group() + text[e : e + 1]):
            continue
        out.append(Mention("Place", name, m.start, e, name=name, level="feature"))
    return out


def _longest(mentions: list[Mention]) -> list[Mention]:
    """Drop mentions nested in, or overlapping, a longer one."""
    mentions = sorted(mentions, key=lambda m: (m.start, -(m.end - m.start)))
    out: list[Mention] = []
    for m in mentions:
        if out and m.start < out[-1].end:
            if m.end - m.start > out[-1].end - out[-1].start:
                out[-1] = m
            continue
        out.append(m)
    return out

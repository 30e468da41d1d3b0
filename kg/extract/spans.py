"""Helpers over an article's text shared by the extractors: tokens with
offsets, clause boundaries, and the leftward scan that finds where a name
begins."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from kg import nlp
from kg.lexicon.boundaries import HARD_PUNCT, STOPS, VERBS

CJK = re.compile(r"[\u3400-\u9fff]")
NAME_CHAR = re.compile(r"[\u3400-\u9fffA-Za-z0-9０-９Ａ-Ｚａ-ｚ+·]")
QUOTES = "“”‘’\"'《》「」『』"
OPENING = {"”": "“", "’": "‘", "》": "《", "」": "「", "』": "『", '"': '"'}
CLOSING = frozenset(OPENING)
CLAUSE_END = re.compile(r"[，,。；;：:！!？?\n（）()]")
# (set tests on a token's characters: a generator over them costs a call per token of every scan)
_PUNCT_OR_QUOTES = HARD_PUNCT | frozenset(QUOTES)


@dataclass
class TokenIndex:
    """jieba tokens of a text, indexed by their start and end offsets."""

    text: str
    tokens: list[nlp.Token] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.tokens:
            self.tokens = nlp.tokenize(self.text)
        self.starts = [t.start for t in self.tokens]
        self.ends = {t.end for t in self.tokens}
        self.start_set = set(self.starts)

    def within(self, begin: int, end: int):
        """The tokens that overlap ``text[begin:end]``, in order."""
        i = self.token_at(begin)
        while i < len(self.tokens) and self.tokens[i].start < end:
            yield self.tokens[i]
            i += 1

    def token_at(self, offset: int) -> int:
        """Index of the token containing character ``offset``."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def is_boundary(self, offset: int) -> bool:
        return offset in self.start_set or offset == len(self.text)


def clause_start(text: str, pos: int) -> int:
    """Offset where the clause containing ``pos`` begins."""
    i = pos - 1
    while i >= 0 and not CLAUSE_END.match(text[i]):
        i -= 1
    return i + 1


def clause_end(text: str, pos: int) -> int:
    m = CLAUSE_END.search(text, pos)
    return m.start() if m else len(text)


# a range of numbered works: 1至6号, 3号至5号, 一至三期
_RANGE_WORDS = frozenset(("至", "到", "-", "－", "—", "～", "~"))
_NUMBERED = re.compile(r"(?:\d+|[一二三四五六七八九十]+)(?:号|期|标段|段)")
_RANGE_START = re.compile(r"(?<![\d一二三四五六七八九十])(?:\d+|[一二三四五六七八九十]+)(?:号|期|标段|段)?$")


def scan_left(
    text: str,
    tokens: TokenIndex,
    head_start: int,
    *,
    max_len: int = 16,
    barriers: set[int] | frozenset[int] = frozenset(),
    extra_stops: frozenset[str] = frozenset(),
    allow_quotes: bool = True,
) -> int:
    """Where a name that ends with the head at ``head_start`` begins.

    Walks back token by token from ``head_start`` and stops before
    punctuation, a stop word (verb, preposition, particle, adverb), a
    ``barrier`` offset (the end of another name that must not be absorbed),
    or when the name would exceed ``max_len`` characters.
    """
    begin = head_start
    i = tokens.token_at(head_start - 1) if head_start > 0 else -1
    while i >= 0:
        tok = tokens.tokens[i]
        i -= 1
        if tok.start >= begin:
            continue
        if begin in barriers and begin != head_start:
            break
        # a barrier inside this token: the name starts at the barrier
        inner = [b for b in barriers if tok.start < b < begin] if barriers else ()
        w = text[tok.start:begin]
        if w in CLOSING and allow_quotes:
            # a quoted part is taken whole: jump to its opening quote
            opening = text.rfind(OPENING[w], max(0, tok.start - 30), tok.start)
            if opening < 0 or "。" in text[opening:tok.start] or head_start - opening > max_len + 8:
                break
            begin = opening
            i = tokens.token_at(opening) - 1 if opening > 0 else -1
            continue
        if w in ("）", ")"):
            # 创新型县（市、区）试点, 衡水·北京高校（科研院所）产学研…: a short aside inside the name
            opening = text.rfind("（" if w == "）" else "(", max(0, tok.start - 12), tok.start)
            inside = text[opening + 1 : tok.start] if opening > 0 else ""
            if opening > 0 and inside and not _not_an_aside(text, opening, inside) \
                    and not any(c in "。，,；;：:（(）)" for c in inside) and NAME_CHAR.match(text[opening - 1]):
                begin = opening
                i = tokens.token_at(opening) - 1
                continue
        if w and not w.strip(QUOTES):  # quotes only
            if not allow_quotes:
                break
            begin = tok.start
            if w[-1] in "“‘《「『":
                break  # the name opens with this quote
            continue
        if w == "·" and begin < head_start and tok.start > 0 and NAME_CHAR.match(text[tok.start - 1]) \
                and text[tok.start - 1] != "·":
            begin = tok.start  # 2024中国·射阳丹顶鹤湿地文化旅游节: a title joined by a middle dot
            continue
        if not HARD_PUNCT.isdisjoint(w) or w.isspace() or "、" in w:
            break
        if w in ("和", "及") and text[begin : begin + 1].isdigit():
            begin = tok.start  # 清淤连通和11个乡镇支斗渠扩挖工程: a count joins two works
            continue
        if w in _RANGE_WORDS and _NUMBERED.match(text, begin):
            # 1至6号水面改造工程, 3号至5号泵站: a range of numbered works is one name
            lower = _RANGE_START.search(text, max(0, tok.start - 6), tok.start)
            if lower:
                begin = lower.start()
            break
        if w == "暨" and begin < head_start:
            begin = tok.start  # 高峰论坛暨项目对接交流会: one event under two titles
            continue
        if w in STOPS or w in extra_stops or not NAME_CHAR.match(w[0]):
            break
        if len(w) > 2 and w[-2:] in VERBS and w not in _NOMINAL_USES:  # 广泛开展, 深入推进: a verb phrase jieba kept whole
            break
        if inner:
            begin = max(inner)
            break
        if head_start - tok.start > max_len:
            break
        begin = tok.start
    # do not start on a quote that closes something before the name
    while begin < head_start and text[begin] in "”’」』》":
        begin += 1
    return begin


# verb phrases that name a field of work (秸秆禁烧暨综合利用工作推进会)
_NOMINAL_USES = frozenset(("综合利用", "循环利用", "开发利用", "资源化利用", "综合治理", "综合整治"))


def _not_an_aside(text: str, opening: int, inside: str) -> bool:
    """A bracket that is no aside of a name: a counted scope (13个县（市、区）),
    a byline (本报讯（记者王强）) or a declared short name (（以下简称…）)."""
    counted = opening >= 2 and (text[opening - 2] == "个" or text[opening - 2].isdigit())
    return counted or text[opening - 1] in "讯电" or "记者" in inside or "通讯员" in inside or "简称" in inside


_AGE_GROUPS = frozenset(("青年", "老年", "中年", "少年", "青少年", "中老年"))
# parts of speech that never belong to a proper name's stem
_POS_STOPS = ("d", "p", "c", "u", "r", "m", "q", "t", "f", "s", "y", "e", "o", "i", "l", "a")
# numerals that belong to names: 第九小学, 二期水厂 (and words jieba mis-tags, 少年)
_NAME_NUMERAL = re.compile(r"^第|期$|^[^0-9０-９一二三四五六七八九十百千万两几多]+$")


# what a firm or a centre does, written right before its legal form (…环境卫生服务|有限公司)
_TRADE_WORDS = frozenset("服务 监理 管理 咨询 设计 开发 建设 投资 运营 检测 培训 经营 营销 销售 施工 制造 物业".split())


def scan_name_left(
    text: str,
    tokens: TokenIndex,
    head_start: int,
    *,
    max_len: int = 8,
    barriers: set[int] | frozenset[int] = frozenset(),
    extra_stops: frozenset[str] = frozenset(),
    verb_first: bool = True,
    verbs_inside: bool = False,
    nominal_first: bool = False,
    bridge_single: bool = False,
) -> int:
    """Where a proper name (of a feature or an organisation) ending with the
    head at ``head_start`` begins.

    Stricter than :func:`scan_left`: it also stops at words that jieba's
    dictionary tags as verbs, adverbs, pronouns, numerals, measure words,
    prepositions, particles or conjunctions — a verb right before the head
    is kept (前进大街), one further left ends the name (包路段 → not a road).
    With ``nominal_first``, a word of trade of ``extra_stops`` right before
    the head is part of the name (…环境卫生服务|有限公司). With
    ``bridge_single``, one character between a proper name and the rest is
    part of the name (献瑞|新|材料科技有限公司).
    """
    begin = head_start
    i = tokens.token_at(head_start - 1) if head_start > 0 else -1
    first = True
    while i >= 0:
        tok = tokens.tokens[i]
        i -= 1
        if tok.start >= begin:
            continue
        if begin in barriers and begin != head_start:
            break
        w = text[tok.start:begin]
        if not w or not _PUNCT_OR_QUOTES.isdisjoint(w) or "、" in w or w.isspace():
            break
        # (nominal_first: a nominal verb right before the head is part of the name: 环境卫生服务|有限公司)
        kept = nominal_first and first and w in _TRADE_WORDS
        if w in STOPS or (w in extra_stops and not kept) or not NAME_CHAR.match(w[0]):
            break
        inner = [b for b in barriers if tok.start < b < begin]
        if inner:
            begin = max(inner)
            break
        if any(c in "至到与或" for c in w):  # 前进大街至榕花大街: a range, two names
            cut = max(w.rfind(c) for c in "至到与或")
            if cut < len(w) - 1:
                begin = tok.start + cut + 1
            break
        tag = nlp.pos(w)
        if len(w) >= 2 and w[0] in "内中里外旁沿" and not tag:
            # 乡域内|衡井线 segmented as 内衡|井线, 沿|衡井线 as 沿衡|井线: the localiser or
            # preposition ends the phrase before the name
            begin = tok.start + 1
            break
        if tag.startswith("m") and _NAME_NUMERAL.search(w) or w in _AGE_GROUPS:
            tag = "n"  # (青年志愿者协会, 老年大学: jieba tags these words as times)
        if tag.startswith(_POS_STOPS) and tag not in ("nr", "ns", "nt", "nz", "an") and not (verbs_inside and tag == "l"):
            left = tokens.tokens[i].text if i >= 0 and tokens.tokens[i].end == tok.start else ""
            if bridge_single and len(w) == 1 and left and NAME_CHAR.match(left[-1]) and not left[-1].isdigit() \
                    and (nlp.pos(left).startswith(("nr", "ns", "nz")) or not nlp.in_dictionary(left)):
                begin = tok.start  # 献瑞|新|材料科技有限公司: one character between a proper name and a trade
                first = False
                continue
            break  # (organisation names may hold set phrases: 社会工作孵化基地)
        if tag.startswith("v") and tag != "vn" and not (verbs_inside and len(w) >= 2):
            if first and len(w) >= 2 and verb_first:
                begin = tok.start
            elif first and len(w) == 1 and i >= 0 and nlp.pos(tokens.tokens[i].text).startswith("v") \
                    and len(tokens.tokens[i].text) >= 2 and tokens.tokens[i].end == tok.start:
                begin = tok.start  # 实施|安|昌河: a name's first character that jieba read as a verb
            break
        if head_start - tok.start > max_len:
            break
        begin = tok.start
        first = False
    return begin


def strip_quotes(s: str) -> str:
    return "".join(c for c in s if c not in QUOTES).strip()

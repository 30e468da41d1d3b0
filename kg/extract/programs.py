"""Programs: named public initiatives, found from their head word.

A program name ends in a head word (工程, 项目, 行动, 活动, 计划, 规划, 制度,
改革, 政策, 方案, 建设, 整治, 创建, 会议 …) and begins after the verb,
preposition or particle that introduces it (开展, 推进, 实施, 在, 的 …);
a quoted part (“我为群众办实事”实践活动) is taken whole. A quoted term right
after a cue verb (推进…“跨省通办”) names a program too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg import nlp
from kg.extract.spans import NAME_CHAR, QUOTES, TokenIndex, clause_start, scan_left, strip_quotes
from kg.ingest.cues import NUMBERING, PAREN_ORDINAL
from kg.lexicon import programs as lex
from kg.lexicon.boundaries import ADVERBS, PARTICLES, VERBS


@dataclass(frozen=True)
class ProgramMention:
    start: int
    end: int
    text: str  # as written, quotes included
    name: str  # quotes removed, leading verbs and scope words removed
    head: str


# heads of the lexicon that name a program too rarely to be read as one
# without a cue verb or quotation marks, and heads the extractor ignores
_DEMOTED = frozenset("消费券 热线 教育 运动 创建 补贴 贷款 试点 评选 普查 专项债".split())
_IGNORED = frozenset("平台 模式 网络 运输 发放 置换 缴费 登记 维修 专线 优惠 示范 保障 管理 监管 指导 "
                     "救助 补助 奖励 减免 全覆盖 清淤 扩建 新建 翻建 封场 整改".split())


@lru_cache(maxsize=1)
def _strong() -> frozenset[str]:
    return frozenset(lex.STRONG_HEADS) - _DEMOTED


def lead_verb(name: str) -> int:
    """The length of the verb that opens ``name`` (发放贷款 → 2), 0 when none does."""
    adverb = 1 if name[:1] in _CLAUSE_ADVERBS and len(name) > 3 else 0  # (镇政府则|试点…制度)
    m = _LEAD_RE.match(name, adverb)
    if m is None and name.startswith(("发放", "办理", "提供", "试点"), adverb):  # (县农商银行发放贷款)
        return adverb + 2
    return m.end() if m and len(name) > m.end() else 0


# one-character adverbs that follow a clause's subject (某镇则试点…, 某局还开展…)
_CLAUSE_ADVERBS = frozenset("则还也又再便就已均亦")


def restart(text: str, pm: ProgramMention, start: int) -> ProgramMention | None:
    """``pm`` read from ``start`` on (浙江华友钴业股份有限公司年产5万吨…项目, not
    股份有限公司年产…), or None when that is no program's name."""
    name = _clean(text[start : pm.end]).strip("、，,;；：: ")
    if len(name) < 3 or (pm.head and (not name.endswith(pm.head) or is_generic(name, pm.head))):
        return None
    return ProgramMention(start, pm.end, text[start : pm.end], name, pm.head)


@lru_cache(maxsize=1)
def _weak() -> frozenset[str]:
    return (frozenset(lex.WEAK_HEADS) | _DEMOTED) - _IGNORED


@lru_cache(maxsize=1)
def _heads() -> tuple[str, ...]:
    return tuple(sorted(_strong() | _weak(), key=lambda w: (-len(w), w)))


# what may stand right before a program with a weak head: a verb that
# introduces it, or the disposal markers 把/将
_CUES = tuple(sorted(set(getattr(lex, "LEADING_VERBS", ())) | set(
    "开展 推进 推动 实施 启动 落实 深化 加快 加强 强化 完善 健全 构建 建立 推行 实行 举办 组织 召开 "
    "出台 制定 推出 打造 创建 抓好 做好 开启 给予 提供 享受 申请 发放 加大 探索 持续 大力 全面 把 将 "
    "为推动 推进了 开展了 实施了 设立 开设".split()), key=len, reverse=True))
_ADJECTIVE_LEAD = re.compile(r"^(?:重大|重要|重点|一项|一批|民生|民心|惠民|政治|全面|系列|各类|这些|新的|整体|整个|总体|全部|其他"
                             r"|专项|精准|综合|市级|省级|县级|区级|国家级|两级|市县两级|省市县|年度|本年度|全年)+")
_AMOUNT_INSIDE = re.compile(r"\d\s*元")
_PARTS_OF_A_WORK = ("主体", "附属", "配套", "土建", "一期", "二期", "三期")
_RATE_UNITS = ("立方米", "千瓦时", "平方米", "公斤", "千克", "公顷")  # (每|立方米用气补贴: a rate)
_TASK_WORDS = ("任务", "进度")
_RATE_TAIL = re.compile(r"每[\u4e00-\u9fff]{1,2}$")
_MANNERS = frozenset(("集中连片", "成方连片", "整村推进", "连片", "成片", "整体", "统一", "分批", "全面"))
CJK_ONLY = re.compile(r"[\u4e00-\u9fff]{1,2}")


_HEAD_RE: re.Pattern[str] | None = None
_LEADING = re.compile(r"^(?:全市|全县|全区|全省|全镇|全乡|各级|各类|各项|多项|一批|一项|主题性|我市|我县|该市|该县|本市|本县"
                      r"|高质量(?!发展)|高标准(?!农田)|高水平|第一时间)")
_YEAR = re.compile(r"^(?:19|20)\d\d年(?:度)?")
# an amount written before a subsidy or loan: 5000元一次性创业补贴, 最高20万担保贷款
_AMOUNT = re.compile(r"^(?:每人|最高|不超过|最高不超过)*\d+(?:\.\d+)?(?:万|亿)?元?(?:的)?")
_CAPPED_AMOUNT = re.compile(r"^(?:每人|最高|不超过)+\d+(?:\.\d+)?(?:万|亿)?元?(?:的)?")


def head_regex() -> re.Pattern[str]:
    global _HEAD_RE
    if _HEAD_RE is None:
        _HEAD_RE = re.compile("|".join(map(re.escape, _heads())))
    return _HEAD_RE


_LEAD_WORDS = sorted((w for w in VERBS | ADVERBS | frozenset(getattr(lex, "LEADING_VERBS", ())) if len(w) >= 2),
                     key=lambda w: (-len(w), w))


_LEAD_COUNT = re.compile(
    r"^(?:[类种批大]?[\d.]+\s*(?:个|项|条|座|所|名|家|件|张|套|户|批|种|类|大|支|方面)|[个条座所名家件张套户批种类支](?!\d)"
    r"|[一二三四五六七八九十两几多][个项条座所名家件张套户批种类大场次轮]{1,2}(?!性)|整体|各|该)"
)


_LEAD_RE = re.compile("|".join(map(re.escape, _LEAD_WORDS)))


def _clean(name: str) -> str:
    quoted_start = name[:1] in QUOTES
    name = strip_quotes(name).lstrip("、，, ")
    # 一是|芦溪镇片区子项目: the ordinal of a list item; （以下简称|“…”活动）: a declared short name
    name = strip_quotes(_ORDINAL_LEAD.sub("", name))
    # (5大类20条便民服务: counts one after another)
    while (m := None if quoted_start else _LEAD_COUNT.match(name)) and len(name) - m.end() >= 4 \
            and not re.match(r"^\d+项", name) and not (m.end() == 1 and nlp.in_dictionary(name[:2])):
        name = name[m.end() :]  # (a measure word alone, but not the first of a word: 家政, 种植, 户外)
    m = _AMOUNT.match(name)
    if m and m.end() < len(name) and "元" in m.group():
        name = name[m.end() :]
    elif (m := _CAPPED_AMOUNT.match(name)) and len(name) - m.end() >= 2:
        name = name[m.end() :]  # 最高20万担保贷款
    while True:
        m = _LEADING.match(name)
        if not m:
            break
        name = name[m.end() :]
    # leading verbs/adverbs that the tokenizer glued to the name (提前完成…)
    while (m := _LEAD_RE.match(name)) and len(name) - m.end() >= 4:
        name = name[m.end() :]
    # an aspect particle or a frequency left of the name (开展了|…, 组织了多次|…)
    while (m := _PARTICLE_LEAD.match(name)) and len(name) - m.end() >= 4:
        name = name[m.end() :]
    # what is handed out is the name, not who hands it out how (…分3轮发放|文旅消费券);
    # 消费券发放活动 keeps its verb: only a head follows it
    m = None
    for m in _HANDING_OUT.finditer(name):
        pass
    if m is not None and m.start() > 0 and len(name) - m.end() >= 3 and not head_regex().fullmatch(name[m.end() :]):
        name = name[m.end() :]
    elif m is not None and m.start() > 0 and name[m.end() :] in _BENEFITS:
        return ""  # 向新型农业经营主体发放贷款: who receives a benefit, not its name
    return name


_HANDING_OUT = re.compile("发放|发行|兑付|投放|派发")


_ORDINAL_LEAD = re.compile(r"^(?:[一二三四五六七八九十]{1,3}是|其[一二三四五]|首先|其次|(?:以下|下文)?简称(?:为)?)")
_PARTICLE_LEAD = re.compile(r"^(?:了|着|过|多次|数次|一次|两次|再次|首次|又一次)(?!性)")


# idioms that end like a program's name: 志愿者用实际行动为…添彩
_IDIOMS = ("用实际行动", "以实际行动")


_BARE_COUNT = re.compile(
    r"(?:共|已|累计|共计|全年)?(?:安排|实施|建设|推进|开工|谋划|储备|签约)?"
    r"(?:(?:[\d.]+|[一二三四五六七八九十两几多]+)\s*[个项批类件座]?)?(?:镇村|村级|县级|市级|省级|区级)?")


# a time and a scope before a name (2月全市, 市级, 本县)
_SCOPE_LEAD = re.compile(r"^(?:(?:19|20)\d\d年(?:度)?)?(?:\d{1,2}月(?:份)?)?(?:全市|全县|全省|全区|本市|本县|市级|县级|省级|区级|市|县|省|区)?(?:(?:19|20)\d\d年(?:度)?)?")
# what is done with works of a kind (签约工业项目, 储备农业项目)
_KIND_VERBS = ("签约", "新签", "储备", "谋划", "招引", "引进", "开工", "竣工", "落地", "入库", "在建", "续建")


def _kind_of_works(specific: str) -> bool:
    """工业, 教育类, 卫生健康类 (a verb may stand before: 签约|工业): a kind of works."""
    if specific.endswith("类"):
        return True
    if specific.startswith(_KIND_VERBS) and len(specific) > 2:
        specific = specific[2:]
    return nlp.in_dictionary(specific) and nlp.pos(specific)[:1] in ("n", "v", "a", "b") \
        and nlp.pos(specific) not in ("nr", "nz", "ns", "nt")


_WORKS_BY_STATE = re.compile(r"(?:\d+(?:余|多)?(?:个|项))?(?:本行业|本地区|本单位|更多|各类|一批|在建|新开工|新签约|集中签约|签约|续建|新建|文旅|非遗)+")
_COUNT_TAIL = re.compile(r"\d+(?:余|多)?项$")


def is_generic(name: str, head: str) -> bool:
    """A head with nothing specific before it (民生工程, 专项整治, 各项工作)."""
    specific = name[: len(name) - len(head)] if name.endswith(head) else name
    specific = _YEAR.sub("", specific)
    if specific.startswith("每") or (head in _BENEFITS and (_RATE_TAIL.search(specific) or specific.startswith(_RATE_UNITS))):
        return True  # 每公斤补贴, 每亩补贴, 80周岁以上老年人每餐补贴: a rate, not a program
    if head in ("项目", "工程", "计划") and ("以上" in specific or "以下" in specific):
        return True  # 单个投资额亿元以上项目: a class of works by size
    scope = _SCOPE_LEAD.sub("", specific)
    if scope != specific and head in ("项目", "工程", "计划") and (
            _BARE_COUNT.fullmatch(scope) or scope in ("新签约", "集中签约", "签约", "重点", "新开工", "续建", "新建", "在建")):
        return True  # 市重点项目, 2月全市新签约项目, 2026年全市计划: works of a scope, not one of them
    if head in ("项目", "工程", "活动", "主题活动", "系列活动", "专项活动", "行动", "专项行动") and _BARE_COUNT.fullmatch(specific):
        return True  # 24个项目, 86个项目, 12项主题活动: a number of works, not a name
    if head in ("项目", "工程", "活动") and _WORKS_BY_STATE.fullmatch(_ADJECTIVE_LEAD.sub("", specific)):
        return True  # 58个在建项目, 新开工项目, 56项文旅活动, 更多非遗项目: works by their state or field
    if head in ("项目", "工程", "活动") and _COUNT_TAIL.search(specific):
        return True  # 5大板块10余项活动: a count of works
    if head == "项目" and _kind_of_works(specific):
        return True  # 工业项目, 教育类项目, 医院项目, 签约工业项目: a kind of works, not one of them
    generic = getattr(lex, "GENERIC_PROGRAM_WORDS", frozenset())
    # (a meeting about a general subject is still one meeting: 重点工作推进会)
    if name in generic or (specific in generic and (head not in MEETING_HEADS or len(specific) <= 2)) or name.endswith(_IDIOMS):
        return True
    if head == "工程" and specific.endswith(_PARTS_OF_A_WORK) and specific[: -2].endswith(("项目", "工程")):
        return True  # …高标准农田建设项目主体工程: the main works of a project named already
    if head == "长制" and specific and CJK_ONLY.fullmatch(specific):
        return False  # 河长制, 林长制, 河湖长制: a chief for a resource, named by one or two characters
    if len(_ADJECTIVE_LEAD.sub("", specific)) < 2:
        return True
    if specific in _MANNERS:
        return True  # 集中连片建设3.2万亩: how the works are done, not their name
    if head not in _strong() and len(specific) < 2:
        return True
    if head == "服务" and len(specific) < 4:  # 政务服务, 社保服务: a field, not a program
        return True
    if head == "工作" and (len(specific) < 4 or nlp.in_dictionary(specific)):
        return True  # 科技工作, 消毒工作: a field of work, not a program
    if specific in PARTICLES or all(c in "各项该这此本全一多重点主要相关有关" for c in specific):
        return True
    if "关于" in name:  # a document title (关于…的若干意见), not a program
        return True
    if _AMOUNT_INSIDE.search(name):  # “200元减50元”两种消费券: a price, not a name
        return True
    # one common word that is not a noun: 其他项目, 安排项目, 落地项目, 重大项目
    # (a benefit is named by what it pays for: 担保贷款, 求职补贴)
    if nlp.in_dictionary(specific) and nlp.pos(specific)[:1] in ("a", "v", "r", "d", "m", "b") and nlp.pos(specific) != "vn" \
            and not (head in _BENEFITS and nlp.pos(specific)[:1] == "v"):
        return True
    return False


def program_mentions(text: str, tokens: TokenIndex) -> list[ProgramMention]:
    """Programs named in ``text`` (an article), longest mention first where they overlap."""
    heads = head_regex()
    found: list[ProgramMention] = []
    listed: list[tuple[int, int]] = []
    for m in heads.finditer(text):
        hs, he = m.start(), m.end()
        head = m.group()
        # the head must end a word: 工作人员, 活动室, 项目部 are not program names
        if he < len(text) and not tokens.is_boundary(he):
            if NAME_CHAR.match(text[he]) and not heads.match(text, he) and not text.startswith(_TASK_WORDS, he):
                continue  # (…清洁取暖改造|任务, cut as 改造任务: the works and their task)
        # (a head chain such as 工程建设 gives both names; merging makes the shorter an alias)
        if _inside_title(text, hs, he):
            continue
        begin = scan_left(text, tokens, hs, max_len=24)
        if text[begin - 1 : begin] == "与" and begin >= 3 and hs - begin >= 3 and not head_ends_at(text, begin - 1) \
                and NAME_CHAR.match(text[begin - 2]):
            # 续建配套与现代化改造项目: two parts of one work (not 开展A活动与B活动)
            before = scan_left(text, tokens, begin - 1, max_len=24 - (hs - begin))
            if before < begin - 2:
                begin = before
        raw = text[begin:he]
        name = _clean(raw)
        if not name.endswith(head) or is_generic(name, head):
            continue
        extended = _extend_list(text, tokens, begin)
        if extended != begin:  # (the same span cleans to the same name: clean again only a longer one)
            begin = extended
            raw = text[begin:he]
            name = _clean(raw)
        if head.endswith("计划") and he < len(text) and NAME_CHAR.match(text[he]) and not heads.match(text, he):
            continue  # 安置房计划新开工170套: 计划 is a verb here
        if begin > 0 and text[begin - 1] in "该我本全" and name[:1] in "市县区省" and len(name) > 5:
            name = name[1:]  # 该市|棚户区…: the pronoun's level character is not part of the name
        measured = bool(re.match(r"\s*\d", text[he : he + 3]))  # 雨污分流改造179.023公里: a measured work
        measured = measured or bool(_SERVICE_NUMBER.match(name))  # 12319城管热线: a service by its number
        measured = measured or text.startswith(_TASK_WORDS, he)  # …清洁取暖改造任务已完成: works given as a task
        if _CLAUSE_INSIDE.search(name) or (head == "政策" and name[:-2].endswith(_POLICY_VERBS)):
            continue  # 副市长林卫东出席会议, 网格员逐户上门宣讲政策: a clause, not a name
        if head in _NAMED_BY_QUOTE and not ("”" in raw[:-len(head)] and not raw.endswith("”")):
            continue  # 社保服务窗口 is a counter; “办不成事”反映窗口 is a service of its own
        if head not in _strong() and not measured and not text.startswith(_COPULAS, he) and not _named_benefit(name, head, text[he : he + 4]):
            # the cue stands before the cleaned name (加大|技术帮扶) or before the whole span
            if not (_cued(text, _align(text, begin, he, name), raw) or _cued(text, begin, raw)):
                continue
        start = _align(text, begin, he, name)
        name = name.strip("、，,;；：: ")
        if head not in _strong() and nlp.in_dictionary(name) and not (head in _BENEFITS and _granted(text, start)):
            continue  # 社会工作, 垃圾分类 alone: a common word, not a program's name (给予岗位补贴 names one)
        umbrella = _enumeration(text, tokens, start, he, head)
        if umbrella:
            found.extend(umbrella)
            listed.extend((p.start, p.end) for p in umbrella[1:])
            continue
        found.append(ProgramMention(start, he, text[start:he], name, head))
    # an item of a counted list is a name of its own (河道清淤、岸线整治、水系连通三大工程:
    # not 河道清淤、岸线整治 read as one name ending with the head 整治)
    found = [p for p in found if (p.start, p.end) in listed
             or not any(a < p.end and p.start < b and p.start < a for a, b in listed)]
    found.extend(_listed_works(text, tokens))
    modes = _modes(text)
    if modes:
        # 采取“名校+分校”模式组建…: the mode is the name, not a span read past it
        # (推行“基层检查、上级诊断、结果互认”服务模式: not 基层检查…服务 read up to a weak head)
        found = [p for p in found if not any(p.start < m.end and m.start < p.end for m in modes)] + modes
    found.extend(_quoted_after_cue(text, tokens))
    found.extend(_paragraph_leads(text))
    found.extend(_item_headings(text, found))
    found.extend(_quoted_list(text))
    found.extend(_document_titles(text))
    found.extend(_named_systems(text))
    creations = _creations(text)
    if creations:
        # 创建省级园林城市工作: the campaign's name, not the verb phrase read up to a head
        starts = {c.start for c in creations}
        found = [p for p in found if not (p.start in starts and p.text.startswith(("创建", "争创")))] + creations
    found = _dedupe(found)
    return found + _meeting_subjects(text, found)


# meetings held about a campaign: …攻坚行动推进会, …工程建设调度会
MEETING_HEADS = ("推进会", "推进会议", "部署会", "动员会", "动员部署会", "调度会", "工作会议", "现场会", "总结会", "誓师大会")


def _meeting_subjects(text: str, found: list[ProgramMention]) -> list[ProgramMention]:
    """The campaign a meeting is named after is a program too
    (“瓯江清流”河湖治理攻坚行动推进会 → 瓯江清流河湖治理攻坚行动)."""
    out = []
    for p in found:
        head = next((h for h in MEETING_HEADS if p.name.endswith(h)), None)
        if head is None or not p.text.endswith(head):
            continue
        end = p.end - len(head)
        if not strong_head_ends_at(text, end) or text[end - 2 : end] == "工作":
            continue
        name = _clean(text[p.start : end])
        inner = next((h for h in _heads() if name.endswith(h)), "")
        if len(name) >= 4 and inner and inner not in MEETING_HEADS and not is_generic(name, inner):
            out.append(ProgramMention(p.start, end, text[p.start : end], name, inner))
    return out


# 创建国家森林城市 / 争创全国文明城市: the campaign for a title, named 国家森林城市创建
_CREATION = re.compile(
    r"(?:创建|争创)((?:全国|国家|国家级|省级|市级|[\u4e00-\u9fff]{2}省)?[\u4e00-\u9fff]{2,8}?"
    r"(?:城市|县城|示范区|示范县|示范市|示范镇|示范村|乡村|社区|单位|城区))"
)


def _creations(text: str) -> list[ProgramMention]:
    out = []
    for m in _CREATION.finditer(text):
        title = m.group(1)
        if title in ("城市", "乡村", "社区", "单位") or is_generic(title + "创建", "创建"):
            continue
        out.append(ProgramMention(m.start(), m.end(1), text[m.start() : m.end(1)], title + "创建", "创建"))
    return out


# 五大造林工程, 三项行动, 5大行动: a count of the programs just listed
COUNTED = re.compile(r"(?:[一二三四五六七八九十两]+|\d+)(?:大|项)")
_ITEM_STOP = "，,。；;：:！？!?（）()\n"
SERIES = re.compile(r"等(?:一)?系列$")
_SERIES_LEAD = re.compile(r"一?系列")


def _item_start(text: str, end: int, limit: int = 16) -> int:
    """Where the list item ending at ``end`` starts: after the 、 or clause break before it
    (at most ``limit`` characters back)."""
    a = end
    while a > 0 and text[a - 1] not in _ITEM_STOP and text[a - 1] != "、" and end - a < limit:
        a -= 1
    return a


def _enumeration(text: str, tokens: TokenIndex, start: int, end: int, head: str) -> list[ProgramMention]:
    """A list closed by a count of its items (实施A、B、C五大造林工程; 开展A、B五大行动):
    the umbrella (五大造林工程) and each item, as separate programs.

    An item takes the umbrella's head when the count stands right before it
    (河湖生态修复…五大行动 → 河湖生态修复行动)."""
    m = None
    for m in COUNTED.finditer(text, start, end):
        pass
    lead = _SERIES_LEAD.match(text, start, end)
    if lead and text[start - 1 : start] == "等":
        start = lead.end()  # 等|系列文化惠民活动: 系列 is not part of the name
    # (a count closes the list when there is one; else 等系列 may)
    series = SERIES.search(text, max(0, start - 4), start) if m is None else None
    if series:
        # 开展A会、B会、C行等系列产学研对接活动: the list before 等 names the umbrella's parts
        u_start = series.start()
        if end - start > 12 or is_generic(text[start:end], head):
            return []
    elif m is None or m.start() == start and (start == 0 or text[start - 1] != "、"):
        return []
    else:
        u_start = m.start()
        if text[u_start - 1 : u_start] in "的之" or end - u_start > 10:
            return []
    items: list[tuple[int, int]] = []
    s = start if start < u_start else u_start
    if series:
        s = _item_start(text, s)  # the last item, right before 等
    # the items inside the name found so far (河道清障、岸线管控、水污染防治三大行动)
    e = u_start
    for k in range(u_start - 1, s - 1, -1):
        if text[k] in "、":
            if k + 1 < e:
                items.append((k + 1, e))
            e = k
    if s < e:
        items.append((s, e))
    pos = s
    while pos > 0 and text[pos - 1] in "、和及与":
        b = pos - 1
        a = _item_start(text, b)
        if a == b:
            break
        items.append((a, b))
        pos = a
    if len(items) < 2:
        return []
    # the umbrella: from the count (五大行动), or after 等系列 (文化惠民活动)
    u_from = start if series else u_start
    umbrella_name = text[u_from:end]
    append_head = not series and text[m.end() : end] == head
    out = [ProgramMention(u_from, end, umbrella_name, umbrella_name, head)]
    for a, b in items:
        a = max(a, scan_left(text, tokens, b, max_len=16))  # not the verb before the list
        raw = text[a:b]
        name = _clean(raw)
        if len(name) < 2:
            continue
        a = b - len(name) if raw.endswith(name) else a
        if append_head and not head_regex().search(name[-4:]):
            name = name + head
        out.append(ProgramMention(a, b, text[a:b], name, head))
    return out


# 实施A、B、C等工程 / 通过A、B等系列举措: the works listed before a word for works in general
_WORKS_AFTER = re.compile(r"等(?:一)?(?:系列)?(?:举措|措施|工程|项目|工作|行动)(?![\u4e00-\u9fff])")
_WORK_ENDS = ("提升", "发展", "升级", "培育", "建设", "改造", "整治", "治理", "保护", "修复", "创建", "改革")


def _listed_works(text: str, tokens: TokenIndex) -> list[ProgramMention]:
    out = []
    for m in _WORKS_AFTER.finditer(text):
        items: list[tuple[int, int]] = []
        e = m.start()
        while True:
            a = max(_item_start(text, e), scan_left(text, tokens, e, max_len=16))
            if a >= e:
                break
            items.append((a, e))
            if a > 0 and text[a - 1] == "、":
                e = a - 1
                continue
            break
        if len(items) < 2:
            continue
        named = []
        for a, b in items:
            raw = text[a:b]
            name = _clean(raw)
            head = next((h for h in _heads() if name.endswith(h)), None)
            if len(name) < 4 or not (head or name.endswith(_WORK_ENDS)) or nlp.in_dictionary(name):
                continue
            if head and is_generic(name, head):
                continue
            start = b - len(name) if raw.endswith(name) else a
            named.append(ProgramMention(start, b, text[start:b], name, head or ""))
        if len(named) >= 2:
            out.extend(named)
    return out


# 采取“名校+分校”模式: a way of working named in quotation marks
_MODE = re.compile(r"(?:采取|推行|实行|探索|创新|推广|采用|建立|构建|运用|实施|推进|打造)“([^“”，,。；]{2,24})”模式")


def _modes(text: str) -> list[ProgramMention]:
    found = [ProgramMention(m.start(1) - 1, m.end(), text[m.start(1) - 1 : m.end()], m.group(1) + "模式", "模式")
             for m in _MODE.finditer(text)]
    taken = {(p.start, p.end) for p in found}
    return found + [p for p in _quoted_ways(text) if (p.start, p.end) not in taken]


# a named platform, system, hotline or app that a body builds or works through:
# 依托河北省农民工工资支付监控预警平台, 建成小水电站生态流量监管平台,
# 展示了北江洪水预报调度系统, 通过“秦务员”APP; a name after 和/、 is one too
_SYSTEM_HEADS = ("平台", "系统", "热线", "APP", "小程序")
# (a system a sentence uses in passing, 借助…系统办理业务, is left out)
_SYSTEM_CUES = ("依托", "通过", "建成", "建设", "搭建", "上线", "开通", "接入", "展示了", "打造", "开发", "启用",
                "研发", "登录", "下载")
_SYSTEM = re.compile(r"((?:“[^“”，。；]{2,12}”|[\u4e00-\u9fff0-9A-Za-z+＋]){1,30}?)(" + "|".join(_SYSTEM_HEADS) + r")"
                     r"(?![A-Za-z]|化|性|企业|公司|经济|电话|工程|项目|建设|整合|运营|功能)")
_SYSTEM_JOINT = re.compile(r"和|与|及|、")
# what makes a system's name no name: a kind of system with an adjective (高层次创新平台)
_SYSTEM_ADJECTIVES = re.compile(r"^(?:该|本|其|这|此|智慧|高层次|高水平|高能级|综合性?|一站式|数字化|信息化|智能化|各类|各级|相关|有关|线上|网上|手机|微信)")


def _named_systems(text: str) -> list[ProgramMention]:
    out = []
    for cue in _SYSTEM_CUES:
        at = text.find(cue)
        while at >= 0:
            pos = at + len(cue)
            while True:
                m = _SYSTEM.match(text, pos)
                if m is None:
                    break
                name = strip_quotes(m.group(0))
                if len(name) < 6 or _SYSTEM_ADJECTIVES.match(name) or nlp.in_dictionary(name[: -len(m.group(2))]):
                    break
                out.append(ProgramMention(pos, m.end(), m.group(0), name, m.group(2)))
                joint = _SYSTEM_JOINT.match(text, m.end())  # A平台和B热线
                if joint is None:
                    break
                pos = joint.end()
            at = text.find(cue, at + 1)
    return out


# a way of working named after its quoted slogan: “河长+网格员”巡河模式,
# “月调度、季通报、年考核”工作机制, “门前三包”责任制, “四级网格”责任体系,
# “交办—整改—复核—销号”闭环管理; the slogan and the words after it up to the head
_WAY_HEADS = ("责任制", "工作法", "模式", "机制", "制度", "体系", "管理")
_QUOTED_WAY = re.compile(r"“([^“”，,。；;：:！？\n]{2,30})”(的)?([\u4e00-\u9fff]{0,10}?)(" + "|".join(_WAY_HEADS) + ")")
# what continues a head into another word: 应急管理|局, 管理|人员, 机制|建设
_WAY_HEAD_GOES_ON = re.compile(r"[局处科站办部员人者所厅委队]|中心|建设|改革|创新|水平|能力")
# the noun phrase a cue verb puts before the slogan belongs to the name
# (建立天然气保供“日监测、周研判”机制, 推行食用农产品“一品一码”追溯管理)
_WAY_CUE = re.compile(r"(?:建立|推行|实行|推广|落实|试点|探索|完善|健全|构建|创新|采取|采用|执行|形成)(?:了)?(?!建立|健全|完善|推行|实行|全面|严格|落实|进一步|在)([\u4e00-\u9fff]{2,8})$")


def _quoted_ways(text: str) -> list[ProgramMention]:
    """Ways of working named after a quoted slogan. With 的 between them the
    words after it are the name (“县级统筹、镇村管护”的改厕后续管护机制 →
    改厕后续管护机制) when they say more than the head; a bare 管理 needs words
    before it or a slogan of several parts (“清单制+责任制+销号制”管理, not
    “三资”管理)."""
    out = []
    for m in _QUOTED_WAY.finditer(text):
        slogan, of, middle, head = m.groups()
        end = m.end()
        more = next((h for h in _WAY_HEADS if text.startswith(h, end)), None)
        if more is not None:  # “环卫+”管理制度: the head is the last of them
            middle, head, end = middle + head, more, end + len(more)
        if _WAY_HEAD_GOES_ON.match(text, end):
            continue
        if head == "管理" and not middle and not re.search(r"[、+＋—]", slogan):
            continue
        start = m.start()
        if of:
            if not middle:
                name = slogan + head  # “政府主导、国企实施、村民参与”的模式
            elif len(middle) >= 3:
                name, start = middle + head, m.start(3)
            else:
                continue  # “一盘棋”的联动机制: a figure of speech
        else:
            name = slogan + middle + head
            cue = _WAY_CUE.search(text, max(0, start - 12), start)
            if cue is not None:
                name = cue.group(1) + name
                start = cue.start(1)
        out.append(ProgramMention(start, end, text[start:end], name, head))
    return out


# “共创文明城 志愿我先行”“小手拉大手 共创文明城”等主题创建活动: each quoted
# name with the head phrase after the list


def _quoted_list(text: str) -> list[ProgramMention]:
    out = []
    for m in re.finditer(r"((?:“[^“”]{2,24}”[、，,和及与]?){2,})等", text):
        hm = None
        for h in head_regex().finditer(text, m.end(), m.end() + 10):
            if hm is not None and h.start() != hm.end():
                break
            hm = h
        if hm is None or hm.start() - m.end() > 6 or any(c in "，,。；;" for c in text[m.end() : hm.end()]):
            continue
        if hm.end() < len(text) and NAME_CHAR.match(text[hm.end()]) and not head_regex().match(text, hm.end()):
            continue
        tail = text[m.end() : hm.end()]
        for q in re.finditer(r"“([^“”]{2,24})”", m.group(1)):
            a, b = m.start(1) + q.start(), m.start(1) + q.end()
            name = q.group(1) + tail
            out.append(ProgramMention(a, b, text[a:b], name, hm.group()))
    return out


# a document in 《》 that sets a policy: 《…实施方案》, 《关于…的实施意见》, 《…管理规定》
_POLICY_DOCS = ("方案", "规划", "计划", "意见", "规定", "办法", "条例", "细则", "纲要", "决定", "政策", "措施", "制度")


def _document_titles(text: str) -> list[ProgramMention]:
    out = []
    for m in re.finditer(r"《([^《》\n]{4,60})》", text):
        title = m.group(1)
        core = re.sub(r"[（(][^）)]*[）)]$", "", title)
        if not core.endswith(_POLICY_DOCS) or core.endswith(("工作规则", "议事规则")):
            continue
        out.append(ProgramMention(m.start(1), m.end(1), title, title, ""))
    return out


_COPULAS = ("是", "为全", "作为", "列入", "纳入")


# verbs of reporting inside a span read back from a head: a clause, not a name
_CLAUSE_INSIDE = re.compile("出席|主持召开|主持|讲话|致辞|获悉|表示|介绍说|设有|分管|入户讲解")
# 宣讲政策, 解读政策: the policies are the object of a verb, not a program's name
_POLICY_VERBS = ("宣讲", "解读", "宣传", "讲解", "落实", "兑现", "享受", "了解", "学习", "送", "讲", "传达", "普及", "告知")

_ITEM_NUMBER = re.compile(rf"\s*(?:{NUMBERING})\s*")

# heads that name a program only after a quoted name (“税务+市场监管”联办窗口)
_NAMED_BY_QUOTE = frozenset(("窗口", "专窗", "专区", "直通车"))


def _cued(text: str, begin: int, raw: str) -> bool:
    """A weak-headed name counts when quoted or introduced by a cue verb
    (an amount may stand between: 给予5000元一次性创业补贴)."""
    if any(c in QUOTES for c in raw):
        return True
    m = _AMOUNT.match(raw)
    if m and "元" in m.group():
        return True
    before = text[max(0, begin - 4) : begin].rstrip(" 了")
    if before.endswith(_CUES):
        return True
    # （一）城镇老旧小区改造。: the heading of an item of a numbered list
    end = begin + len(raw)
    if text[end : end + 1] in ("。", "：", ":") and _ITEM_NUMBER.fullmatch(text, text.rfind("\n", 0, begin) + 1, begin):
        return True
    # 结合全国文明城市创建, 借助5A景区创建工作: a work that another is tied to (not a means: 借助…系统)
    if before.endswith(("结合", "借助")) and not raw.endswith(("系统", "体系", "机制")):
        return True
    # 开展A活动和B建设: coordinated with a program named by a strong head right before
    conj = next((c for c in ("以及", "和", "及", "与") if before.endswith(c)), None)
    if conj and strong_head_ends_at(text, begin - len(conj)):
        return True
    # 在全国文明城市创建中，… / 为全国文明城市创建添彩: a frame names the program
    if before.endswith("在") and SETTING_AFTER.match(text, end):
        return True
    if before.endswith("为") and CONTRIBUTE_AFTER.match(text, end):
        return True
    # 建设英德红茶现代农业产业园: a park or a belt being built is a work
    if raw.endswith(_BUILT_HEADS) and (before.endswith(_BUILDING) or _BUILT_ON.search(text, max(0, begin - 12), begin)):
        return True
    # …集中征缴工作圆满结束: the subject of a clause that reports the work's start, end or progress
    if _STATUS_AFTER.match(text, end) and clause_start(text, begin) == begin:
        return True
    # 秋粮收购顺畅有序 / 我市安全生产大排查大整治查改隐患…: the subject a headline opens with
    # (not a body named first, 卧龙公安分局夏季治安打击整治“百日行动”…, nor a count, 31项督察)
    if _HEADLINE_LEAD.fullmatch(text, 0, begin) and not _BODY_OR_COUNT.search(raw) and text[end : end + 1] != "“" \
            and _is_headline(text):
        return True
    # 给予最长不超过3年的租金补贴: a benefit granted earlier in the clause
    return raw.endswith(_BENEFITS) and _granted(text, begin)


_HEADLINE_LEAD = re.compile(r"[# \t\u3000]*(?:[我全本][市县区省镇乡])?")  # (on the first line)
_BODY_OR_COUNT = re.compile(r"\d|[局委厅]|公司|政府")


def _is_headline(text: str) -> bool:
    """True when the first line of ``text`` reads as a headline: short, no sentence in it."""
    end = text.find("\n", 0, 41)
    line = text[: end if end >= 0 else 41]
    return len(line) <= 40 and not any(c in line for c in "。，,；;：:")


# parks and belts that are works while they are built (…产业园, …示范带)
_BUILT_HEADS = ("产业园", "产业园区", "产业集聚区", "示范带", "产业带")
_BUILDING = ("建设", "新建", "建成", "打造", "规划建设", "启动建设", "开工建设", "依托")
# 启动建设占地约1200亩的太和镇产业集聚区: the building verb before a measured phrase
_BUILT_ON = re.compile(r"(?:建设|新建|建成|打造)[^，。；、]{0,10}的$")
# what is said of a work that has started, ended or progressed (…工作圆满结束, …全面启动)
_STATUS_AFTER = re.compile(
    r"(?:已|已经|于今日|日前|近日)?(?:圆满|顺利|全面|正式|如期|提前|基本|有序|扎实|稳步)"
    r"(?:结束|收官|完成|启动|展开|铺开|推进|实施)|(?:取得|收到)(?:明显|显著|积极|阶段性|良好)?(?:成效|进展)|进展顺利"
)


# 在B中，… / 在B方面，… / 为B添彩: what follows a program named in these frames (kg.extract.relations reads them too)
SETTING_AFTER = re.compile(r"(?:工作)?(?:(?:过程)?中|方面|上)[，,]")  # 在P中， / 在P上，
CONTRIBUTE_AFTER = re.compile(r"(?:工作)?(?:添砖加瓦|添彩|增光添彩|增光彩|添助力|助力|作贡献|做贡献)")
_BENEFITS = ("补贴", "贷款", "补助", "奖励", "津贴")


def _named_benefit(name: str, head: str, after: str) -> bool:
    """耕地地力保护补贴, 创业担保贷款: a benefit named by what it pays for needs no
    cue (but not 核定全县补贴|面积, 财政补贴|资金“一卡通”: a word the benefit qualifies)."""
    if head not in _BENEFITS or not name.endswith(head) or after.startswith(_QUALIFIED_BY_BENEFIT):
        return False
    if after.startswith("资金") and after[2:3] in ("“", "「"):
        return False
    specific = _YEAR.sub("", name[: -len(head)])
    if len(specific) < 4 or specific.startswith(("每", "按", "给予", "发放")) or nlp.in_dictionary(specific):
        return False
    first = nlp.cut(specific)[0]
    return not nlp.pos(first).startswith("v") or nlp.pos(first) == "vn"


# what a benefit's name may qualify: 补贴面积, 补贴标准, 补贴对象
_QUALIFIED_BY_BENEFIT = ("面积", "标准", "对象", "范围", "政策", "比例", "额度", "人数", "户数")
_GRANTS = ("给予", "享受", "申请", "发放", "提供", "补贴")
# a public service line by its number: 12345政务服务热线, 12319城管热线
_SERVICE_NUMBER = re.compile(r"^1\d{4,5}(?!\d)")


def head_ends_at(text: str, pos: int) -> bool:
    """A head, strong or weak (…行动, …建设), ends right before ``pos``."""
    return any(len(h) <= pos and text.startswith(h, pos - len(h)) for h in _heads())


def strong_head_ends_at(text: str, pos: int) -> bool:
    """A strong head (…行动, …活动) ends right before ``pos``."""
    return any(len(h) <= pos and text.startswith(h, pos - len(h)) for h in _strong())


def _granted(text: str, begin: int) -> bool:
    """A benefit granted in the clause before ``begin`` (给予…, 申请…, 享受…)."""
    clause = text[clause_start(text, begin) : begin]
    return any(v in clause for v in _GRANTS)


def _extend_list(text: str, tokens: TokenIndex, begin: int) -> int:
    """Take short items joined by 、 into the name when a cue verb introduces
    them all: 开展井盖、道路专项集中整治; 实施西邵、杨庄、东街城中村改造."""
    start = begin
    while start > 0 and text[start - 1] == "、":
        seg = scan_left(text, tokens, start - 1, max_len=5, allow_quotes=False)
        if not 1 <= start - 1 - seg <= 4:
            break
        if strong_head_ends_at(text, start - 1):
            break  # …攻坚行动、…提质升级行动: an item with its own head is a program of its own
        start = seg
    if start == begin:
        return begin
    if start > 0 and text[start - 1] == "”":
        # “我为群众办实事”最美人物、最美集体颁奖活动: the quoted part opens the name
        opening = text.rfind("“", max(0, start - 30), start - 1)
        if opening >= 0 and "”" not in text[opening : start - 1]:
            return opening
    before = text[max(0, start - 4) : start].rstrip(" 了")
    return start if before.endswith(_CUES) else begin


def _align(text: str, begin: int, end: int, name: str) -> int:
    """The offset where the (cleaned) name's first character sits in text[begin:end]."""
    span = text[begin:end]
    first = name[0]
    i = span.find(first)
    # skip leading quote characters that were removed
    while i > 0 and span[i - 1] in QUOTES:
        i -= 1
    return begin + max(i, 0)


def _inside_title(text: str, hs: int, he: int) -> bool:
    """A head inside 《…》 or “…” that does not end it (…工作的通知, “统筹规划、城乡一体”)
    names no program."""
    for o, c in (("《", "》"), ("“", "”")):
        open_ = text.rfind(o, max(0, hs - 60), hs)
        if open_ < 0 or text.rfind(c, open_, hs) >= 0:
            continue
        close = text.find(c, open_)
        if close > he:
            return True
    return False


_QUOTE_CUES = ("推进", "推行", "深化", "开展", "实施", "实行", "启动", "落实", "推动", "实现", "开通", "试运营", "运营",
               "推出", "建立", "建设", "修建")
_CUE_QUOTE = re.compile(rf"(?:{'|'.join(_QUOTE_CUES)})([^“”。；，,\s]{{0,14}})“([^“”，,。、；]{{2,20}})”")
# what may stand between the cue and the quote and ends the words before the name
_INNER_CUE = re.compile("|".join(_QUOTE_CUES + ("关于", "、")))


def _quoted_after_cue(text: str, tokens: TokenIndex) -> list[ProgramMention]:
    out = []
    for m in _CUE_QUOTE.finditer(text):
        after = m.end()
        if head_regex().match(text, after):
            continue  # “…”活动: found by its head
        if after < len(text) and NAME_CHAR.match(text[after]) and not text[after].isdigit():
            continue  # “…”建设/…”理念: not a bare name (a measured work may follow: “四好农村路”445公里)
        if m.group().startswith(("建设", "修建")) and not text[after : after + 1].isdigit():
            continue  # 建设“城市客厅”: a figure of speech unless the work is measured
        start = m.start(1)
        # 落实省委、省政府关于实施“…”: the name starts after the last cue (or 关于, or a list's 、)
        inner = list(_INNER_CUE.finditer(m.group(1)))
        if inner:
            start = m.start(1) + inner[-1].end()
        if re.search(r"[的\d%％]", text[start : m.start(2)]):
            start = m.start(2) - 1  # 推动全市85%以上的餐饮单位实现“明厨亮灶”: the name is the quote
        name = _clean(text[start:after])
        if len(name) < 3 or name in lex.GENERIC_PROGRAM_WORDS or name in lex.TARGET_SLOGANS:
            continue  # 实现“开门红”: a target, not a work
        out.append(ProgramMention(start, after, text[start:after], name, ""))
    return out


# a paragraph that opens with what is done and why: 复划道路标识标线，方便居民出行停车。
_LEAD_SENTENCE = re.compile(r"(?:^|\n)([\u4e00-\u9fff]{2}[\u4e00-\u9fffA-Za-z0-9]{3,12})，([^，。\n]{2,12})。")
_WORK_VERBS = ("推动", "推进", "编制", "复划", "施划", "实施", "开展", "完善", "加强", "强化", "提升", "打造", "建立",
               "健全", "落实", "深化", "优化", "改造", "整治", "治理", "新建", "扩建", "建设", "规范", "开通", "推行")


_INTRODUCING = ("推动", "推进", "加强", "强化", "完善", "深化", "落实", "开展", "实施", "编制", "建立", "健全", "优化", "打造", "推行")


# a numbered item's heading: （三）推行个人账户家庭共济。 / 2.乡镇污水处理设施提质增效。
# (also inline, after a colon or a full stop: 主要包括：（一）古城非遗展演。…（二）…)
_ITEM_HEADING = re.compile(
    rf"(?:(?:^|\n)\s*(?:{NUMBERING})|(?<=[：:。；;]){PAREN_ORDINAL})\s*([^，,。；;：:\n（(]{{4,22}})。")
# what a heading that states a goal or a stance ends with (（五）坚决守牢安全稳定底线。)
_STANCES = ("站位", "领导", "意识", "作风", "底线", "能力", "水平", "质效", "实效", "合力", "氛围", "认识", "责任",
            "落实", "保障", "支撑", "基础", "导向", "统筹", "协调", "监督", "宣传", "引导", "机制建设")
_HEADING_VERBS = ("全面", "大力", "加快", "深入", "持续", "扎实", "积极", "稳步", "着力", "切实", "坚决", "不断", "进一步",
                  "推行", "推进", "推动", "实施", "开展", "落实", "深化", "改革", "完善", "健全", "建立", "实行", "开通",
                  "打造", "加强", "强化", "抓好", "做好")


def _item_headings(text: str, found: list[ProgramMention]) -> list[ProgramMention]:
    """The heading of a numbered item of a list of tasks or measures is a
    program when it names a work (（二）改革个人账户计入办法。 → 个人账户计入办法),
    not when it states a stance (（五）坚决守牢安全稳定底线。)."""
    out = []
    for m in _ITEM_HEADING.finditer(text):
        start, end = m.start(1), m.end(1)
        if any(p.start <= start < p.end or start <= p.start < end for p in found):
            continue  # a name the heads already read
        name = m.group(1)
        lead = 0
        while (v := next((w for w in _HEADING_VERBS if name.startswith(w, lead)), None)) is not None:
            lead += len(v)
        name = strip_quotes(name[lead:])
        if len(name) < 4 or name.endswith(_STANCES) or any(c in name for c in "的了和与及等"):
            continue
        if nlp.in_dictionary(name):
            continue
        out.append(ProgramMention(start + lead, end, text[start + lead : end], name, ""))
    return out


def _paragraph_leads(text: str) -> list[ProgramMention]:
    out = []
    for m in _LEAD_SENTENCE.finditer(text):
        clause = m.group(1)
        if not clause.startswith(_WORK_VERBS):
            continue
        # only the verbs that introduce a program are dropped (推动停车设施建设 →
        # 停车设施建设); a verb that is the work itself stays (复划道路标识标线)
        name = clause[2:] if clause.startswith(_INTRODUCING) else clause
        if len(name) < 4 or any(w in name for w in ("的", "了", "和")):
            continue
        start = m.start(1) + clause.find(name[:1])
        out.append(ProgramMention(start, m.end(1), text[start : m.end(1)], name, ""))
    return out


def _dedupe(found: list[ProgramMention]) -> list[ProgramMention]:
    found = sorted(set(found), key=lambda p: (p.start, -(p.end - p.start)))
    out: list[ProgramMention] = []
    for p in found:
        if out and p.start < out[-1].end:
            prev = out[-1]
            if p.end > prev.end and p.start >= prev.start:
                # a chain of heads (…工程 / …工程建设): keep both, the later is longer
                out.append(p)
            continue
        out.append(p)
    return out


# --- items of a list of programs ------------------------------------------------

_VO_VERBS = ("建设改造", "新建改造", "改造提升", "新建", "建设", "改造", "施划", "扩建", "翻建", "修建", "配置", "开通")
_VO = re.compile(
    "(" + "|".join(_VO_VERBS) + r")([\u4e00-\u9fffA-Za-z0-9]{2,16}?)(?=\d|[，,。；;、]|$)"
)
_NOMINAL = {"新建": "建设", "新建改造": "建设改造"}


def list_items(text: str, start: int, end: int, taken: list[tuple[int, int]]) -> list[ProgramMention]:
    """Programs written as verb + object in a list of works (在城区建设公共停车位900个 →
    公共停车位建设, alias 建设公共停车位): one per clause that names no program."""
    out = []
    clause_start = start
    # a paragraph headed by a named work (（二）公办幼儿园扩容提质工程。…): its clauses are that work's
    headed = []
    for a, b in taken:
        line = text.rfind("\n", 0, a) + 1
        if _ITEM_NUMBER.fullmatch(text, line, a) or line == a:
            nl = text.find("\n", b)
            headed.append((line, nl if nl >= 0 else len(text)))
    for i in range(start, end + 1):
        if i < end and text[i] not in "，,；;。":
            continue
        if not any(a < i and clause_start < b for a, b in taken) and not any(a <= clause_start < b for a, b in headed):
            m = _VO.search(text, clause_start, i)
            if m:
                verb, obj = m.group(1), m.group(2)
                count = _LEAD_COUNT.match(obj)
                if count and len(obj) - count.end() >= 2:
                    obj = obj[count.end() :]  # 新建9个国医堂: the works are 国医堂建设, nine of them
                if len(obj) >= 2 and re.search(r"[\u4e00-\u9fff]", obj) and not any(w in obj for w in ("的", "等", "了", "和", "及其")):
                    name = obj + _NOMINAL.get(verb, verb)
                    out.append(ProgramMention(m.start(), m.end(), m.group(), name, _NOMINAL.get(verb, verb)))
        clause_start = i + 1
    return out

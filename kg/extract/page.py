"""Extract a page: mentions → entities → relations with evidence.

``extract_page(page)`` is the pure function the pipeline calls for every
page. It works article by article: it finds the mentions of places,
agencies, organisations and programs, resolves them into the page's
entities, then reads the relations off each sentence.
"""

from __future__ import annotations

from collections import Counter

import re
from collections import defaultdict
from dataclasses import dataclass, field

from kg import gazetteer, nlp
from kg.extract import organizations as orgs
from kg.extract import places as places_mod
from kg.extract import programs as programs_mod
from kg.extract import relations
from kg.extract.resolve import (
    Registry,
    choose_program_name,
    mention_place,
    merge_program_names,
    own_city,
    page_home,
    place_entity,
)
from kg.extract.spans import TokenIndex, strip_quotes
from kg.lexicon import agencies as agency_lex
from kg.lexicon import organizations as org_lex
from kg.model import Article, Entity, Extraction, Mention, Page


@dataclass
class Found:
    """An entity found at a span of an article's text."""

    entity: Entity
    start: int
    end: int
    kind: str  # Place | Agency | Organization | Program | pronoun
    surface: str = ""
    inside: str = ""  # "org" when the span is part of an organisation's name


@dataclass
class ArticleFacts:
    article: Article
    found: list[Found] = field(default_factory=list)
    home: Entity | None = None
    main_program: Entity | None = None
    headline_program: Entity | None = None
    lead_agency: Entity | None = None


def extract_page(page: Page) -> Extraction:
    """Everything the graph needs from one page."""
    reg = Registry()
    # the page's own places give the context that resolves short and ambiguous names
    first = places_mod.admin_mentions(page.text)
    divisions = [gazetteer.get(m.code) for m in first if m.code]
    divisions = [d for d in divisions if d is not None]
    home_div = page_home(divisions)
    city_div = own_city(divisions)
    # the context that disambiguates names: the page's home and its distinct
    # places of county level and above (few, so that resolution stays cheap)
    context: list = [home_div] if home_div else []
    for d in divisions:
        if d.level in ("province", "prefecture", "county") and all(c.code != d.code for c in context):
            context.append(d)
    under = {d.code for d in divisions if d.level in ("county", "township")}

    # places once over the page, with villages under the page's counties and townships
    all_admin = places_mod.admin_mentions(page.text, context, villages_under=under) if under else first
    all_admin = _verb_readings_dropped(page.text, all_admin, home_div)
    facts: list[ArticleFacts] = []
    program_names: list[tuple[int, programs_mod.ProgramMention]] = []
    for art in page.articles:
        af = ArticleFacts(art)
        facts.append(af)
        admin = [
            Mention(m.type, m.text, m.start - art.start, m.end - art.start, m.name, m.level, m.code)
            for m in all_admin if art.start <= m.start and m.end <= art.end
        ]
        _article_entities(art, af, reg, admin, home_div, program_names)

    _merge_bare_agencies(reg, facts)
    _merge_org_tails(reg, facts)
    _programs(reg, facts, program_names)
    _declared_short_names(reg, facts)
    for af in facts:
        _pronouns(af, reg, home_div, city_div)
    ex = Extraction(page)
    for af in facts:
        relations.article_relations(af, ex, reg)
    ex.entities = _finish(reg, ex)
    return ex


# the last character of a body's name (…局, …委, …办, …政府)
_BODY_END = frozenset("局委办府队所站厅部室院会")
# verbs that are also the stems of counties (会同县, 湖南): 该局将会同县财政局…
_VERB_STEMS = ("会同", "通道")


def _verb_readings_dropped(text: str, mentions: list[Mention], home) -> list[Mention]:
    """A county or township of another province named right after a body, or
    whose stem is a common verb (县发改局会同县自然资源和规划局: 会同 is a verb,
    not 湖南 会同县), is no place."""
    if home is None:
        return mentions
    province = home.code[:2]
    return [m for m in mentions if not (
        m.code and not m.code.startswith(province) and m.level in ("county", "township")
        and (m.start > 0 and text[m.start - 1] in _BODY_END or m.text.startswith(_VERB_STEMS)))]


# --- per article ---------------------------------------------------------------

# housing a body built for its staff, named after it (a residential compound, not the body)
_COMPOUND_OF_BODY = ("家属院", "家属楼", "家属区", "宿舍区", "宿舍楼", "职工宿舍", "生活区")


def _article_entities(art, af, reg, admin, home_div, program_names) -> None:
    text = art.text
    tokens = TokenIndex(text)
    admin = places_mod.on_word_boundaries(admin, text, tokens)
    listed = places_mod.counted_villages(text, tokens)
    if listed:
        # 前刘庄村 in a list of villages: not the gazetteer's 刘庄村 read inside it
        admin = [m for m in admin if not any(v.start <= m.start and m.end <= v.end and v.end - v.start > m.end - m.start
                                             for v in listed)]
    for m in admin:
        ent = mention_place(reg, m, art.index)
        af.found.append(Found(ent, m.start, m.end, "Place", m.text))
    af.home = _article_home(art, af, reg, home_div)

    agencies = orgs.agency_mentions(text, admin, tokens)
    organizations = orgs.org_mentions(text, tokens, admin, agencies)
    for om in agencies + organizations:
        if text.startswith(_COMPOUND_OF_BODY, om.end):
            continue  # 税务局家属院, 棉纺厂宿舍: a housing compound named after a body (a place)
        ent = _org_entity(reg, om, af, text, home_div)
        if ent is None:
            continue
        ent.articles.add(art.index)
        af.found.append(Found(ent, om.start, om.end, ent.type, om.text))
    for f in af.found:
        if f.kind == "Place" and any(
            o.kind == "Organization" and o.start <= f.start and f.end <= o.end for o in af.found
        ):
            f.inside = "org"
    _company_short_names(af, text)
    _branch_short_names(af, text)

    # features: not inside an agency or organisation name, not a full admin name
    bodies = [(f.start, f.end) for f in af.found if f.kind in ("Agency", "Organization")]
    # (a name written whole, if not as the gazetteer words it: 滨湖新区 for 衡水滨湖新区)
    full = [m for m in admin if m.text == m.name or (
        m.level in ("county", "township") and len(m.text) >= 3 and m.text.endswith(_ADMIN_ENDS))]
    features = places_mod.feature_mentions(text, tokens, {m.end for m in full} | {m.start for m in full}, listed)
    # 平遥|古城, and 平遥古城|南门广场 read as 古城南门广场: the division's short name opens them
    named_after = places_mod.features_after_places(text, tokens, admin)
    for i, n in enumerate(named_after):
        longer = [f for f in features if n.start < f.start < n.end < f.end]
        if longer:
            name = text[n.start : longer[0].end]
            named_after[i] = Mention("Place", name, n.start, longer[0].end, name=name, level="feature")
    features = [f for f in features if not any(n.start < f.end and f.start < n.end for n in named_after)] + named_after
    features = [
        f for f in features
        if not any(a < f.end and f.start < b for a, b in bodies)
        and not any(m.start < f.end and f.start < m.end for m in full)
    ]
    named: dict[str, Entity] = {}  # one article's 章江 is one river, wherever it is named
    for m in features:
        ent = named.get(m.name)
        if ent is None:
            parent = _feature_parent(af, m.start, m.end)
            key = f"{parent.key if parent else ''}/{m.name}"
            ent = named[m.name] = reg.get("Place", key, m.name, level="feature")
        else:
            parent = ent.parent
        ent.parent = ent.parent or parent
        ent.articles.add(art.index)
        af.found.append(Found(ent, m.start, m.end, "Place", m.text))
    _drop_short_forms_inside(af, features, art.index)

    bodies = [(f.start, f.end) for f in af.found if f.kind in ("Agency", "Organization")]
    firms = {(f.start, f.end) for f in af.found if f.kind == "Organization"}
    mentions = []
    for p in programs_mod.program_mentions(text, tokens):
        if any(a <= p.start and p.end <= b for a, b in bodies):
            continue  # 党史学习教育 inside …领导小组办公室
        if any(a < p.end < b for a, b in bodies):
            continue  # 聘请四川蜀禾|工程|监理有限公司: the head is a word of a body's name
        # a name read from inside a body's name starts with that body, as a
        # work is named after its owner (浙江华友钴业|股份有限公司年产5万吨…项目)
        owner = min(((a, b) for a, b in bodies if a <= p.start < b < p.end), default=None)
        if owner is not None:
            # …but the owner's act is not part of the work's name (县农商银行|发放贷款,
            # 某公司|签约|…项目), except in the name of a school's or a firm's own works
            # (宣威市第八中学新建项目, 曲靖市中医医院传承创新综合楼建设项目)
            after_owner = programs_mod.lead_verb(text[owner[1] : p.end]) or _owner_verb(tokens, owner[1], p.end)
            if owner in firms and p.head in ("项目", "工程", "建设项目") and after_owner and (
                    programs_mod.head_regex().fullmatch(text[owner[1] + after_owner : p.end])
                    or text[owner[1] : owner[1] + after_owner] not in _FIRM_ACTS):
                after_owner = 0
            if after_owner or owner[0] < p.start:
                p = programs_mod.restart(text, p, owner[1] + after_owner if after_owner else owner[0])
                if p is None:
                    continue
        mentions.append(p)
    if _is_list_article(art, mentions):
        taken = [(p.start, p.end) for p in mentions]
        first_end = art.sentences[0].end if art.sentences else 0
        mentions += programs_mod.list_items(text, first_end, len(text), taken)
    for pm in mentions:
        program_names.append((art.index, pm))
    _drop_short_forms_inside(af, mentions, art.index, levels=("province", "prefecture"))  # 北京 in 北京冬奥会
    af.found.sort(key=lambda f: (f.start, -f.end))


# what a firm does with works that are not its own name's part (某公司签约…项目)
_FIRM_ACTS = frozenset("签约 签订 投资 投建 实施 启动 推进 开工 承建 建设 引进 谋划 申报 完成 开展 举办 发放 办理 提供".split())


def _owner_verb(tokens: TokenIndex, at: int, end: int) -> int:
    """The length of a verb the dictionary knows as one (解读, 召开) right after a
    body's name inside a program's span, 0 when none (市医保局|解读|…改革)."""
    tok = tokens.tokens[tokens.token_at(at)]
    if tok.start != at or tok.end >= end - 2:
        return 0
    return len(tok.text) if nlp.pos(tok.text) == "v" and len(tok.text) >= 2 else 0


def _company_short_names(af: ArticleFacts, text: str) -> None:
    """A company named in full is then named without its place and legal
    form (浙江华友钴业股份有限公司 … 华友钴业): those later mentions are the company."""
    taken = [(f.start, f.end) for f in af.found if f.kind in ("Agency", "Organization")]
    shorts: dict[str, Entity] = {}
    for f in af.found:
        if f.kind != "Organization":
            continue
        m = orgs.LEGAL_FORM.search(f.entity.name)
        if m is None:
            continue
        begin = f.start
        while (place := next((g for g in af.found if g.kind == "Place" and g.start == begin and g.end < f.end), None)) is not None:
            begin = place.end
        written = text[begin : f.end]
        short = written[: -len(m.group())] if written.endswith(m.group()) else ""
        if len(short) >= 3 and not any(c in short for c in "，,。、 "):
            shorts.setdefault(short, f.entity)
    for short, ent in shorts.items():
        for m in re.finditer(re.escape(short), text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            ent.aliases.add(short)
            af.found.append(Found(ent, m.start(), m.end(), "Organization", short))


# a branch named by its area: 南阳市|公安局|卧龙|分局, 石家庄市|生态环境局|高新区|分局
_BRANCH = re.compile(r"([\u4e00-\u9fff]{2,8}?局)([\u4e00-\u9fff]{2,5}?)(分局|支队)$")


def _branch_short_names(af: ArticleFacts, text: str) -> None:
    """A branch named in full (南阳市公安局卧龙分局) is then named by its area
    alone (卧龙分局) or with its department's word (卧龙公安分局): those later
    mentions are the branch."""
    taken = [(f.start, f.end) for f in af.found if f.kind in ("Agency", "Organization")]
    shorts: dict[str, Entity] = {}
    for f in af.found:
        ent = f.entity
        if f.kind != "Agency" or ent.jurisdiction is None or not ent.name.startswith(ent.jurisdiction.name):
            continue
        m = _BRANCH.search(ent.name, len(ent.jurisdiction.name))
        if m is None or m.start() != len(ent.jurisdiction.name):
            continue
        department, area, unit = m.groups()
        forms = {area + unit, area + department[:-1] + unit}
        if len(area) >= 3 and area.endswith(("区", "县", "市")):
            forms |= {area[:-1] + unit, area[:-1] + department[:-1] + unit}
        for form in forms:
            shorts.setdefault(form, ent)
    for short, ent in sorted(shorts.items(), key=lambda kv: -len(kv[0])):
        for m in re.finditer(re.escape(short), text):
            a, b = m.span()
            # a bare unit read inside the short name (分局 of 卧龙分局) is replaced by it
            if any(x < b and a < y and not (a <= x and y <= b and y - x < b - a) for x, y in taken):
                continue
            af.found = [f for f in af.found if not (f.kind in ("Agency", "Organization") and a <= f.start and f.end <= b)]
            taken = [(x, y) for x, y in taken if not (a <= x and y <= b)] + [(a, b)]
            ent.aliases.add(short)
            af.found.append(Found(ent, a, b, "Agency", short))


_LIST_TITLE = re.compile(r"(?:\d+|多|几)项.{0,6}(?:实事|项目|工程|政策)|实事项目|民生实事")


def _is_list_article(art: Article, mentions) -> bool:
    """An article about a list of works (深州今年实施25项民生实事)."""
    return bool(art.headline and _LIST_TITLE.search(art.headline))


def _drop_short_forms_inside(af: ArticleFacts, features, index: int, levels=None) -> None:
    """上海 in 上海公园广场, 北京 in 北京冬奥会: a short form inside the name of a
    feature or a program does not mention the division (a full name such as
    衡水市 still does)."""
    inside = [
        f for f in af.found
        if f.kind == "Place" and f.entity.level != "feature" and f.surface != f.entity.name
        and (levels is None or f.entity.level in levels)
        and any(m.start <= f.start and f.end <= m.end and (m.start, m.end) != (f.start, f.end) for m in features)
    ]
    if not inside:
        return
    af.found = [f for f in af.found if f not in inside]
    for f in inside:
        if not any(g.entity is f.entity for g in af.found):
            f.entity.articles.discard(index)
            if not f.entity.articles:
                f.entity.gazetteer_only = True


def _article_home(art: Article, af: ArticleFacts, reg: Registry, home_div) -> Entity | None:
    """The place an article is about: the most specific place of its headline,
    else of its dateline, else the first place of its opening, else the page's."""
    places = [f for f in af.found if f.kind == "Place" and f.entity.level != "feature"]
    if art.headline:
        # (not a place inside a quoted name: “人人持证、技能河北”建设)
        in_head = [f.entity for f in places if f.surface in art.headline and not _quoted_in(art.headline, f.surface)]
        if in_head:
            return _most_specific(in_head)
    if art.dateline:  # 新华社石家庄3月1日电
        for f in places:
            if f.surface in art.dateline:
                return f.entity
    if art.source:  # 献县融媒体中心讯, 南康讯: a county's media (not 河北日报讯, a province's paper)
        for f in places:
            if f.surface in art.source and f.entity.level in ("county", "township"):
                return f.entity
    # a place the article keeps coming back to (a feature about one county)
    counts = Counter(id(f.entity) for f in places if f.entity.level in ("prefecture", "county", "township"))
    ranked = counts.most_common(2)
    if ranked and ranked[0][1] >= 3 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
        return next(f.entity for f in places if id(f.entity) == ranked[0][0])
    opening = [f.entity for f in places if f.start < 120 and f.entity.level in ("prefecture", "county", "township")]
    if opening:
        return opening[0]
    return place_entity(reg, home_div) if home_div else None


def _quoted_in(text: str, part: str) -> bool:
    """True when every occurrence of ``part`` in ``text`` is inside “…”."""
    at = text.find(part)
    while at >= 0:
        if text.count("“", 0, at) <= text.count("”", 0, at):
            return False
        at = text.find(part, at + 1)
    return True


_LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2, "township": 3, "village": 4, "feature": 5}


_ADMIN_ENDS = ("区", "县", "市", "旗", "镇", "乡", "街道")


def _most_specific(ents: list[Entity]) -> Entity:
    return sorted(ents, key=lambda e: -_LEVEL_RANK.get(e.level, 0))[0]


def _feature_parent(af: ArticleFacts, pos: int, end: int) -> Entity | None:
    """For the feature at ``pos``–``end``: the admin place whose name opens the feature's
    (安平丝网小镇 → 安平县), else the nearest one named before it in its sentence, else
    the article's home."""
    opening = [f for f in af.found if f.kind == "Place" and f.start == pos and f.end < end
               and f.entity.level in ("county", "township", "prefecture")]
    if opening:
        return opening[0].entity
    sent_start = max((s.start for s in af.article.sentences if s.start <= pos), default=0)
    before = [f for f in af.found if f.kind == "Place" and sent_start <= f.start < pos and f.entity.level != "feature"]
    if before:
        return _most_specific([before[-1].entity] + [b.entity for b in before if b.end == before[-1].start])
    return af.home


def _city_context(af: ArticleFacts, pos: int, level_hint: str, pronoun: str, home_div) -> Entity | None:
    """The place that 市/县/区/省 before a department stands for at ``pos``."""
    places = [f.entity for f in af.found if f.kind == "Place" and f.start < pos and f.entity.level != "feature"]
    levels = level_hint.split("|") if level_hint else []
    if "province" in levels:
        for ent in [af.home] + places[::-1]:
            while ent is not None and ent.level != "province":
                ent = ent.parent
            if ent is not None:
                return ent
        return None
    if pronoun == "该":
        for ent in reversed(places):
            if ent.level in levels:
                return ent
    # 市 stands for a city: a prefecture, or a county-level city (深州市), never a county
    is_city = "prefecture" in levels and "county" in levels
    home = af.home
    while home is not None and (home.level not in levels or (is_city and not home.name.endswith("市"))):
        home = home.parent
    if home is not None:
        return home
    for ent in reversed(places):
        if ent.level in levels:
            return ent
    return None


def _org_entity(reg: Registry, om: orgs.OrgMention, af: ArticleFacts, text: str, home_div) -> Entity | None:
    jur: Entity | None = None
    if om.jurisdiction is not None and om.jurisdiction.code:
        div = gazetteer.get(om.jurisdiction.code)
        jur = place_entity(reg, div) if div else None
    elif om.level_hint:
        jur = _city_context(af, om.start, om.level_hint, om.pronoun, home_div)
    parent = None
    if om.parent is not None:
        parent = _org_entity(reg, om.parent, af, text, home_div)
        if jur is None and parent is not None:
            jur = parent.jurisdiction
    surface = om.text
    if om.pronoun and surface.startswith(om.pronoun):
        surface = surface[len(om.pronoun) :]

    if om.type == "Organization":
        name = strip_quotes(surface)
        if om.level_hint and jur is not None and surface[0] in "市县区":
            name = jur.name + surface[1:]
        short = next((a for a in org_lex.BANK_ABBREVIATIONS if surface.startswith(a)), None)
        if short and len(surface) > len(short):
            name = org_lex.BANK_ABBREVIATIONS[short] + surface[len(short) :]  # 农行西峡县支行
        ent = reg.get("Organization", name, name)
        ent.aliases.add(surface)
        if parent is not None:
            reg.add_sub(ent, parent)  # 自然资源局驻石印村工作队 → 自然资源局
        return ent

    kind, stem = om.kind, om.stem
    academy = stem in org_lex.ACADEMIES  # 中科院: an institution of research, not an organ of the state
    if kind == "central" or academy:
        ent = reg.get("Organization" if academy else "Agency", stem, stem)
        ent.aliases.add(surface)
        return ent
    if kind == "sub" and parent is not None:
        unit = om.surface_stem
        full = _UNIT_FORMS.get(unit) or agency_lex.canonical_department(unit) or unit
        name = parent.name + full
        ent = reg.get("Agency", name, name)
        for a in {parent.name + unit} | {alias + unit for alias in parent.aliases}:
            ent.aliases.add(a)
        ent.aliases.add(surface)
        ent.jurisdiction = ent.jurisdiction or jur
        reg.add_sub(ent, parent)
        return ent
    # people's organisations (妇联, 红十字会, 残联…) and self-governing committees
    # (村民委员会) are named like departments but are not organs of the state; the
    # youth league's committees (团市委), led by the Party's, are read as agencies
    type_ = "Organization" if (kind == "department" and stem != orgs.YOUTH_LEAGUE
                               and agency_lex.body_type(stem) == "Organization") else "Agency"
    if jur is None:
        if kind in ("government", "party"):
            return None  # 政府 alone names no one
        ent = reg.get(type_, stem, stem)
        ent.aliases.add(surface)
        return ent
    if kind == "government":
        name = jur.name + "人民政府"
        aliases = {jur.name + "政府", surface}
    elif kind == "party" and om.surface_stem.endswith(("党支部", "党总支")):
        # a village's Party branch is named as written: 孙楼村党总支, 西刘庄村党支部
        branch = om.surface_stem[-3:]
        name = jur.name + branch
        aliases = {surface, "中共" + name}
    elif kind == "party":
        # 中共故城县委; a county of one character is written twice over: 中共献县县委
        one_char = jur.level == "county" and len(jur.name) == 2 and jur.name[-1] in "县市区旗"
        name = "中共" + jur.name + (jur.name[-1] if one_char else "") + "委"
        aliases = {jur.name + "委", "中共" + jur.name + "委", surface}
    elif kind == "congress":
        name = jur.name + stem
        aliases = {surface} | om.aliases
    elif stem == orgs.YOUTH_LEAGUE:
        # the league's committee is named with the place inside: 共青团湖州市委员会 (团市委)
        name = "共青团" + jur.name + "委员会"
        aliases = {surface, jur.name + om.surface_stem, "中国共产主义青年团" + jur.name + "委员会"} | om.aliases
    else:
        name = jur.name + stem
        aliases = {surface, jur.name + om.surface_stem} | om.aliases
    # 市人民政府 and 市政府 are one government; 县文旅局 and 县文化和旅游局 one bureau
    ident = "人民政府" if kind == "government" else agency_lex.department_family(stem)
    ent = reg.get(type_, f"{jur.key}:{ident}", name)
    if ent.name != name and om.surface_stem in agency_lex.DEPARTMENT_FAMILY and om.surface_stem == stem:
        # the name as the page writes it in full, not the one an abbreviation was read as
        ent.name = name
    ent.aliases |= {a for a in aliases if a}
    if type_ == "Agency":
        ent.jurisdiction = jur
    return ent


_BARE_UNITS = frozenset("办公室 分局 中心 指挥中心 支队 大队 中队 派出所 委员会 领导小组 工作组 办 委 局 村民委员会 居民委员会".split())
_UNIT_FORMS = {"监督指挥中心": "指挥中心"}


def _merge_bare_agencies(reg: Registry, facts: list[ArticleFacts]) -> None:
    """A department named without its jurisdiction (城管局, 指挥中心) is the
    page's only agency of that name with one, when there is exactly one."""
    agencies = [e for e in reg.entities() if e.type == "Agency"]
    bare = [e for e in agencies if e.jurisdiction is None and ":" not in e.key]
    placed = [e for e in agencies if e.jurisdiction is not None]
    moved: dict[int, Entity | None] = {}
    for b in bare:
        forms = {b.name} | b.aliases
        full = {agency_lex.canonical_department(f) or f for f in forms}
        hits = [e for e in placed if any(e.name.endswith(f) or any(a.endswith(f) for a in e.aliases) for f in forms | full)]
        if len(hits) != 1:
            if b.key in _BARE_UNITS:  # 办公室, 分局 alone name no one: drop it
                moved[id(b)] = None
                del reg.by_key[("Agency", b.key)]
            continue
        target = hits[0]
        target.aliases |= forms
        target.articles |= b.articles
        moved[id(b)] = target
        del reg.by_key[("Agency", b.key)]
    _redirect(reg, facts, moved)


def _redirect(reg: Registry, facts: list[ArticleFacts], moved: dict[int, "Entity | None"]) -> None:
    """Point every mention and unit link of a merged entity at the entity it
    joined (``None``: the entity was dropped, and so are its mentions)."""
    if not moved:
        return
    for af in facts:
        for f in af.found:
            if id(f.entity) in moved:
                f.entity = moved[id(f.entity)]
        af.found = [f for f in af.found if f.entity is not None]
    reg.sub_of = [
        (moved.get(id(c), c), moved.get(id(p), p)) for c, p in reg.sub_of
        if moved.get(id(c), c) is not None and moved.get(id(p), p) is not None
    ]


# （以下简称“百千万工程”）, （简称市文旅局）, (下称“兴农集团”): a short name declared for the name before it
_DECLARED = re.compile(
    r"[（(](?:以下|下文|下)?(?:简称|称)(?:为)?[“\"「]?([^（）()“”\"「」，,。；;]{2,24}?)[”\"」]?([\u4e00-\u9fff]{0,4})[）)]")
# what a program's short name is followed by when it names the same works (百千万工程|项目)
_SAME_WORKS = ("项目", "工作")


def _declared_short_names(reg: Registry, facts: list[ArticleFacts]) -> None:
    """A short name declared after a name (…高质量发展工程”（以下简称“百千万工程”）)
    is that entity: the alias is recorded, the entities read from the short
    name elsewhere on the page are merged into it, and the short name's
    mentions in the rest of the article are its mentions."""
    moved: dict[int, Entity | None] = {}
    for af in facts:
        text = af.article.text
        for m in _DECLARED.finditer(text):
            short = m.group(1).strip() + m.group(2)  # （以下简称“消费帮扶四进”活动）
            at = m.start()
            while at > 0 and text[at - 1] in "”\"」》":
                at -= 1
            named = [f for f in af.found if at <= f.end <= m.start() and f.kind in ("Agency", "Organization", "Program")]
            if not named:
                continue
            target = min(named, key=lambda f: f.start)
            ent = moved.get(id(target.entity)) or target.entity
            ent.aliases.add(short)
            forms = {short} | ({short + w for w in _SAME_WORKS} if ent.type == "Program" else set())
            for other in facts:
                for f in other.found:
                    e = f.entity
                    if e is ent or f.kind not in ("Agency", "Organization", "Program") or e.type != ent.type:
                        continue
                    if e.name in forms or strip_quotes(f.surface) in forms:
                        moved[id(e)] = ent
            # the short name's own mentions in the rest of the article
            taken = [(f.start, f.end) for f in af.found if f.kind in ("Agency", "Organization", "Program")]
            for occ in re.finditer(re.escape(short), text[m.end() :]):
                a, b = m.end() + occ.start(), m.end() + occ.end()
                if not any(x < b and a < y for x, y in taken):
                    af.found.append(Found(ent, a, b, ent.type, short))
                    taken.append((a, b))
    for af in facts:
        af.found.sort(key=lambda f: (f.start, -f.end))
    if not moved:
        return
    for key, e in list(reg.by_key.items()):
        target = moved.get(id(e))
        if target is not None and target is not e:
            target.aliases |= {e.name} | e.aliases
            target.articles |= e.articles
            del reg.by_key[key]
    _redirect(reg, facts, moved)
    for af in facts:
        for attr in ("main_program", "headline_program", "lead_agency"):
            e = getattr(af, attr)
            if e is not None and id(e) in moved:
                setattr(af, attr, moved[id(e)])


def _merge_org_tails(reg: Registry, facts: list[ArticleFacts]) -> None:
    """社会工作孵化基地 is 衡水社会工作孵化基地 when that is the page's only
    organisation whose name ends with it."""
    orgs_ = [e for e in reg.entities() if e.type == "Organization"]
    moved: dict[int, Entity | None] = {}
    for short in orgs_:
        if len(short.name) < 4:
            continue
        longer = [e for e in orgs_ if e is not short and len(e.name) > len(short.name) and e.name.endswith(short.name)]
        if len(longer) != 1 or id(longer[0]) in moved:
            continue
        target = longer[0]
        target.aliases |= {short.name} | short.aliases
        target.articles |= short.articles
        moved[id(short)] = target
        del reg.by_key[("Organization", short.key)]
    _redirect(reg, facts, moved)


# --- programs across the page --------------------------------------------------

_ITEM_TAIL = re.compile(r"(?<=建设|改造|治理|整治)工程$")


def _lead_merges(facts: list[ArticleFacts], program_names, key_of: dict[int, str]) -> None:
    """Within an article, a shorter name that ends its lead program's name is that
    program (停车设施建设项目 in an article led by 城市公共停车设施建设)."""
    for af in facts:
        mine = sorted((pm for idx, pm in program_names if idx == af.article.index), key=lambda p: p.start)
        if not mine:
            continue
        head = [pm for pm in mine if af.article.headline and (pm.name in af.article.headline or pm.text in af.article.headline)]
        first_end = af.article.sentences[0].end if af.article.sentences else len(af.article.text)
        lead = head[0] if head else next((pm for pm in mine if pm.start < first_end), None)
        if lead is None:
            continue
        if head:
            # the headline restates the opening's program (客票发售应急演练 ↔ 售票应急及旅客疏导演练)
            for pm in mine:
                if pm.start < first_end and pm is not lead and pm.head and pm.head == lead.head and len(pm.head) >= 2:
                    key_of[id(pm)] = key_of[id(lead)]
        lead_key = key_of[id(lead)]
        for pm in mine:
            core = _ITEM_TAIL.sub("", key_of[id(pm)])
            if len(core) >= 4 and len(lead_key) > len(core) and lead_key.endswith(core):
                key_of[id(pm)] = lead_key
        # a lead that ends in a quoted term (…事项“跨省通办”): names ending in that term are it
        firsts = [pm for pm in mine if pm.start < first_end and pm.text.endswith("”")]
        for lead in firsts:
            term = lead.text[lead.text.rfind("“") + 1 : -1]
            if len(term) < 3:
                continue
            for pm in mine:
                if pm is not lead and pm.name.endswith(term) and len(pm.name) <= len(lead.name) + 6:
                    key_of[id(pm)] = key_of[id(lead)]


# 本届文化旅游节, 此次消费季: a program named again by a demonstrative and its head words
_DEMONSTRATIVE = re.compile(r"^(?:本届|本次|此次|这次|该次|该届)")


def _programs(reg: Registry, facts: list[ArticleFacts], program_names) -> None:
    pointing, named = [], []
    for idx, pm in program_names:
        (pointing if _DEMONSTRATIVE.match(pm.text) else named).append((idx, pm))
    program_names = named
    mapping = merge_program_names([pm.name for _, pm in program_names])
    key_of = {id(pm): mapping[pm.name] for _, pm in program_names}
    _lead_merges(facts, program_names, key_of)
    names_by_key: dict[str, set[str]] = defaultdict(set)
    for _, pm in program_names:
        names_by_key[key_of[id(pm)]].add(pm.name)
    chosen = {key: choose_program_name(names) for key, names in names_by_key.items()}
    by_index = {af.article.index: af for af in facts}
    for idx, pm in program_names:
        key = key_of[id(pm)]
        name = chosen[key]
        ent = reg.get("Program", name, name)
        ent.aliases |= names_by_key[key]
        # 职业技能等级认定工作 is also called 职业技能等级认定
        ent.aliases |= {n[:-2] for n in names_by_key[key] if n.endswith("工作") and len(n) >= 6}
        ent.articles.add(idx)
        af = by_index[idx]
        af.found.append(Found(ent, pm.start, pm.end, "Program", pm.text))
    for idx, pm in pointing:
        af = by_index[idx]
        ent = _program_named_before(af, pm.start, _DEMONSTRATIVE.sub("", pm.text))
        if ent is not None:
            af.found.append(Found(ent, pm.start, pm.end, "pronoun", pm.text))
    for af in facts:
        af.found.sort(key=lambda f: (f.start, -f.end))
        progs = [f for f in af.found if f.kind == "Program"]
        in_head = [f for f in progs if f.surface and f.surface in af.article.headline]
        # (我市安全生产大排查大整治查改隐患: the body's longer name the headline holds, not the
        # shorter one read in the headline alone)
        longer = [f for f in in_head if in_head[0].surface in f.surface and len(f.surface) > len(in_head[0].surface)]
        head = [f.entity for f in (sorted(longer, key=lambda f: -len(f.surface))[:1] + in_head)]
        if not head and af.article.headline:
            head = [f.entity for f in progs if f.entity.name in af.article.headline or any(a in af.article.headline for a in f.entity.aliases)]
        af.headline_program = head[0] if head else None
        # else the first program named, but not a counted kind of works (——5个片区子项目同步推进)
        text = af.article.text
        named = [f for f in progs if not _COUNTED_KIND.search(text, max(0, f.start - 4), f.start)]
        af.main_program = head[0] if head else ((named or progs)[0].entity if progs else None)
        # the agency a headline is about (市住建局让百姓清洁温暖过冬)
        headline = af.article.headline or ""
        lead = [f.entity for f in af.found if f.entity.type == "Agency" and headline and _named_in(f.entity, headline)]
        af.lead_agency = lead[0] if lead else None


# a count of bodies or works right before a name: 5个|片区子项目
_COUNTED_KIND = re.compile(r"\d+(?:个|座|所|家|处)$")


# --- pronouns ------------------------------------------------------------------

def _named_in(agency: Entity, text: str) -> bool:
    """True when ``text`` names ``agency`` by one of its labels (the agency
    extractor has already read 市住建局 in a headline as an alias of
    衡水市住房和城乡建设局)."""
    return any(lbl and lbl in text for lbl in (agency.name, *agency.aliases))


def _pronouns(af: ArticleFacts, reg: Registry, home_div, city_div=None) -> None:
    """该局 / 该市 / 我市 / 本次活动 …: a span that points to an entity."""
    text = af.article.text
    table = agency_lex.PRONOUNS
    taken = [(f.start, f.end) for f in af.found]
    added: list[Found] = []
    for m in _pronoun_regex().finditer(text):
        i, hit = m.start(), m.group()
        if any(a <= i < b for a, b in taken):
            continue
        type_, hint = table[hit]
        ent = _antecedent(af, i, hit, type_, hint, reg, home_div, city_div)
        if ent is not None:
            added.append(Found(ent, i, i + len(hit), "pronoun", hit))
    af.found.extend(added)
    af.found.sort(key=lambda f: (f.start, -f.end))


_PRONOUN_RE = None


def _pronoun_regex():
    global _PRONOUN_RE
    if _PRONOUN_RE is None:
        import re

        _PRONOUN_RE = re.compile("|".join(map(re.escape, sorted(agency_lex.PRONOUNS, key=len, reverse=True))))
    return _PRONOUN_RE


def _program_named_before(af: ArticleFacts, pos: int, hint: str) -> Entity | None:
    """The program named last before ``pos`` whose name ends with ``hint`` (any, when
    ``hint`` is empty): what 该项目, 本届文化旅游节 point to."""
    earlier = [f for f in af.found if f.kind == "Program" and f.start < pos and (not hint or f.entity.name.endswith(hint))]
    return max(earlier, key=lambda f: (f.start, -f.end)).entity if earlier else None


def _antecedent(af, pos, pronoun, type_, hint, reg, home_div, city_div=None) -> Entity | None:
    before = [f for f in af.found if f.start < pos and f.kind != "pronoun"]
    if pronoun in agency_lex.SELF_REFERENCES:
        level = {"省": "province", "市": "prefecture", "县": "county", "区": "county", "镇": "township", "乡": "township"}.get(hint)
        ent = af.home
        if pronoun.startswith("全"):
            # 全市/全县: the article's own place of that level
            while ent is not None and not ent.name.endswith(hint):
                ent = ent.parent
            return ent
        if city_div is not None and hint == "市" and not pronoun.startswith("全"):
            return place_entity(reg, city_div)  # 我市 in the paper of a county-level city
        if home_div is not None and level in ("prefecture", "province"):
            home = place_entity(reg, home_div)
            while home is not None and home.level != level:
                home = home.parent
            return home
        while ent is not None and not ent.name.endswith(hint):
            ent = ent.parent
        return ent
    if type_ == "Place":
        for f in reversed(before):
            if f.kind == "Place" and f.entity.level != "feature" and f.entity.name.endswith(hint):
                return f.entity
        ent = af.home
        while ent is not None and not ent.name.endswith(hint):
            ent = ent.parent
        return ent
    if type_ == "Program":
        return _program_named_before(af, pos, hint) or af.main_program
    if type_ in ("Agency", "Organization"):
        if pronoun in ("他们", "我们", "其"):
            return None
        for f in reversed(before):
            if f.kind in ("Agency", "Organization") and (not hint or f.entity.name.endswith(hint)):
                return f.entity
    return None


# --- finishing -----------------------------------------------------------------

def _finish(reg: Registry, ex: Extraction) -> list[Entity]:
    for child, parent in sorted(reg.sub_of, key=lambda cp: (cp[0].key, cp[1].key)):
        relations.add(ex, child, "subOrganizationOf", parent, None)
    ents = reg.entities()
    for ent in ents:
        ent.aliases.discard(ent.name)
        ent.aliases = {a for a in ent.aliases if a and len(a) >= 2}
    return sorted(ents, key=lambda e: (e.type, e.key))

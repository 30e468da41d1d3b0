"""Relations read off the sentences of an article.

Cue frames: 由 A 主办，B 承办 / A 举办的 P / A 牵头; an agency as the
subject of a sentence that 开展/推进/实施/… a program; an agency named
inside a program's name (衡水市政府消费券发放活动); P 是 Q 之一; the items of
an article about a list of programs (25项民生实事); the places named with
a program, or the article's own place.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from kg.extract.dates import find_dates
from kg.extract.programs import (
    CONTRIBUTE_AFTER,
    COUNTED,
    MEETING_HEADS,
    SERIES,
    SETTING_AFTER,
    strong_head_ends_at,
)
from kg.extract.quantities import find_quantities
from kg.ingest.cues import ORDINAL, PAREN_ORDINAL
from kg.lexicon import organizations as org_lex
from kg.lexicon.programs import NATIONAL_STRATEGIES, RESPONSIBILITY_ROLES
from kg.model import Entity, Evidence, Extraction, Measure, Relation

if TYPE_CHECKING:  # pragma: no cover
    from kg.extract.page import ArticleFacts, Found
    from kg.extract.resolve import Registry

_MEDIA = frozenset(getattr(org_lex, "MEDIA", ())) | frozenset(getattr(org_lex, "MEDIA_ABBREVIATIONS", {}))
_ROLE_CUES = {
    "主办": "organizes", "举办": "organizes", "承办": "undertakes", "协办": "undertakes",
    "牵头": "leads", "主导": "leads", "配合": "runs", "协助": "runs", "参与": "runs",
    "投资建设": "runs", "投资兴建": "runs", "负责建设": "runs", "负责实施": "runs",
    "承建": "runs", "代建": "runs", "统筹协调": "leads",
}
# what may stand between the start of a clause and its subject
_LEAD_IN = re.compile(
    r"^(?:今年|去年|近日|日前|近期|目前|同时|此外|另外|为此|对此|当天|随后|近年来|今年以来|去年以来|"
    r"\d{1,2}月(?:\d{1,2}日)?|(?:19|20)\d\d年(?:以来)?)?$"
)
# 本报讯（记者王强）, 河北日报讯(记者焦磊), 新华社北京3月1日电: the dateline before the first sentence
_BYLINE = re.compile(r"^\s*(?:[\u4e00-\u9fff]{0,12}(?:讯|电))?\s*(?:[（(][^（）()]{0,30}[）)])?")
_ROLE_RE = re.compile("|".join(sorted(_ROLE_CUES, key=len, reverse=True)))
_RUN_CUES = re.compile(
    "把|将|以|开展|推进|推动|实施|启动|推出|出台|制定|制订|印发|实行|推行|落实|建立|组织|举办|召开|"
    "深化|完成|结合|融合|打造|加强|完善|开通|发起|作为|列为|购置|部署|抓好|做好|推行|实现|建成|"
    "举行|开启|上线|推广|发布|设立|健全|构建|打响|承担"
)
_SOURCE = re.compile(r"从[^，,。；;从]{2,30}?(?:获悉|了解到|得知)")
_INSTRUMENT = re.compile("为(?:载体|抓手|依托|平台|主体|龙头|牵引)")
# heads of programs that are parts of a wider one: its rules, plans, meetings, subsidies
_COMPONENT_HEADS = ("制度", "责任制", "机制", "会议", "规划", "方案", "补贴", "贷款", "工作法", "演练", "发布会")
_COLLECTIVE = re.compile(r"(?:\d+|多|几)项|实事|清单")
_LIST_MAIN_HEADS = ("实事", "实事项目", "政策", "项目", "工程", "行动")


def add(ex: Extraction, s: Entity, p: str, o: Entity, ev: Evidence | None) -> None:
    if s is o:
        return
    for rel in ex.relations:
        if rel.subject is s and rel.predicate == p and rel.object is o:
            if ev is not None and ev not in rel.evidence:
                rel.evidence.append(ev)
            return
    ex.relations.append(Relation(s, p, o, [ev] if ev else []))


_JOINERS = ("、", "和", "与", "及", "同", "联合", "会同", "携手", "组织", "带领", "协调")
# a lead before a joining verb (A牵头，会同B)
_LEADS_THEN = re.compile(r"^(?:牵头|负责|统筹)[，,]?(?=会同|联合|协调)")
# a declared short name between a body and its partners (A（以下简称a）联合B)
_PAREN = re.compile(r"[（(][^（）()]{0,24}[）)]")
# a modal before a joining verb (A要会同B, A将联合B)
_MODAL = re.compile(rf"^(?:要|将|还|并|也|须|需|已)(?:积极|主动)?(?={'|'.join(j for j in _JOINERS if len(j) > 1)})")


def article_relations(af: "ArticleFacts", ex: Extraction, reg: "Registry") -> None:
    art = af.article
    text = art.text
    idx = art.index
    list_main = _list_program(af)
    sentences = art.sentences or []
    for sent, here in zip(sentences, _found_by_sentence(af.found, sentences)):
        ev = Evidence(idx, sent.start, sent.end, sent.text)
        progs = [f for f in here if _is(f, "Program")]
        bodies = [f for f in here if _is(f, "Agency") or _is(f, "Organization")]
        places = [f for f in here if _is(f, "Place") and f.inside != "org"]
        # 故城县郑口镇师黄村: a chain of places names its last link
        places = [f for f in places if not any(g.start == f.end and _inside(g.entity, f.entity) for g in places)]
        # the numbered item whose paragraph a sentence naming no program belongs to
        item = _item_program(af, sent.start) if not progs else None

        # 1. role cues: 由A主办 / A、B承办 / A举办的P / A牵头
        for m in _ROLE_RE.finditer(text, sent.start, sent.end):
            clause_start = max(text.rfind(c, sent.start, m.start()) for c in "，,；;：:") + 1
            clause_start = max(clause_start, sent.start)
            actors = [b for b in bodies if clause_start <= b.start and b.end <= m.start() and b.entity.name not in _MEDIA]
            # 县委|政法委牵头: the unit acts, not the body whose name it is read inside
            actors = [b for b in actors if not any(a is not b and a.start <= b.start and b.end <= a.end
                                                   and a.end - a.start > b.end - b.start for a in actors)]
            if not actors:
                continue
            # the program the cue governs (举办专场招聘会, 主办的P), else the program of the
            # sentence before the cue (本次活动由…主办), else the one after it
            target = next((p for p in progs if m.end() <= p.start <= m.end() + 1
                           and text[m.end() : p.start] in ("", "了", "的")), None)
            target = target or next((p for p in reversed(progs) if p.end <= m.start() and not clause_start <= p.start < m.start()
                                     or p.kind == "pronoun" and p.end <= m.start()), None)
            target = target or next((p for p in progs if p.start >= m.end()), None)
            program = target.entity if target else af.main_program
            if program is None:
                continue
            role = _ROLE_CUES[m.group()]
            for a in actors:
                add(ex, a.entity, role, program, ev)

        # 2. the sentence's subject runs the programs it acts on
        subject = _subject(text, sent, [f for f in here if f.entity.name not in _MEDIA])
        if subject is not None:
            # 市爱卫会、健康衡水领导小组印发…: bodies joined to the subject act with it
            subjects = [subject]
            for f in bodies:
                last = subjects[-1]
                begin = _with_places_before(here, f)  # (A联合江苏省常州市|武进区人社局)
                # (A（以下简称a）联合B: a declared short name stands between)
                between = _PAREN.sub("", text[last.end : begin]).lstrip("，,")  # (A联合B，会同C、D…)
                between = _MODAL.sub("", between, count=1)  # (A要会同B, A将联合B)
                between = _LEADS_THEN.sub("", between, count=1)  # (A牵头，会同B、C)
                if f.start > last.end and len(between) <= 5 and between in _JOINERS:
                    subjects.append(f)
            end = subjects[-1].end
            for p in progs:
                if p.start > end and _RUN_CUES.search(text, end, p.end):
                    for sub in subjects:
                        add(ex, sub.entity, "runs", p.entity, ev)
            # （二）加快推进城镇老旧小区改造。县住建局要对…实施改造: a body acting in an
            # item's paragraph without naming a program carries out the item
            if item is not None and _RUN_CUES.search(text, end, sent.end):
                for sub in subjects:
                    add(ex, sub.entity, "runs", item, ev)

        # 2b. a place as subject (石家庄市实行…制度): its government runs the
        # program when the article names that government
        if subject is None:
            lead = _place_subject(text, sent, here)
            gov = _government_of(lead.entity, af, sent.start) if lead is not None else None
            if gov is not None:
                for p in progs:
                    if p.start > lead.end and _RUN_CUES.search(text, lead.end, p.end):
                        add(ex, gov, "runs", p.entity, ev)
            # 2b'. no subject at all, in an article whose headline names an
            # agency: the agency acts (…全面做好农村“双代”工程安全隐患排查工作)
            if lead is None and af.lead_agency is not None:
                for p in progs:
                    cue = _RUN_CUES.search(text, sent.start, p.start)
                    if cue is not None and not any(sent.start <= f.start < cue.start() for f in here if f.kind != "pronoun"):
                        add(ex, af.lead_agency, "runs", p.entity, ev)

        # 2e. 二是联合县市场监管局开展P / 会同县民政局、县残联，…: a sentence that opens with
        # the partners its unnamed actor works with; the partners run the sentence's
        # programs, or the item the sentence is under
        if subject is None:
            at_line = sent.start == _line_start(text, sent.start)
            opening = _JOINT_OPENING.match(text, _paragraph_opening(text, sent.start, sent.end) if at_line else sent.start)
            if opening is not None:
                partners = _chain_after(text, bodies, opening.end())
                at = partners[-1].end if partners else opening.end()
                targets = [p.entity for p in progs if p.start >= at] or ([item] if item is not None else [])
                for b in partners:
                    for program in targets:
                        add(ex, b.entity, "runs", program, ev)

        # 2f. 县住建局所属B / 县医保局下属B / 设在市水务局的B: B is a unit of A
        for a in bodies:
            m = _UNIT_OF.match(text, a.end)
            if m is None and text[max(0, a.start - 2) : a.start] == "设在":
                m = _OF.match(text, a.end)
            if m is None:
                continue
            b = next((f for f in bodies if f.start == m.end() and f.entity is not a.entity), None)
            if b is not None:
                add(ex, b.entity, "subOrganizationOf", a.entity, ev)

        # 2i. 由A实施的P / P由A、B组织实施: the bodies named after 由 carry out the work
        for b in bodies:
            if text[max(0, b.start - 1) : b.start] != "由":
                continue
            chain = _chain_after(text, bodies, b.start)
            joint = _JOINT_VERB.match(text, chain[-1].end)  # 由A会同B、C共同推进: the partners too
            if joint is not None and (partners := _chain_after(text, bodies, joint.end())):
                chain = chain + partners
            m = _CARRIES_OUT.match(text, chain[-1].end)
            if m is None:
                continue
            target = next((p for p in progs if p.start in (m.end(), m.end() + 1) and p.kind != "pronoun"), None) \
                if text[m.end() : m.end() + 1] == "的" else \
                next((p for p in reversed(progs) if p.end <= b.start - 1), None)
            program = target.entity if target is not None else None
            if program is None and (text[sent.start : b.start - 1].strip() in _BARE_WORKS
                                    or _POINTING.search(text, sent.start, b.start)):
                # 项目由县农业农村局组织实施, 此次改革…由市医保局会同…共同推进: the article's work
                program = af.headline_program or af.main_program
            if program is not None:
                for c in chain:
                    add(ex, c.entity, "runs", program, ev)

        # 2h. 县委、县政府确定的33项民生实事: the bodies that decided on a program run it
        for m in _DECIDED.finditer(text, sent.start, sent.end):
            deciders = _chain_before(text, bodies, m.start())
            target = next((p for p in progs if m.end() <= p.start <= m.end() + 2 and p.kind != "pronoun"), None)
            if target is not None:
                # (P是市委、市政府确定的20项民生实事之一: they decided on P too)
                ranked = _subject_ranked_in(text, sent, progs, target)
                for b in deciders:
                    add(ex, b.entity, "runs", target.entity, ev)
                    if ranked is not None:
                        add(ex, b.entity, "runs", ranked, ev)

        # 2j. 按照A和B统一部署 / 根据A、B的统一部署: the bodies whose plan the work
        # follows run it too: the programs named after the frame, else the article's own
        for m in _DEPLOYED_BY.finditer(text, sent.start, sent.end):
            deployers = _chain_before(text, bodies, m.start())
            if not deployers or text[deployers[-1].start - 2 : deployers[-1].start] not in _ACCORDING_TO:
                continue
            # (not a document the work is issued by: …印发《…大排查大整治工作方案》)
            targets = [p.entity for p in progs if p.start >= m.end() and p.kind != "pronoun"
                       and not p.entity.name.endswith(_DOCUMENTS)]
            if not targets:
                main = af.headline_program or af.main_program
                targets = [main] if main is not None else []
            for b in deployers:
                for program in targets[:1]:
                    add(ex, b.entity, "runs", program, ev)

        # 2g. A与B公司签约P: the firm that signs for a project carries it out
        for b in bodies:
            if text[max(0, b.start - 1) : b.start] == "与" and (m := _SIGNS.match(text, b.end)) is not None:
                for p in progs:
                    if p.start == m.end() and p.kind != "pronoun":
                        add(ex, b.entity, "runs", p.entity, ev)

        # 2d. 记者从A获悉，…P: the agency that reports the work is the one doing it
        for m in _SOURCE.finditer(text, sent.start, sent.end):
            for b in bodies:
                if m.start() < b.start and b.end <= m.end() and b.entity.type == "Agency" and b.entity.name not in _MEDIA:
                    for p in progs:
                        if p.start >= m.end():
                            add(ex, b.entity, "runs", p.entity, ev)

        # 2c. 以A为载体/抓手/依托: the agency A carries out the sentence's programs
        for b in bodies:
            if text[max(0, b.start - 1) : b.start] == "以" and _INSTRUMENT.match(text, b.end):
                for p in progs:
                    if p.start > b.end:
                        add(ex, b.entity, "runs", p.entity, ev)

        # 3. an agency or organisation named inside a program's name, or right
        # before it (浙江华友钴业股份有限公司年产5万吨…项目)
        for p in progs:
            for b in bodies:
                if p.start <= b.start and b.end <= p.end or b.end == p.start and p.kind != "pronoun":
                    add(ex, b.entity, "runs", p.entity, ev)

        # 4. P 是 Q 之一 / 将其列为 Q 之一
        for m in re.finditer("之一", text[sent.start : sent.end]):
            pos = sent.start + m.start()
            whole = next((p for p in progs if 0 <= pos - p.end <= 2), None)
            if whole is None:
                whole = next((p for p in reversed(progs) if p.end <= pos), None) if "其" in text[sent.start:pos] else None
            if whole is None:
                continue
            parts = [p.entity for p in progs if p.end <= whole.start and p.entity is not whole.entity]
            if not parts and "其" in text[sent.start : pos]:
                # 将其列为…之一: 其 is the program the text is about
                topic = _program_before(af, sent.start) or af.headline_program
                parts = [topic] if topic is not None else []
            for part in parts[:1]:
                add(ex, part, "partOfProgram", whole.entity, ev)

        # 4c. A 是 B 的生动体现/重要举措; A，助力 B; 为 B 添彩; 在 B 中，… A:
        # the smaller program serves the wider one
        for whole, part_before in _serving_frames(text, sent, progs):
            part = part_before or _program_before(af, sent.start)
            if part is not None and part is not whole.entity:
                add(ex, part, "partOfProgram", whole.entity, ev)
        for whole, parts in _settings(text, sent, progs):
            for part in parts:
                add(ex, part, "partOfProgram", whole.entity, ev)

        # 4b. A、B、C五大行动 / A、B等系列X活动: the items listed before a
        # count of them, or before 等系列, are its parts
        for p in progs:
            if p.kind == "pronoun" or not (
                COUNTED.match(text, p.start) or SERIES.search(text, max(0, p.start - 4), p.start)
            ):
                continue
            clause = max(text.rfind(c, sent.start, p.start) for c in "，,；;：:。") + 1
            for q in progs:
                if q.entity is not p.entity and max(clause, sent.start) <= q.start and q.end <= p.start:
                    add(ex, q.entity, "partOfProgram", p.entity, ev)

        # 5. items of an article about a list of programs; the rules, plans,
        # meetings and subsidies of an article about one program are its parts
        if list_main is not None and sent.start > 0:
            for p in progs:
                if p.entity is not list_main:
                    add(ex, p.entity, "partOfProgram", list_main, ev)
        elif af.headline_program is not None:
            for p in progs:
                if p.entity is not af.headline_program and p.entity.name.endswith(_COMPONENT_HEADS):
                    add(ex, p.entity, "partOfProgram", af.headline_program, ev)

        # 6. where the programs happen: the places of the sentence (a place
        # inside another program's name belongs to that program), and the
        # article's own place when the sentence names no admin place
        spans = [(p.start, p.end) for p in progs if p.kind != "pronoun"]
        # 打造了A街、B街等四化样板示范街道: features listed right before a program are its own
        owner = _listed_before(text, places, progs)
        for p in progs:
            # 2023年河北省重点建设项目: a work named after a division happens there (and in
            # the places inside it), not in the other places of the sentence
            own = [pl.entity for pl in places if p.kind != "pronoun" and p.start <= pl.start and pl.end <= p.end
                   and pl.entity.level in ("province", "prefecture", "county")]
            targets = [
                pl.entity for pl in places
                if not any(a <= pl.start and pl.end <= b and (a, b) != (p.start, p.end) for a, b in spans)
                and owner.get(id(pl), p) is p
                and not (_ITS_WATER.match(text, pl.end) and pl.entity.name.endswith(_WATERS))  # 喝上了长江水: its water
                and not (pl.entity.level == "province" and _below_province(af.home) and pl.entity not in own
                         and (pl.kind == "pronoun" or _inside(af.home, pl.entity))
                         and not text[max(0, pl.start - 1) : pl.start] == "在")
                and (not own or p.start <= pl.start and pl.end <= p.end or any(_inside(pl.entity, o) for o in own))
            ]
            # 麒麟区第十一中学新建项目: the places in a work's own name, also inside the
            # name of the school or firm the work is named after
            targets += [pl.entity for pl in here if _is(pl, "Place") and pl.inside == "org" and p.kind != "pronoun"
                        and p.start <= pl.start and pl.end <= p.end and pl.entity.level != "feature"
                        and not any(g.start == pl.end and _inside(g.entity, pl.entity) for g in here if _is(g, "Place"))]
            if not any(t.level != "feature" for t in targets) and af.home is not None:
                targets.append(af.home)
            for t in targets:
                add(ex, p.entity, "locatedIn", t, ev)

        # …首批开工的棉纺厂家属院、新华小区等7个小区均位于乐寿镇: the places of an item's
        # paragraph, in a sentence that names no program, are the item's
        if item is not None:
            for pl in places:
                add(ex, item, "locatedIn", pl.entity, ev)

        _measures(af, ex, sent, progs, ev)
        _dates(af, ex, sent, progs, ev)

    # 7. the programs of a paragraph that opens with a program (河湖生态修复行动。…)
    # are its parts, and the programs of an article about a campaign are the
    # campaign's parts, unless a nearer wider program was already read
    paragraphs = _paragraphs(text)
    _frame_parts(af, ex, paragraphs)
    _inline_items(af, ex)
    _named_inside(af, ex)
    # 8. 责任单位：市住建局 closing an item: the bodies named run its program
    _responsible(af, ex, paragraphs)

    # the program of the headline happens where the article's places are
    # (not in an article that lists works: their places are the items')
    if af.headline_program is not None and list_main is None:
        named = [f for f in af.found if _is(f, "Place")]
        for f in af.found:
            if any(g.start == f.end and _inside(g.entity, f.entity) for g in named):
                continue  # the chain 衡水高新区大麻森乡 names its last link
            # (features too — the compounds of a renovation, the square of a festival — but not
            # waters, which an article names as sources and settings (引长江水), unless the
            # program is named after them)
            if _is(f, "Place") and f.inside != "org" and (
                    f.entity.level in ("county", "township", "village", "prefecture")
                    or f.entity.level == "feature" and (not f.entity.name.endswith(_WATERS)
                                                         or f.entity.name in af.headline_program.name)):
                sent = _sentence_at(art, f.start)
                if sent is not None and any(_is(g, "Program") and g.kind != "pronoun" and g.entity is not af.headline_program
                                            and sent.start <= g.start < sent.end for g in af.found):
                    continue  # a place named with another program is that program's (东城街道旧厂房连片改造项目)
                ev = Evidence(idx, sent.start, sent.end, sent.text) if sent else None
                add(ex, af.headline_program, "locatedIn", f.entity, ev)


# the article's work named by its kind alone at the start of a sentence
_BARE_WORKS = ("项目", "工程", "该项目", "该工程", "此项目", "这一项目", "整个项目")
_CARRIES_OUT = re.compile(r"(?:负责|具体|统一|共同)?(?:组织)?(?:实施|建设|承建|施工|运营|开展|推进|代建)")
_JOINT_VERB = re.compile(r"会同|联合|协同|携手")
# a work pointed to before 由 (此次改革按照…，由A…): the article's own
_POINTING = re.compile(r"此次|本次|这次|这项|这一|此项|该项")


def _found_by_sentence(found: list["Found"], sentences: list) -> list[list["Found"]]:
    """The mentions inside each sentence, each list in the order of ``found``.

    One pass over the mentions, not one per sentence (that was quadratic in a
    long article). Sentences come in order without overlapping, so the only
    sentence that can hold a mention is the last one starting at or before it;
    anything else (an empty mention, sentences out of order) is tested against
    every sentence, as before.
    """
    out: list[list["Found"]] = [[] for _ in sentences]
    starts = [s.start for s in sentences]
    ordered = all(a.end <= b.start for a, b in zip(sentences, sentences[1:]))
    for f in found:
        if ordered and f.start < f.end:
            k = bisect_right(starts, f.start) - 1
            if k >= 0 and f.end <= sentences[k].end:
                out[k].append(f)
            continue
        for k, sent in enumerate(sentences):
            if sent.start <= f.start and f.end <= sent.end:
                out[k].append(f)
    return out


_DECIDED = re.compile(r"(?:研究|审议|会议)?(?:确定|决定|部署|推出|批准)的")


def _subject_ranked_in(text: str, sent, progs: list, whole) -> "Entity | None":
    """The program a sentence ranks among ``whole`` (P是…确定的Q之一), or None."""
    if not text.startswith("之一", whole.end):
        return None
    first = next((p for p in progs if p.kind != "pronoun"), None)
    if first is None or first is whole or not text.startswith("是", first.end):
        return None
    return first.entity


# 按照/根据 …(的)统一部署: the bodies a work is carried out for
_DEPLOYED_BY = re.compile(r"(?:的)?(?:统一部署|工作部署|部署要求|统一安排|部署安排)")
_ACCORDING_TO = ("按照", "根据", "遵照", "依照", "落实")
_DOCUMENTS = ("方案", "办法", "意见", "通知", "细则", "规划", "计划")


def _chain_before(text: str, bodies: list, end: int) -> list:
    """The bodies named one after another (A、B / A和B / A B) that end at ``end``."""
    chain: list = []
    at = end
    while True:
        b = next((f for f in bodies if f.end == at or f.end < at and at - f.end <= 1 and text[f.end:at] in "、和与及"), None)
        if b is None or any(b.start < c.end and c.start < b.end for c in chain):
            return chain
        chain.append(b)
        at = b.start


def _chain_after(text: str, bodies: list, start: int) -> list:
    """The bodies named one after another (A、B / A和B / A B) from ``start`` on."""
    chain: list = []
    at = start
    while (b := next((f for f in bodies if f.start == at or f.start == at + 1 and text[at] in "、和与及"), None)) is not None \
            and b.end > at:
        chain.append(b)
        at = b.end
    return chain


_SIGNS = re.compile(r"(?:正式|现场)?(?:签约|签订|签署)(?:了)?")
# a body's own units named after it: 县住建局所属|平遥县建设工程质量安全监督站
_UNIT_OF = re.compile(r"(?:所属|下属|直属|下设|内设)(?:的)?")
_OF = re.compile("的")  # 设在市水务局的|市河长办
# what opens a sentence whose actor works with partners it names (还联合, 同时会同)
_JOINT_OPENING = re.compile(r"(?:[一二三四五六七八九十]是|同时|还|并|此外)?[，,]?(?:积极|主动)?(?:联合|会同|协调|携手|配合)")


def _line_start(text: str, at: int) -> int:
    """Where the line (the paragraph) that holds ``at`` begins."""
    return text.rfind("\n", 0, at) + 1


_WATERS = ("江", "河", "湖", "海", "溪", "渠", "港", "水库", "湿地", "运河")
_ITS_WATER = re.compile(r"水(?![环质生系域利库面位体污])")  # 长江水, not 安昌河水环境
# an ordinal: 一是, （二）, 三、, 4.
_ORDINAL = re.compile(rf"(?:{ORDINAL})")
# what may open a paragraph before the program it is about: an ordinal,
# adverbs and one verb (持续抓好 / 组织实施 / 大力实施)
_OPENING = re.compile(
    rf"(?:{_ORDINAL.pattern})?"
    r"(?:持续|大力|全面|深入|扎实|着力|积极|切实|不断|进一步|加快|全力|稳步|强力|统筹|组织|重点|认真|坚持|继续|同步|精心)*"
    r"(?:开展|推进|推动|实施|落实|深化|抓好|做好|强化|加强|完善|健全|构建|建立|打造|启动|创建|抓实|实行|推行)?$"
)
_OPENING_END = re.compile(r"(?:工作)?([。，,：:；;])")
# a paragraph that opens with a program in a clause (大力实施农村人居环境整治，…)
# is about it when the program is a campaign or a body of works, not one work
_FRAME_HEADS = ("行动", "工程", "整治", "治理", "战略", "攻坚战", "大会战", "活动", "计划")
# a program named after these is the wider one the paragraph serves (借助5A景区创建工作，…)
_WIDER_BEFORE = ("借助", "结合", "依托", "助力", "围绕", "服务", "按照", "根据", "在", "为")
# heads of a campaign whose article reports its parts (…爱国卫生专项行动)
_CAMPAIGN_HEADS = ("行动", "活动", "活动月", "宣传月", "活动周", "宣传周", "攻坚战", "大会战", "保卫战", "工程")


def _frame_parts(af: "ArticleFacts", ex: Extraction, paragraphs: list[tuple[int, int]]) -> None:
    """partOfProgram from the layout of an article: the program a paragraph
    opens with and the programs named in the rest of the paragraph; the
    paragraphs that open with a program right after a paragraph ending with
    a count of works (…“五大行动”。) and that count; an article whose
    headline names a campaign and the programs of its body. A program that
    already has a wider program, or that is named as a wider one (借助 B,
    助力 B, 在 B 中), is left as it is."""
    art = af.article
    text = art.text
    progs = [f for f in af.found if _is(f, "Program") and f.kind != "pronoun"]
    if not progs:
        return
    wholes_of: dict[int, set[int]] = {}
    for r in ex.relations:
        if r.predicate == "partOfProgram":
            wholes_of.setdefault(id(r.subject), set()).add(id(r.object))
    has_whole = set(wholes_of)

    def wider(q: "Found") -> bool:
        if q.entity.name in NATIONAL_STRATEGIES or q.entity.name.endswith("战略"):
            return True  # 乡村振兴: the frame local works serve
        before = text[max(0, q.start - 2) : q.start]
        return (before.endswith(_WIDER_BEFORE) or CONTRIBUTE_AFTER.match(text, q.end) is not None
                or _EMBODIES.match(text, q.end) is not None or SETTING_AFTER.match(text, q.end) is not None)

    def link(part: "Found", whole: Entity, listed: bool = False) -> None:
        if part.entity is whole or id(part.entity) in has_whole or id(part.entity) in wholes_of.get(id(whole), ()):
            return
        if not listed and len(os.path.commonprefix([part.entity.name, whole.name])) >= 4:
            return  # 夏季治安打击整治“百日行动” in an article about 夏季治安打击整治行动: one campaign, worded twice
        sent = _sentence_at(art, part.start)
        ev = Evidence(art.index, sent.start, sent.end, sent.text) if sent else None
        add(ex, part.entity, "partOfProgram", whole, ev)
        has_whole.add(id(part.entity))

    counted: Entity | None = None  # the count of works the previous paragraph ended with
    left = 0
    introduced: Entity | None = None  # the whole a paragraph ending with a colon lists the parts of
    framed: set[int] = set()
    for start, end in paragraphs:
        inside = [f for f in progs if start <= f.start and f.end <= end]
        numbered = _ORDINAL.match(text, start) is not None
        start = _paragraph_opening(text, start, end)
        head = inside[0] if inside else None
        if head is not None and not _opens(text, start, head):
            head = None
        if numbered and introduced is not None and inside and _OPENING.match(text, start, inside[0].start) \
                and not inside[0].entity.name.endswith(introduced.name):  # (5个片区子项目： names the items' kind)
            link(inside[0], introduced, listed=True)  # （一）全流程网上办理。 after 主要举措包括：
        if head is not None:
            if counted is not None and left > 0:
                link(head, counted, listed=True)
                left -= 1
            for q in inside[1:]:
                if q.start >= head.end and not wider(q):
                    link(q, head.entity)
                    framed.add(id(q))
        else:
            counted, left = None, 0
        if not numbered:
            introduced = None
        # a paragraph that ends with a colon introduces a numbered list of works: of the
        # last program it names, else of the article's own (重点任务集中在以下五个方面：)
        if text[start:end].rstrip().endswith(("：", ":")):
            before = [f for f in inside if f.end <= end]
            # (在农村人居环境整治上，…持续开展村庄清洁行动，重点抓好四个方面：: the topic the paragraph opens with)
            topic = next((f for f in before if text[start : f.start] in ("在", "") and SETTING_AFTER.match(text, f.end)), None)
            introduced = (topic or before[-1]).entity if before else (af.headline_program or af.main_program)
        last = inside[-1] if inside else None
        if last is not None and not text[last.end : end].strip("”\"’。：:"):
            count = _count(text, last)
            if count:
                counted, left = last.entity, count
    # a meeting about a campaign is part of it (…攻坚行动推进会 → …攻坚行动)
    subject_of: dict[int, Entity] = {}
    for f in progs:
        if f.entity.name.endswith(MEETING_HEADS):
            inner = next((q for q in progs if q.start == f.start and q.end < f.end), None)
            if inner is not None:
                link(f, inner.entity, listed=True)
                subject_of[id(f.entity)] = inner.entity
    campaign = af.headline_program
    if campaign is not None and id(campaign) in subject_of:
        campaign = subject_of[id(campaign)]  # an article about a meeting is about its campaign
    if campaign is not None and campaign.name.endswith(_CAMPAIGN_HEADS) and _list_program(af) is None:
        at = text.find(art.headline) if art.headline else -1
        body = text.find("\n", at) if at >= 0 else 0
        for q in progs:
            if q.start > body and id(q) not in framed and not wider(q) and not _additional(text, art, q):
                link(q, campaign)


_QUOTED = re.compile(r"“([^“”]{3,16})”")
# one event of a campaign: its first fair, its launch, a special session
_ONE_EVENT = re.compile(r"首场|第[一二三四五六七八九十\d]{1,3}场|启动仪式|启动式|开幕式|专场")


def _named_inside(af: "ArticleFacts", ex: Extraction) -> None:
    """One event named after a campaign of the article, quoted in its name, is
    part of it: 2025年“就业援助月”暨“春风行动”首场大型招聘会 is part of the
    就业援助月专项活动 and of the 春风行动."""
    art = af.article
    progs = [f for f in af.found if _is(f, "Program") and f.kind != "pronoun"]
    for f in progs:
        if not _ONE_EVENT.search(f.entity.name):
            continue  # (a system or a plan that quotes a campaign's slogan is not one of its events)
        for q in _QUOTED.findall(art.text[f.start : f.end]):
            wholes = {id(g.entity): g.entity for g in progs
                      if g.entity is not f.entity and g.entity.name.startswith(q) and not f.entity.name.startswith(g.entity.name)}
            if len(wholes) != 1:
                continue
            whole = next(iter(wholes.values()))
            sent = _sentence_at(art, f.start)
            ev = Evidence(art.index, sent.start, sent.end, sent.text) if sent else None
            add(ex, f.entity, "partOfProgram", whole, ev)


# what says a work is done besides the one an article is about: 他们还…, 此外，…, 另外，…
_ADDITIVE = re.compile(r"还|此外|另外|除此之外|与此同时")


def _additional(text: str, art, q: "Found") -> bool:
    """True when the sentence names ``q`` as a work done besides the article's own
    (他们还…实施农村饮水工程巩固提升项目)."""
    sent = _sentence_at(art, q.start)
    return sent is not None and _ADDITIVE.search(text, sent.start, q.start) is not None


def _item_program(af: "ArticleFacts", pos: int) -> Entity | None:
    """The program a numbered item's paragraph opens with ((二)城镇老旧小区改造。…),
    for a sentence of that paragraph at ``pos`` (not its first)."""
    text = af.article.text
    start = _line_start(text, pos)
    if not _ORDINAL.match(text, start):
        return None
    first = next((f for f in af.found if _is(f, "Program") and f.kind != "pronoun" and start <= f.start < pos), None)
    if first is None or not _OPENING.match(text, start, first.start):
        return None
    return first.entity


def _sentence_at(art, pos: int):
    """The sentence of ``art`` that holds the offset ``pos`` (None between sentences)."""
    return next((s for s in art.sentences if s.start <= pos < s.end), None)


def _paragraph_opening(text: str, start: int, end: int) -> int:
    """Where what a paragraph says begins: after a dateline that opens it
    (本报讯（记者王强）), not after a list item's number ((一) is no byline)."""
    return start if _ORDINAL.match(text, start) else start + _BYLINE.match(text[start:end]).end()


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph of an article's body (headline lines left out)."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip() and not line.lstrip().startswith("#"):
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


_RESPONSIBLE = re.compile(
    "(" + "|".join(sorted(RESPONSIBILITY_ROLES, key=len, reverse=True)) + r")\s*[：:]"
)
# what ends the bodies named after a label: the end of a sentence, a clause or a bracket
_RESPONSIBLE_END = re.compile(r"[。；;）)\n]")


def _responsible(af: "ArticleFacts", ex: Extraction, paragraphs: list[tuple[int, int]]) -> None:
    """责任单位：A、B / （牵头单位：A；配合单位：B）: the bodies named after a
    label of responsibility run the item the label closes: the program the
    paragraph opens with (（一）城镇老旧小区改造。…责任单位：市住建局。),
    else the programs of the label's sentence before it, else the nearest
    program before it in the paragraph."""
    art = af.article
    text = art.text
    progs = [f for f in af.found if _is(f, "Program") and f.kind != "pronoun"]
    bodies = [f for f in af.found if (_is(f, "Agency") or _is(f, "Organization")) and f.entity.name not in _MEDIA]
    if not progs or not bodies:
        return
    for start, end in paragraphs:
        labels = list(_RESPONSIBLE.finditer(text, start, end))
        if not labels:
            continue
        inside = [f for f in progs if start <= f.start and f.end <= end]
        head = inside[0] if inside and _opens(text, _paragraph_opening(text, start, end), inside[0]) else None
        for i, m in enumerate(labels):
            role = RESPONSIBILITY_ROLES[m.group(1)]
            if role is None:
                continue
            stop = _RESPONSIBLE_END.search(text, m.end(), end)
            stop_at = stop.start() if stop else end
            if i + 1 < len(labels):
                stop_at = min(stop_at, labels[i + 1].start())
            named = [b for b in bodies if m.end() <= b.start and b.end <= stop_at]
            if not named:
                continue
            if head is not None and head.end <= m.start():
                targets = [head]
            else:
                sent = _sentence_at(art, m.start())
                before = [f for f in inside if f.end <= m.start()]
                targets = [f for f in before if sent is not None and f.start >= sent.start] or before[-1:]
            for p in targets:
                ev_start = min(p.start, m.start())
                sent = _sentence_at(art, ev_start)
                ev_start = sent.start if sent is not None else ev_start
                ev = Evidence(art.index, ev_start, stop_at, text[ev_start:stop_at])
                for b in named:
                    add(ex, b.entity, role, p.entity, ev)


def _opens(text: str, start: int, head: "Found") -> bool:
    """True when the paragraph at ``start`` opens with the program ``head``
    as its heading (河湖生态修复行动。 / 组织实施城市更新行动。) or as the
    first clause about a campaign or a body of works."""
    end = _OPENING_END.match(text, head.end)
    if end is None or not _OPENING.match(text, start, head.start):
        return False
    name = head.entity.name
    if end.group(1) in "。：:":
        return strong_head_ends_at(name, len(name))
    return name.endswith(_FRAME_HEADS)


_NUMERALS = {c: i for i, c in enumerate("零一二三四五六七八九十", 0)} | {"两": 2}


def _count(text: str, f: "Found") -> int:
    """How many works the name at ``f`` counts (…“五大行动” → 5, 12项工程 → 12;
    10 when the number is not read), or 0 when it does not end with a count."""
    counts = list(COUNTED.finditer(text, f.start, f.end))
    if not counts or counts[-1].start() < f.end - 8:
        return 0
    digits = counts[-1].group()[:-1]
    if digits.isdigit():
        return int(digits)
    return _NUMERALS.get(digits, 10)


_LIST_GAP = re.compile(r"[、和及与]|等|等地|等处")
# what closes a list of places before the program they belong to: 等, 等地, 等5条
_LIST_TAIL = re.compile(r"等(?:地|处|多条|\d+条|\d+处)?$")


def _listed_before(text: str, places: list, progs: list) -> dict[int, "Found"]:
    """The program each feature belongs to when the features are listed right
    before it (主城区榕花大街、永兴路等四化样板示范街道): {id(place): program}."""
    owner: dict[int, Found] = {}
    feats = sorted((f for f in places if f.entity.level == "feature"), key=lambda f: f.start)
    for p in progs:
        if p.kind == "pronoun":
            continue
        chain, pos = [], p.start
        tail = _LIST_TAIL.search(text, max(0, pos - 4), pos)
        if tail is None:
            continue
        pos -= len(tail.group())
        for f in reversed(feats):
            if f.end > pos:
                continue
            if f.end == pos or (f.end < pos and _LIST_GAP.fullmatch(text[f.end : pos])):
                chain.append(f)
                pos = f.start
            else:
                break
        for f in chain:
            owner.setdefault(id(f), p)
    return owner


def _inside(child: Entity, ancestor: Entity) -> bool:
    p = child.parent
    while p is not None:
        if p is ancestor:
            return True
        p = p.parent
    return False


def _below_province(home: Entity | None) -> bool:
    return home is not None and home.level not in ("province", "")


def _is(f: "Found", type_: str) -> bool:
    return f.entity.type == type_


# 主要包括：（一）… an enumeration written inline after a colon
_INLINE_LIST = re.compile(rf"包括[：:]\s*(?={PAREN_ORDINAL})")
_INLINE_ITEM = re.compile(PAREN_ORDINAL)


def _inline_items(af: "ArticleFacts", ex: Extraction) -> None:
    """本次消费季主要包括：（一）古城非遗展演。…（二）…: the programs that open the
    items of an inline enumeration are parts of the program the colon's
    sentence names (or the one the text is about there)."""
    art = af.article
    text = art.text
    progs = [f for f in af.found if _is(f, "Program")]
    for m in _INLINE_LIST.finditer(text):
        sent = _sentence_at(art, m.start())
        start = sent.start if sent is not None else _line_start(text, m.start())
        named = [f for f in progs if start <= f.start and f.end <= m.start() and f.kind != "pronoun"]
        if named:
            whole = named[-1].entity
        elif re.search("本次|此次|这次|该|今年的", text[start : m.start()]):
            whole = af.headline_program or af.main_program  # 本次消费季主要包括: the article's own
        else:
            whole = _program_before(af, start) or af.headline_program
        if whole is None:
            continue
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        for item in _INLINE_ITEM.finditer(text, m.end(), end):
            part = next((f for f in progs if f.start == item.end() and f.kind != "pronoun"), None)
            if part is not None and part.entity is not whole:
                ps = _sentence_at(art, part.start)
                ev = Evidence(art.index, ps.start, ps.end, ps.text) if ps else None
                add(ex, part.entity, "partOfProgram", whole, ev)


def _program_before(af: "ArticleFacts", pos: int) -> Entity | None:
    """The program the article named last before ``pos`` (what the text is about there)."""
    earlier = [f.entity for f in af.found if _is(f, "Program") and f.start < pos]
    return earlier[-1] if earlier else None


def _with_places_before(here: list["Found"], body: "Found") -> int:
    """Where ``body``'s name starts with the places written right before it
    (广东省|清远市政务服务数据管理局, 江苏省常州市|武进区人社局)."""
    begin = body.start
    while (up := next((g for g in here if _is(g, "Place") and g.end == begin and g.start < begin), None)) is not None:
        begin = up.start
    return begin


def _subject(text: str, sent, here: list["Found"]) -> "Found | None":
    """The agency or organisation a sentence (or its first clause) is about."""
    # the dateline's body (献县融媒体中心讯（记者…）) reports the news: it is no subject
    opens_paragraph = sent.start == _line_start(text, sent.start)
    dateline_end = sent.start + (_BYLINE.match(text[sent.start : sent.end]).end() if opens_paragraph else 0)
    for f in here:
        if not (_is(f, "Agency") or _is(f, "Organization")) or f.start < dateline_end:
            continue
        begin = _with_places_before(here, f)  # 广东省|清远市政务服务数据管理局
        lead = _BYLINE.sub("", text[sent.start : begin])
        # a time phrase may stand before the subject: 今年以来，/ 近日，/ 记者从…获悉
        last_break = max(lead.rfind(c) for c in "，,；;：:")
        tail = lead[last_break + 1 :].strip()
        if _LEAD_IN.match(tail) or tail.endswith("记者从") or _WHERE_SET.fullmatch(tail):
            return f
    return None


# a relative clause saying where the subject sits: 设在市水利局的|宝鸡市河长制办公室联合…
_WHERE_SET = re.compile(r"(?:设在|隶属于?|挂靠(?:在|于)?|位于)[^，,。；;：:]{2,24}的")


def _place_subject(text: str, sent, here: list["Found"]) -> "Found | None":
    for f in here:
        if f.entity.type != "Place" or f.entity.level == "feature":
            continue
        lead = _BYLINE.sub("", text[sent.start : f.start])
        last_break = max(lead.rfind(c) for c in "，,；;：:")
        if _LEAD_IN.match(lead[last_break + 1 :].strip()):
            return f
        return None
    return None


def _government_of(place: Entity, af: "ArticleFacts", near: int) -> Entity | None:
    """The government of ``place`` if the article names it close to ``near``
    (in the same passage: a government named once in a long feature does not
    run everything its city does)."""
    text = af.article.text
    for f in af.found:
        if f.entity.type == "Agency" and f.entity.jurisdiction is place and f.entity.name.endswith("人民政府") \
                and abs(f.start - near) <= _GOVERNMENT_REACH and not _PEOPLE_OF.match(text, f.end):
            return f.entity
    return None


# a body named as the employer of people (以市委、市政府主要领导为组长): not acting itself
_PEOPLE_OF = re.compile(r"(?:的)?(?:主要|分管|有关|相关)?(?:领导|负责同志|负责人|同志|干部|职工)")


_GOVERNMENT_REACH = 200


def _list_program(af: "ArticleFacts") -> Entity | None:
    """The program an article lists items of (深州今年实施25项民生实事)."""
    main = af.main_program
    if main is None or not af.article.headline:
        return None
    names = {main.name} | main.aliases
    if any(_COLLECTIVE.search(n) for n in names) and any(n in af.article.headline for n in names):
        return main
    return None


_SKIP_KINDS = {"time", "age", "date", "ratio_growth"}
# what follows a wider program a work is ranked in: …十大民生实事之一, …重点项目库
_RANKED_IN = re.compile(r"(?:的)?(?:之一|重要内容|组成部分|项目库|重点项目)")


# A 是 B 的生动体现: what follows the wider program B
_EMBODIES = re.compile(
    r"[”」]?(?:工作)?的(?:一项|一个|一次)?(?:生动|具体|重要|有力|鲜活|集中)?"
    r"(?:体现|实践|举措|内容|组成部分|一部分|一环|抓手|缩影|载体|第[一二三四五六七八九十\d]{1,3}[场站期批项])")


_LISTED_IN = re.compile(r"(?:列入|纳入)(?:了)?(?:(?:19|20)\d\d年(?:度)?)?[“「]?$")


def _serving_frames(text: str, sent, progs) -> list[tuple]:
    """(wider program, the program that serves it or None) for the frames
    A是B的生动体现 and A，助力B / A，为B添彩; None when the sentence names no A
    before the frame (the caller takes the program the text was about)."""
    out = []
    for p in progs:
        before = [q for q in progs if q.end <= p.start and q.entity is not p.entity and q.kind != "pronoun"]
        if p.kind == "pronoun":
            # 此次科技下乡活动是该行动的重要内容: the pronoun names the wider work
            if before and _EMBODIES.match(text, p.end) and "是" in text[before[0].end : p.start]:
                out.append((p, before[0].entity))
            continue
        cue_before = text[max(sent.start, p.start - 4) : p.start]
        if _EMBODIES.match(text, p.end) and "是" in text[max(sent.start, p.start - 12) : p.start]:
            out.append((p, before[0].entity if before else None))
        elif cue_before.endswith(("助力", "服务于")) or (cue_before.endswith("为") and CONTRIBUTE_AFTER.match(text, p.end)):
            out.append((p, before[-1].entity if before else None))
        elif _LISTED_IN.search(text, max(sent.start, p.start - 10), p.start) and not re.match(r"[”」]?(?:之一|等)", text[p.end : p.end + 3]):
            # 该项目已列入晋中市2024年民生实事项目 (…之一 is read by its own rule)
            out.append((p, before[-1].entity if before else None))
    return out


# a clause that opens a sentence with the wider work the rest of it serves:
# 结合2024年“春风行动”，…; 以“民法典宣传月”为契机，…
_FRAME_OPENERS = ("在", "结合", "围绕", "紧扣", "以")  # not 借助/依托: a means, not a frame
# openers that may follow the clause's subject (洪善镇将结合秋季村庄清洁行动，…)
_FRAME_AFTER_SUBJECT = ("结合", "围绕", "紧扣")
_FRAME_LEAD = re.compile(rf"({'|'.join(_FRAME_OPENERS)})(?:(?:19|20)\d\d年(?:度)?)?[“「]?$")
_FRAME_CLOSE = re.compile(r"[”」]?(?:工作)?(?:(?:过程)?中|方面)?[，,]")
_OCCASION_CLOSE = re.compile(r"[”」]?(?:工作)?为(?:契机|抓手|载体|牵引)[，,]")


def _settings(text: str, sent, progs) -> list[tuple]:
    """(wider program, the programs named after it in the sentence) for 在B中，…A…,
    结合B，…A… and 以B为契机，…A…"""
    out = []
    for p in progs:
        if p.kind == "pronoun":
            continue
        lead = _FRAME_LEAD.search(text, sent.start, p.start)
        if lead is None:
            continue
        opener, at = lead.group(1), lead.start()
        if at > sent.start and text[at - 1] not in "，,。；;：: ）)\n":
            clause = max(text.rfind(c, sent.start, at) for c in "，,；;：:") + 1
            if opener not in _FRAME_AFTER_SUBJECT or any(max(clause, sent.start) <= q.start < at for q in progs):
                continue
        if opener == "在":
            if not SETTING_AFTER.match(text, p.end):  # 在 B 中 / 在 B 工作中 / 在 B 过程中
                continue
        elif not (_OCCASION_CLOSE if opener == "以" else _FRAME_CLOSE).match(text, p.end):
            continue
        parts = [q.entity for q in progs if q.start > p.end and q.entity is not p.entity and q.kind != "pronoun"]
        if parts:
            out.append((p, parts))
    return out


# the heads of a way of working (…工作机制, …模式, …责任体系; a 制度 is often the work itself):
# it takes the figures of its own sentence, but is no topic for the sentences after it
_WAY_HEADS = ("模式", "机制", "体系", "责任制", "工作法", "管理")
# what a way of working is the manner of: 采取“…”的模式|推进
_MANNER_OF_WORK = re.compile(r"推进|实施|开展|建设|运营|运作|推动")


def _is_way(entity: Entity) -> bool:
    return entity.name.endswith(_WAY_HEADS)


# what opens a sentence of totals: 今年以来，/ 截至6月10日，/ 目前，/ 全年
_SUMMARY_LEAD = re.compile(r"\s*(?:今年以来|去年以来|截至[^，,。]{0,12}[，,]|截至目前|目前[，,]|全年|年内)")


def _measures(af, ex: Extraction, sent, progs, ev: Evidence) -> None:
    quantities = find_quantities(sent.text)
    if not quantities:
        return
    # the program a sentence without one goes on about: the last one named
    # before it in the same paragraph, else the article's headline program; a
    # way of working takes the figures of its own sentence only (…实行…四级包联
    # 责任制。 then 累计出动干部群众4600人次 counts the campaign's works)
    text = af.article.text
    para_start = _line_start(text, sent.start)
    # (a page may break a paragraph mid-sentence: look a little further back)
    reach = min(para_start, max(0, sent.start - 120))
    earlier = [f for f in af.found if f.entity.type == "Program" and reach <= f.start < sent.start and not _is_way(f.entity)]
    # a paragraph that opens with a program is about it (复划道路标识标线，方便…。)
    lead = _ORDINAL.match(text, para_start)  # （二）公办幼儿园扩容提质工程。…
    lead_end = lead.end() if lead else para_start
    # (a setting the paragraph opens with, 在人居环境整治上，…, frames the works it names: they take the figures)
    opening = [f for f in earlier if para_start <= f.start <= lead_end + 2 and not SETTING_AFTER.match(text, f.end)]
    topic = (opening[0] if opening else earlier[-1]).entity if earlier else (af.headline_program or af.main_program)
    if not opening and af.headline_program is not None and any(f.entity is af.headline_program for f in earlier):
        topic = af.headline_program  # (…开展大排查大整治，推动…三年行动落地见效。截至…，检查企业1.26万家次: the headline's)
    elif not any(f.start >= para_start for f in earlier) and af.headline_program is not None \
            and _SUMMARY_LEAD.match(text, sent.start):
        # (a paragraph opening 今年以来，全市共办结欠薪案件860件 gives the totals of the article's
        # work, not of the work the paragraph before ended with)
        topic = af.headline_program
    breaks = [sent.start + i for i, c in enumerate(sent.text) if c in "，,；;"]
    mains = [e for e in (af.headline_program, af.main_program, _list_program(af)) if e is not None]
    for q in quantities:
        if q.kind in _SKIP_KINDS:
            continue
        pos = sent.start + q.start
        # a count inside a program's name is its size (2021年20项民生实事)
        inside = [p for p in progs if p.start <= pos < p.end and p.kind != "pronoun"]
        # (a wider program the sentence ranks its subject in takes none: 该工程是…十大民生实事之一，总投资…)
        # (nor does the manner of a work: 采取“…”的模式推进，…村民签约率达到98.6%)
        before = [p for p in progs if p.end <= pos and not _RANKED_IN.match(text, p.end) and not SETTING_AFTER.match(text, p.end)
                  and not (_is_way(p.entity) and _MANNER_OF_WORK.match(text, p.end))
                  and not text[max(0, p.start - 2) : p.start].endswith(("纳入", "列入", "作为", "列为"))]
        # a program named after the quantity takes it in the same clause
        # (投入1.89亿元实施…工程); across clauses only the article's own
        # program or a set of works does (调研走访2.6万户群众，…，选出20项民生工程), not any other
        # (整合资金1.89亿元，兴农集团通过申请专项债券…)
        stop = next((b for b in breaks if b >= pos), sent.end)
        after = [p for p in progs if pos <= p.start and (p.start < stop or p.entity in mains or _COLLECTIVE.search(p.entity.name))]
        target = inside[0] if inside else before[-1] if before else (after[0] if after else None)
        program = target.entity if target else topic
        if program is None:
            continue
        qev = Evidence(ev.article, ev.start, ev.end, ev.text)
        ex.measures.append(Measure(program, q.value, q.unit, q.label, q.qualifier, q.text, qev, pos))


def _dates(af, ex: Extraction, sent, progs, ev: Evidence) -> None:
    if not progs:
        return
    for d in find_dates(sent.text, af.article.year):
        if d.datatype == "gYear":
            continue  # a bare year (2021年) dates nothing in particular
        pos = sent.start + d.start
        before = [p for p in progs if p.end <= pos]
        target = before[-1] if before else progs[0]
        ex.dates.append((target.entity, d.value, ev))

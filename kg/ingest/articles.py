"""Splitting a page's text into articles.

The page text is cut into *units* (its non-blank lines), each classified
as a byline paragraph (本报讯（记者…）…), a reporter line (河北日报记者 …),
a name-only byline, a photo caption or credit, a markdown heading, a
subtitle (——…), a headline-like line or running text.

Pages come in two layouts. In the *leading* layout a headline group
(kicker, headline, subtitle, reporter line) stands above its body; in the
*trailing* layout (column-wrapped local papers) the body comes first and
the subtitle and headline follow it. :func:`page_layout` decides which one a
page uses from its first unit: a page that opens with a headline group is
leading, one that opens with a byline or running text is trailing.

In both layouts a byline paragraph starts an article. A headline group
starts (leading) or closes (trailing) an article when a byline goes with
it, when it has more than one line, when the article before it ended with
a continuation mark (下转A4版), or — trailing only — when it follows an
article that opened with a byline; otherwise it is a section heading
inside the current article. A photo credit closes an article that has
neither byline nor headline but has a caption: a caption-only article.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from kg.model import Article

from .cues import COMPOUND_SURNAMES, INNER_PUNCT, KICKER_VERBS, ROLES, SURNAMES
from .sentences import split_sentences
from .unwrap import _CAPTION_START, _CONTINUATION, CREDIT_LINE, REPORTER_LINE, _ends_sentence

BYLINE = re.compile(
    r"^(?P<src>[\u4e00-\u9fff]{1,8}?(?:报讯|日报|晚报|新闻网|通讯社|社)"
    # 南康讯（通讯员…）, 上犹县融媒体中心讯（记者…）: any dateline ending in 讯 before a reporter
    # (晋江新闻网6月12日讯（记者…）: with the day of the report before 讯)
    r"|[\u4e00-\u9fff]{1,12}?(?:\d{1,2}月\d{1,2}日)?讯(?=\s*[（(][^（）()\n]{0,30}(?:记者|通讯员|实习生)))\s*"
    r"(?P<dateline>[\u4e00-\u9fff]{2,8}\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*电)?\s*"
    r"[（(](?P<people>[^（）()\n]{1,60})[)）]"
)
# the labels of a source line's fields that credit people, and of all its fields
_CREDIT_LABELS = "作者|记者|通讯员"
_FIELD_LABELS = f"{_CREDIT_LABELS}|摄影|摄像|编辑|来源|发布|更新|时间|日期|浏览"
# the other fields of a portal's source line: its date, author(s), editor, views
_META_FIELD = (
    r"(?:(?:发布|更新)?(?:时间|日期)[:：]\s*[\d\-/年月日:：\s]{6,30}"
    rf"|(?:{_CREDIT_LABELS}|摄影|摄像)[:：]\s*[^\s　]{{2,12}}(?:[\s　]+[\u4e00-\u9fff·]{{2,4}})*|编辑[:：]\s*[^\s　]{{2,12}}"
    r"|浏览次数[:：]?\s*\d*|字号.{0,10})"
)
# a portal's source line, its fields in either order: 来源：献县融媒体中心　　发布时间：2024-03-20,
# 发布时间：2024-02-20　来源：仪陇县融媒体中心　作者：何雪梅　王浩
SOURCE_LINE = re.compile(
    rf"^(?:{_META_FIELD}[\s　]+)*来源[:：]\s*(?P<src>[^\s　:：]{{2,24}})(?:[\s　]+{_META_FIELD})*[\s　]*$"
)
# the people a portal's source line credits (作者：何雪梅　王浩)
_LINE_CREDIT = re.compile(
    rf"(?:{_CREDIT_LABELS})[:：]\s*(?P<names>[\u4e00-\u9fff·]{{2,5}}"
    rf"(?:[\s　]+(?!(?:{_FIELD_LABELS}))[\u4e00-\u9fff·]{{2,5}}(?![:：\u4e00-\u9fff]))*)"
)
# reporters credited at the end of an article: （通讯员 李晓东 张倩）
_CLOSING_CREDIT = re.compile(r"^[（(]\s*(?P<people>(?:记者|通讯员|实习生|见习记者|特约记者)[^（）()\n]{1,40})[)）]$")
_REPORTER_PAPER = re.compile(r"^(?P<paper>[\u4e00-\u9fff]{0,8}?报)?(?=特约记者|见习记者|实习记者|实习生|记者|通讯员)")
_TRAILING_CREDIT = re.compile(r"(?:^|[。！？\s])(?P<names>[\u4e00-\u9fff·]{2,5}(?:\s+[\u4e00-\u9fff·]{2,5}){0,3})\s*摄$")
_MD = re.compile(r"^(#{1,6})\s*(.*)$")
_SPACED_LABEL = re.compile(r"^(?:\S\s+){2,}\S+$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,5}$")
_NAME_SPLIT = re.compile(r"[\s、，,；;]+")

TITLEISH = frozenset(("title", "md", "dash", "reporters", "names", "kicker"))
MAX_TITLE = 50


@dataclass
class Unit:
    start: int
    end: int
    text: str
    block: int  # units in one block are not separated by a blank line
    kind: str = "body"
    level: int = 0  # markdown heading level
    cont: bool = False  # ends with a continuation mark (下转A4版)


@dataclass
class _Draft:
    units: list[Unit] = field(default_factory=list)
    head: list[Unit] = field(default_factory=list)
    head_mode: str = "leading"
    byline: Unit | None = None

    def has_body(self) -> bool:
        # (a portal's 来源： line is the article's metadata, not its body: the dateline
        # that may follow it, 某县融媒体中心讯（记者…）, opens the same article)
        return any(u.kind not in TITLEISH and not (u.kind == "byline" and SOURCE_LINE.match(u.text))
                   for u in self.units)


def _is_names(text: str) -> bool:
    tokens = text.split()
    if not 1 <= len(tokens) <= 4:
        return False
    for t in tokens:
        if not (2 <= len(t) <= 4 and _NAME.match(t)):
            return False
        if t[0] not in SURNAMES and t[:2] not in COMPOUND_SURNAMES:
            return False
    return len(tokens) > 1 or len(tokens[0]) <= 3


def _is_title(text: str) -> bool:
    if len(text) > MAX_TITLE or "。" in text or text[-1] in INNER_PUNCT:
        return False
    if _ends_sentence(text) and text.rstrip("”’」』）)")[-1] not in "！？!?":
        return False
    return len(_CJK.findall(text)) >= 2


def classify(text: str) -> tuple[str, int]:
    """Kind of a unit (see the module docstring) and its heading level."""
    m = _MD.match(text)
    if m and m.group(2):
        return "md", len(m.group(1))
    if BYLINE.match(text) or SOURCE_LINE.match(text):
        return "byline", 0
    if len(text) <= 40 and (CREDIT_LINE.match(text) or _CLOSING_CREDIT.match(text)):
        return "credit", 0
    if _CAPTION_START.match(text):
        return "caption", 0
    if text.endswith("摄") and _TRAILING_CREDIT.search(text[-40:]):
        return "caption", 0
    if text.startswith("——") and len(text) <= MAX_TITLE + 2:
        return "dash", 0
    if len(text) <= 40 and REPORTER_LINE.match(text):
        return "reporters", 0
    if len(text) <= 30 and _is_names(text):
        return "names", 0
    if len(text) <= 20 and _SPACED_LABEL.match(text) and all(len(t) <= 4 for t in text.split()):
        return "kicker", 0
    if _is_title(text):
        return "title", 0
    return "body", 0


def units_of(text: str) -> list[Unit]:
    """The non-blank lines of ``text`` with offsets, blocks and kinds."""
    units: list[Unit] = []
    block = 0
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        s = line.strip(" \t\u3000")
        if not s:
            block += 1
            continue
        lead = len(line) - len(line.lstrip(" \t\u3000"))
        start += lead
        end = start + len(s)
        kind, level = classify(s)
        units.append(Unit(start, end, s, block, kind, level, bool(_CONTINUATION.search(s))))
    return units


def page_layout(units: list[Unit]) -> str:
    """``"leading"`` if headlines stand above their articles, else ``"trailing"``."""
    if not units:
        return "leading"
    return "leading" if units[0].kind in TITLEISH else "trailing"


def _run_end(units: list[Unit], i: int) -> int:
    j = i
    while j < len(units) and units[j].kind in TITLEISH:
        j += 1
    return j


def _segment(units: list[Unit], layout: str) -> list[_Draft]:
    drafts: list[_Draft] = []
    cur: _Draft | None = None

    def close():
        nonlocal cur
        if cur is not None and cur.units:
            drafts.append(cur)
        cur = None

    i = 0
    while i < len(units):
        u = units[i]
        if u.kind in TITLEISH:
            j = _run_end(units, i)
            run, nxt = units[i:j], units[j] if j < len(units) else None
            has_names = any(x.kind in ("reporters", "names") for x in run)
            if cur is None:
                cur = _Draft(units=list(run), head=run, head_mode="leading")
            elif layout == "leading":
                starts = (nxt is not None and nxt.kind == "byline") or has_names or cur.units[-1].cont
                if starts:
                    close()
                    cur = _Draft(units=list(run), head=run, head_mode="leading")
                else:
                    cur.units.extend(run)
            else:
                # a heading that runs straight into text (no blank line) is a
                # section heading, never the closing headline of an article
                runs_on = nxt is not None and nxt.block == run[-1].block
                closes = not runs_on and (
                    nxt is None or nxt.kind == "byline" or len(run) >= 2 or has_names
                    or cur.units[-1].cont
                    or (cur.byline is not None and not cur.head
                        and not any(p in run[0].text for p in INNER_PUNCT))
                )
                cur.units.extend(run)
                if closes:
                    cur.head, cur.head_mode = run, "trailing"
                    close()
            i = j
            continue
        if u.kind == "byline":
            if cur is not None and (cur.has_body() or cur.head_mode == "trailing"):
                close()
            if cur is None:
                cur = _Draft()
            cur.units.append(u)
            if cur.byline is None or (SOURCE_LINE.match(cur.byline.text) and BYLINE.match(u.text)):
                cur.byline = u  # (the dateline, which names the reporters, over a 来源： line)
        else:
            if cur is None:
                cur = _Draft()
            elif layout == "leading" and cur.units[-1].cont and u.kind == "body":
                close()
                cur = _Draft()
            cur.units.append(u)
            if u.kind in ("credit", "caption") and CREDIT_LINE.match(u.text) or (
                u.kind == "caption" and u.text.endswith("摄")
            ):
                is_caption_article = (
                    cur.byline is None and not cur.head
                    and any(x.kind == "caption" or "图为" in x.text for x in cur.units)
                )
                if is_caption_article:
                    close()
        i += 1
    close()
    return drafts


def dedupe_repeated(s: str) -> str:
    """"把实事办到群众心坎上" × 3 → once; other strings unchanged."""
    k = (s + s).find(s, 1)
    return s[:k] if 0 < k < len(s) else s


def _strip_title(u: Unit) -> str:
    t = u.text
    if u.kind == "md":
        t = _MD.match(t).group(2)
    elif u.kind == "dash":
        t = t.lstrip("—").strip()
    return dedupe_repeated(t.strip())


_PERSON_AFTER_UNIT = re.compile(r"(?:局|院|所|队|厂|站|校|中心|公司|村|镇|乡|街道|社区)(?P<name>[\u4e00-\u9fff]{2,3})$")


def _is_kicker(text: str) -> bool:
    """A kicker (引题) opens with a verb ("深入推进…") or names a person
    with their unit ("市公安局滨湖新区分局于俊超") above the main headline."""
    if text.startswith(KICKER_VERBS):
        return True
    m = _PERSON_AFTER_UNIT.search(text)
    return bool(m) and m.group("name")[0] in SURNAMES


def _headline(head: list[Unit], mode: str) -> tuple[str, list[str]]:
    region = head
    names_at = [k for k, u in enumerate(head) if u.kind in ("reporters", "names")]
    if mode == "trailing" and names_at:
        region = head[: names_at[0]]  # lines after the byline are kickers
    titles = [u for u in region if u.kind in ("title", "md", "dash")]
    if not titles:
        return "", []
    if any(u.kind == "md" for u in titles):
        top = min(u.level for u in titles if u.kind == "md")
        main = next(u for u in titles if u.kind == "md" and u.level == top)
    elif any(u.kind == "dash" for u in titles):
        k = next(k for k, u in enumerate(titles) if u.kind == "dash")
        main = titles[k - 1] if k > 0 else titles[k]
    elif mode == "trailing":
        last_block = titles[-1].block
        main = next(u for u in titles if u.block == last_block)
    else:
        main = titles[0]
        if len(titles) > 1 and _is_kicker(titles[0].text) and not _is_kicker(titles[1].text):
            main = titles[1]
    subtitles = [_strip_title(u) for u in titles if u is not main]
    return _strip_title(main), [s for s in subtitles if s]


def parse_people(people: str) -> list[str]:
    """Names in a byline: "记者焦磊 通讯员张敬波" → ["焦磊", "张敬波"]."""
    names: list[str] = []
    for tok in _NAME_SPLIT.split(people):
        if tok.endswith(ROLES):
            continue  # "河北日报记者", "通讯员": a role, not a name
        changed = True
        while changed and tok:
            changed = False
            for role in ROLES:
                if tok.startswith(role) and len(tok) > len(role):
                    tok, changed = tok[len(role):], True
        if tok.endswith("摄") and len(tok) > 3:
            tok = tok[:-1]
        if _NAME.match(tok) and tok not in names:
            names.append(tok)
    return names


def _byline_facts(d: _Draft) -> tuple[str, list[str], str]:
    source, reporters, dateline = "", [], ""
    if d.byline is not None:
        m = BYLINE.match(d.byline.text)
        if m is not None:
            source = re.sub(r"\d{1,2}月\d{1,2}日讯$", "", m.group("src"))  # (晋江新闻网6月12日讯: the site)
            dateline = re.sub(r"\s+", "", m.group("dateline") or "")
            reporters = parse_people(m.group("people"))
        else:  # a portal's 来源： line
            source = SOURCE_LINE.match(d.byline.text).group("src")
            # 作者：何雪梅　王浩, 通讯员：谢… in the line itself
            reporters = parse_people(" ".join(c.group("names") for c in _LINE_CREDIT.finditer(d.byline.text)))
            for u in ([] if reporters else d.units[::-1]):
                credit = _CLOSING_CREDIT.match(u.text)
                if credit:
                    reporters = parse_people(credit.group("people"))
                    break
    for u in d.head:
        if u.kind == "reporters":
            paper = _REPORTER_PAPER.match(u.text).group("paper")
            if paper and not source:
                source = paper + "讯"  # "本报记者 X" is reported as 本报讯
            reporters += [n for n in parse_people(u.text) if n not in reporters]
        elif u.kind == "names":
            reporters += [n for n in u.text.split() if n not in reporters]
    if not reporters:  # caption-only article: the photographer
        for u in d.units:
            if u.kind in ("credit", "caption") and u.text.endswith("摄"):
                m = _TRAILING_CREDIT.search(u.text[-40:])
                text = m.group("names") if m else u.text
                reporters += [n for n in parse_people(text) if n not in reporters]
    return source, reporters, dateline


_YEAR_MONTH = re.compile(r"(?<![\d\-—～~至])((?:19|20)\d\d)\s*年\s*\d{1,2}\s*月")
_YEAR = re.compile(r"(?<![\d\-—～~至])((?:19|20)\d\d)(?=\s*(?:年|[-—～~至]+\s*(?:19|20)\d\d\s*年))")


def _plausible(y: int) -> bool:
    return 1949 <= y <= 2100


def guess_year(page_text: str) -> int | None:
    """Publication year of a page, or the best guess of it.

    Years are read where written with 年 (1949–2100), not counting the end
    of a range ("2019-2025年"). If some year is named more than once, the
    answer is the latest year that is named more than once or with a month
    ("2021年9月"): a single mention of next year's plan does not count, a
    repeated "由2017年的…" comparison loses to a later year. If every year
    is named once, the latest one. None if no year is named.
    """
    counts = Counter(int(y) for y in _YEAR.findall(page_text) if _plausible(int(y)))
    if not counts:
        return None
    repeated = {y for y, c in counts.items() if c >= 2}
    if not repeated:
        return max(counts)
    with_month = {int(y) for y in _YEAR_MONTH.findall(page_text) if _plausible(int(y))}
    return max(repeated | with_month)


def split_articles(text: str) -> list[Article]:
    """Split a page's text (already unwrapped) into articles.

    Offsets index ``text``: ``text[a.start:a.end] == a.text``; sentence
    offsets index ``a.text``.
    """
    units = units_of(text)
    layout = page_layout(units)
    articles: list[Article] = []
    for d in _segment(units, layout):
        start, end = d.units[0].start, d.units[-1].end
        headline, subtitles = _headline(d.head, d.head_mode)
        source, reporters, dateline = _byline_facts(d)
        atext = text[start:end]
        articles.append(Article(
            index=len(articles), text=atext, start=start, end=end,
            headline=headline, subtitles=subtitles, source=source,
            reporters=reporters, dateline=dateline,
            sentences=split_sentences(atext), year=None,
        ))
    year = guess_year(text)  # a property of the page, shared by its articles
    for a in articles:
        a.year = year
    return articles

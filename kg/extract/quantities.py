"""Quantities in Chinese news text, normalised to base units, with what they measure.

>>> [ (q.text, q.value, q.unit, q.label) for q in find_quantities("完成管网铺设1784.41公里，形成压采能力8084万立方米。") ]
[('1784.41公里', 1784.41, '公里', '管网铺设'), ('8084万立方米', 80840000.0, '立方米', '压采能力')]

Decisions, so that callers know what they get:

- A quantity needs a unit: a measure word from :data:`kg.lexicon.units.UNITS`,
  or — for a number with a multiplier (万, 亿, 千) and no measure word — a
  noun within a few characters that implies one (332.21万农村人口 → 人,
  最高20万担保贷款 → 元). Bare numbers are not quantities.
- Values are in base units: 万 ×10⁴, 亿 ×10⁸, 千 ×10³ (3千米 → 3000 米).
  ``unit`` is the measure word as written after the multiplier.
- Skipped: years (2021年, 2017-2020年), dates and clock times (12月22日,
  8时: 月/日/时 are not units), ordinals (第1剂次, 第九小学), codes and model
  numbers (5G, PM2.5, 3+X, 1+6+1+1, numbers with a leading zero, 12319 has
  no unit), numerals that are not amounts (十三五, 一次性, and every bare
  一: 一季, 一批, 一线 are idioms far more often than counts), fractions
  (三分之一) and Latin-letter units.
- Ranges (16至24岁) give one quantity spanning the whole range, valued at the
  lower bound, with the connector and the upper bound kept in ``qualifier``
  ("至24").
- Numbers inside quotation marks (“100元减20元” vouchers, “10条小学生免费
  公交专线”) are kept, with ``in_quotes=True``: whether a quoted amount is a
  measure of a program is for the caller to decide.
- Ages (61岁) have kind ``age``; percentages keep the value as written with
  unit ``%``; 百分之三十 → 30 %.
- ``label`` is read from the same clause, before the number and after any
  earlier quantity, minus leading subjects, time words and light verbs
  (完成, 实现, 累计 …); when nothing is left, or the number modifies the noun
  that follows (对140个老旧小区进行改造, …外的13个乡镇), it is the noun after
  the unit. For an implied unit the label is the implying noun phrase. It
  is always a slice of the text: ``text[q.label_start:q.label_start +
  len(q.label)] == q.label`` (``label_start`` is -1 when the label is empty).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal

from kg.lexicon import units as L

__all__ = ["Quantity", "find_quantities", "parse_chinese_number", "normalise_digits"]


@dataclass(frozen=True)
class Quantity:
    """A quantity mentioned in a text; ``text[start:end] == text``."""

    start: int
    end: int
    text: str
    value: float
    unit: str
    qualifier: str
    label: str
    label_start: int
    kind: str
    in_quotes: bool = False


_FULLWIDTH_RE = re.compile("[０-９．％＋－～／]+")


def normalise_digits(text: str) -> str:
    """Full-width digits and signs to ASCII, one character for one (offsets hold)."""
    return _FULLWIDTH_RE.sub(lambda m: m.group().translate(L.FULLWIDTH), text)


def parse_chinese_number(s: str) -> int | None:
    """The value of a Chinese numeral, or None if it is not a well-formed number.

    >>> parse_chinese_number("三万"), parse_chinese_number("一百二十"), parse_chinese_number("十七")
    (30000, 120, 17)
    >>> parse_chinese_number("十三五") is None
    True
    """
    if not s:
        return None
    total = 0  # completed 亿 part
    wan = 0  # completed 万 part
    section = 0
    digit: int | None = None
    last_small = 10**9
    last_big = 10**13
    after_zero = False
    prev_unit = ""
    for ch in s:
        if ch in L.CHINESE_DIGITS:
            d = L.CHINESE_DIGITS[ch]
            if d == 0:
                if digit is not None:
                    return None
                after_zero = True
                continue
            if digit is not None:
                return None
            digit = d
        elif ch in L.CHINESE_SMALL_UNITS:
            unit = L.CHINESE_SMALL_UNITS[ch]
            if unit >= last_small:
                return None
            section += (digit if digit is not None else 1) * unit
            digit, last_small, after_zero, prev_unit = None, unit, False, ch
        elif ch in L.CHINESE_BIG_UNITS:
            unit = L.CHINESE_BIG_UNITS[ch]
            if unit >= last_big:
                return None
            if digit is not None:
                section += digit
            if section == 0 and wan == 0 and total == 0:
                return None
            if unit == 10**8:
                total = (total + wan + section) * unit
                wan = 0
            else:
                wan = section * unit
            section, digit, last_small, last_big, after_zero, prev_unit = 0, None, 10**9, unit, False, ch
        else:
            return None
    if digit is not None:
        # 一百五 / 三万五 (colloquial abbreviations) are not read
        if prev_unit and prev_unit != "十" and not after_zero:
            return None
        section += digit
    return total + wan + section


# --- patterns ---------------------------------------------------------------

_WS = r"[ \t\u3000\u00a0\u2009\u202f]*"
_AR_BODY = r"(?:[0-9]{1,3}(?:[,\u2009\u202f ][0-9]{3})+(?![0-9])|[0-9]+)(?:\.[0-9]+)?"
_CN_ALL = "零〇一二两三四五六七八九十百千万亿"
_CN_FIRST = "一二两三四五六七八九十"
# The number starts with a plain character class so that the scanner can skip
# quickly over text without digits; the checks on the preceding character are
# lookbehinds placed after that first character.
_NUM = (
    rf"[0-9{_CN_FIRST}]"
    rf"(?:(?<![0-9A-Za-z._+/\-][0-9])(?<=[0-9])"
    rf"(?:[0-9]{{0,2}}(?:[,\u2009\u202f ][0-9]{{3}})+(?![0-9])|[0-9]*)(?:\.[0-9]+)?(?![0-9A-Za-z+])"
    rf"|(?<![{_CN_ALL}第][{_CN_FIRST}])(?<=[{_CN_FIRST}])[{_CN_ALL}]*)"
)
_CN2 = rf"[{_CN_FIRST}][{_CN_ALL}]*"


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


_QUANTITY_RE = re.compile(
    rf"(?P<num>{_NUM})"
    rf"(?:{_WS}(?P<rc>{_alt(L.RANGE_CONNECTORS)}){_WS}(?P<num2>{_AR_BODY}(?![0-9A-Za-z+])|{_CN2}))?"
    rf"{_WS}(?P<q1>{_alt(L.QUALIFIERS_IN)})?"
    rf"{_WS}(?P<mult>{_alt(L.MULTIPLIERS)})?"
    rf"{_WS}(?P<q2>余|多)?"
    rf"{_WS}(?P<unit>{_alt(L.UNITS)})?"
)
# what every quantity opens with: the first character of _NUM (before or after
# normalise_digits) or the 百分之 of _PERCENT_WORD_RE
_CANDIDATE_RE = re.compile(rf"[0-9０-９{_CN_FIRST}]|百分之")
_PERCENT_WORD_RE = re.compile(rf"百分之(?P<num>{_AR_BODY}|[{_CN_ALL}]+)")
_AFTER_RE = re.compile(rf"{_WS}(?P<q3>{_alt(L.QUALIFIERS_AFTER)})")
_IMPLIED_RE = re.compile(
    rf"{_WS}(?P<gap>[“”\"‘’「」\u4e00-\u9fff]{{0,{L.IMPLIED_UNIT_MAX_GAP}}}?)(?P<noun>{_alt(L.IMPLIED_UNITS)})"
)
_QUOTE_RE = re.compile(r"“[^“”\n]{0,80}”|「[^「」\n]{0,80}」|\"[^\"\n]{0,80}\"")
_LEADING_RE = re.compile(rf"(?:{L.LABEL_LEADING_TIME}|{_alt(L.LABEL_LEADING_WORDS)})")
_TRAILING_RE = re.compile(rf"(?:{_alt(L.LABEL_TRAILING_WORDS)})$")
_NOUN_STOP_RE = re.compile(_alt(L.NOUN_AFTER_STOPS))
_NOUN_CHAR_RE = re.compile(r"[\u4e00-\u9fffA-Za-z]")
_VERB_END_RE = re.compile(rf"(?:{_alt(L.VERBS_BEFORE_OBJECT)})$")
_IMPLIED_NOUN_RE = re.compile(_alt(L.IMPLIED_UNITS))
_EDGE_CHARS = "#*>|- \t\u3000\u00a0、，,。；;：:“”\"‘’「」《》（）()—-…·"
_OPENING_QUOTES = "“‘「\"《"
_QUALIFIER_BEFORE_RE = re.compile(rf"(?:{_alt(L.QUALIFIERS_BEFORE)})$")
_QUALIFIER_MAX = max(map(len, L.QUALIFIERS_BEFORE))
_DELIMS = frozenset(L.CLAUSE_DELIMITERS)
_LOOKBACK = 4 * L.LABEL_MAX_CHARS  # a label is read from at most this far back
_SPACES = " \t\u3000\u00a0\u2009\u202f"


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, in order of position.

    >>> q = find_quantities("衡水市建成了60多个“口袋公园”。")[0]
    >>> q.value, q.unit, q.qualifier, q.label
    (60.0, '个', '多', '口袋公园')
    """
    if not _CANDIDATE_RE.search(text):
        return []  # no digit and no numeral (nearly half of all sentences): skip the scans below
    norm = normalise_digits(text)
    quotes = [(m.start(), m.end()) for m in _QUOTE_RE.finditer(norm)]
    quote_starts = [s for s, _ in quotes]

    raw = []  # (start, end, value, unit, qualifier, kind, implied_label_span)
    for m in _QUANTITY_RE.finditer(norm):
        found = _read_match(norm, m)
        if found is not None:
            raw.append(found)
    for m in _PERCENT_WORD_RE.finditer(norm):
        value = _number_value(m.group("num"))
        if value is not None:
            raw.append((m.start(), m.end(), value, "%", "", "ratio", None))
    raw.sort(key=lambda r: (r[0], r[1]))

    out: list[Quantity] = []
    prev_end = 0
    last_end = -1
    for start, end, value, unit, qualifier, kind, implied in raw:
        if start < last_end:  # overlaps a quantity already taken
            continue
        start, qualifier_before = _qualifier_before(norm, start, prev_end)
        if qualifier_before:
            qualifier = qualifier_before + qualifier
        clause_start = _clause_start(norm, start, max(prev_end, start - _LOOKBACK))
        if implied is not None:
            label_start, label_end = implied
        else:
            label_start, label_end = _label(norm, max(clause_start, prev_end), start, end)
        label = text[label_start:label_end]
        k = bisect_right(quote_starts, start) - 1
        in_quotes = k >= 0 and quotes[k][0] < start and end <= quotes[k][1]
        out.append(
            Quantity(
                start=start,
                end=end,
                text=text[start:end],
                value=float(value),
                unit=unit,
                qualifier=qualifier,
                label=label,
                label_start=label_start if label else -1,
                kind=kind,
                in_quotes=in_quotes,
            )
        )
        last_end = end
        prev_end = max(end, label_start + len(label)) if label else end
    return out


def _number_value(s: str) -> Decimal | None:
    if s[0].isdigit():
        return Decimal(re.sub(r"[,\u2009\u202f ]", "", s))
    v = parse_chinese_number(s)
    return None if v is None else Decimal(v)


def _read_match(text: str, m: re.Match):
    """Turn a candidate match into a raw quantity, or None if it is not one."""
    num = m.group("num")
    start = m.start()
    is_arabic = num[0].isdigit()
    # ordinals: 第1剂次, 第 3 名
    j = start
    while j > 0 and text[j - 1] in _SPACES:
        j -= 1
    if j > 0 and text[j - 1] == "第":
        return None
    if is_arabic:
        if len(num) > 1 and num[0] == "0" and num[1] != ".":
            return None  # codes, phone numbers
    elif num == "一":
        return None
    value = _number_value(num)
    if value is None:
        return None
    mult = m.group("mult")
    unit = m.group("unit")
    end = m.end()
    implied = None
    kind = ""
    if mult:
        value *= L.MULTIPLIERS[mult]
    has_big = bool(mult) or (not is_arabic and any(c in num for c in "万亿千"))
    if unit is not None and has_big and _IMPLIED_NOUN_RE.match(text, m.start("unit")):
        unit = None  # 42万人口: the noun 人口, not the measure word 人
        end = m.start("unit")
        while text[end - 1] in _SPACES:
            end -= 1
    if unit is None:
        if not has_big:
            return None
        im = _IMPLIED_RE.match(text, end)
        if im is None:
            return None
        unit, kind = L.IMPLIED_UNITS[im.group("noun")]
        implied = (im.start("gap"), im.end("noun"))
        end = im.end("noun")
    else:
        kind = L.UNITS[unit]
        if not is_arabic and unit in L.ORDINAL_PRONE_AFTER_CHINESE_NUMERAL:
            return None
        if text.startswith("一体", end):
            return None  # 四位一体
        if unit in ("名", "位") and j > 0 and text[j - 1] == "前":
            return None  # 前三名: a rank
        if unit == "年" and not mult and _looks_like_year(num, m.group("num2")):
            return None
        if unit == "年" and text.startswith(("来", "以来"), m.end("unit")):
            return None  # 五年来: a time adverbial, not an amount
    num2 = m.group("num2")
    qualifier = ""
    if num2:
        if _number_value(num2) is None:
            return None
        qualifier = m.group("rc") + num2
    qualifier += (m.group("q1") or "") + (m.group("q2") or "")
    # trailing whitespace matched by the optional groups is not part of the quantity
    if implied is None:
        end = m.end()
        while text[end - 1] in _SPACES:
            end -= 1
        am = _AFTER_RE.match(text, end)
        if am:
            qualifier += am.group("q3")
            end = am.end()
    return (start, end, value, unit, qualifier, kind, implied)


def _looks_like_year(num: str, num2: str | None) -> bool:
    for n in (num, num2):
        if n and len(n) == 4 and n.isdigit() and 1000 <= int(n) <= 2999:
            return True
    return False


def _clause_start(text: str, i: int, limit: int) -> int:
    """Where the clause holding position ``i`` starts (not before ``limit``)."""
    while i > limit and text[i - 1] not in _DELIMS:
        i -= 1
    return i


def _qualifier_before(text: str, start: int, limit: int) -> tuple[int, str]:
    """A qualifier written just before the number (近130个, 超过90%)."""
    j = start
    while j > limit and text[j - 1] in _SPACES:
        j -= 1
    m = _QUALIFIER_BEFORE_RE.search(text, max(limit, j - _QUALIFIER_MAX), j)
    if m is None:
        return start, ""
    q, k = m.group(), m.start()
    if len(q) == 1 and k > 0 and text[k - 1] in L.QUALIFIER_FALSE_PREFIXES.get(q, ""):
        return start, ""
    return k, q


def _label(text: str, a: int, b: int, q_end: int) -> tuple[int, int]:
    """The span of what is measured: words before the number, else the noun after it."""
    raw_b = b
    a, b = _strip_edges(text, a, b)
    opens_quote = raw_b > 0 and text[raw_b - 1] in _OPENING_QUOTES and b < raw_b
    # words that say nothing about what is measured, at the end then at the start
    verb_first = False
    while a < b:
        verb_first = verb_first or _VERB_END_RE.search(text, a, b) is not None
        m = _TRAILING_RE.search(text, a, b)
        if not m or 0 < m.start() - a < 2:
            break
        a, b = _strip_edges(text, a, m.start())
    while a < b:
        m = _LEADING_RE.match(text, a, b)
        if not m or 0 < b - m.end() < 2:
            break
        a, b = _strip_edges(text, m.end(), b)
    modifies_next = a < b and text[b - 1] == "的"
    verb_first = verb_first or (a < b and _VERB_END_RE.search(text, a, b) is not None)
    if a >= b or modifies_next or opens_quote or verb_first:
        na, nb = _noun_after(text, q_end)
        if nb > na:
            return na, nb
        if modifies_next:
            b -= 1
    if b - a > L.LABEL_MAX_CHARS:
        # keep the part nearest the number, cut after a break if one leaves enough
        cut = b - L.LABEL_MAX_CHARS
        for k in range(cut, b - 2):
            if text[k - 1] in L.LABEL_BREAKS:
                cut = k
                break
        a, b = _strip_edges(text, cut, b)
    return (a, b) if b > a else (-1, -1)


def _strip_edges(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in _EDGE_CHARS:
        a += 1
    while a < b and text[b - 1] in _EDGE_CHARS:
        b -= 1
    return a, b


def _noun_after(text: str, i: int) -> tuple[int, int]:
    n = len(text)
    while i < n and (text[i] in _SPACES or text[i] in _OPENING_QUOTES):
        i += 1
    a = i
    while i < n and i - a < L.NOUN_AFTER_MAX_CHARS and _NOUN_CHAR_RE.match(text, i):
        if _NOUN_STOP_RE.match(text, i):
            break
        i += 1
    return a, i

"""Dates in Chinese news text, resolved against the article's year.

>>> [(d.text, d.value, d.datatype) for d in find_dates("今年6月底前，12月 22日上午8时发放", 2021)]
[('今年6月底', '2021-06', 'gYearMonth'), ('12月 22日', '2021-12-22', 'date')]

Decisions:

- A day gives ``date`` ("2021-12-22"), a month without a day gives
  ``gYearMonth`` ("2021-06"; 6月底, 11月初, 12月份, 下旬 stay month-precise),
  a year alone gives ``gYear``.
- A missing year is taken from ``year``; 今年/本年 → ``year``, 去年 → year-1,
  前年 → year-2, 明年 → year+1. With ``year=None`` such dates are skipped.
- Ranges written with one unit (2017-2020年度, 1至3月, 12月1至3日) give one
  mention spanning the whole range, valued at its start. Ranges written in
  full (12月22日至12月28日) give two mentions.
- Impossible dates (2021-02-30, 13月) are skipped; so are 十三五期间 and other
  periods that are not calendar dates, durations (6个月) and clock times.
- Chinese-numeral dates are read when they are unambiguous: a month with a
  day (十二月二十日) or after a year (二〇二一年十二月).
- Full-width digits are read like ASCII ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from kg.extract.quantities import normalise_digits, parse_chinese_number

__all__ = ["DateMention", "find_dates"]

DATATYPES = ("date", "gYearMonth", "gYear")


@dataclass(frozen=True)
class DateMention:
    """A date mentioned in a text; ``text[start:end] == text``.

    ``value`` is the lexical form of ``datatype`` (an XSD datatype name).
    """

    start: int
    end: int
    text: str
    value: str
    datatype: str


_WS = r"[ \t\u3000\u00a0]*"
_RANGE = r"(?:至|到|-|—|－|~|～)"
_CN_YEAR_DIGIT = "〇零一二三四五六七八九"
_CN_SMALL = "一二三四五六七八九十"
_RELATIVE_YEARS = {"今年": 0, "本年": 0, "去年": -1, "前年": -2, "明年": 1}

_YEAR = (
    rf"(?:(?<![0-9.])(?P<y>(?:19|20)[0-9]{{2}})(?:{_WS}{_RANGE}{_WS}(?P<y2>(?:19|20)[0-9]{{2}}))?{_WS}年(?P<fy>度)?"
    rf"|(?P<rel>今年|本年|去年|前年|明年)"
    rf"|(?P<cy>[{_CN_YEAR_DIGIT}]{{4}})年)"
)
_MONTH = (
    rf"(?:(?<![0-9.])(?P<m>1[0-2]|0?[1-9])(?:{_WS}{_RANGE}{_WS}(?P<m2>1[0-2]|0?[1-9]))?"
    rf"|(?P<cm>十[一二]|[{_CN_SMALL}]))"
    rf"{_WS}月"
    rf"(?:{_WS}(?:(?<![0-9.])(?P<d>3[01]|[12][0-9]|0?[1-9])(?:{_WS}{_RANGE}{_WS}(?P<d2>3[01]|[12][0-9]|0?[1-9]))?"
    rf"|(?P<cd>三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九]))"
    rf"{_WS}[日号])?"
    rf"(?P<tail>份|初|底|末|中旬|上旬|下旬)?"
)
# both parts are optional; the lookahead keeps the scanner off most characters
_DATE_RE = re.compile(rf"(?=[0-9{_CN_YEAR_DIGIT}十两今本去前明])(?:{_YEAR})?(?:{_WS}{_MONTH})?")


def find_dates(text: str, year: int | None) -> list[DateMention]:
    """Every calendar date in ``text``, in order, resolved against ``year``.

    >>> [d.value for d in find_dates("2021年12月16日，去年6月底，自12月20日起", 2022)]
    ['2021-12-16', '2021-06', '2022-12-20']
    """
    norm = normalise_digits(text)
    out: list[DateMention] = []
    for m in _DATE_RE.finditer(norm):
        if m.end() == m.start():
            continue
        resolved = _resolve(norm, m, year)
        if resolved is None:
            continue
        value, datatype = resolved
        start, end = m.start(), m.end()
        while start < end and norm[start] in " \t\u3000\u00a0":
            start += 1
        out.append(DateMention(start=start, end=end, text=text[start:end], value=value, datatype=datatype))
    return out


def _resolve(text: str, m: re.Match, year: int | None) -> tuple[str, str] | None:
    has_month = m.group("m") is not None or m.group("cm") is not None
    has_day = m.group("d") is not None or m.group("cd") is not None
    # the year
    y: int | None
    if m.group("y"):
        y = int(m.group("y"))
    elif m.group("rel"):
        y = None if year is None else year + _RELATIVE_YEARS[m.group("rel")]
        if y is None:
            return None
    elif m.group("cy"):
        y = _chinese_year(m.group("cy"))
        if y is None:
            return None
    else:
        y = None
    if y is not None and not 1 <= y <= 9999:
        return None
    if not has_month:
        if m.group("tail"):
            return None
        if y is None:
            return None
        return f"{y:04d}", "gYear"
    # a Chinese-numeral month needs a day or a year to be a date
    if m.group("cm") is not None and not has_day and y is None:
        return None
    if y is None:
        y = year
        if y is None or not 1 <= y <= 9999:
            return None
    month = int(m.group("m")) if m.group("m") else parse_chinese_number(m.group("cm"))
    if not month or not 1 <= month <= 12:
        return None
    if not has_day:
        return f"{y:04d}-{month:02d}", "gYearMonth"
    day = int(m.group("d")) if m.group("d") else parse_chinese_number(m.group("cd"))
    if not day:
        return None
    try:
        return date(y, month, day).isoformat(), "date"
    except ValueError:
        return None


def _chinese_year(s: str) -> int | None:
    digits = {c: i for i, c in enumerate("〇一二三四五六七八九")}
    digits["零"] = 0
    try:
        return int("".join(str(digits[c]) for c in s))
    except KeyError:
        return None

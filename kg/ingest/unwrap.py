"""Rejoining lines that a narrow newspaper column broke inside a word.

Some pages are stored as printed: every line of a column ends where the
column ends, often in the middle of a word ("以乡域\\n内衡井线"), and a
column break can even leave a blank line inside a paragraph. Other pages
hold one paragraph per line. :func:`unwrap` decides which kind a page is
and rejoins the lines of the first kind.

A line is *full* when its display width (CJK = 2, ASCII = 1) reaches the
local column width, estimated from the neighbouring lines (columns differ
from article to article on one page). A break after a full line that does
not end a sentence is a wrap; a break after a short line, a sentence end
followed by a short line, or a line wider than the column (a headline) is
kept. Across a blank line, text is rejoined only when the line before is
full, does not end a sentence, and looks like running text.
"""

from __future__ import annotations

import re

from .cues import CLOSERS, ELLIPSIS, INNER_PUNCT, ORDINAL, SENTENCE_END

_TERMINAL = SENTENCE_END + ELLIPSIS
_WINDOW = 8  # neighbouring lines on each side used to estimate the column width
_BYLINE_START = re.compile(
    r"^[\u4e00-\u9fff]{1,8}?(?:报讯|日报|晚报|新闻网|通讯社|社)\s*"
    r"(?:[\u4e00-\u9fff]{2,8}\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*电\s*)?[（(]"
)
_CAPTION_START = re.compile(r"^(?:图为|图[①-⑳\d]|[上中下左右]图[：:]|图[：:])")
_CONTINUATION = re.compile(r"[（(]\s*(?:下转|转)\s*[A-Za-z]?\d+\s*版\s*[)）]$")
_SPACES = " \t\u3000"
_NAME = r"[\u4e00-\u9fff·]{2,5}"
_ROLE = r"(?:特约记者|见习记者|实习记者|实习生|记者|通讯员)"
# "河北日报记者 陈凤来 通讯员 田静云", "本报记者 李晨阔"
REPORTER_LINE = re.compile(
    rf"^(?:[\u4e00-\u9fff]{{0,8}}?报)?{_ROLE}\s*{_NAME}(?:\s+(?:{_ROLE}\s*)?{_NAME})*$"
)
# photo credits: "袁占林 摄", "河北日报通讯员 贾彦忠摄", "本组图片由河北日报记者焦磊摄"
CREDIT_LINE = re.compile(r"^(?:本组图片由|图片由)?[\u4e00-\u9fff·]{0,12}(?:\s+[\u4e00-\u9fff·]{2,5}){0,3}\s*摄(?:影)?$")


def display_width(s: str) -> int:
    """Columns the string takes in print: characters above U+00FF (CJK,
    full-width punctuation) count 2, ASCII and Latin-1 count 1."""
    return 2 * len(s) - len(s.encode("latin-1", "ignore"))


def _ends_sentence(line: str) -> bool:
    stripped = line.rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL


def is_column_wrapped(lines: list[str]) -> bool:
    """True if most non-blank lines are short and end without punctuation."""
    body = [l for l in lines if len(l) >= 2]
    if len(body) < 4:
        return False
    unterminated = sum(1 for l in body if not _ends_sentence(l) and l[-1] not in CLOSERS)
    widths = sorted(display_width(l) for l in body)
    median = widths[len(widths) // 2]
    return unterminated >= 0.5 * len(body) and median <= 80


def _column_widths(widths: list[int]) -> list[tuple[int, int]]:
    """Column width before and after each line: the median of the
    widths of the line and its neighbours on that side. Two one-sided
    estimates keep a narrow column next to a wide one from looking short.
    """
    out = []
    for i in range(len(widths)):
        before = sorted(widths[max(0, i - _WINDOW): i + 1])
        after = sorted(widths[i: i + _WINDOW + 1])
        out.append((before[len(before) // 2], after[len(after) // 2]))
    return out


def _is_byline_fragment(a: str, b: str) -> bool:
    """A byline split by the column: "新华社石家庄12月19日" + "电（记者…）"."""
    return not _BYLINE_START.match(a) and bool(_BYLINE_START.match(a + b))


def _starts_unit(b: str, after: str = "") -> bool:
    """Lines that always begin a new unit (never continue the line above);
    ``after`` is the line below ``b``, to see a byline split in two."""
    return (b.startswith("——") or b.startswith("#") or bool(_BYLINE_START.match(b))
            or bool(_CAPTION_START.match(b)) or bool(REPORTER_LINE.match(b))
            or bool(CREDIT_LINE.match(b)) or bool(after and _BYLINE_START.match(b + after)))


def trim_lines(text: str) -> list[str]:
    """Strip each line and collapse runs of blank lines into one."""
    out: list[str] = []
    for line in text.split("\n"):
        line = line.strip(_SPACES)
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return out


def unwrap(text: str) -> str:
    """Rejoin column-wrapped lines into paragraphs.

    Lines are trimmed and blank-line runs collapsed on every page; lines are
    rejoined only on pages that :func:`is_column_wrapped`. Headlines,
    bylines and captions keep their own lines.

    >>> unwrap("本报讯（记者张玲玲）日前，记者\\n从衡水市商务局获悉，为\\n充分激发消费潜力，鼓励\\n企业做大做强，衡水市推\\n出了消费券发放活动。\\n\\n消费券12月22日开抢")
    '本报讯（记者张玲玲）日前，记者从衡水市商务局获悉，为充分激发消费潜力，鼓励企业做大做强，衡水市推出了消费券发放活动。\\n\\n消费券12月22日开抢'
    """
    lines = trim_lines(text)
    if not is_column_wrapped(lines):
        return "\n".join(lines)
    idx = [i for i, l in enumerate(lines) if l]
    widths = [display_width(lines[i]) for i in idx]
    cols = _column_widths(widths)
    width_of = {i: (w, c) for i, w, c in zip(idx, widths, cols)}

    def full(i: int) -> bool:
        # the first line of a block lost its paragraph indent (two CJK
        # characters) when it was trimmed
        w, (cb, ca) = width_of[i]
        if i == 0 or not lines[i - 1]:
            w += 4
        return any(c - 5 <= w <= c * 1.25 + 6 for c in (cb, ca))

    def over(i: int) -> bool:
        w, (cb, ca) = width_of[i]
        return w > max(cb, ca) * 1.25 + 2

    # block boundaries: block_last[i] is True for the last line of a block
    out: list[str] = []
    cur = ""
    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        if not line:
            out.append(cur)
            out.append("")
            cur = ""
            i += 1
            continue
        cur += line
        nxt = lines[i + 1] if i + 1 < n else None
        if nxt:  # next line in the same block
            nxt_last = i + 2 >= n or not lines[i + 2]
            join = True
            if _is_byline_fragment(line, nxt):
                join = True
            elif _starts_unit(nxt) or over(i) or _CONTINUATION.search(line):
                join = False
            elif _ends_sentence(line):
                join = full(i) and not _ends_sentence(nxt) or full(i) and full(i + 1)
            elif not full(i):
                join = False
            elif line[-1] in CLOSERS and nxt_last and not _ends_sentence(nxt) and (
                not full(i + 1) or i + 3 >= n
                or _starts_unit(lines[i + 3], lines[i + 4] if i + 4 < n else "")
            ):
                join = False  # headline ending in a quote, subtitle below
            if not join:
                out.append(cur)
                cur = ""
            i += 1
            continue
        if nxt is None:
            break
        # blank line follows: rejoin across it only for running text
        j = i + 2
        if j < n and lines[j] and _joins_across_blank(lines, i, j, full, over):
            i = j  # skip the blank line, keep building the paragraph
            continue
        i += 1
    out.append(cur)
    text = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


# the ordinal that opens an item of a list: （一）, 一、, 1., 一是
_LIST_ITEM = re.compile(rf"(?:{ORDINAL})")


def _joins_across_blank(lines, i, j, full, over) -> bool:
    a, b = lines[i], lines[j]
    if _ends_sentence(a) or a[-1] in CLOSERS or not full(i) or over(i):
        return False
    after = lines[j + 1] if j + 1 < len(lines) else ""
    if _starts_unit(b, after) or _CONTINUATION.search(a) or a.startswith("——"):
        return False
    if a[-1] in "：:" and _LIST_ITEM.match(b):
        return False  # 主要举措包括： + （一）…: a list follows the colon
    single = i == 0 or not lines[i - 1]
    if single and not any(p in a for p in INNER_PUNCT):
        return False  # a lone line without inner punctuation is a title
    return True

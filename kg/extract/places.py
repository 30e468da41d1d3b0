"""Places: administrative divisions from the gazetteer, and geographic
features (rivers, roads, parks, stations, compounds…) by their name grammar."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from kg import gazetteer
from kg.extract.spans import NAME_CHAR, TokenIndex, scan_left
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
        out.append(Mention("Place", text[start:end], start, end, name=div.name, level=div.level, code=div.code))
    return out


def _feature_regex() -> re.Pattern[str]:
    suffixes = sorted({s for s in _suffixes()}, key=lambda s: (-len(s), s))
    return re.compile("|".join(map(re.escape, suffixes)))


def _suffixes() -> list[str]:
    data = feature_lex.FEATURE_SUFFIXES
    return list(data.keys() if isinstance(data, dict) else data)


_FEATURE_RE: re.Pattern[str] | None = None
# what may follow a feature name inside the same word (滏阳河边, 人民路东延)
_AFTER_OK = re.compile(r"(边|畔|岸|两岸|沿岸|沿线|两侧|一侧|周边|附近|段|东延|西延|南延|北延|以东|以西|以南|以北|上|旁|口|内|里|外)")
_BAD_STEM_CHARS = re.compile(r"[0-9０-９一二三四五六七八九十百千万两几多各该此本这那每某全个些]")


def feature_mentions(text: str, tokens: TokenIndex, barriers: set[int]) -> list[Mention]:
    """Geographic features by their name grammar: a proper-name stem + a suffix."""
    global _FEATURE_RE
    if _FEATURE_RE is None:
        _FEATURE_RE = _feature_regex()
    generic = feature_lex.GENERIC_FEATURE_WORDS
    out: list[Mention] = []
    for m in _FEATURE_RE.finditer(text):
        s, e = m.start(), m.end()
        # the suffix must end a word: 路灯, 河道, 站点 are not features
        if e < len(text) and not tokens.is_boundary(e):
            tail = text[e : e + 2]
            if not _AFTER_OK.match(tail) and NAME_CHAR.match(text[e]):
                continue
        begin = scan_left(text, tokens, s, max_len=7, barriers=barriers, allow_quotes=False)
        stem = text[begin:s]
        name = text[begin:e]
        if len(stem) < 2 or _BAD_STEM_CHARS.search(stem):
            continue
        if name in generic or stem in generic or any(name.endswith(g) and len(g) >= len(name) - 1 for g in generic):
            continue
        out.append(Mention("Place", name, begin, e, name=name, level="feature"))
    return _longest(out)


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

"""Splitting text into sentences with offsets."""

from __future__ import annotations

import re

from kg.model import Sentence

from .cues import CLOSERS, SENTENCE_END

# a sentence runs up to a sentence end (with any closing quotes after it)
# or a line end; the pattern is linear: no nested quantifiers
_SENTENCE = re.compile(
    "[^\n%s]*(?:[%s]+[%s]*|\n|$)" % (re.escape(SENTENCE_END), re.escape(SENTENCE_END), re.escape(CLOSERS))
)


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` on 。！？；(and their ASCII forms) and on line ends.

    Closing quotes after a sentence end stay with the sentence; leading and
    trailing spaces are left out. Offsets index ``text``:

    >>> [s.text for s in split_sentences("他说：“好！”然后走了。\\n标题")]
    ['他说：“好！”', '然后走了。', '标题']
    """
    out: list[Sentence] = []
    for m in _SENTENCE.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append(Sentence(start, end, text[start:end]))
    return out

"""The one place jieba is imported.

jieba is loaded lazily, with the project's user dictionary (the lexicon
terms that must stay whole), and tokens keep their offsets into the text.
"""

from __future__ import annotations

import contextlib
import io
import logging
import threading
from itertools import accumulate
from typing import NamedTuple

_lock = threading.Lock()
_tokenizer = None


class Token(NamedTuple):
    """A word and its offsets (a named tuple: a frozen dataclass costs about
    a microsecond per token to build, a third of jieba's own time per token)."""

    text: str
    start: int
    end: int


_new_token = tuple.__new__


def _user_words() -> list[str]:
    """Words jieba must not split: department names, suffixes, program heads."""
    words: set[str] = set()
    try:
        from kg.lexicon import agencies, organizations, programs

        words.update(getattr(agencies, "DEPARTMENTS", ()))
        words.update(getattr(agencies, "ABBREVIATIONS", {}).keys())
        words.update(getattr(programs, "PROGRAM_HEADS", ()))
        # a place's central school or clinic (宅城|中心小学, not 宅|城中心|小学)
        words.update(s for s in getattr(organizations, "ORG_SUFFIXES", ()) if s.startswith("中心"))
    except ImportError:  # lexicons are optional for tokenising
        pass
    return sorted(w for w in words if len(w) >= 2)


def tokenizer():
    """The shared jieba tokenizer, created on first use (thread-safe)."""
    global _tokenizer, _tags
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import jieba
                import jieba.posseg

                jieba.setLogLevel(logging.WARNING)
                tok = jieba.dt
                # jieba prints its cache notice on stderr; keep the CLI quiet
                with contextlib.redirect_stderr(io.StringIO()):
                    tok.initialize()
                _tags = jieba.posseg.dt.word_tag_tab
                for w in _user_words():
                    tok.add_word(w, freq=50000)
                _tokenizer = tok
    return _tokenizer


_tags: dict[str, str] | None = None


def pos(word: str) -> str:
    """The part of speech jieba's dictionary gives ``word`` ("" when unknown)."""
    if _tags is None:
        tokenizer()
    return _tags.get(word, "") if _tags is not None else ""


def in_dictionary(word: str) -> bool:
    """True when ``word`` is a word of jieba's dictionary (a common word, not a name)."""
    return bool(tokenizer().FREQ.get(word))


def tokenize(text: str) -> list[Token]:
    """Segment ``text``; every token slices back: ``text[t.start:t.end] == t.text``."""
    words = tokenizer().lcut(text)
    ends = list(accumulate(map(len, words)))
    # tuple.__new__ skips the named tuple's Python-level constructor: half the cost per token
    return [_new_token(Token, t) for t in zip(words, [0, *ends[:-1]], ends)]


def cut(text: str) -> list[str]:
    return tokenizer().lcut(text)

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
from math import log
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


# --- the accelerated segmenter ---------------------------------------------------

# Characters a process segments before it builds the accelerated segmenter:
# building its automaton takes about half a second, which a run of one page
# does not win back (it pays from about ten pages on).
FAST_AFTER_CHARS = 60_000

_fast = None
_chars_seen = 0


def _segmenter():
    """The segmenter for :func:`tokenize`: jieba's own until the process has
    segmented ``FAST_AFTER_CHARS`` characters, then the accelerated one
    (same words, see :func:`fast_segmenter`)."""
    global _fast
    if _fast is None:
        if _chars_seen < FAST_AFTER_CHARS:
            return tokenizer()
        return fast_segmenter()
    return _fast


def fast_segmenter():
    """The accelerated segmenter, built now if it was not yet.

    jieba's accurate mode (``lcut(text)``, with the HMM for unknown words)
    finds the candidate words of each block by walking the dictionary from
    every character, then chooses the most probable path by dynamic
    programming over ``log(freq) - log(total)``. Here the candidates of a
    block come from one pass of an Aho–Corasick automaton (Rust,
    ahocorasick_rs) over the dictionary's words, each with its weight
    computed once. The dictionary, the weights, the order of the sums and
    the tie-breaks are jieba's, and the unknown stretches go to jieba's
    HMM as before: the words are the same as ``jieba.lcut`` gives (tested
    on every page of the project and on random text), found in about two
    thirds of the time (0.61–0.80 of jieba's in the runs measured).
    """
    global _fast
    if _fast is None:
        base = tokenizer()  # takes the lock itself, which is not reentrant
        with _lock:
            if _fast is None:
                _fast = _make_fast(base)
    return _fast


def _make_fast(base):
    import jieba

    class Segmenter(jieba.Tokenizer):
        """A jieba tokenizer sharing ``base``'s dictionary, whose accurate
        mode with the HMM (``cut``/``lcut`` with their defaults) reads the
        candidate words from an automaton. The other modes are jieba's."""

        def __init__(self, base):  # shares the loaded dictionary; nothing is read again
            self.__dict__.update(base.__dict__)
            words = [w for w, f in base.FREQ.items() if f]
            import ahocorasick_rs

            # the default (contiguous) automaton: about 80 MB for jieba's 350,000
            # words; the non-contiguous one takes 60 MB but searches a fifth slower
            self._find = ahocorasick_rs.AhoCorasick(words).find_matches_as_indexes
            logtotal = log(base.total)
            self._weights = [log(base.FREQ[w]) - logtotal for w in words]
            # jieba's weight of a character that is no word: log(1) - log(total)
            self._single = log(1) - logtotal

        def add_word(self, word, freq=None, tag=None):
            raise TypeError("the accelerated segmenter's dictionary is fixed; add words before it is built")

        def _route(self, sentence: str) -> list[int]:
            """For each offset, the end of the word the best path takes there
            (jieba's ``calc``: the path of highest sum of weights; of equal
            sums, the longer word)."""
            weights = self._weights
            cands: dict[int, list] = {}
            for k, s, e in self._find(sentence, overlapping=True):
                have = cands.get(s)
                if have is None:
                    cands[s] = [(weights[k], e - 1)]
                else:
                    have.append((weights[k], e - 1))
            n = len(sentence)
            score = [0.0] * (n + 1)
            end = [0] * (n + 1)
            single = self._single
            for idx in range(n - 1, -1, -1):
                c = cands.get(idx)
                if c is None:
                    score[idx] = single + score[idx + 1]
                    end[idx] = idx
                elif len(c) == 1:  # most offsets: one word starts there
                    w, x = c[0]
                    score[idx] = w + score[x + 1]
                    end[idx] = x
                else:
                    score[idx], end[idx] = max([(w + score[x + 1], x) for w, x in c])
            return end

        def _single_chars(self, buf: str):
            """A stretch of one-character words: an unknown word for the HMM
            to segment, or single characters when it is a word itself."""
            from jieba import finalseg

            if len(buf) == 1:
                yield buf
            elif not self.FREQ.get(buf):
                yield from finalseg.cut(buf)
            else:
                yield from buf

        def _Tokenizer__cut_DAG(self, sentence):  # jieba's accurate mode with the HMM, per block
            end = self._route(sentence)
            x = 0
            buf = ""
            n = len(sentence)
            while x < n:
                y = end[x] + 1
                word = sentence[x:y]
                if y - x == 1:
                    buf += word
                else:
                    if buf:
                        yield from self._single_chars(buf)
                        buf = ""
                    yield word
                x = y
            if buf:
                yield from self._single_chars(buf)

    return Segmenter(base)


def tokenize(text: str) -> list[Token]:
    """Segment ``text``; every token slices back: ``text[t.start:t.end] == t.text``."""
    global _chars_seen
    words = _segmenter().lcut(text)
    _chars_seen += len(text)
    ends = list(accumulate(map(len, words)))
    # tuple.__new__ skips the named tuple's Python-level constructor: half the cost per token
    return [_new_token(Token, t) for t in zip(words, [0, *ends[:-1]], ends)]


def cut(text: str) -> list[str]:
    return tokenizer().lcut(text)

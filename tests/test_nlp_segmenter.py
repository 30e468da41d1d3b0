"""The accelerated segmenter gives jieba's words (kg.nlp.fast_segmenter)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg import nlp

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(ROOT.glob("seeds/*.txt")) + sorted(ROOT.glob("eval/constructed/*.txt")) + sorted(
    ROOT.glob("eval/pages/*.txt"))


@pytest.fixture(scope="module")
def both():
    return nlp.tokenizer(), nlp.fast_segmenter()


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_same_words_as_jieba_on_every_page(both, path):
    jieba_, fast = both
    text = path.read_text(encoding="utf-8")
    assert fast.lcut(text) == jieba_.lcut(text)


@pytest.mark.parametrize("text", [
    "",
    "的",
    "衡水市商务局发放300万元消费券",
    "冀州区医保局、故城县郑口镇：农村生活水源置换工程铺设管网1784.41公里。",
    "ABC123 abc-def_x.y%z",
    "\n\n  空行\r\n之后",
    "乒乓球拍卖完了",  # a classic ambiguity, settled by the weights
    "他来到了网易杭研大厦",  # an unknown stretch goes to the HMM
    "𠀀𠀁〇〇",  # characters outside jieba's blocks
])
def test_same_words_as_jieba_on_hard_cases(both, text):
    jieba_, fast = both
    assert fast.lcut(text) == jieba_.lcut(text)


_ALPHABET = "".join(sorted(set("".join(p.read_text(encoding="utf-8") for p in PAGES[:3]))))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=80))
def test_same_words_as_jieba_on_random_text(text):
    jieba_, fast = nlp.tokenizer(), nlp.fast_segmenter()
    assert fast.lcut(text) == jieba_.lcut(text)


def test_other_modes_are_jiebas(both):
    jieba_, fast = both
    text = "农村生活水源置换工程"
    assert fast.lcut(text, cut_all=True) == jieba_.lcut(text, cut_all=True)
    assert fast.lcut(text, HMM=False) == jieba_.lcut(text, HMM=False)


def test_its_dictionary_is_fixed(both):
    _, fast = both
    with pytest.raises(TypeError, match="fixed"):
        fast.add_word("新词")


def test_tokenize_switches_after_the_threshold(monkeypatch):
    text = (ROOT / "seeds").glob("*.txt").__next__().read_text(encoding="utf-8")
    monkeypatch.setattr(nlp, "_fast", None)
    monkeypatch.setattr(nlp, "_chars_seen", 0)
    monkeypatch.setattr(nlp, "FAST_AFTER_CHARS", len(text))
    first = nlp.tokenize(text)
    assert nlp._fast is None  # below the threshold: jieba's own
    second = nlp.tokenize(text)  # the count now passes it
    assert nlp._fast is not None
    assert first == second
    assert all(text[t.start:t.end] == t.text for t in second)

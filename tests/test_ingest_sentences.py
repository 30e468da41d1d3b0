"""Sentence splitting and the offset invariants, including property tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ingest import parse_page, split_sentences


@pytest.mark.parametrize("text, expected", [
    ("截至目前，大麻森乡共栽种精选国槐。突出层次丰富的绿化景观！", ["截至目前，大麻森乡共栽种精选国槐。", "突出层次丰富的绿化景观！"]),
    ("“拧开水龙头就有水，感觉生活特幸福！”12月16日，村民说。", ["“拧开水龙头就有水，感觉生活特幸福！”", "12月16日，村民说。"]),
    ("实现了改善饮用水水质的双重目的；科学测算供水需求", ["实现了改善饮用水水质的双重目的；", "科学测算供水需求"]),
    ("我市运输从业人员实现业务网上“跨省通办”\n已成功办理相关业务203件", ["我市运输从业人员实现业务网上“跨省通办”", "已成功办理相关业务203件"]),
    ("  \n\n", []),
    ("为什么？？为什么!", ["为什么？？", "为什么!"]),
])
def test_sentences_split(text, expected):
    got = split_sentences(text)
    assert [s.text for s in got] == expected
    for s in got:
        assert text[s.start:s.end] == s.text


_ALPHABET = st.sampled_from(list("衡水市本报讯记者张玲（）()。！？；，、“”# —\n\n 　\t摄图为1234ab#") + ["\r", "\x07", "\ufeff"])
_PAGE_TEXT = st.lists(_ALPHABET, max_size=400).map("".join)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_sentences_offsets_slice_back_on_any_text(text):
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text and s.text.strip()


@settings(max_examples=200, deadline=None)
@given(st.one_of(_PAGE_TEXT, st.text(max_size=300)))
def test_sentences_parse_page_never_crashes_and_offsets_hold(text):
    page = parse_page(text)
    for a in page.articles:
        assert page.text[a.start:a.end] == a.text
        for s in a.sentences:
            assert a.text[s.start:s.end] == s.text


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from([
    "本报讯（记者张玲玲）日前，记者从衡水市商务局", "获悉，为充分激发消费潜", "力，鼓励企业做大做强。",
    "", "大麻森乡扎实推进冬季植树工作", "新华社石家庄12月 19日", "电（记者王昆）记者从河北", "图为工作人员。 段永康 摄",
    "河北日报记者 陈凤来", "### 标题", "——副题", "(下转A4版)",
]), max_size=60).map("\n".join))
def test_sentences_parse_page_is_deterministic_on_page_like_text(text):
    a, b = parse_page(text), parse_page(text)
    assert a == b
    for art in a.articles:
        assert a.text[art.start:art.end] == art.text

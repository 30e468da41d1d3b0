"""Tests of kg.extract.spans: tokens with offsets, clauses, and the leftward
scans that find where a name begins."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.spans import (
    TokenIndex,
    clause_end,
    clause_start,
    scan_left,
    scan_name_left,
    strip_quotes,
)


def left_of(text: str, head: str, scan=scan_left, **kw) -> str:
    """The name that ``scan`` finds ending with the last occurrence of ``head``."""
    tokens = TokenIndex(text)
    hs = text.rindex(head)
    begin = scan(text, tokens, hs, **kw)
    assert 0 <= begin <= hs
    return text[begin : hs + len(head)]


@pytest.mark.parametrize(
    "text, head, expected",
    [
        # a quoted part is taken whole
        ("衡水市城市管理综合行政执法局将“我为群众办实事”实践活动与创城工作深度融合", "实践活动", "“我为群众办实事”实践活动"),
        ("去年以来，枣强县深入推进“我为群众办实事”主题实践活动", "主题实践活动", "“我为群众办实事”主题实践活动"),
        # stops at a verb, an adverb or punctuation before the name
        ("衡水市全面启动老旧小区改造工程", "工程", "老旧小区改造工程"),
        ("近日，开展爱国卫生专项行动", "专项行动", "爱国卫生专项行动"),
        ("严格落实地块管理制度，责任到人", "制度", "地块管理制度"),
        # a list separator ends the name
        ("人民路东延工程、育才大街南延工程", "工程", "育才大街南延工程"),
    ],
)
def test_spans_scan_left_finds_the_start_of_a_name(text, head, expected):
    assert left_of(text, head) == expected


def test_spans_scan_left_respects_max_len():
    # max_len bounds the part before the head
    text = "推进农村生活水源置换工程"
    assert left_of(text, "工程") == "农村生活水源置换工程"
    short = left_of(text, "工程", max_len=4)
    assert short.endswith("置换工程") and len(short) - 2 <= 4


def test_spans_scan_left_stops_at_a_barrier():
    # the end of another name (衡水市) must not be absorbed
    text = "推进衡水市城市公共停车设施建设"
    begin = scan_left(text, TokenIndex(text), text.index("建设"), barriers={5})
    assert begin == 5
    assert text[begin:] == "城市公共停车设施建设"


@pytest.mark.parametrize(
    "text, head, expected",
    [
        ("沿前进大街向北，城管执法人员逐一清理", "大街", "前进大街"),  # a verb right before the head is kept
        ("扩建第九小学，目前教学楼已竣工验收", "小学", "第九小学"),  # ordinals belong to names
        ("由学校统一上报市公交总公司集中办理", "总公司", "市公交总公司"),
        ("依水而建，滏阳河边绿树掩映", "河", "滏阳河"),
    ],
)
def test_spans_scan_name_left_finds_proper_names(text, head, expected):
    assert left_of(text, head, scan=scan_name_left, max_len=18) == expected


@pytest.mark.parametrize(
    "text, head",
    [
        ("分管领导和机关干部包路段包地块严盯死守", "路段"),  # 包 is a verb further left: no road named 包路
        ("共清理各类河道垃圾", "河道"),
    ],
)
def test_spans_scan_name_left_stops_at_verbs_and_measure_words(text, head):
    got = left_of(text, head, scan=scan_name_left)
    assert got == head


@pytest.mark.parametrize(
    "text, pos, expected",
    [
        ("据了解，本次活动由衡水市政府主办；活动时间为12月", 12, "本次活动由衡水市政府主办"),
        ("据了解，本次活动由衡水市政府主办；活动时间为12月", 2, "据了解"),
        ("活动时间为12月22日至12月28日。所有人员均可领取", 5, "活动时间为12月22日至12月28日"),
        ("衡水车务段（以下简称车务段）组织演练", 2, "衡水车务段"),
    ],
)
def test_spans_clause_bounds(text, pos, expected):
    s, e = clause_start(text, pos), clause_end(text, pos)
    assert text[s:e] == expected


def test_spans_clause_end_at_text_end():
    text = "该局要求各商户做好准备"
    assert clause_start(text, 3) == 0
    assert clause_end(text, 3) == len(text)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("“我为群众办实事”实践活动", "我为群众办实事实践活动"),
        ("《衡水市养犬管理规定》", "衡水市养犬管理规定"),
        ("「跨省通办」", "跨省通办"),
        (" “双代”工程 ", "双代工程"),
    ],
)
def test_spans_strip_quotes(raw, expected):
    assert strip_quotes(raw) == expected


@pytest.mark.parametrize(
    "text",
    [
        "衡水市商务局召开会议",
        "本报讯（记者张玲玲）“拧开水龙头就有水，不仅吃水方便，而且水质好、水量足！”",
        "完成管网铺设1784.41公里，修建检修井、排气井、排空井等附属设施2467座",
    ],
)
def test_spans_token_index_tokens_tile_the_text(text):
    idx = TokenIndex(text)
    assert "".join(t.text for t in idx.tokens) == text
    for t in idx.tokens:
        assert text[t.start : t.end] == t.text
        assert idx.is_boundary(t.start)
        assert idx.token_at(t.start) == idx.tokens.index(t)
        for off in range(t.start, t.end):
            assert idx.tokens[idx.token_at(off)] is t
    assert idx.is_boundary(len(text))


def test_spans_token_index_inner_offsets_are_no_boundaries():
    idx = TokenIndex("衡水市商务局召开会议")
    assert [t.text for t in idx.tokens][:2] == ["衡水市", "商务局"]
    assert not idx.is_boundary(1)  # inside 衡水市
    assert idx.is_boundary(3)


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="衡水市商务局开展活动，。“”、的和在1 2A", min_size=0, max_size=40))
def test_spans_scans_never_leave_the_text(text):
    idx = TokenIndex(text)
    assert "".join(t.text for t in idx.tokens) == text
    for pos in range(len(text) + 1):
        assert 0 <= clause_start(text, pos) <= pos
        assert pos <= clause_end(text, pos) <= len(text)
        assert 0 <= scan_left(text, idx, pos) <= pos
        assert 0 <= scan_name_left(text, idx, pos) <= pos

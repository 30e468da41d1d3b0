"""Rejoining column-wrapped lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import read_page, unwrap
from kg.ingest.unwrap import is_column_wrapped, trim_lines

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
TERMINAL = "。！？；…”’」）)》"


def _seed(prefix):
    return next(SEEDS.glob(prefix + "_*.txt"))


def _heading_lines(page):
    """Lines that are allowed to end without punctuation: headlines,
    subtitles, bylines, reporter lines, captions and kickers."""
    out = set()
    for a in page.articles:
        out.add(a.headline)
        out.update(a.subtitles)
    return out


@pytest.mark.parametrize("prefix", ["000", "003"])
def test_unwrap_leaves_no_break_inside_a_word(prefix):
    page = read_page(_seed(prefix))
    heads = _heading_lines(page)
    lines = page.text.split("\n")
    bad = []
    for line in lines:
        if not line or line[-1] in TERMINAL:
            continue
        stripped = line.lstrip("—#").strip()
        if stripped in heads or any(stripped.startswith(h) for h in heads if h):
            continue
        if line.endswith("摄") or line.endswith(("）", ")")):
            continue
        bad.append(line[-20:])
    if prefix == "000":
        assert bad == []
    else:  # 003 has section headings and name-only bylines; check the known ones
        allowed = {"坚持问题导向，统筹兼顾，高质量建设民生工程", "坚持民意导向，紧贴需求，高效抓好“民声”实事",
                   "高占峰 任玉静", "学党史 悟思想 办实事 开新局", "织密“监测网”", "加强应急处置能力",
                   "本报记者 李晨阔", "奋斗百年路 启航新征程", "盘 点 2021"}
        assert [b for b in bad if not any(b in x or x.endswith(b) for x in allowed)] == []


@pytest.mark.parametrize("fragment", [
    "衡水高新区大麻森乡以乡域内衡井线",   # break inside a word
    "书记、乡长一线指挥，分管领导",        # blank line inside a paragraph
    "作为推进乡村振兴发展和巩固脱贫攻坚成效",  # column break
    "新华社石家庄12月 19日电（记者王昆）记者从河北石家庄市政府获悉",  # byline split
    "此次活动共设置“100元减 20 元”",
])
def test_unwrap_page_000_rejoins(fragment):
    assert fragment in read_page(_seed("000")).text


@pytest.mark.parametrize("line", [
    "大麻森乡扎实推进冬季植树工作",
    "打通农村群众安全饮水“最后一公里”",
    "我市提前完成农村生活水源置换工程",
    "300万元衡水市政府消费券12月22日开抢",
    "我市运输从业人员实现业务网上“跨省通办”",
    "已成功办理相关业务203件",
    "衡水北站开展客票发售应急演练",
])
def test_unwrap_page_000_keeps_headlines_on_their_own_line(line):
    assert line in read_page(_seed("000")).text.split("\n")


def test_unwrap_page_000_keeps_paragraphs_apart():
    lines = read_page(_seed("000")).text.split("\n")
    assert any(l.startswith("本报讯（记者张玲玲）“拧开水龙头就有水") for l in lines)
    assert any(l.startswith("严把种植施工关。为确保绿化成效") for l in lines)
    assert any(l.startswith("建立绿化目标管理责任制。") for l in lines)


@pytest.mark.parametrize("prefix, wrapped", [("000", True), ("001", False), ("002", False), ("003", True), ("004", False)])
def test_unwrap_detects_column_wrapped_pages(prefix, wrapped):
    assert is_column_wrapped(trim_lines(_seed(prefix).read_text(encoding="utf-8"))) is wrapped


@pytest.mark.parametrize("prefix", ["001", "002", "004"])
def test_unwrap_leaves_paragraph_pages_alone(prefix):
    raw = _seed(prefix).read_text(encoding="utf-8")
    text = unwrap(raw)
    assert text.split("\n") == trim_lines(raw)
    assert [l for l in text.split("\n") if l] == [l.strip() for l in raw.split("\n") if l.strip()]


def test_unwrap_is_idempotent_on_seeds():
    for path in sorted(SEEDS.glob("*.txt")):
        once = unwrap(path.read_text(encoding="utf-8"))
        assert unwrap(once) == once


def test_unwrap_page_003_rejoins_split_names_and_headings():
    text = read_page(_seed("003")).text
    assert "本报讯 （记者李辉 通讯员亓雨）日前" in text
    assert "坚持问题导向，统筹兼顾，高质量建设民生工程\n" in text
    assert "织密“监测网”\n加强应急处置能力\n当前，全球新冠肺炎疫情仍在持续演变" in text

"""Decoding page bytes: encodings, byte-order marks, bad input, HTML."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import decode_bytes, parse_page, read_page

ROOT = Path(__file__).resolve().parents[1]
PAGE_000 = next((ROOT / "seeds").glob("000_*.txt"))
DATA = Path(__file__).parent / "data" / "ingest"


def _as_tuples(page):
    return [(a.start, a.end, a.headline, a.source, a.reporters, a.text) for a in page.articles]


@pytest.mark.parametrize("codec, bom, name", [
    ("gb18030", b"", "gb18030"),
    ("gbk", b"", "gb18030"),
    ("utf-8", b"\xef\xbb\xbf", "utf-8"),
    ("utf-16-le", b"", "utf-16-le"),
    ("utf-16-be", b"", "utf-16-be"),
    ("utf-16-le", b"\xff\xfe", "utf-16-le"),
    ("utf-16-be", b"\xfe\xff", "utf-16-be"),
])
def test_decode_seed_page_in_every_encoding_gives_the_same_page(tmp_path, codec, bom, name):
    reference = read_page(PAGE_000)
    text = PAGE_000.read_text(encoding="utf-8")
    path = tmp_path / PAGE_000.name
    path.write_bytes(bom + text.encode(codec))
    page = read_page(path)
    assert page.encoding == name
    assert page.text == reference.text
    assert _as_tuples(page) == _as_tuples(reference)


def test_decode_crlf_and_cr_newlines_are_normalised(tmp_path):
    text = PAGE_000.read_text(encoding="utf-8")
    for nl in ("\r\n", "\r"):
        path = tmp_path / "p.txt"
        path.write_bytes(text.replace("\n", nl).encode("utf-8"))
        assert read_page(path).text == read_page(PAGE_000).text


@pytest.mark.parametrize("data, reason", [
    (b"", "file is empty"),
    (b"\x00\x01\x02\x03\xff\xfe\x00\x00\x10" * 50, "looks like a binary file"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(1, 9)) * 200, "looks like a binary file"),
    ("衡水".encode("utf-8") + b"\x81\x20\xff\xff", "not valid UTF-8, UTF-16 or GB18030 (first bad byte at offset 6)"),
])
def test_decode_bad_bytes_raise_input_error(data, reason):
    with pytest.raises(InputError) as e:
        decode_bytes(data, "bad.txt")
    assert e.value.path == "bad.txt"
    assert reason in e.value.reason


@pytest.mark.parametrize("content, reason", [
    (b"hello world, no Chinese here\n", "no Chinese text"),
    (b"", "file is empty"),
])
def test_decode_read_page_names_the_file(tmp_path, content, reason):
    path = tmp_path / "page.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as e:
        read_page(path)
    assert e.value.path == str(path)
    assert reason in str(e.value)


def test_decode_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        read_page(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="directory"):
        read_page(tmp_path)


def test_decode_control_characters_are_removed_with_a_warning():
    page = parse_page("本报讯（马森）为抢抓\x07今冬\x1b绿化植树的有利时机。\x0c\n\t标题")
    assert "\x07" not in page.text and "\x1b" not in page.text and "\x0c" not in page.text
    assert "为抢抓今冬绿化植树" in page.text
    assert any("control" in w for w in page.warnings)


def test_decode_full_width_punctuation_is_kept():
    text, _ = decode_bytes("本报讯（记者张玲玲）“好！”１２３".encode("utf-8"))
    assert text == "本报讯（记者张玲玲）“好！”１２３"


def test_decode_html_page_is_converted_to_text():
    page = read_page(DATA / "page.html")
    assert "<" not in page.text and "不是正文" not in page.text and "margin" not in page.text
    assert "衡水市推出了政府消费券发放活动—总额300万元" in page.text
    assert "由衡水市政府主办&承办。" in page.text
    assert "converted from HTML" in page.warnings
    assert page.articles[0].source == "本报讯"
    assert page.articles[0].reporters == ["张玲玲"]


def test_decode_huge_single_line_is_linear(tmp_path):
    import time
    line = "衡水市推进民生工程建设，" * 200_000  # 2.4M chars, no newline
    path = tmp_path / "big.txt"
    path.write_bytes(line.encode("utf-8"))
    t = time.perf_counter()
    page = read_page(path)
    elapsed = time.perf_counter() - t
    assert page.text == line
    assert elapsed < 10

"""Bad input: every kind of broken page file gets a clear error naming the
file and the reason, the other files are still built, and the exit status
says whether anything failed (``--strict`` makes any failure fatal).

The bad files are generated here, into ``tmp_path``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kg import pipeline
from kg.errors import InputError
from kg.ingest import check_page_size, read_page
from kg.pipeline import build, process_page

SEEDS = sorted(Path(__file__).resolve().parent.parent.joinpath("seeds").glob("*.txt"))
GOOD = "本报讯 衡水市商务局举办消费券发放活动，桃城区各商户积极参与。\n"

# (name, bytes, words the reason must contain)
BAD_FILES = [
    ("empty.txt", b"", "empty"),
    ("png.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "binary"),
    ("zeros.txt", b"\x00" * 4096, "binary"),
    ("elf.txt", b"\x7fELF\x02\x01\x01" + b"\x00\x03\x00\x3e" * 500, "binary"),
    ("controls.txt", bytes(range(1, 9)) * 200 + GOOD.encode(), "binary"),
    ("undecodable.txt", "衡水".encode("utf-8") + b"\xff\xfe\xfd\x80" * 3 + b"\x81\x30", "not valid UTF-8, UTF-16 or GB18030"),
    ("bad_bom.txt", b"\xef\xbb\xbf" + "衡水".encode("gbk") + b"\xff\xff", "byte-order mark"),
    ("latin.txt", b"Hello world, this page has no Chinese at all.\n" * 20, "no Chinese text"),
    ("html_nochinese.txt", b"<html><body><p>only English</p><script>alert(1)</script></body></html>", "no Chinese text"),
]

# inputs that are odd but readable: (name, bytes, text the page must hold, warning fragment or "")
READABLE_FILES = [
    ("gbk.txt", GOOD.encode("gbk"), "衡水市商务局", ""),
    ("gb18030.txt", ("𠀀" + GOOD).encode("gb18030"), "衡水市商务局", ""),
    ("utf16le.txt", GOOD.encode("utf-16-le"), "衡水市商务局", ""),
    ("utf16bom.txt", GOOD.encode("utf-16"), "衡水市商务局", ""),
    ("crlf.txt", GOOD.replace("\n", "\r\n").encode(), "衡水市商务局", ""),
    ("ctrl.txt", ("衡水\x07市\x1b商务局\x0b举办" + GOOD).encode(), "衡水市商务局举办", "control character"),
    ("page.html.txt", ("<!DOCTYPE html><html><head><title>t</title><style>p{}</style></head><body>"
                       "<p>" + GOOD + "</p><script>document.write('<p>x</p>')</script></body></html>").encode(),
     "衡水市商务局", "converted from HTML"),
    ("nbsp.txt", ("\u3000\u3000" + GOOD + "\u200b\ufeff").encode(), "衡水市商务局", ""),
]


@pytest.mark.parametrize("name, data, reason", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_robust_inputs_bad_file_is_named_with_reason(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        read_page(path)
    assert err.value.path == str(path)
    assert reason in err.value.reason
    assert str(err.value).startswith(str(path) + ": ")
    res = process_page(path)  # the pipeline step reports instead of raising
    assert res.graph is None and reason in res.error


@pytest.mark.parametrize("name, data, text, warning", READABLE_FILES, ids=[r[0] for r in READABLE_FILES])
def test_robust_inputs_odd_but_readable(tmp_path, name, data, text, warning):
    path = tmp_path / name
    path.write_bytes(data)
    page = read_page(path)
    assert text in page.text
    assert "<" not in page.text and "\x07" not in page.text and "\ufeff" not in page.text
    if warning:
        assert any(warning in w for w in page.warnings), page.warnings


def test_robust_inputs_mixed_encodings_never_crash(tmp_path):
    """Half UTF-8, half GBK: the page is read as GB18030 (every byte pair is
    defined there) or refused with a reason — never a traceback."""
    path = tmp_path / "mixed.txt"
    path.write_bytes(GOOD.encode("utf-8") + GOOD.encode("gbk") + "河北省".encode("utf-8"))
    try:
        page = read_page(path)
    except InputError as exc:
        assert exc.path == str(path) and exc.reason
    else:
        assert page.encoding == "gb18030"
        assert "衡水市商务局" in page.text  # the GBK half decodes correctly


def test_robust_inputs_huge_single_line_is_refused_by_size(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_MAX_PAGE_CHARS", "100000")
    path = tmp_path / "dump.txt"
    path.write_bytes(("衡水市推进民生工程建设，" * 20_000).encode("utf-8"))  # 240,000 chars, one line
    page = read_page(path)  # reading stays possible ...
    with pytest.raises(InputError) as err:  # ... but the build refuses to extract it
        check_page_size(page)
    assert err.value.path == str(path)
    assert "240,000 characters in one line" in err.value.reason and "KG_MAX_PAGE_CHARS" in err.value.reason
    assert "240,000 characters" in process_page(path).error


def test_robust_inputs_file_over_byte_limit_is_not_read(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_MAX_PAGE_BYTES", "1000")
    path = tmp_path / "big.txt"
    path.write_bytes(GOOD.encode() * 100)
    with pytest.raises(InputError, match=r"big\.txt: file is 0\.0 MB, larger than .*KG_MAX_PAGE_BYTES"):
        read_page(path)


def test_robust_inputs_bad_limit_setting_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_MAX_PAGE_BYTES", "lots")
    path = tmp_path / "a.txt"
    path.write_bytes(GOOD.encode())
    with pytest.raises(InputError, match=r"\$KG_MAX_PAGE_BYTES: must be a whole number"):
        read_page(path)


def test_robust_inputs_unreadable_and_missing(tmp_path):
    folder = tmp_path / "dir.txt"
    folder.mkdir()
    with pytest.raises(InputError, match="is a directory"):
        read_page(folder)
    with pytest.raises(InputError, match="not found"):
        read_page(tmp_path / "missing.txt")
    if os.geteuid() != 0:  # root reads anything
        locked = tmp_path / "locked.txt"
        locked.write_bytes(GOOD.encode())
        locked.chmod(0)
        with pytest.raises(InputError, match="cannot be read"):
            read_page(locked)


def _tiny_page(path) -> pipeline.PageResult:
    """A stand-in for extraction (fast): one triple per readable page."""
    import rdflib

    from kg.ingest import read_page as rp

    try:
        page = rp(path)
        check_page_size(page)
    except InputError as exc:
        return pipeline.PageResult(str(path), Path(path).name, error=exc.reason)
    g = rdflib.Graph()
    g.add((rdflib.URIRef(f"https://w3id.org/cngov-kg/id/page-test/{Path(path).stem}"),
           rdflib.URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"), rdflib.Literal(page.text[:10], lang="zh")))
    return pipeline.PageResult(str(path), Path(path).name, g.serialize(format="nt", encoding="utf-8"),
                               len(page.articles), list(page.warnings))


def _corpus(tmp_path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, data, _ in BAD_FILES:
        (corpus / name).write_bytes(data)
    for name, data, _, _ in READABLE_FILES:
        (corpus / name).write_bytes(data)
    return corpus


def test_robust_inputs_build_goes_on_past_bad_files(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "process_page", _tiny_page)
    report = build([_corpus(tmp_path)], tmp_path / "out", explorer=False)
    failed = {Path(p).name: reason for p, reason in report.failed}
    assert set(failed) == {b[0] for b in BAD_FILES}
    for name, _, reason in BAD_FILES:
        assert reason in failed[name]
    assert report.pages - len(report.failed) == len(READABLE_FILES)
    assert not report.ok
    assert (tmp_path / "out" / "kg.ttl").stat().st_size > 0
    assert any("converted from HTML" in w for _, w in report.warnings)


def test_robust_inputs_strict_stops_before_writing(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "process_page", _tiny_page)
    with pytest.raises(InputError) as err:
        build([_corpus(tmp_path)], tmp_path / "out", explorer=False, strict=True)
    assert Path(err.value.path).name in {b[0] for b in BAD_FILES}
    assert not (tmp_path / "out" / "kg.ttl").exists() and not (tmp_path / "out" / "store").exists()


@pytest.mark.slow
def test_robust_inputs_cli_exit_status(tmp_path):
    """The real command: bad files listed with reasons on stdout, exit 1; --strict stops at the first, naming it."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (corpus / "good.txt").write_bytes(GOOD.encode("gbk"))
    kg = [sys.executable, "-m", "kg.cli"]
    run = subprocess.run(kg + ["build", str(corpus), "--out", str(tmp_path / "out"), "-q", "--no-explorer"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stderr
    assert f"failed     {corpus / 'empty.txt'}: file is empty" in run.stdout
    assert f"failed     {corpus / 'binary.txt'}: looks like a binary file" in run.stdout
    assert "pages      1 built, 2 failed" in run.stdout
    strict = subprocess.run(kg + ["build", str(corpus), "--out", str(tmp_path / "strict"), "-q", "--strict"],
                            capture_output=True, text=True, timeout=300)
    assert strict.returncode == 1
    assert f"kg build: error: {corpus / 'binary.txt'}: looks like a binary file" in strict.stderr
    assert "Traceback" not in strict.stderr
    assert not (tmp_path / "strict" / "kg.ttl").exists()

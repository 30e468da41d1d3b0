"""Fuzzing ingest → extraction → graph → Turtle on random and mutated pages.

Inputs: random Unicode, random text over a Chinese-news alphabet, and
windows of the seed pages mutated at the byte level (bit flips, truncation,
duplicated lines, inserted control characters, HTML, quotes, ``\"\"\"``,
``<script>``). For every input:

* decoding either succeeds or raises an :class:`~kg.errors.InputError`
  naming the file — nothing else;
* ``parse_page``, ``extract_page`` and ``build_graph`` do not raise;
* articles, sentences, mentions and evidence offsets slice back to their text;
* the Turtle export parses back (rdflib and Oxigraph) into an isomorphic graph;
* every IRI is valid (no spaces, ``<>"{}|^`\\``, control characters).

The run is bounded: ``KG_FUZZ_SECONDS`` (default 40) of wall-clock time
across the module after the one-off model load, and at most
``KG_FUZZ_EXAMPLES`` inputs per strategy (default 100).
"""

from __future__ import annotations

import os
import random
import re
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from kg.errors import InputError
from kg.export import turtle_text
from kg.extract.page import extract_page
from kg.graph import build_graph
from kg.ingest import decode_bytes, parse_page
from kg.namespace import KG

SEEDS = sorted(Path(__file__).resolve().parent.parent.joinpath("seeds").glob("*.txt"))
BUDGET = float(os.environ.get("KG_FUZZ_SECONDS", "40"))
EXAMPLES = int(os.environ.get("KG_FUZZ_EXAMPLES", "100"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])

_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f-\x9f]')
HOSTILE = ['"""', '"', "'''", "\\", "\\u0000", "<script>alert(1)</script>", "</script>", "<p>", "&amp;", "&#0;",
           "\x00", "\x07", "\x1b[31m", "\u2028", "\u202e", "\ufeff", "\r", "\n\n", "{", "}", "|", "^", "`", "#",
           "@prefix x: <y> .", "]]>", "DROP ALL ;", "𠀀", "\U0010ffff"]
SNIPPETS = ["本报讯", "衡水市", "商务局", "桃城区", "河北省", "人民政府", "组织开展", "主办", "承办", "项目",
            "工程", "万元", "2021年12月22日", "记者 张三", "。", "，", "、", "“", "”", "（", "）", "\n", "\n\n", " "]

_counts = {"inputs": 0, "refused": 0, "graphs": 0, "triples": 0}
_clock: dict[str, float] = {}


@pytest.fixture(scope="module", autouse=True)
def warm_models():
    """Load the tokenizer and gazetteer once, outside the fuzzing budget."""
    build_graph(extract_page(parse_page("本报讯 衡水市商务局在桃城区举办活动。", "warm.txt")))
    yield
    print(f"\nfuzz: {_counts['inputs']} inputs, {_counts['refused']} refused with a reason, "
          f"{_counts['graphs']} graphs checked, {_counts['triples']} triples, budget {BUDGET:g} s")


STRATEGIES = 4


def _out_of_time(strategy: str) -> bool:
    """Each strategy gets an equal share of the budget, from its first input on."""
    deadline = _clock.setdefault(strategy, time.monotonic() + BUDGET / STRATEGIES)
    return time.monotonic() > deadline


def check_iris(graph: rdflib.Graph) -> None:
    for triple in graph:
        for term in triple:
            iris = [term] if isinstance(term, rdflib.URIRef) else []
            if isinstance(term, rdflib.Literal) and term.datatype is not None:
                iris.append(term.datatype)
            for iri in iris:
                assert not _BAD_IRI.search(iri), f"invalid IRI {iri!r}"
                ox.NamedNode(str(iri))  # raises on an invalid IRI


def check_page(text: str, name: str = "fuzz.txt") -> None:
    """Run the whole pipeline on ``text`` and assert every invariant."""
    _counts["inputs"] += 1
    page = parse_page(text, name)
    for art in page.articles:
        assert page.text[art.start:art.end] == art.text
        for sent in art.sentences:
            assert art.text[sent.start:sent.end] == sent.text
    extraction = extract_page(page)
    for entity in extraction.entities:
        for m in entity.mentions:
            assert any(a.text[m.start:m.end] == m.text for a in page.articles), (entity.name, m)
    for rel in extraction.relations:
        for ev in rel.evidence:
            assert page.articles[ev.article].text[ev.start:ev.end] == ev.text
    graph = build_graph(extraction)
    check_iris(graph)
    ttl = turtle_text(graph)
    back = rdflib.Graph().parse(data=ttl, format="turtle")
    assert isomorphic(graph, back)
    assert len(list(ox.parse(ttl.encode("utf-8"), format=ox.RdfFormat.TURTLE))) == len(graph)
    for ev in graph.subjects(rdflib.RDF.type, KG.Evidence):
        art_text = str(graph.value(graph.value(ev, KG.inArticle), KG.text))
        start, end = int(graph.value(ev, KG.startOffset)), int(graph.value(ev, KG.endOffset))
        assert art_text[start:end] == str(graph.value(ev, KG.text))
    _counts["graphs"] += 1
    _counts["triples"] += len(graph)


def check_bytes(data: bytes, name: str = "fuzz.txt") -> None:
    try:
        text, _ = decode_bytes(data, name)
    except InputError as exc:
        _counts["inputs"] += 1
        _counts["refused"] += 1
        assert exc.path == name and exc.reason
        return
    check_page(text, name)


# --- strategies ------------------------------------------------------------

news_text = st.lists(st.one_of(st.sampled_from(SNIPPETS), st.sampled_from(HOSTILE),
                               st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), max_size=8)),
                     max_size=120).map("".join)


@st.composite
def mutated_seed(draw) -> bytes:
    seed = draw(st.sampled_from(SEEDS)).read_bytes()
    start = draw(st.integers(0, max(0, len(seed) - 200)))
    data = bytearray(seed[start:start + draw(st.integers(50, 4000))])
    rnd = random.Random(draw(st.integers(0, 2**32 - 1)))
    for _ in range(draw(st.integers(1, 6))):
        op = rnd.choice(("flip", "truncate", "dup_line", "insert", "insert", "insert", "gbk"))
        if not data:
            break
        pos = rnd.randrange(len(data))
        if op == "flip":
            data[pos] ^= 1 << rnd.randrange(8)
        elif op == "truncate":
            del data[pos:]
        elif op == "dup_line":
            lines = bytes(data).split(b"\n")
            i = rnd.randrange(len(lines))
            lines[i:i] = [lines[i]] * rnd.randint(1, 5)
            data = bytearray(b"\n".join(lines))
        elif op == "insert":
            data[pos:pos] = rnd.choice(HOSTILE + ["<html><body><p>", "</p><script>x('<p>')</script>"]).encode("utf-8")
        elif op == "gbk":  # a stretch re-encoded as GBK inside UTF-8: mixed encodings
            try:
                chunk = bytes(data[pos:pos + 60]).decode("utf-8").encode("gbk")
                data[pos:pos + 60] = chunk
            except (UnicodeDecodeError, UnicodeEncodeError):
                pass
    return bytes(data)


# --- tests -------------------------------------------------------------------


@FUZZ
@given(text=st.text(max_size=600))
def test_fuzz_pipeline_any_unicode(text):
    if _out_of_time("any_unicode"):
        return
    check_page(text)


@FUZZ
@given(text=news_text)
def test_fuzz_pipeline_news_alphabet(text):
    if _out_of_time("news_alphabet"):
        return
    check_page(text)
    # the same input gives byte-identical Turtle
    a = turtle_text(build_graph(extract_page(parse_page(text, "same.txt"))))
    b = turtle_text(build_graph(extract_page(parse_page(text, "same.txt"))))
    assert a == b


@FUZZ
@given(data=mutated_seed())
def test_fuzz_pipeline_mutated_seed_pages(data):
    if _out_of_time("mutated_seed_pages"):
        return
    check_bytes(data)


@FUZZ
@given(data=st.binary(max_size=2000))
def test_fuzz_pipeline_random_bytes(data):
    if _out_of_time("random_bytes"):
        return
    check_bytes(data)


def test_fuzz_pipeline_ran_cases():
    """The budget let every strategy run (a fuzz run that checks nothing must fail)."""
    assert _counts["graphs"] >= 20, _counts

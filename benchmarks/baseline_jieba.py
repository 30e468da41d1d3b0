"""A plain-jieba baseline extractor, for the quality benchmark.

Entities are the tokens of jieba's part-of-speech tagger with its own
dictionary only (a fresh ``jieba.Tokenizer``: none of the project's user
words, lexicons or gazetteer): ``ns`` → Place, ``nt`` → Organization,
``nz`` → Program; ``nr`` (person names) and every other tag are ignored.
One entity per distinct (type, token) on the page, mentioned in every
article whose text holds the token.

Relations are naive sentence co-occurrence: in each sentence, every ``nt``
token ``runs`` every ``nz`` token, and every ``nz`` token is ``locatedIn``
every ``ns`` token, with the sentence as evidence. No measures, no
jurisdictions, no place hierarchy.

The page is read with the project's ingest (``kg.ingest.read_page``: same
decoding, articles and sentences as the system) and written by the
project's graph builder (``kg.graph.build_graph``), so the graph follows
docs/DATAMODEL.md and the two systems differ only in extraction.
"""

from __future__ import annotations

import contextlib
import io
import logging
import threading
from pathlib import Path

import rdflib

from kg.graph import build_graph
from kg.ingest import read_page
from kg.model import Entity, Evidence, Extraction, Mention, Page, Relation

TAG_TYPES = {"ns": "Place", "nt": "Organization", "nz": "Program"}
#: co-occurrence relations: (subject tag, predicate, object tag)
COOCCURRENCE = (("nt", "runs", "nz"), ("nz", "locatedIn", "ns"))

_lock = threading.Lock()
_pos = None


def pos_tokenizer():
    """jieba's POS tagger over a fresh tokenizer with the stock dictionary only."""
    global _pos
    if _pos is None:
        with _lock:
            if _pos is None:
                import jieba
                import jieba.posseg

                jieba.setLogLevel(logging.WARNING)
                tok = jieba.Tokenizer()
                with contextlib.redirect_stderr(io.StringIO()):
                    tok.initialize()
                _pos = jieba.posseg.POSTokenizer(tok)
    return _pos


def tagged_tokens(text: str) -> list[tuple[str, str, int, int]]:
    """(word, tag, start, end) for every token of ``text``; offsets slice back to the word."""
    out, at = [], 0
    for pair in pos_tokenizer().cut(text):
        word, tag = pair.word, pair.flag
        start = text.find(word, at)
        if start < 0:  # jieba dropped or changed characters: keep the token without an offset
            continue
        out.append((word, tag, start, start + len(word)))
        at = start + len(word)
    return out


def extract_baseline(page: Page) -> Extraction:
    """The baseline's entities and co-occurrence relations of a read page."""
    entities: dict[tuple[str, str], Entity] = {}
    relations: dict[tuple[int, str, int], Relation] = {}
    for art in page.articles:
        tokens = tagged_tokens(art.text)
        for word, tag, start, end in tokens:
            etype = TAG_TYPES.get(tag)
            if etype is None or len(word) < 2:
                continue
            ent = entities.setdefault((etype, word), Entity(type=etype, name=word, key=word))
            ent.mentions.append(Mention(etype, word, start, end, name=word))
            ent.articles.add(art.index)
        for sent in art.sentences:
            inside = [(w, t) for w, t, s, e in tokens if s >= sent.start and e <= sent.end and t in TAG_TYPES and len(w) >= 2]
            for s_tag, pred, o_tag in COOCCURRENCE:
                subjects = sorted({w for w, t in inside if t == s_tag})
                objects = sorted({w for w, t in inside if t == o_tag})
                for sw in subjects:
                    for ow in objects:
                        subj = entities[(TAG_TYPES[s_tag], sw)]
                        obj = entities[(TAG_TYPES[o_tag], ow)]
                        if subj is obj:
                            continue
                        rel = relations.setdefault((id(subj), pred, id(obj)), Relation(subj, pred, obj))
                        rel.evidence.append(Evidence(art.index, sent.start, sent.end, sent.text))
    ordered = sorted(entities.values(), key=lambda e: (e.type, e.name))
    rels = sorted(relations.values(), key=lambda r: (r.subject.type, r.subject.name, r.predicate, r.object.name))
    return Extraction(page=page, entities=ordered, relations=rels)


def baseline_graph(path: str | Path) -> rdflib.Graph:
    """The baseline's graph of one page file (docs/DATAMODEL.md shape)."""
    return build_graph(extract_baseline(read_page(path)))

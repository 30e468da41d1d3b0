"""Precomputed results of whole-graph named queries (materialised views).

A named query whose header says ``# summary: yes`` (only allowed for queries
without parameters) is run by ``kg build`` and ``kg add`` once the pages are
in the staged store, before the commit, and its result is stored in the
store itself, in the named graph ``SUMMARY_GRAPH_NS + NAME``
(``kg.store.SUMMARY_GRAPH_NS``, outside the page graphs and the default
graph), as two literals:

* ``#query`` — the SHA-256 of the query text (and of this format's
  version): an edited ``.rq`` file no longer matches, and the live query runs;
* ``#rows`` — the result as JSON: the variables, the distinct terms grouped
  by kind and language or datatype (``["l", "zh", [texts…]]``), and each
  column as indexes into the table of those terms (0 is an unbound value),
  or as runs of one index where the sorted rows repeat a value (an agency
  beside each of its programs); see :func:`compute`.

Summaries are committed with the facts they were computed from, and every
write of :class:`kg.store.GraphStore` that changes pages drops them all in
the same transaction, so a summary never outlives its facts.
:func:`kg.query.run_named` on a graph store, with no parameters, answers
from a valid summary; ``kg query NAME --live`` and ``run_named(...,
live=True)`` run the query instead.

Decoding builds each distinct term once (the table), as
:func:`kg.store.term_converter` does for a live result, so the rows are the
same rdflib terms in the same order as the live query's.
"""

from __future__ import annotations

import array
import base64
import binascii
import gc
import hashlib
import json
import sys
from collections.abc import Iterable
from functools import partial

import pyoxigraph as ox
from rdflib.term import BNode, Literal, URIRef

from kg.errors import QueryError
from kg.store import _FAST_LITERALS, DEFAULT_PREFIXES, XSD_STRING, GraphStore

FORMAT = 3
_U16 = "H"
_U32 = next(code for code in "IL" if array.array(code).itemsize == 4)
# a column is kept as runs when it has at most this share of runs per row
_RUNS_SHARE = 0.25
HASH_FIELD = "query"
ROWS_FIELD = "rows"


def query_hash(text: str) -> str:
    """The hash stored with a summary: of the query text and of this format's version."""
    return hashlib.sha256(f"kg-summary/{FORMAT}\n{text}".encode("utf-8")).hexdigest()


def summary_queries() -> list:
    """The named queries of the library marked ``# summary: yes``."""
    from kg.query import library

    return [q for q in library().values() if q.summary]


# --- encoding -------------------------------------------------------------------


def _group_key(term) -> tuple[str, str]:
    """The group of a distinct term in the table: (kind, language or datatype)."""
    kind = type(term)
    if kind is ox.NamedNode:
        return ("u", "")
    if kind is ox.Literal:
        if term.language:
            return ("l", term.language)
        datatype = term.datatype.value
        return ("s", "") if datatype == XSD_STRING else ("t", datatype)
    if kind is ox.BlankNode:
        return ("b", "")
    raise QueryError(f"cannot keep {term!r} in a summary")


def compute(store: GraphStore, text: str, source: str = "query") -> str:
    """Run the SELECT query ``text`` live on ``store`` and encode its result (JSON).

    The document: ``vars``; ``terms``, the distinct terms as groups
    ``[kind, language or datatype, [lexical forms…]]`` (kinds ``u`` IRI,
    ``b`` blank node, ``s`` plain, ``l`` language-tagged and ``t`` typed
    literal); ``count`` rows; ``rows``, one flat list of indexes into the
    table of the groups' terms in order (0 for an unbound value), as
    little-endian unsigned 32-bit integers in base64 (parsed in C: a JSON
    list of numbers takes several times longer to read).
    """
    try:
        res = store.oxigraph.query(text, prefixes=DEFAULT_PREFIXES)
    except (SyntaxError, OSError) as exc:
        raise QueryError(f"{source}: the summary could not be computed: {exc}") from exc
    if not isinstance(res, ox.QuerySolutions):
        raise QueryError(f"{source}: only SELECT queries can have a summary")
    names = [v.value for v in res.variables]
    first: dict = {}  # distinct term -> provisional index (order of first use)
    provisional: list[int] = []
    add = provisional.append
    count = 0
    for solution in res:
        count += 1
        for term in solution:
            if term is None:
                add(-1)
                continue
            i = first.get(term)
            if i is None:
                i = first[term] = len(first)
            add(i)
    # group the distinct terms so that decoding builds each group in one pass
    groups: dict[tuple[str, str], list] = {}
    for term in first:
        groups.setdefault(_group_key(term), []).append(term)
    final = [0] * len(first)
    terms, n = [], 1
    for (kind, extra), members in sorted(groups.items()):
        for term in members:
            final[first[term]] = n
            n += 1
        terms.append([kind, extra, [t.value for t in members]])
    flat = [0 if i < 0 else final[i] for i in provisional]
    size = 2 if n <= 0x10000 else 4
    width = len(names)
    columns = [_encode_column(flat[c::width], size) for c in range(width)] if width else []
    doc = {"format": FORMAT, "vars": names, "terms": terms, "count": count, "size": size, "columns": columns}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


def _ints(values: list[int], size: int) -> str:
    """Unsigned integers of ``size`` bytes, little-endian, in base64 (parsed in
    C: a JSON list of numbers takes several times longer to read)."""
    data = array.array(_U16 if size == 2 else _U32, values)
    if sys.byteorder == "big":
        data.byteswap()
    return base64.b64encode(data.tobytes()).decode("ascii")


def _read_ints(text: str, size: int) -> array.array:
    data = array.array(_U16 if size == 2 else _U32, base64.b64decode(text, validate=True))
    if sys.byteorder == "big":
        data.byteswap()
    return data


def _encode_column(column: list[int], size: int) -> list:
    """``["i", indexes]``, or ``["r", indexes, lengths]`` of the runs of equal
    indexes when they are few (the sorted columns of a listing)."""
    starts = [0] + [k for k in range(1, len(column)) if column[k] != column[k - 1]] if column else []
    if len(starts) <= _RUNS_SHARE * len(column):
        lengths = [b - a for a, b in zip(starts, starts[1:] + [len(column)])]
        return ["r", _ints([column[k] for k in starts], size), _ints(lengths, 4)]
    return ["i", _ints(column, size)]


def compute_summaries(store: GraphStore, queries: Iterable | None = None) -> dict[str, int]:
    """Compute the summary of each query (default: every ``# summary: yes``
    query of the library) and store them all, replacing those in the store,
    in one transaction. Returns the number of rows of each."""
    queries = summary_queries() if queries is None else list(queries)
    out, counts = {}, {}
    for q in queries:
        if q.params:
            raise QueryError(f"{q.source}: a query with parameters cannot have a summary")
        rows = compute(store, q.text, q.source)
        out[q.name] = {HASH_FIELD: query_hash(q.text), ROWS_FIELD: rows}
        counts[q.name] = json.loads(rows)["count"]
    store.write_summaries(out)
    return counts


# --- decoding -------------------------------------------------------------------

_new_iri = partial(str.__new__, URIRef)


def _literals(values: list[str], language: str | None) -> list:
    """Plain or tagged literals, as :func:`kg.store._fast_literal` makes them (inlined: no call per term)."""
    new, cls = str.__new__, Literal
    out = []
    add = out.append
    for value in values:
        inst = new(cls, value)
        inst._language = language
        inst._datatype = None
        inst._value = value
        inst._ill_typed = None
        add(inst)
    return out


def _group_terms(kind: str, extra: str, values: list[str]) -> Iterable:
    """The rdflib terms of one group, built as :func:`kg.store.term_converter` builds them."""
    if kind == "u":
        return map(_new_iri, values)
    if kind == "s":
        return _literals(values, None) if _FAST_LITERALS else map(Literal, values)
    if kind == "l":
        if _FAST_LITERALS:
            return _literals(values, extra)
        return [Literal(v, lang=extra) for v in values]
    if kind == "t":
        datatype = URIRef(extra)
        return [Literal(v, datatype=datatype) for v in values]
    if kind == "b":
        return map(BNode, values)
    raise ValueError(f"unknown term kind {kind!r}")


def decode(text: str) -> tuple[list[str], list[tuple]]:
    """``(variables, rows)`` of an encoded result, with rdflib terms.

    The garbage collector is paused meanwhile: the objects made here hold
    no cycles, and the collections that tens of thousands of new objects
    would trigger take a third of the time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _decode(text)
    finally:
        if enabled:
            gc.enable()


def _decode(text: str) -> tuple[list[str], list[tuple]]:
    doc = json.loads(text)
    if doc.get("format") != FORMAT:
        raise ValueError(f"summary format {doc.get('format')!r}, expected {FORMAT}")
    names = doc["vars"]
    table: list = [None]
    for kind, extra, values in doc["terms"]:
        table += _group_terms(kind, extra, values)
    count, size = doc["count"], doc["size"]
    if size not in (2, 4) or len(doc["columns"]) != len(names):
        raise ValueError("summary columns do not match their variables")
    if not names:
        return names, [()] * count
    columns = []
    for spec in doc["columns"]:
        if spec[0] == "i":
            column = [table[i] for i in _read_ints(spec[1], size)]
        elif spec[0] == "r":
            column = []
            extend = column.extend
            for i, length in zip(_read_ints(spec[1], size), _read_ints(spec[2], 4), strict=True):
                extend([table[i]] * length)
        else:
            raise ValueError(f"unknown column kind {spec[0]!r}")
        if len(column) != count:
            raise ValueError("a summary column does not match the count of rows")
        columns.append(column)
    return names, list(zip(*columns))


def load(store: GraphStore, query) -> tuple[list[str], list[tuple]] | None:
    """The stored result of the named query ``query`` when a summary of its
    current text is in ``store``; None otherwise (the live query must run)."""
    if not getattr(query, "summary", False) or query.params:
        return None
    fields = store.read_summary(query.name)
    if not fields or fields.get(HASH_FIELD) != query_hash(query.text) or ROWS_FIELD not in fields:
        return None
    try:
        return decode(fields[ROWS_FIELD])
    except (ValueError, KeyError, TypeError, IndexError, binascii.Error):
        return None  # a damaged summary: the live query answers

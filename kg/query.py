"""SPARQL over a built graph: the named-query library, parameter binding,
timeouts and result formatting.

Named queries are ``kg/queries/<name>.rq`` files with a header::

    # title: Programs in a place
    # description: programs located in a place or any of its sub-places
    # param: place — a place name or alias

A query without parameters may say ``# summary: yes``: ``kg build`` and
``kg add`` then store its result in the graph store, and :func:`run_named`
answers from it (see :mod:`kg.summaries`).

A parameter line may give a type after the name (``# param: year:integer —
…``): ``string`` (the default, a plain literal), ``integer``, ``decimal``,
``date`` or ``iri``. Parameters are never pasted into the query text: each
value becomes an rdflib term, bound with ``initBindings`` on rdflib, or —
for Oxigraph, which has no initial bindings — written in its N-Triples form
into a ``VALUES`` block at the start of the query's ``WHERE`` group
(:func:`bind_values`).

Two engines run queries: :class:`RdflibEngine` over an rdflib Graph (queries
are prepared once with ``initNs``) and :class:`OxigraphEngine` over a
pyoxigraph store or the on-disk graph store (``GraphStore`` of
``kg/store.py``).

Example::

    >>> from rdflib import Graph
    >>> g = Graph().parse(data='<https://w3id.org/cngov-kg/id/place/131100000000> '
    ...     '<http://www.w3.org/2004/02/skos/core#prefLabel> "衡水市"@zh .', format="nt")
    >>> r = run_query(RdflibEngine(g), 'SELECT ?p WHERE { ?p skos:prefLabel ?l . FILTER(STR(?l) = ?name) }',
    ...               {"name": Literal("衡水市")})
    >>> print(format_table(r), end="")
    p
    ----------------------
    kgr:place/131100000000
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Mapping

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.errors import KGError, QueryError
from kg.export import check_iri, nt_term, prefixes, turtle_text

DEFAULT_TIMEOUT = 60.0
PARAM_KINDS = ("string", "name", "integer", "decimal", "date", "iri")

_HEADER = re.compile(r"^#\s*(title|description|param|summary)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)(?::([a-z]+))?\s*(?:[—–-]+\s*(.*))?$")
_VAR_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


# --- the library ------------------------------------------------------------


@dataclass(frozen=True)
class Param:
    name: str
    kind: str = "string"
    description: str = ""


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str
    source: str
    summary: bool = False  # ``# summary: yes``: a precomputed result may answer it


def parse_header(text: str, source: str) -> tuple[str, str, tuple[Param, ...], bool]:
    """Read the ``# title/description/param/summary`` lines at the top of a query.

    Returns ``(title, description, params, summary)``. ``# summary: yes``
    is refused for a query with parameters (a summary is one result for the
    whole graph).
    """
    title = description = ""
    params: list[Param] = []
    summary = False
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        m = _HEADER.match(stripped)
        if not m:
            continue
        key, value = m.groups()
        if key == "title":
            title = value
        elif key == "description":
            description = value
        elif key == "summary":
            if value.lower() not in ("yes", "no"):
                raise QueryError(f"{source}: bad summary line {stripped!r}; write '# summary: yes' or '# summary: no'")
            summary = value.lower() == "yes"
        else:
            pm = _PARAM.match(value)
            if not pm:
                raise QueryError(f"{source}: bad parameter line {stripped!r}; write '# param: name — what it is'")
            name, kind, desc = pm.group(1), pm.group(2) or "string", pm.group(3) or ""
            if kind not in PARAM_KINDS:
                raise QueryError(f"{source}: parameter {name!r} has unknown type {kind!r}; use one of {', '.join(PARAM_KINDS)}")
            params.append(Param(name, kind, desc))
    if summary and params:
        raise QueryError(
            f"{source}: '# summary: yes' is only allowed for a query without parameters "
            f"(this one takes {', '.join(p.name for p in params)}); remove the summary line or the parameters"
        )
    if summary and _query_form(text) != "SELECT":
        raise QueryError(f"{source}: '# summary: yes' is only allowed for a SELECT query")
    return title, description, tuple(params), summary


def load_query_file(path: str | Path) -> NamedQuery:
    """A query from a ``.rq`` file (the header is optional)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise QueryError(f"{path}: no such query file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"{path}: cannot read the query: {exc}") from None
    title, description, params, summary = parse_header(text, str(path))
    return NamedQuery(path.stem, title, description, params, text, str(path), summary)


@lru_cache(maxsize=1)
def library() -> dict[str, NamedQuery]:
    """The named queries shipped in ``kg/queries``, by name, sorted."""
    found: dict[str, NamedQuery] = {}
    for entry in sorted((resources.files("kg") / "queries").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            text = entry.read_text(encoding="utf-8")
            name = entry.name[:-3]
            title, description, params, summary = parse_header(text, f"kg/queries/{entry.name}")
            found[name] = NamedQuery(name, title, description, params, text, f"kg/queries/{entry.name}", summary)
    return found


def get_query(name: str) -> NamedQuery:
    """The named query ``name``; an unknown name raises an error listing the known ones."""
    lib = library()
    if name not in lib:
        raise QueryError(f"unknown query {name!r}; the named queries are: {', '.join(lib)} (see 'kg query --list')")
    return lib[name]


def describe_library() -> str:
    """One block per named query: name, description and parameters (for ``kg query --list``)."""
    out = []
    for q in library().values():
        stored = "  [summary kept by build/add; --live runs it]" if q.summary else ""
        out.append(f"{q.name}  —  {q.description or q.title}{stored}")
        for p in q.params:
            kind = "" if p.kind == "string" else f" ({p.kind})"
            out.append(f"    --param {p.name}=…{kind}  {p.description}")
    return "\n".join(out) + "\n"


# --- parameters --------------------------------------------------------------


def make_term(param: Param, value: str) -> Node:
    """The rdflib term for a parameter value, checked against the parameter's type."""
    where = f"parameter {param.name!r}"
    if param.kind == "string":
        return Literal(value)
    if param.kind == "name":
        # names and aliases are written with the language tag zh: a tagged
        # literal matches a label directly (an index look-up, no scan)
        if not value.strip():
            raise QueryError(f"{where} must not be empty")
        return Literal(value, lang="zh")
    if param.kind == "integer":
        if not re.fullmatch(r"[+-]?[0-9]+", value.strip()):
            raise QueryError(f"{where} must be an integer, got {value!r}")
        return Literal(int(value), datatype=XSD.integer)
    if param.kind == "decimal":
        try:
            return Literal(Decimal(value.strip()), datatype=XSD.decimal)
        except InvalidOperation:
            raise QueryError(f"{where} must be a number, got {value!r}") from None
    if param.kind == "date":
        try:
            _dt.date.fromisoformat(value.strip())
        except ValueError:
            raise QueryError(f"{where} must be a date YYYY-MM-DD, got {value!r}") from None
        return Literal(value.strip(), datatype=XSD.date)
    # iri: a full IRI or a prefixed name of the project's prefixes
    value = value.strip()
    prefix, _, local = value.partition(":")
    ns = prefixes().get(prefix)
    if ns is not None and not local.startswith("//"):
        value = ns + local
    if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value):
        raise QueryError(f"{where} must be an IRI or a prefixed name such as kgr:place/131100000000, got {value!r}")
    try:
        return URIRef(check_iri(value))
    except KGError as exc:
        raise QueryError(f"{where}: {exc}") from None


def bind_params(query: NamedQuery, values: Mapping[str, str]) -> dict[str, Node]:
    """Check ``values`` against the declared parameters and turn them into terms.

    A missing parameter is named in the error with its description; an
    unknown one lists the parameters the query takes. Queries without a
    header (inline or from a file) accept any parameter that is a variable
    of the query, bound as a plain literal.
    """
    if query.params:
        declared = {p.name: p for p in query.params}
        unknown = sorted(set(values) - set(declared))
        if unknown:
            raise QueryError(
                f"query {query.name!r} has no parameter {unknown[0]!r}; it takes: "
                + ", ".join(f"{p.name} ({p.description})" if p.description else p.name for p in query.params)
            )
        missing = [p for p in query.params if p.name not in values]
        if missing:
            p = missing[0]
            hint = f" ({p.description})" if p.description else ""
            raise QueryError(f"query {query.name!r} needs parameter {p.name!r}{hint}: add --param {p.name}=VALUE")
        return {name: make_term(declared[name], v) for name, v in values.items()}
    bindings: dict[str, Node] = {}
    for name, v in values.items():
        if not _VAR_NAME.match(name):
            raise QueryError(f"parameter name {name!r} is not a SPARQL variable name")
        if not re.search(rf"[?$]{re.escape(name)}\b", query.text):
            raise QueryError(f"parameter {name!r} is not a variable of the query (no ?{name} in it)")
        bindings[name] = Literal(v)
    return bindings


def _skip_iri(text: str, i: int) -> int | None:
    m = re.compile(r'<[^<>"{}|^`\\\s]*>').match(text, i)
    return m.end() if m else None


def _where_brace(text: str) -> int:
    """Index of the ``{`` that opens the query's top-level WHERE group."""
    i, n = 0, len(text)
    seen_where = False
    first_brace = None
    while i < n:
        c = text[i]
        if c == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j + 1
            continue
        if c in "'\"":
            quote = text[i : i + 3] if text[i : i + 3] in ("'''", '"""') else c
            j = i + len(quote)
            while j < n and not text.startswith(quote, j):
                j += 2 if text[j] == "\\" else 1
            i = j + len(quote)
            continue
        if c == "<":
            end = _skip_iri(text, i)
            if end:
                i = end
                continue
        if c == "{":
            if seen_where:
                return i
            if first_brace is None:
                first_brace = i
        if c in "wW" and text[i : i + 5].upper() == "WHERE" and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "_?$:")):
            after = text[i + 5 : i + 6]
            if not (after.isalnum() or after == "_"):
                seen_where = True
                i += 5
                continue
        i += 1
    if first_brace is not None:
        return first_brace
    raise QueryError("cannot bind parameters: the query has no WHERE group")


def values_clause(bindings: Mapping[str, Node]) -> str:
    """``VALUES (?a ?b) { (<iri> "text") }`` with each term in N-Triples form."""
    names = sorted(bindings)
    for name in names:
        if not _VAR_NAME.match(name):
            raise QueryError(f"parameter name {name!r} is not a SPARQL variable name")
        if isinstance(bindings[name], BNode):
            raise QueryError(f"parameter {name!r}: a blank node cannot be bound")
    vars_ = " ".join(f"?{n}" for n in names)
    terms = " ".join(nt_term(bindings[n]) for n in names)
    return f"VALUES ({vars_}) {{ ({terms}) }}"


def bind_values(sparql: str, bindings: Mapping[str, Node]) -> str:
    """The query with ``bindings`` as a VALUES block at the start of its WHERE group.

    Placed there, the values are in scope for every pattern and FILTER of
    the group, as with rdflib's ``initBindings``.

    >>> bind_values('SELECT * WHERE { ?s ?p ?name }', {"name": Literal('a "b"')})
    'SELECT * WHERE { VALUES (?name) { ("a \\\\"b\\\\"") }  ?s ?p ?name }'
    """
    if not bindings:
        return sparql
    at = _where_brace(sparql)
    return f"{sparql[: at + 1]} {values_clause(bindings)} {sparql[at + 1 :]}"


# --- results ------------------------------------------------------------------


@dataclass
class QueryResult:
    """Rows of a SELECT (``vars``, ``rows``), the answer of an ASK, or the graph of a CONSTRUCT/DESCRIBE."""

    kind: str  # "select", "ask" or "graph"
    vars: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None


def _syntax_error(source: str, line: int | None, col: int | None, msg: str) -> QueryError:
    where = f" at line {line}, column {col}" if line is not None else ""
    return QueryError(f"{source}: SPARQL syntax error{where}: {msg}")


def _query_form(sparql: str) -> str:
    body = re.sub(r"#[^\n]*", " ", sparql)
    body = re.sub(r"<[^<>\s]*>", " ", body)
    m = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", body, re.IGNORECASE)
    return m.group(1).upper() if m else "SELECT"


@lru_cache(maxsize=256)
def _prepared(sparql: str):
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(sparql, initNs=prefixes())


def prepare(sparql: str, source: str = "query"):
    """The rdflib prepared query for ``sparql`` (cached), or a syntax error with line and column."""
    from pyparsing import ParseBaseException

    try:
        return _prepared(sparql)
    except ParseBaseException as exc:
        raise _syntax_error(source, exc.lineno, exc.col, exc.msg) from None
    except Exception as exc:  # rdflib raises plain Exceptions for unknown prefixes and the like
        raise QueryError(f"{source}: bad query: {exc}") from None


class RdflibEngine:
    """Runs queries on an rdflib Graph, with prepared queries and ``initBindings``."""

    def __init__(self, graph: Graph):
        self.graph = graph

    def run(self, sparql: str, bindings: Mapping[str, Node], source: str = "query") -> QueryResult:
        prepared = prepare(sparql, source)
        result = self.graph.query(prepared, initBindings=dict(bindings))
        if result.type == "ASK":
            return QueryResult("ask", boolean=bool(result.askAnswer))
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            g = Graph()
            for t in result:
                g.add(t)
            return QueryResult("graph", graph=g)
        vars_ = [str(v) for v in (result.vars or [])]
        return QueryResult("select", vars=vars_, rows=[tuple(row) for row in result])


def _from_ox(term) -> Node | None:
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    dt = term.datatype.value
    return Literal(term.value, datatype=None if dt == str(XSD.string) else URIRef(dt))


class OxigraphEngine:
    """Runs queries with Oxigraph: on a ``pyoxigraph.Store``, an rdflib Graph
    (copied into an in-memory store) or a graph store with
    ``query(sparql, bindings) -> (vars, rows)`` (``kg.store.GraphStore``).

    The project's prefixes are predeclared, as with rdflib's ``initNs``.
    """

    def __init__(self, target):
        import pyoxigraph as ox

        self.store = None
        self.graph_store = None
        if isinstance(target, ox.Store):
            self.store = target
        elif isinstance(target, Graph):
            self.store = ox.Store()
            data = "".join(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n" for s, p, o in target)
            self.store.load(data.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
        elif hasattr(target, "query"):
            self.graph_store = target
        else:
            raise QueryError(f"cannot query {type(target).__name__} with Oxigraph")

    def run(self, sparql: str, bindings: Mapping[str, Node], source: str = "query") -> QueryResult:
        import pyoxigraph as ox

        if self.graph_store is not None:
            return self._run_graph_store(sparql, bindings, source)
        text = bind_values(sparql, bindings)
        try:
            result = self.store.query(text, prefixes=prefixes())
        except SyntaxError as exc:
            raise self._syntax(str(exc), source) from None
        except OSError as exc:
            raise QueryError(f"{source}: the query failed: {exc}") from None
        if isinstance(result, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(result))
        if isinstance(result, ox.QuerySolutions):
            from kg.store import term_converter

            convert = term_converter()
            vars_ = [v.value for v in result.variables]
            rows = [tuple(map(convert, sol)) for sol in result]
            return QueryResult("select", vars=vars_, rows=rows)
        g = Graph()
        for t in result:
            g.add((_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object)))
        return QueryResult("graph", graph=g)

    def _run_graph_store(self, sparql: str, bindings: Mapping[str, Node], source: str) -> QueryResult:
        # the store declares the project's prefixes and binds with a VALUES block itself
        try:
            vars_, rows = self.graph_store.query(sparql, dict(bindings))
        except QueryError as exc:
            if "error at " in str(exc):
                raise self._syntax(str(exc), source) from None
            raise QueryError(f"{source}: {exc}") from None
        form = _query_form(sparql)
        if form == "ASK":
            return QueryResult("ask", boolean=bool(rows and rows[0][0] is not None and rows[0][0].toPython()))
        if form in ("CONSTRUCT", "DESCRIBE"):
            g = Graph()
            for t in rows:
                g.add(tuple(t))
            return QueryResult("graph", graph=g)
        return QueryResult("select", vars=[str(v).lstrip("?") for v in vars_], rows=[tuple(r) for r in rows])

    @staticmethod
    def _syntax(msg: str, source: str) -> QueryError:
        m = re.search(r"error at (\d+):(\d+):\s*(.*)", msg, re.DOTALL)
        if m:
            return _syntax_error(source, int(m.group(1)), int(m.group(2)), m.group(3).strip())
        return _syntax_error(source, None, None, msg)


def run_query(
    engine,
    sparql: str,
    bindings: Mapping[str, Node] | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    source: str = "query",
) -> QueryResult:
    """Run ``sparql`` on ``engine`` with ``bindings``; give up after ``timeout`` seconds.

    The query runs in a worker thread; on timeout the caller gets a
    :class:`QueryError` at once (the abandoned evaluation cannot be
    interrupted and ends with the process).
    """
    bindings = dict(bindings or {})
    if timeout is None:
        return engine.run(sparql, bindings, source)
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["result"] = engine.run(sparql, bindings, source)
        except BaseException as exc:  # handed to the caller's thread
            outcome["error"] = exc

    worker = threading.Thread(target=work, name="kg-query", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise QueryError(
            f"{source}: the query ran longer than {timeout:g} s and was abandoned; "
            "narrow it (a LIMIT, a more selective pattern) or raise --timeout"
        )
    if "error" in outcome:
        exc = outcome["error"]
        if isinstance(exc, KGError):
            raise exc
        raise QueryError(f"{source}: the query failed: {exc}") from exc
    return outcome["result"]


def summary_result(engine, query: NamedQuery) -> QueryResult | None:
    """The precomputed result of ``query`` (a ``# summary: yes`` query) when
    ``engine`` runs on a graph store holding a valid summary of its current
    text; None otherwise. The rdflib engine never has one."""
    if not query.summary or query.params or not isinstance(engine, OxigraphEngine):
        return None
    store = engine.graph_store
    if store is None or not hasattr(store, "read_summary"):
        return None
    from kg.summaries import load

    found = load(store, query)
    if found is None:
        return None
    vars_, rows = found
    return QueryResult("select", vars=list(vars_), rows=rows)


def run_named(
    engine,
    name: str,
    params: Mapping[str, str] | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    live: bool = False,
) -> QueryResult:
    """Run the named query ``name`` with string parameter values, e.g. ``{"place": "故城县"}``.

    A ``# summary: yes`` query on a graph store answers from the result
    stored by the last ``kg build``/``kg add`` when it is valid (see
    :mod:`kg.summaries`); ``live`` runs the query instead.
    """
    q = get_query(name)
    return answer_query(engine, q, bind_params(q, dict(params or {})), timeout, live)


def answer_query(
    engine,
    query: NamedQuery,
    bindings: Mapping,
    timeout: float | None = DEFAULT_TIMEOUT,
    live: bool = False,
) -> QueryResult:
    """The result of ``query`` with its parameters bound: from its stored summary when
    it has one and no parameters are bound (unless ``live``), else by running it."""
    if not live and not bindings:
        cached = summary_result(engine, query)
        if cached is not None:
            return cached
    return run_query(engine, query.text, bindings, timeout, query.source)


# --- loading a graph ---------------------------------------------------------------


def load_graph(path: str | Path) -> Graph:
    """Parse a Turtle (or N-Triples / TriG / JSON-LD, by extension) file; errors name the file."""
    path = Path(path)
    if not path.is_file():
        raise KGError(f"{path}: no such graph file; build one with 'kg build' or pass --graph/--store")
    fmt = {".nt": "nt", ".trig": "trig", ".jsonld": "json-ld", ".json": "json-ld"}.get(path.suffix.lower(), "turtle")
    g = Graph()
    try:
        g.parse(str(path), format=fmt)
    except Exception as exc:  # rdflib raises several unrelated types for bad syntax
        raise KGError(f"{path}: not a readable {fmt} graph: {exc}") from None
    if fmt == "trig":  # the union of the named graphs
        union = Graph()
        for t in g.triples((None, None, None)):
            union.add(t)
        return union
    return g


def open_store(path: str | Path):
    """The on-disk graph store at ``path`` (``kg.store.GraphStore``)."""
    try:
        from kg.store import GraphStore  # type: ignore[import-not-found]
    except ImportError as exc:
        raise KGError(f"--store needs kg/store.py, which cannot be imported here ({exc}); use --graph FILE.ttl") from None
    path = Path(path)
    if not path.is_dir():
        raise KGError(f"{path}: no graph store here; build one with 'kg build' or pass --graph FILE.ttl")
    return GraphStore.open(path, create=False, read_only=True)


# --- output -------------------------------------------------------------------


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide and full-width characters take two."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _truncate(text: str, limit: int) -> str:
    if display_width(text) <= limit:
        return text
    out, width = [], 0
    for ch in text:
        w = display_width(ch)
        if width + w > limit - 1:
            break
        out.append(ch)
        width += w
    return "".join(out) + "…"


def short(term) -> str:
    """A term as shown in a table: IRIs with the project's prefixes, literals by value."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        s = str(term)
        for prefix, ns in sorted(prefixes().items(), key=lambda kv: -len(kv[1])):
            if s.startswith(ns) and len(s) > len(ns):
                return f"{prefix}:{s[len(ns):]}"
        return f"<{s}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def format_table(result: QueryResult, max_width: int = 60) -> str:
    """Aligned columns, CJK characters counted as two columns wide; cells cut at ``max_width``."""
    if result.kind == "ask":
        return "true\n" if result.boolean else "false\n"
    if result.kind == "graph":
        return turtle_text(result.graph)
    cells = [[_truncate(" ".join(short(t).split()), max_width) for t in row] for row in result.rows]
    widths = [display_width(v) for v in result.vars]
    for row in cells:
        widths = [max(w, display_width(c)) for w, c in zip(widths, row)]

    def line(values: list[str]) -> str:
        padded = [v + " " * (w - display_width(v)) for v, w in zip(values, widths)]
        return "  ".join(padded).rstrip()

    out = [line(result.vars), "  ".join("-" * w for w in widths)]
    out += [line(row) for row in cells]
    return "\n".join(out) + "\n"


def format_csv(result: QueryResult) -> str:
    """SPARQL 1.1 CSV results: full IRIs, literal values."""
    if result.kind == "ask":
        return "boolean\n" + ("true" if result.boolean else "false") + "\n"
    if result.kind == "graph":
        raise QueryError("a CONSTRUCT or DESCRIBE result is a graph; use --format table (Turtle) or json")
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(result.vars)
    for row in result.rows:
        w.writerow(["" if t is None else f"_:{t}" if isinstance(t, BNode) else str(t) for t in row])
    return buf.getvalue()


def _json_term(term) -> dict | None:
    if term is None:
        return None
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None:
        out["datatype"] = str(term.datatype)
    return out


def format_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON (for a graph result: N-Triples-like JSON-LD via kg.export)."""
    if result.kind == "ask":
        doc: dict = {"head": {}, "boolean": bool(result.boolean)}
    elif result.kind == "graph":
        from kg.export import jsonld_text

        return jsonld_text(result.graph)
    else:
        bindings = []
        for row in result.rows:
            b = {v: _json_term(t) for v, t in zip(result.vars, row) if t is not None}
            bindings.append(b)
        doc = {"head": {"vars": result.vars}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


FORMATTERS = {"table": format_table, "csv": format_csv, "json": format_json}

"""The graph on disk: an embedded Oxigraph store with one named graph per page.

Each page's triples live in the named graph
``https://w3id.org/cngov-kg/id/page/<page>``; the store's default graph holds
the union of all page graphs, so the default graph *is* the knowledge graph
and queries run over it. Entities named on several pages appear in several
page graphs but once in the union.

Why a materialised union rather than Oxigraph's ``use_default_graph_as_union``:
that option returns a triple once per graph holding it, so counts and sums
over shared entities would be multiplied by the number of pages naming them.
Keeping the union as a real graph (a set) gives RDF-merge semantics and
faster queries, at the cost of storing each triple twice.

Atomicity. pyoxigraph 0.5 exposes no explicit transaction object, but
``Store.update`` applies a whole SPARQL Update request (several operations
separated by ``;``) in one transaction: either every operation is applied or
nothing is written, and later operations see the effects of earlier ones.
``Store.extend`` and ``Store.load`` are transactional too, but only for
insertion, and ``remove_graph`` is a transaction of its own, so
``remove_graph`` followed by ``extend`` would let a reader see the page
missing, and a crash between them would lose it.
:meth:`GraphStore.replace_page` therefore sends a single update: delete from
the union the page's triples that no other page holds, ``DROP`` the page
graph, ``INSERT DATA`` the new triples into it and copy them into the union.
The update text is built from pyoxigraph's own term serialisation, after the
terms are validated by pyoxigraph's constructors, so no text from the graph
is pasted unchecked into it.

Literals are stored in their canonical form: Oxigraph keeps numbers, booleans
and dates as values, so ``"3000000.0"^^xsd:decimal`` comes back as
``"3000000"^^xsd:decimal``. :func:`canonical_graph` applies the same
normalisation to an in-memory graph, for comparisons.

Summaries. Named graphs under ``SUMMARY_GRAPH_NS`` hold precomputed
results of whole-graph named queries (:mod:`kg.summaries`). They are not
pages and not in the default graph, so nothing that reads pages or the
union sees them. Every write that changes pages drops them all in the same
transaction, so a summary never outlives the facts it was computed from;
``kg build`` and ``kg add`` compute them again before their commit.

Concurrency. One process may open a store for writing at a time (Oxigraph's
own lock). Opening read-only while another process writes is undefined
behaviour in Oxigraph, so the store keeps an advisory lock file next to the
store directory: writers hold it exclusively, readers (``kg serve``'s query
workers, ``kg query``) hold it shared, and a conflicting open fails at once
with a :class:`~kg.errors.StoreError` that says which command to stop.

>>> import rdflib, tempfile
>>> g = rdflib.Graph()
>>> _ = g.add((rdflib.URIRef("https://w3id.org/cngov-kg/id/place/131100000000"),
...            rdflib.URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"),
...            rdflib.Literal("衡水市", lang="zh")))
>>> with GraphStore.open(tempfile.mkdtemp() + "/store") as store:
...     store.replace_page("000_demo", g)
...     store.pages(), store.triple_count()
(['000_demo'], 1)
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import threading
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.term import BNode, Literal, Node, URIRef, Variable

from kg.errors import QueryError, StoreError

RESOURCE_NS = "https://w3id.org/cngov-kg/id/"
PAGE_GRAPH_NS = RESOURCE_NS + "page/"
# precomputed results of whole-graph named queries (kg/summaries.py): one
# named graph per query, outside PAGE_GRAPH_NS and never in the default graph
SUMMARY_GRAPH_NS = "https://w3id.org/cngov-kg/resource/summary/"

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

# prefixes every query may use without declaring them (a query's own PREFIX
# declarations take precedence)
DEFAULT_PREFIXES = {
    "kg": "https://w3id.org/cngov-kg/ontology#",
    "kgr": RESOURCE_NS,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
}

_SAFE_PAGE = re.compile(r"[^A-Za-z0-9_-]")
_VAR_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def page_key(name: str) -> str:
    """The page part of IRIs for a page file name or stem.

    The stem reduced to ``[A-Za-z0-9_-]``, or ``p`` + 16 hex digits of the
    SHA-1 of the name when nothing is left (the rule of DATAMODEL.md).

    >>> page_key("000_db3279ee40e395c9.txt"), page_key("衡水日报.txt")
    ('000_db3279ee40e395c9', 'p3a087ae8bb07739d')
    """
    base = os.path.basename(name)
    stem = base[: -len(".txt")] if base.endswith(".txt") else os.path.splitext(base)[0] or base
    key = _SAFE_PAGE.sub("", stem)
    if key:
        return key
    return "p" + hashlib.sha1(base.encode("utf-8")).hexdigest()[:16]


def page_graph_iri(name: str) -> str:
    """The IRI of the named graph holding a page's triples."""
    return PAGE_GRAPH_NS + page_key(name)


# --- term conversion ------------------------------------------------------


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Convert an rdflib term to a pyoxigraph term (validating IRIs and tags)."""
    try:
        if isinstance(term, URIRef):
            return ox.NamedNode(str(term))
        if isinstance(term, BNode):
            # blank node ids must be valid N-Triples labels
            return ox.BlankNode(re.sub(r"[^A-Za-z0-9_]", "_", str(term)) or "b")
        if isinstance(term, Literal):
            if term.language:
                return ox.Literal(str(term), language=term.language)
            if term.datatype is not None:
                return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
            return ox.Literal(str(term))
    except ValueError as exc:
        raise StoreError(f"term {term!r} cannot be stored: {exc}") from exc
    raise StoreError(f"term {term!r} of type {type(term).__name__} cannot be stored")


def from_ox(term) -> Node | None:
    """Convert a pyoxigraph term to an rdflib term (``None`` stays ``None``).

    ``xsd:string`` literals become plain literals and ``rdf:langString`` ones
    language-tagged literals, as rdflib writes them.
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    if isinstance(term, ox.Triple):
        raise QueryError("RDF-star triple terms are not supported in results")
    raise QueryError(f"unexpected term in results: {term!r}")


def _fast_literal(value: str, language: str | None) -> Literal:
    """A plain or language-tagged literal, built without rdflib's checks.

    ``Literal(value, lang=language)`` validates the tag and tries to cast
    the lexical form; for a term that comes out of Oxigraph (a valid tag, a
    string with no datatype to cast) that work changes nothing and takes
    most of the time of turning a result into rdflib terms. The instance
    has the same attributes as the constructor's (checked at import, see
    :func:`_fast_literals_agree`; otherwise the constructor is used).
    """
    inst = str.__new__(Literal, value)
    inst._language = language
    inst._datatype = None
    inst._value = value
    inst._ill_typed = None
    return inst


def _fast_literals_agree() -> bool:
    try:
        for value, lang in (("衡水市", "zh"), ("x y", None), ("", "en-gb")):
            fast, slow = _fast_literal(value, lang), Literal(value, lang=lang)
            if not (type(fast) is type(slow) and str(fast) == str(slow)
                    and all(getattr(fast, a) == getattr(slow, a) for a in Literal.__slots__)
                    and fast == slow and hash(fast) == hash(slow)):
                return False
        return True
    except Exception:  # another rdflib layout
        return False


_FAST_LITERALS = _fast_literals_agree()


def term_converter():
    """A function converting pyoxigraph terms to rdflib terms like :func:`from_ox`,
    faster, and remembering the terms it has converted (for one result:
    IRIs, labels and literals repeat across its rows).

    IRIs from Oxigraph are valid already, so they are not checked again.
    """
    cache: dict = {None: None}
    get, missing = cache.get, object()
    named, blank, literal = ox.NamedNode, ox.BlankNode, ox.Literal
    fast = _FAST_LITERALS

    def convert(term):
        try:
            out = get(term, missing)
        except TypeError:  # an unhashable term (RDF-star)
            return from_ox(term)
        if out is not missing:
            return out
        kind = type(term)
        if kind is named:
            out = str.__new__(URIRef, term.value)
        elif kind is literal:
            language = term.language
            if language:
                out = _fast_literal(term.value, language) if fast else Literal(term.value, lang=language)
            else:
                datatype = term.datatype.value
                if datatype == XSD_STRING:
                    out = _fast_literal(term.value, None) if fast else Literal(term.value)
                else:
                    out = Literal(term.value, datatype=URIRef(datatype))
        elif kind is blank:
            out = BNode(term.value)
        else:
            return from_ox(term)
        cache[term] = out
        return out

    return convert


def canonical_graph(graph: rdflib.Graph) -> rdflib.Graph:
    """The graph with literals in the canonical form the store keeps.

    ``canonical_graph(g)`` is isomorphic to what :meth:`GraphStore.to_rdflib`
    returns after storing ``g``.
    """
    mem = ox.Store()
    mem.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph)
    out = rdflib.Graph()
    for quad in mem:
        out.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
    return out


def values_clause(bindings: Mapping[str | Variable, Node]) -> str:
    """A SPARQL ``VALUES`` block binding each variable to one term.

    Terms are serialised by pyoxigraph after validation, so a binding can
    never change the shape of the query.

    >>> values_clause({"place": URIRef("https://w3id.org/cngov-kg/id/place/131100000000")})
    'VALUES (?place) { (<https://w3id.org/cngov-kg/id/place/131100000000>) }'
    >>> values_clause({"name": Literal('a" } DROP ALL #', lang="zh")})
    'VALUES (?name) { ("a\\\\" } DROP ALL #"@zh) }'
    """
    names, terms = [], []
    for name, term in sorted(bindings.items(), key=lambda kv: str(kv[0])):
        name = str(name).lstrip("?$")
        if not _VAR_NAME.match(name):
            raise QueryError(f"invalid variable name in bindings: {name!r}")
        if not isinstance(term, Node) or isinstance(term, Variable):
            raise QueryError(f"binding for ?{name} must be an rdflib URIRef, Literal or BNode, not {term!r}")
        if isinstance(term, BNode):
            raise QueryError(f"binding for ?{name}: blank nodes cannot be bound in a query")
        names.append("?" + name)
        terms.append(str(to_ox(term)))
    return "VALUES (" + " ".join(names) + ") { (" + " ".join(terms) + ") }"


# --- SPARQL text scanning -------------------------------------------------

# tokens that may contain braces or keywords without being syntax
_SKIP = re.compile(
    r'''#[^\n]*|<[^<>"{}|^`\\\s]*>|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\''''
    r'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*\'''',
    re.S,
)
_WORD = re.compile(r"[A-Za-z]+")


def _tokens(sparql: str) -> Iterable[tuple[int, str]]:
    """Yield (offset, token) for braces, parentheses and bare words."""
    i, n = 0, len(sparql)
    while i < n:
        c = sparql[i]
        if c in "#<\"'":
            m = _SKIP.match(sparql, i)
            if m:
                i = m.end()
                continue
            i += 1
            continue
        if c in "{}()":
            yield i, c
            i += 1
            continue
        if c.isalpha() and (i == 0 or not (sparql[i - 1].isalnum() or sparql[i - 1] in "_:?$-")):
            m = _WORD.match(sparql, i)
            j = m.end()
            if j < n and (sparql[j] == ":" or sparql[j].isdigit() or sparql[j] == "_"):
                i = j + 1  # a prefixed name or a longer identifier, not a keyword
                continue
            yield i, m.group(0).upper()
            i = j
            continue
        i += 1


QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "ADD", "MOVE", "COPY", "WITH")


def query_form(sparql: str) -> str:
    """The first keyword after the prologue: SELECT, CONSTRUCT, DESCRIBE, ASK,
    an update keyword (INSERT, DELETE, ...) or ``""`` if there is none.

    >>> query_form("PREFIX kg: <https://w3id.org/cngov-kg/ontology#> # {\\nselect * { ?s ?p ?o }")
    'SELECT'
    >>> query_form("BASE <http://x/> INSERT DATA { <a> <b> <c> }")
    'INSERT'
    """
    for _, tok in _tokens(sparql):
        if tok in ("PREFIX", "BASE"):
            continue
        if tok in QUERY_FORMS or tok in UPDATE_KEYWORDS:
            return tok
        if tok in "{}()":
            return ""
    return ""


def names_graphs(sparql: str) -> bool:
    """True when the query has a ``GRAPH`` pattern and declares no dataset
    of its own (``FROM``): its named graphs must then be the page graphs,
    so that the summary graphs stay hidden.

    >>> names_graphs("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"), names_graphs("SELECT * { ?s <x:graph> ?o }")
    (True, False)
    """
    words = {tok for _, tok in _tokens(sparql)}
    return "GRAPH" in words and "FROM" not in words


def inject_values(sparql: str, bindings: Mapping[str | Variable, Node]) -> str:
    """Put a VALUES block for ``bindings`` at the start of the query's WHERE group.

    Placing it inside the outermost group pattern (rather than as a trailing
    VALUES clause, which SPARQL joins only after GROUP BY) gives the bindings
    the meaning of rdflib's ``initBindings`` in aggregate queries too.
    """
    if not bindings:
        return sparql
    clause = values_clause(bindings)
    form = ""
    parens = braces = 0
    skip_template = False
    for pos, tok in _tokens(sparql):
        if not form:
            if tok in ("PREFIX", "BASE"):
                continue
            if tok not in QUERY_FORMS:
                raise QueryError("bindings can only be used with a SELECT, CONSTRUCT, DESCRIBE or ASK query")
            form = tok
            continue
        if tok == "(":
            parens += 1
        elif tok == ")":
            parens -= 1
        elif tok == "}":
            braces -= 1
        elif tok == "{":
            if parens or braces:
                braces += 1
            elif form == "CONSTRUCT" and not skip_template:
                if _construct_short_form(sparql, pos):
                    # CONSTRUCT WHERE: the group is also the template, which
                    # cannot hold VALUES; without aggregates a trailing VALUES
                    # clause means the same
                    return sparql + "\n" + clause
                skip_template = True  # the template group comes before the WHERE group
                braces += 1
            else:
                return sparql[: pos + 1] + " " + clause + " " + sparql[pos + 1 :]
    raise QueryError("could not find the query's WHERE group to apply the bindings to")


def _construct_short_form(sparql: str, brace: int) -> bool:
    """True when the ``{`` at ``brace`` follows ``CONSTRUCT WHERE``."""
    before = sparql[:brace].rstrip()
    return before.upper().endswith("WHERE")


# --- the store ------------------------------------------------------------


class GraphStore:
    """An on-disk Oxigraph store holding one named graph per page."""

    def __init__(self, store: ox.Store, path: Path | None, read_only: bool, lock_fd: int | None):
        self._store = store
        self.path = path
        self.read_only = read_only
        self._lock_fd = lock_fd
        self._closed = False
        # summary graphs known to be in the store (None: not looked yet);
        # exact while this object is the only writer (the store's lock)
        self._summary_graphs: set[str] | None = None

    # opening and closing

    @classmethod
    def open(cls, path: str | os.PathLike[str], create: bool = True, read_only: bool = False) -> "GraphStore":
        """Open the store in directory ``path``, creating it if ``create``.

        A ``kg build`` or ``kg add`` killed after its commit point leaves a
        commit record next to the store (see :mod:`kg.atomic`); opening the
        store finishes that commit first, so the store and the exports
        beside it are the ones of the same, complete command. A reader
        recovers only if no other process has the store open; otherwise it
        refuses with a :class:`~kg.errors.StoreError` saying so.

        Raises :class:`~kg.errors.StoreError` when the store is missing
        (and ``create`` is false), locked by another process, left by an
        interrupted commit that cannot be finished now, or damaged.
        """
        from kg.atomic import COMMIT_RECORD

        path = Path(path)
        interrupted = (path.parent / COMMIT_RECORD).exists()
        if not interrupted:
            _check_exists(path, create, read_only)
        lock_fd = lock_store(path, shared=read_only)
        if interrupted:
            try:
                _finish_interrupted_commit(path, lock_fd, shared=read_only)
                _check_exists(path, create, read_only)  # the commit may have brought the store
            except BaseException:
                os.close(lock_fd)
                raise
        try:
            store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
        except OSError as exc:
            os.close(lock_fd)
            raise StoreError(f"{path}: cannot open the graph store ({exc}); is another `kg` process using it?") from exc
        return cls(store, path, read_only, lock_fd)

    @classmethod
    def in_memory(cls) -> "GraphStore":
        """A store that lives in memory only (for tests and benchmarks)."""
        return cls(ox.Store(), None, False, None)

    def close(self) -> None:
        """Flush writes and release the store and its lock."""
        if self._closed:
            return
        self._closed = True
        if not self.read_only and self.path is not None:
            try:
                self._store.flush()
            except OSError:
                pass
        # dropping the last reference closes the underlying database
        del self._store
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    def __enter__(self) -> "GraphStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying :class:`pyoxigraph.Store`."""
        self._check_open()
        return self._store

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError("the graph store is closed")

    def _check_writable(self) -> None:
        self._check_open()
        if self.read_only:
            raise StoreError(f"{self.path}: the graph store is open read-only")

    # writing

    def replace_page(self, page_name: str, graph: rdflib.Graph) -> None:
        """Replace the page's triples by ``graph``, atomically.

        The old named graph is dropped and the new triples inserted in one
        SPARQL Update, which Oxigraph applies as a single transaction.
        """
        self.replace_pages([(page_name, graph)])

    def replace_pages(self, pages: Iterable[tuple[str, rdflib.Graph]]) -> None:
        """Replace several pages in one transaction."""
        self._check_writable()
        operations = []
        for name, graph in pages:
            lines = [f"{to_ox(s)} {to_ox(p)} {to_ox(o)} ." for s, p, o in graph]
            operations += _replace_operations(page_graph_iri(name), lines)
        if operations:
            self._write(operations)

    def remove_page(self, name: str) -> bool:
        """Remove a page's triples; return whether the page was there."""
        self._check_writable()
        present = page_key(name) in self.pages()
        self._write(_replace_operations(page_graph_iri(name), []))
        return present

    def load_page_ntriples(self, page_name: str, data: bytes | str) -> None:
        """Replace a page from N-Triples text, in one transaction.

        Faster than :meth:`replace_page` for large pages, because the text is
        parsed by Oxigraph directly.
        """
        self._check_writable()
        try:
            triples = list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
        except SyntaxError as exc:
            raise StoreError(f"page {page_name}: invalid N-Triples: {exc}") from exc
        lines = [f"{t.subject} {t.predicate} {t.object} ." for t in triples]
        self._write(_replace_operations(page_graph_iri(page_name), lines))

    def bulk_load(self, page_name: str, path: str | os.PathLike[str], format: str = "nt") -> None:
        """Load a large file into a page's graph without a transaction.

        For initial loads of big graphs (benchmarks): Oxigraph writes its
        files directly, so a failure may leave the page half-loaded.
        """
        self._check_writable()
        fmt = {"nt": ox.RdfFormat.N_TRIPLES, "ttl": ox.RdfFormat.TURTLE}[format]
        graph = ox.NamedNode(page_graph_iri(page_name))
        self._write(_replace_operations(graph.value, []))  # the summaries go first
        self._store.bulk_load(path=str(path), format=fmt, to_graph=graph)
        # the union: the same triples once more in the default graph
        self._store.bulk_load(path=str(path), format=fmt, to_graph=ox.DefaultGraph())

    def _write(self, operations: list[str]) -> None:
        """Apply page-changing ``operations`` in one transaction that also
        drops every summary graph: summaries describe the pages as they were."""
        self._update(" ;\n".join(self._summary_drops() + operations))
        self._summary_graphs = set()

    def _summary_drops(self) -> list[str]:
        """Updates that drop every summary graph of the store."""
        return [f"DROP SILENT GRAPH {ox.NamedNode(g)}" for g in sorted(self._known_summary_graphs())]

    def _known_summary_graphs(self) -> set[str]:
        if self._summary_graphs is None:
            self._summary_graphs = {g.value for g in self._store.named_graphs()
                                    if isinstance(g, ox.NamedNode) and g.value.startswith(SUMMARY_GRAPH_NS)}
        return self._summary_graphs

    # summaries (kg/summaries.py computes and decodes them)

    def summary_names(self) -> list[str]:
        """The names of the summaries in the store, sorted."""
        self._check_open()
        return sorted(g[len(SUMMARY_GRAPH_NS):] for g in self._known_summary_graphs())

    def write_summaries(self, summaries: Mapping[str, Mapping[str, str]]) -> None:
        """Replace all summaries by ``summaries`` (name -> {field: text}), in one transaction.

        Each becomes the named graph ``SUMMARY_GRAPH_NS + name`` holding one
        triple ``<graph> <SUMMARY_GRAPH_NS#field> "text"`` per field. The
        pages are not touched.
        """
        self._check_writable()
        ops = self._summary_drops()
        for name, fields in summaries.items():
            if not _VAR_NAME.match(name.replace("-", "_")):
                raise StoreError(f"invalid summary name {name!r}")
            g = ox.NamedNode(SUMMARY_GRAPH_NS + name)
            lines = [f"{g} {ox.NamedNode(SUMMARY_GRAPH_NS + '#' + key)} {ox.Literal(value)} ."
                     for key, value in sorted(fields.items())]
            ops.append(f"INSERT DATA {{ GRAPH {g} {{\n" + "\n".join(lines) + "\n} }")
        if ops:
            self._update(" ;\n".join(ops))
        self._summary_graphs = {SUMMARY_GRAPH_NS + name for name in summaries}

    def read_summary(self, name: str) -> dict[str, str] | None:
        """The fields of the summary ``name`` ({field: text}), or None when there is none."""
        self._check_open()
        try:
            g = ox.NamedNode(SUMMARY_GRAPH_NS + name)
        except ValueError:
            return None
        prefix = SUMMARY_GRAPH_NS + "#"
        fields = {}
        for q in self._store.quads_for_pattern(g, None, None, g):
            if q.predicate.value.startswith(prefix) and isinstance(q.object, ox.Literal):
                fields[q.predicate.value[len(prefix):]] = q.object.value
        return fields or None

    def _update(self, update: str) -> None:
        try:
            self._store.update(update)
        except SyntaxError as exc:
            raise StoreError(f"graph could not be written: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"{self.path}: graph store write failed: {exc}") from exc

    # reading

    def pages(self) -> list[str]:
        """The pages in the store (their IRI keys), sorted."""
        self._check_open()
        keys = [g.value[len(PAGE_GRAPH_NS) :] for g in self._store.named_graphs()
                if isinstance(g, ox.NamedNode) and g.value.startswith(PAGE_GRAPH_NS)]
        return sorted(keys)

    def page_graph_iris(self) -> list[str]:
        """The IRIs of the page graphs, sorted."""
        return [PAGE_GRAPH_NS + key for key in self.pages()]

    def page_graph(self, name: str) -> rdflib.Graph:
        """The triples of one page."""
        self._check_open()
        graph = rdflib.Graph()
        for q in self._store.quads_for_pattern(None, None, None, ox.NamedNode(page_graph_iri(name))):
            graph.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
        return graph

    def triple_count(self) -> int:
        """The number of distinct triples in the union of all pages."""
        self._check_open()
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, ox.DefaultGraph()))

    def to_ntriples(self) -> bytes:
        """The union of all pages as sorted, deduplicated N-Triples."""
        self._check_open()
        lines = {f"{t.subject} {t.predicate} {t.object} .".encode("utf-8") for t in self._union_triples()}
        return b"".join(line + b"\n" for line in sorted(lines))

    def to_rdflib(self) -> rdflib.Graph:
        """The union of all pages as an rdflib graph (each triple once)."""
        self._check_open()
        graph = rdflib.Graph()
        for t in self._union_triples():
            graph.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
        return graph

    def _union_triples(self):
        return (q.triple for q in self._store.quads_for_pattern(None, None, None, ox.DefaultGraph()))

    def query(
        self,
        sparql: str,
        bindings: Mapping[str | Variable, Node] | None = None,
        timeout: float | None = None,
    ) -> tuple[list[str], list[tuple]]:
        """Run a SPARQL query over the union of all pages (the default graph).

        Returns ``(variables, rows)`` with rdflib terms (``None`` for an
        unbound variable). ASK gives ``(["ask"], [(Literal(bool),)])``,
        CONSTRUCT/DESCRIBE give ``(["subject", "predicate", "object"], triples)``.

        ``bindings`` maps variable names to rdflib terms; they are applied as
        a VALUES block inside the WHERE group (see :func:`inject_values`).

        ``timeout`` (seconds) stops *waiting*: the query runs in a helper
        thread and :class:`~kg.errors.QueryError` is raised when it is late.
        Oxigraph cannot interrupt a running query, so the thread finishes
        in the background; ``kg serve`` runs queries in worker processes
        that it kills instead.
        """
        self._check_open()
        text = inject_values(sparql, bindings) if bindings else sparql
        if query_form(text) in UPDATE_KEYWORDS:
            raise QueryError("SPARQL Update is not allowed here: the query method only reads")
        if timeout is None:
            return self._run(text)
        result: dict = {}

        def work():
            try:
                result["value"] = self._run(text)
            except BaseException as exc:  # re-raised in the caller
                result["error"] = exc

        thread = threading.Thread(target=work, daemon=True, name="kg-query")
        thread.start()
        thread.join(timeout)
        if thread.is_alive():
            raise QueryError(f"query timed out after {timeout:g} s")
        if "error" in result:
            raise result["error"]
        return result["value"]

    def _run(self, text: str) -> tuple[list[str], list[tuple]]:
        kwargs = {}
        if names_graphs(text) and self._known_summary_graphs():
            # GRAPH ?g must not find the summary graphs: name the page graphs
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in self.page_graph_iris()]
        try:
            res = self._store.query(text, prefixes=DEFAULT_PREFIXES, **kwargs)
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL: {exc}") from exc
        except OSError as exc:
            raise QueryError(f"query failed: {exc}") from exc
        if isinstance(res, ox.QueryBoolean):
            return ["ask"], [(Literal(bool(res)),)]
        convert = term_converter()
        if isinstance(res, ox.QuerySolutions):
            names = [v.value for v in res.variables]
            # each solution is a sequence of its values (None when unbound)
            rows = [tuple(map(convert, sol)) for sol in res]
            return names, rows
        triples = [(convert(t.subject), convert(t.predicate), convert(t.object)) for t in res]
        return ["subject", "predicate", "object"], triples


def _replace_operations(graph_iri: str, lines: list[str]) -> list[str]:
    """SPARQL Update operations that replace a page graph by ``lines``
    (N-Triples statements) and keep the default graph equal to the union.

    A triple leaves the default graph only if no other page still holds it;
    the new triples are copied from the page graph (not re-inserted from
    text) so that blank nodes stay the same nodes in both graphs.
    """
    g = str(ox.NamedNode(graph_iri))
    ops = [
        f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} "
        f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {g}) }} }}",
        f"DROP SILENT GRAPH {g}",
    ]
    if lines:
        ops.append(f"INSERT DATA {{ GRAPH {g} {{\n" + "\n".join(lines) + "\n} }")
        ops.append(f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} }}")
    return ops


def _check_exists(path: Path, create: bool, read_only: bool) -> None:
    if path.is_dir() and any(path.iterdir()):
        return
    if read_only or not create:
        raise StoreError(f"{path}: no graph store here; run `kg build` first")
    path.mkdir(parents=True, exist_ok=True)


def lock_store(path: str | os.PathLike[str], shared: bool) -> int:
    """Take the advisory lock of the store in ``path`` (non-blocking); return its descriptor.

    The lock is the file ``<path>.lock`` next to the store directory, so it
    stays put when the directory is replaced by a commit. Writers hold it
    exclusively for the whole command (staging included), readers shared.
    Raises :class:`~kg.errors.StoreError` naming the conflict when it is taken.
    """
    path = Path(path)
    lock_path = path.parent / (path.name + ".lock")
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        if shared:
            raise StoreError(f"{path}: the graph store is being written by another `kg` process; wait for it to finish") from None
        raise StoreError(
            f"{path}: the graph store is in use by another process (`kg serve` or a running `kg build`/`kg add`); "
            "stop it and try again"
        ) from None
    return fd



@contextlib.contextmanager
def write_lock(path: str | os.PathLike[str]) -> Iterator[None]:
    """Hold the exclusive lock of the store in ``path`` for a ``with`` block.

    ``kg build`` and ``kg add`` hold it while they stage, commit and recover,
    so no reader opens the store meanwhile and no other writer stages beside them.
    """
    fd = lock_store(path, shared=False)
    try:
        yield
    finally:
        os.close(fd)


def _finish_interrupted_commit(path: Path, lock_fd: int, shared: bool) -> None:
    """Run :func:`kg.atomic.recover` on the store's folder if a commit record is there.

    A writer holds the lock exclusively already. A reader upgrades its
    shared lock for the recovery if no other reader has the store open, and
    otherwise refuses: the store and the exports may be of different builds.
    """
    from kg.atomic import COMMIT_RECORD, recover

    out = path.parent
    if not (out / COMMIT_RECORD).exists():
        return
    if shared:
        try:
            fcntl.flock(lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(
                f"{out}: an interrupted build in {out} ({COMMIT_RECORD} is there) cannot be finished while "
                "another process reads the store; stop it (`kg serve`), then run `kg build`/`kg add` again "
                "or open the store once more"
            ) from None
    recover(out)
    if shared:
        try:
            fcntl.flock(lock_fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(f"{path}: the graph store is being written by another `kg` process; wait for it to finish") from None

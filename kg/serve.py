"""A read-only SPARQL 1.1 Protocol endpoint over the graph store.

``kg serve`` answers ``GET /sparql?query=…`` and ``POST`` queries (as
``application/sparql-query`` or form-encoded ``query=``) from the union of
all page graphs. SELECT and ASK results come as SPARQL JSON (the default),
CSV or TSV; CONSTRUCT and DESCRIBE as Turtle (the default) or N-Triples,
chosen by the ``Accept`` header. ``GET /`` is a small self-contained query
page. SPARQL Update is refused with 403 however it is sent: as ``update=``,
as ``application/sparql-update``, or as the text of ``query=``; and the
workers open the store read-only, so nothing can write through them.

Why worker processes. Oxigraph cannot interrupt a running query, so a
timeout inside the server process could only stop *waiting* while the query
kept a core busy. Each query therefore runs in one of a small pool of worker
processes, each holding the store open read-only; when a query is late its
worker is killed (which really stops it) and a fresh one is started. Workers
are reused between queries, so the cost of starting a process is paid only
after a timeout or a crash, not per query. Results are capped at
``max_rows`` rows (or triples); a truncated answer carries the header
``X-KG-Truncated: max-rows=N``.

The store's summary graphs (precomputed results of named queries, see
``kg/summaries.py``) are not part of the data: a query that names graphs
(``GRAPH``) without a dataset of its own (``FROM``, ``named-graph-uri``)
sees the page graphs only.
"""

from __future__ import annotations

import html
import json
import multiprocessing
import queue
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from kg.errors import StoreError
from kg.store import DEFAULT_PREFIXES, UPDATE_KEYWORDS, GraphStore, names_graphs, query_form

MAX_BODY = 1 << 20  # bytes of a POSTed query
WORKER_START_TIMEOUT = 60.0  # seconds for a worker process to open the store

SELECT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
}
CONTENT_TYPES = {
    "json": "application/sparql-results+json",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8",
    "ntriples": "application/n-triples",
}


@dataclass
class Reply:
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def text(cls, status: int, message: str) -> "Reply":
        return cls(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode("utf-8"))


# --- content negotiation ----------------------------------------------------


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Media ranges of an Accept header, best first (stable for equal q)."""
    if not header:
        return [("*/*", 1.0)]
    ranges = []
    for i, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        ranges.append((fields[0].lower(), q, i))
    ranges.sort(key=lambda r: (-r[1], r[2]))
    return [(m, q) for m, q, _ in ranges if q > 0]


def negotiate(accept: str | None, offers: dict[str, str]) -> str | None:
    """The format key of the best offer for ``accept``; the first offer for
    ``*/*``; ``None`` when nothing offered is acceptable."""
    default = next(iter(offers.values()))
    for media, _ in parse_accept(accept):
        if media in offers:
            return offers[media]
        if media == "*/*":
            return default
        if media.endswith("/*"):
            major = media[:-1]
            for offer, key in offers.items():
                if offer.startswith(major):
                    return key
    return None


# --- result writers (run in the workers) ------------------------------------


def _json_term(term) -> dict:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                        "predicate": _json_term(term.predicate),
                                        "object": _json_term(term.object)}}


def _csv_cell(term) -> str:
    import pyoxigraph as ox

    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        value = "_:" + term.value
    elif isinstance(term, (ox.NamedNode, ox.Literal)):
        value = term.value
    else:
        value = str(term)
    if any(c in value for c in ',"\r\n'):
        value = '"' + value.replace('"', '""') + '"'
    return value


def write_solutions(variables: list[str], rows: list[list], fmt: str) -> bytes:
    """Serialise SELECT results (pyoxigraph terms, ``None`` for unbound)."""
    if fmt == "json":
        bindings = [{v: _json_term(t) for v, t in zip(variables, row) if t is not None} for row in rows]
        doc = {"head": {"vars": variables}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if fmt == "csv":
        lines = [",".join(variables)] + [",".join(_csv_cell(t) for t in row) for row in rows]
        return ("\r\n".join(lines) + "\r\n").encode("utf-8")
    # TSV: terms in their N-Triples/Turtle form (pyoxigraph's str escapes
    # tabs and newlines inside literals)
    lines = ["\t".join("?" + v for v in variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def write_boolean(value: bool, fmt: str) -> bytes:
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    return (("true" if value else "false") + "\n").encode("utf-8")


def write_triples(triples: list, fmt: str) -> bytes:
    import pyoxigraph as ox

    if fmt == "ntriples":
        return "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in triples).encode("utf-8")
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=DEFAULT_PREFIXES) or b""


def execute(store, sparql: str, accept: str | None, max_rows: int,
            default_graphs: list[str] = (), named_graphs: list[str] = (),
            page_graphs: list[str] | None = None) -> Reply:
    """Run one query against an open :class:`pyoxigraph.Store` and format the reply.

    ``page_graphs``: when given, the named graphs a ``GRAPH`` pattern may
    see if the request and the query name none (hiding the summary graphs).
    """
    import pyoxigraph as ox

    form = query_form(sparql)
    if form in UPDATE_KEYWORDS:
        return Reply.text(403, f"SPARQL Update ({form}) is not allowed: this endpoint is read-only")
    kwargs: dict = {"prefixes": DEFAULT_PREFIXES}
    try:
        if default_graphs:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        else:
            pass  # the store's default graph holds the union of the pages
        if named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        elif page_graphs is not None and names_graphs(sparql):
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in page_graphs]
    except ValueError as exc:
        return Reply.text(400, f"bad graph IRI: {exc}")
    try:
        result = store.query(sparql, **kwargs)
        if isinstance(result, ox.QueryBoolean):
            fmt = negotiate(accept, {**SELECT_TYPES, "text/plain": "text"})
            if fmt is None:
                return _not_acceptable(SELECT_TYPES)
            body = write_boolean(bool(result), fmt if fmt == "json" else "text")
            return Reply(200, CONTENT_TYPES.get(fmt, "text/plain; charset=utf-8"), body)
        truncated = False
        if isinstance(result, ox.QuerySolutions):
            fmt = negotiate(accept, SELECT_TYPES)
            if fmt is None:
                return _not_acceptable(SELECT_TYPES)
            variables = [v.value for v in result.variables]
            rows = []
            for solution in result:
                if len(rows) >= max_rows:
                    truncated = True
                    break
                rows.append([solution[i] for i in range(len(variables))])
            body = write_solutions(variables, rows, fmt)
        else:
            fmt = negotiate(accept, GRAPH_TYPES)
            if fmt is None:
                return _not_acceptable(GRAPH_TYPES)
            triples = []
            for triple in result:
                if len(triples) >= max_rows:
                    truncated = True
                    break
                triples.append(triple)
            body = write_triples(triples, fmt)
    except SyntaxError as exc:
        return Reply.text(400, f"invalid SPARQL query: {exc}")
    except OSError as exc:
        return Reply.text(500, f"query failed: {exc}")
    headers = {"X-KG-Truncated": f"max-rows={max_rows}"} if truncated else {}
    return Reply(200, CONTENT_TYPES[fmt], body, headers)


def _not_acceptable(offers: dict[str, str]) -> Reply:
    return Reply.text(406, "none of the requested media types can be produced; use one of " + ", ".join(offers))


# --- worker processes ------------------------------------------------------


def _worker_main(conn, store_path: str, max_rows: int) -> None:
    try:
        store = GraphStore.open(store_path, create=False, read_only=True)
    except StoreError as exc:
        conn.send(("error", str(exc)))
        return
    # the store is read-only while the workers have it open: its page
    # graphs are listed once (only needed when it holds summary graphs)
    page_graphs = store.page_graph_iris() if store.summary_names() else None
    conn.send(("ready", ""))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            break
        if request is None:
            break
        sparql, accept, default_graphs, named_graphs = request
        reply = execute(store.oxigraph, sparql, accept, max_rows, default_graphs, named_graphs, page_graphs)
        conn.send(reply)
    store.close()


class _Worker:
    def __init__(self, ctx, store_path: str, max_rows: int):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, store_path, max_rows),
                                   name="kg-serve-worker", daemon=True)
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float) -> None:
        if not self.conn.poll(timeout):
            self.kill()
            raise StoreError("a query worker did not start in time")
        status, message = self.conn.recv()
        if status != "ready":
            self.kill()
            raise StoreError(message)

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


class QueryPool:
    """Worker processes that run queries and can be killed on timeout."""

    def __init__(self, store_path: str | Path, workers: int = 2, timeout: float = 10.0, max_rows: int = 10000):
        self.store_path = str(store_path)
        self.timeout = timeout
        self.max_rows = max_rows
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        started = [self._spawn() for _ in range(max(1, workers))]
        for w in started:
            w.wait_ready(WORKER_START_TIMEOUT)
            self._idle.put(w)

    def _spawn(self) -> _Worker:
        w = _Worker(self._ctx, self.store_path, self.max_rows)
        with self._lock:
            self._all.add(w)
        return w

    def _replace(self, dead: _Worker) -> None:
        dead.kill()
        with self._lock:
            self._all.discard(dead)
        if self._closed:
            return

        def start():
            try:
                w = self._spawn()
                w.wait_ready(WORKER_START_TIMEOUT)
                self._idle.put(w)
            except StoreError:
                pass

        threading.Thread(target=start, daemon=True).start()

    def run(self, sparql: str, accept: str | None, default_graphs=(), named_graphs=()) -> Reply:
        # waiting for a free worker (or for one to restart after a timeout)
        # does not count against the query's own time
        wait = max(self.timeout, WORKER_START_TIMEOUT)
        try:
            worker = self._idle.get(timeout=wait)
        except queue.Empty:
            return Reply.text(503, f"the endpoint is busy: no query worker became free within {wait:g} s")
        deadline = time.monotonic() + self.timeout
        try:
            worker.conn.send((sparql, accept, list(default_graphs), list(named_graphs)))
            if worker.conn.poll(max(0.0, deadline - time.monotonic())):
                reply = worker.conn.recv()
                self._idle.put(worker)
                return reply
        except (EOFError, OSError, BrokenPipeError):
            self._replace(worker)
            return Reply.text(500, "the query worker stopped unexpectedly; try again")
        self._replace(worker)
        return Reply.text(503, f"query timed out after {self.timeout:g} s and was stopped; "
                               "narrow it down (LIMIT, more specific patterns)")

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            try:
                w.conn.send(None)
            except OSError:
                pass
            w.process.join(2)
            w.kill()


# --- HTTP -------------------------------------------------------------------


class SparqlHandler(BaseHTTPRequestHandler):
    server: "SparqlServer"
    server_version = "kg-serve"
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        if not self.server.quiet:
            super().log_message(format, *args)

    def _send(self, reply: Reply, head_only: bool = False) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for k, v in reply.headers.items():
            self.send_header(k, v)
        self.end_headers()
        if not head_only:
            self.wfile.write(reply.body)

    def do_GET(self):
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if url.path not in ("/", "/sparql", "/query"):
            return self._send(Reply.text(404, f"no such resource {url.path}; the endpoint is /sparql"))
        if "update" in params:
            return self._send(_refuse_update())
        if "query" not in params:
            if url.path == "/":
                return self._send(Reply(200, "text/html; charset=utf-8", self.server.page()))
            return self._send(Reply.text(400, "missing query parameter: GET /sparql?query=SELECT…"))
        self._answer(params)

    def do_HEAD(self):
        if urlsplit(self.path).path == "/":
            return self._send(Reply(200, "text/html; charset=utf-8", self.server.page()), head_only=True)
        self._send(Reply.text(405, "HEAD is only supported for /"), head_only=True)

    def do_POST(self):
        url = urlsplit(self.path)
        if url.path not in ("/", "/sparql", "/query"):
            return self._send(Reply.text(404, f"no such resource {url.path}; the endpoint is /sparql"))
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.close_connection = True
            return self._send(Reply.text(413, f"request body too large (limit {MAX_BODY} bytes)"))
        body = self.rfile.read(length).decode("utf-8", errors="replace") if length else ""
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
        if ctype == "application/sparql-update" or "update" in params:
            return self._send(_refuse_update())
        if ctype == "application/sparql-query":
            params["query"] = [body]
        elif ctype == "application/x-www-form-urlencoded":
            form = parse_qs(body, keep_blank_values=True)
            if "update" in form:
                return self._send(_refuse_update())
            for k, v in form.items():
                params.setdefault(k, []).extend(v)
        else:
            return self._send(Reply.text(415, "send the query as application/sparql-query or "
                                              "application/x-www-form-urlencoded (query=…)"))
        if "query" not in params:
            return self._send(Reply.text(400, "missing query"))
        self._answer(params)

    def _refuse(self):
        self._send(Reply.text(405, "this endpoint is read-only: use GET or POST with a query"))

    do_PUT = do_DELETE = do_PATCH = _refuse

    def _answer(self, params: dict[str, list[str]]) -> None:
        if len(params["query"]) != 1:
            return self._send(Reply.text(400, "give exactly one query parameter"))
        sparql = params["query"][0]
        if query_form(sparql) in UPDATE_KEYWORDS:
            return self._send(_refuse_update())
        reply = self.server.pool.run(sparql, self.headers.get("Accept"),
                                     params.get("default-graph-uri", []), params.get("named-graph-uri", []))
        self._send(reply)


def _refuse_update() -> Reply:
    return Reply.text(403, "SPARQL Update is not allowed: this endpoint is read-only")


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, pool: QueryPool, quiet: bool = False, title: str = "cngov-kg SPARQL endpoint"):
        self.pool = pool
        self.quiet = quiet
        self.title = title
        self._page: bytes | None = None
        super().__init__(address, SparqlHandler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/sparql"

    def page(self) -> bytes:
        if self._page is None:
            self._page = query_page(self.title, self.pool.timeout, self.pool.max_rows).encode("utf-8")
        return self._page

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


def make_server(out_or_store: str | Path, host: str = "127.0.0.1", port: int = 7878, timeout: float = 10.0,
                max_rows: int = 10000, workers: int = 2, quiet: bool = False) -> SparqlServer:
    """A ready endpoint over the store in ``out_or_store`` (an output folder
    holding ``store/``, or the store folder itself). Call ``serve_forever()``
    on it, and ``server_close()`` to stop it and its workers."""
    path = Path(out_or_store)
    if (path / "store").is_dir():
        path = path / "store"
    if not path.is_dir():
        raise StoreError(f"{path}: no graph store here; run `kg build` first")
    if timeout <= 0 or max_rows <= 0:
        raise StoreError("--timeout and --max-rows must be positive")
    pool = QueryPool(path, workers=workers, timeout=timeout, max_rows=max_rows)
    try:
        return SparqlServer((host, port), pool, quiet=quiet)
    except OSError as exc:
        pool.close()
        raise StoreError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc


# --- the query page ----------------------------------------------------------


def _examples() -> list[tuple[str, str]]:
    examples = [("All programs", "SELECT ?program ?label WHERE {\n  ?program a kg:Program ; skos:prefLabel ?label .\n}\n"
                 "ORDER BY ?label\nLIMIT 100")]
    try:
        from kg.query import library

        examples += [(q.title or q.name, q.text) for q in library().values()]
    except Exception:  # noqa: BLE001 - the page works without the library
        pass
    return examples


def query_page(title: str, timeout: float, max_rows: int) -> str:
    """The HTML query page: one file, no external resources."""
    options = "\n".join(
        f'<option value="{i}">{html.escape(name)}</option>' for i, (name, _) in enumerate(_examples()))
    examples = json.dumps([text for _, text in _examples()], ensure_ascii=False).replace("</", "<\\/")
    prefixes = "\n".join(f"PREFIX {p}: &lt;{html.escape(iri)}&gt;" for p, iri in DEFAULT_PREFIXES.items())
    return _PAGE.format(title=html.escape(title), options=options, examples=examples, prefixes=prefixes,
                        timeout=f"{timeout:g}", max_rows=max_rows)


_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body{{font-family:system-ui,sans-serif;margin:1.5rem;max-width:70rem;color:#222}}
textarea{{width:100%;height:14rem;font-family:ui-monospace,monospace;font-size:.9rem}}
table{{border-collapse:collapse;margin-top:1rem;font-size:.9rem}}
td,th{{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}}
th{{background:#f3f3f3}} .err{{color:#a00;white-space:pre-wrap}} .note{{color:#666}}
pre{{background:#f7f7f7;padding:.5rem;overflow:auto}}
</style></head><body>
<h1>{title}</h1>
<p class="note">Read-only SPARQL 1.1 endpoint at <code>/sparql</code> over the union of all pages.
Queries stop after {timeout} s; answers hold at most {max_rows} rows. Predeclared prefixes:</p>
<pre>{prefixes}</pre>
<label>Example <select id="ex">{options}</select></label>
<textarea id="q" spellcheck="false"></textarea>
<p><label>Format <select id="fmt">
<option value="application/sparql-results+json">table (JSON)</option>
<option value="text/csv">CSV</option><option value="text/tab-separated-values">TSV</option>
<option value="text/turtle">Turtle (CONSTRUCT)</option><option value="application/n-triples">N-Triples (CONSTRUCT)</option>
</select></label> <button id="run">Run</button> <span id="status" class="note"></span></p>
<div id="out"></div>
<script>
const EXAMPLES = {examples};
const q = document.getElementById("q"), ex = document.getElementById("ex");
const out = document.getElementById("out"), status = document.getElementById("status");
q.value = EXAMPLES[0];
ex.onchange = () => {{ q.value = EXAMPLES[+ex.value]; }};
function cell(t) {{
  if (!t) return "";
  if (t.type === "literal") return t.value + (t["xml:lang"] ? " @" + t["xml:lang"] : "");
  return t.value;
}}
function table(data) {{
  const tbl = document.createElement("table"), head = tbl.insertRow();
  if ("boolean" in data) {{ out.textContent = "ASK: " + data.boolean; return; }}
  for (const v of data.head.vars) {{ const th = document.createElement("th"); th.textContent = v; head.appendChild(th); }}
  for (const b of data.results.bindings) {{
    const row = tbl.insertRow();
    for (const v of data.head.vars) row.insertCell().textContent = cell(b[v]);
  }}
  out.replaceChildren(tbl);
}}
document.getElementById("run").onclick = async () => {{
  const accept = document.getElementById("fmt").value, started = performance.now();
  status.textContent = "running…"; out.textContent = "";
  try {{
    const r = await fetch("sparql", {{method: "POST", headers: {{"Content-Type": "application/sparql-query", "Accept": accept}}, body: q.value}});
    const text = await r.text(), ms = Math.round(performance.now() - started);
    const cut = r.headers.get("X-KG-Truncated");
    status.textContent = r.status + " in " + ms + " ms" + (cut ? " — truncated (" + cut + ")" : "");
    if (!r.ok) {{ const p = document.createElement("p"); p.className = "err"; p.textContent = text; out.replaceChildren(p); return; }}
    if ((r.headers.get("Content-Type") || "").startsWith("application/sparql-results+json")) table(JSON.parse(text));
    else {{ const pre = document.createElement("pre"); pre.textContent = text; out.replaceChildren(pre); }}
  }} catch (e) {{ status.textContent = "failed: " + e; }}
}};
</script></body></html>
"""

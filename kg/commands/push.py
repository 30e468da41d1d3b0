"""``kg push``: load the graph into a SPARQL 1.1 Graph Store Protocol endpoint.

The union of the store's pages is sent as N-Triples to ``ENDPOINT?graph=IRI``
(or ``ENDPOINT?default``): with ``PUT`` (the default) the target graph is
replaced, with ``POST`` the triples are added to it. Afterwards the graph is
read back from the endpoint and its triples counted: after a PUT the count
must equal ours, after a POST it must be at least ours, else the push fails.
"""

from __future__ import annotations

import argparse
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KGError, StoreError

EPILOG = """examples:
  kg push --endpoint http://127.0.0.1:7878/store                  # oxigraph serve: replace its default graph
  kg push --endpoint http://127.0.0.1:3030/ds/data --graph https://w3id.org/cngov-kg/graph/2021
  kg push --endpoint http://127.0.0.1:7878/store --method post --header 'Authorization: Bearer TOKEN'
"""


@dataclass
class PushReport:
    url: str
    method: str
    status: int
    sent: int  # triples sent
    remote: int  # triples in the target graph afterwards


def target_url(endpoint: str, graph: str | None) -> str:
    """The Graph Store Protocol URL of ``graph`` (``None``: the default graph).

    >>> target_url("http://127.0.0.1:7878/store", None)
    'http://127.0.0.1:7878/store?default'
    >>> target_url("http://h/ds/data?x=1", "https://w3id.org/cngov-kg/graph/a b")
    'http://h/ds/data?x=1&graph=https%3A%2F%2Fw3id.org%2Fcngov-kg%2Fgraph%2Fa%20b'
    """
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise KGError(f"--endpoint {endpoint!r}: give an http(s) URL, e.g. http://127.0.0.1:7878/store")
    param = "default" if graph is None else "graph=" + urllib.parse.quote(graph, safe="")
    sep = "&" if parts.query else "?"
    return endpoint + sep + param


def _request(url: str, method: str, data: bytes | None, headers: dict[str, str], timeout: float) -> tuple[int, bytes]:
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as err:
        detail = err.read()[:300].decode("utf-8", errors="replace").strip()
        raise KGError(f"{method} {url} failed: HTTP {err.code} {err.reason}" + (f": {detail}" if detail else "")) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise KGError(f"cannot reach {url}: {reason}; is the endpoint running?") from None


def count_ntriples(data: bytes) -> int:
    """Distinct triples in an N-Triples document."""
    import pyoxigraph as ox

    try:
        return len({str(t) for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)})
    except SyntaxError as exc:
        raise KGError(f"the endpoint answered with invalid N-Triples: {exc}") from None


def remote_triple_count(endpoint: str, graph: str | None = None, headers: dict[str, str] | None = None,
                        timeout: float = 300.0) -> int:
    """The number of triples the endpoint holds in ``graph`` (GSP GET)."""
    status, body = _request(target_url(endpoint, graph), "GET", None,
                            {"Accept": "application/n-triples", **(headers or {})}, timeout)
    return count_ntriples(body)


def push_ntriples(data: bytes, endpoint: str, graph: str | None = None, method: str = "PUT",
                  headers: dict[str, str] | None = None, timeout: float = 300.0) -> PushReport:
    """Send N-Triples ``data`` to the endpoint and check the result by reading it back."""
    method = method.upper()
    if method not in ("PUT", "POST"):
        raise KGError(f"--method {method!r}: use PUT (replace the graph) or POST (add to it)")
    url = target_url(endpoint, graph)
    sent = count_ntriples(data)
    status, _ = _request(url, method, data, {"Content-Type": "application/n-triples", **(headers or {})}, timeout)
    remote = remote_triple_count(endpoint, graph, headers, timeout)
    if (method == "PUT" and remote != sent) or remote < sent:
        raise KGError(f"{url}: pushed {sent} triples but the endpoint holds {remote} afterwards")
    return PushReport(url, method, status, sent, remote)


def push_store(out_or_store: str | Path, endpoint: str, graph: str | None = None, method: str = "PUT",
               headers: dict[str, str] | None = None, timeout: float = 300.0) -> PushReport:
    """Push the union of the store's pages (in ``out_or_store`` or its ``store/``)."""
    from kg.store import GraphStore

    path = Path(out_or_store)
    if (path / "store").is_dir():
        path = path / "store"
    if not path.is_dir():
        raise StoreError(f"{path}: no graph store here; run `kg build` first")
    with GraphStore.open(path, create=False, read_only=True) as store:
        data = store.to_ntriples()
    return push_ntriples(data, endpoint, graph, method, headers, timeout)


def _parse_headers(values: list[str]) -> dict[str, str]:
    headers = {}
    for value in values:
        name, sep, content = value.partition(":")
        if not sep or not name.strip():
            raise KGError(f"--header {value!r}: write 'Name: value'")
        headers[name.strip()] = content.strip()
    return headers


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "push",
        help="load the graph into a SPARQL Graph Store Protocol endpoint",
        description="Send the graph (the union of all pages) as N-Triples to a SPARQL 1.1 Graph Store "
        "Protocol endpoint, then read it back and check the triple count.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--endpoint", required=True, metavar="URL", help="the endpoint's graph store URL")
    p.add_argument("--graph", metavar="IRI", help="target named graph (default: the default graph)")
    p.add_argument("--method", choices=("put", "post"), default="put",
                   help="put replaces the target graph, post adds to it (default: put)")
    p.add_argument("--out", "-o", default="exports", metavar="DIR", help="output folder holding store/ (default: exports/)")
    p.add_argument("--header", action="append", default=[], metavar="'NAME: VALUE'",
                   help="extra HTTP header, e.g. for authentication (repeatable)")
    p.add_argument("--timeout", type=float, default=300.0, help="seconds to wait for the endpoint (default: 300)")
    p.set_defaults(func=run)


def run(args) -> int:
    report = push_store(args.out, args.endpoint, args.graph, args.method, _parse_headers(args.header), args.timeout)
    print(f"kg push: {report.method} {report.url}: HTTP {report.status}, "
          f"{report.sent} triples sent, {report.remote} in the target graph")
    return 0

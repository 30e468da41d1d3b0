"""``kg serve``: a read-only SPARQL endpoint over the built graph."""

from __future__ import annotations

import argparse

from kg.serve import make_server

EPILOG = """examples:
  kg serve                          # http://127.0.0.1:7878/ (query page) and /sparql
  kg serve --out build --port 8000 --timeout 30
  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 5' \\
       http://127.0.0.1:7878/sparql
"""


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "serve",
        help="serve the graph as a read-only SPARQL endpoint",
        description="Serve the graph store of a build as a read-only SPARQL 1.1 Protocol endpoint "
        "(GET/POST /sparql; JSON, CSV, TSV, Turtle or N-Triples by Accept) with a query page at /. "
        "SPARQL Update is refused. Each query runs in a worker process that is stopped at the timeout.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--out", "-o", default="exports", help="output folder of the build, holding store/ (default: exports)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=7878, help="port (default: 7878)")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds before a query is stopped (default: 10)")
    p.add_argument("--max-rows", type=int, default=10000, help="most rows or triples in an answer (default: 10000)")
    p.add_argument("--workers", type=int, default=2, help="query worker processes (default: 2)")
    p.add_argument("--quiet", "-q", action="store_true", help="do not log requests")
    p.set_defaults(func=run)


def run(args) -> int:
    server = make_server(args.out, host=args.host, port=args.port, timeout=args.timeout,
                         max_rows=args.max_rows, workers=args.workers, quiet=args.quiet)
    print(f"kg serve: SPARQL endpoint at {server.url} (query page at {server.url[:-len('sparql')]}); Ctrl-C stops it",
          flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
    return 0

"""``kg query``: run SPARQL — inline, from a file or from the named-query library."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from kg.errors import QueryError
from kg.query import (
    DEFAULT_TIMEOUT,
    FORMATTERS,
    NamedQuery,
    OxigraphEngine,
    RdflibEngine,
    answer_query,
    bind_params,
    describe_library,
    get_query,
    library,
    load_graph,
    load_query_file,
    open_store,
)

EPILOG = """examples:
  kg query --list
  kg query programs-in-place --param place=故城县
  kg query agency-programs --live            # run it, not its stored summary
  kg query agency-programs --limit 20 --offset 40   # one page of a long listing
  kg query -f my-query.rq --format csv
  kg query 'SELECT ?p ?l WHERE { ?p a kg:Program ; skos:prefLabel ?l }'
"""


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "query",
        help="run a SPARQL query (inline, from a file or a named query)",
        description="Run SPARQL over a built graph. QUERY is the name of a query of the library "
        "(see --list) or the text of a query; the prefixes kg:, kgr:, skos:, rdfs:, xsd: … are "
        "predeclared. Parameters are bound as RDF terms, never pasted into the query.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("query", nargs="?", help="a named query or the text of a SPARQL query")
    p.add_argument("-f", "--file", help="read the query from this .rq file")
    p.add_argument("--list", action="store_true", help="list the named queries with their parameters")
    p.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE",
                   help="bind a parameter (repeatable), e.g. --param place=故城县")
    src = p.add_mutually_exclusive_group()
    src.add_argument("--graph", "-g", default=None,
                     help="a Turtle file of a built graph, queried with rdflib")
    src.add_argument("--store", "-s", default=None,
                     help="folder of an on-disk graph store (default: exports/store, else exports/kg.ttl)")
    p.add_argument("--format", "-t", choices=sorted(FORMATTERS), default="table", help="output format (default: table)")
    p.add_argument("--live", action="store_true",
                   help="run the query even when the store holds a precomputed summary of it")
    p.add_argument("--limit", type=int, default=None, metavar="N",
                   help="print at most N rows of a SELECT result (the count of all rows goes to stderr)")
    p.add_argument("--offset", type=int, default=0, metavar="K",
                   help="skip the first K rows of a SELECT result (with --limit: one page of it)")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                   help=f"give up after this many seconds (default: {DEFAULT_TIMEOUT:g})")
    p.set_defaults(func=run)


def parse_params(pairs: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise QueryError(f"--param {pair!r}: write NAME=VALUE, e.g. --param place=故城县")
        params[name.strip()] = value
    return params


def resolve_query(args) -> NamedQuery:
    if args.file:
        if args.query:
            raise QueryError("give either a query or -f FILE, not both")
        return load_query_file(args.file)
    if not args.query:
        raise QueryError("no query: give a named query (see 'kg query --list'), a SPARQL text or -f FILE")
    text = args.query
    if text in library() or ("{" not in text and " " not in text.strip()):
        return get_query(text.strip())
    return NamedQuery("inline", "", "", (), text, "query")


DEFAULT_STORE = "exports/store"


def run(args) -> int:
    if args.list:
        sys.stdout.write(describe_library())
        return 0
    query = resolve_query(args)
    bindings = bind_params(query, parse_params(args.param))
    if args.graph:
        engine = RdflibEngine(load_graph(args.graph))
    elif args.store or Path(DEFAULT_STORE).is_dir():
        engine = OxigraphEngine(open_store(args.store or DEFAULT_STORE))
    else:
        engine = RdflibEngine(load_graph("exports/kg.ttl"))
    if (args.limit is not None and args.limit < 0) or args.offset < 0:
        raise QueryError("--limit and --offset take a number of rows, 0 or more")
    result = answer_query(engine, query, bindings, timeout=args.timeout, live=args.live)
    if args.limit is not None or args.offset:
        result = _page(result, args.offset, args.limit)
    sys.stdout.write(FORMATTERS[args.format](result))
    return 0


def _page(result, offset: int, limit: int | None):
    """Rows ``offset`` … ``offset + limit`` of a SELECT result; says on stderr how many there are."""
    if result.kind != "select":
        raise QueryError("--limit and --offset apply to SELECT results (this query gives "
                         + ("a graph" if result.kind == "graph" else "yes or no") + ")")
    total = len(result.rows)
    end = total if limit is None else min(total, offset + limit)
    rows = result.rows[offset:end]
    shown = f"rows {offset + 1}–{offset + len(rows)}" if rows else "no rows"
    sys.stderr.write(f"kg query: {shown} of {total}\n")
    return dataclasses.replace(result, rows=rows)

"""``kg explore``: write the self-contained HTML explorer of the graph."""

from __future__ import annotations

import argparse
import sys

from kg.explorer import write_explorer
from kg.query import load_graph


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "explore",
        help="write an HTML page to browse the graph offline",
        description="Write one self-contained HTML file (no network needed) showing the graph: "
        "search by any name or alias, filters by type and county, and a side panel with each "
        "entity's relations and the sentences that state them. With --focus, write only the "
        "entities within --hops relations of one entity.",
        epilog="example: kg explore --graph exports/kg.ttl --focus 故城县 --hops 2 --out exports/gucheng.html",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--graph", "-g", default="exports/kg.ttl", help="graph file (default: exports/kg.ttl)")
    p.add_argument("--focus", "-f", default=None, metavar="NAME", help="name, alias or IRI of the entity at the centre")
    p.add_argument("--hops", "-n", type=int, default=1, metavar="N", help="hops around --focus (default: 1)")
    p.add_argument("--out", "-o", default="exports/explorer.html", help="output HTML file (default: exports/explorer.html)")
    p.add_argument("--title", default="cngov-kg explorer", help="page title")
    p.set_defaults(func=run)


def run(args) -> int:
    if args.hops < 0:
        print(f"kg explore: error: --hops must be 0 or more, not {args.hops}", file=sys.stderr)
        return 2
    graph = load_graph(args.graph)
    stats = write_explorer(graph, args.out, focus=args.focus, hops=args.hops, title=args.title)
    print(f"wrote {stats.path} ({stats.nodes} entities, {stats.edges} relations)", file=sys.stderr)
    return 0

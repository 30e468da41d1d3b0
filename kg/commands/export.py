"""``kg export``: write the graph as Turtle, N-Triples, JSON-LD, TriG, GraphML, GEXF or CSV."""

from __future__ import annotations

import argparse
import sys

from kg.export import FORMATS, export
from kg.query import load_graph, open_store


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "export",
        help="export the graph (turtle, ntriples, jsonld, trig, graphml, gexf, csv)",
        description="Write the graph in another format. Output is deterministic: the same graph "
        "gives the same bytes. csv writes a folder with entities.csv and relations.csv; trig puts "
        "what each article states in a named graph of its own.",
        epilog="example: kg export --format gexf --graph exports/kg.ttl --out exports/kg.gexf",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--format", "-t", required=True, choices=FORMATS, help="output format")
    src = p.add_mutually_exclusive_group()
    src.add_argument("--graph", "-g", default=None, help="Turtle file of a built graph (default: exports/kg.ttl)")
    src.add_argument("--store", "-s", default=None, help="folder of an on-disk graph store")
    p.add_argument("--out", "-o", required=True, help="output file (for csv: output folder)")
    p.set_defaults(func=run)


def run(args) -> int:
    source = open_store(args.store) if args.store else load_graph(args.graph or "exports/kg.ttl")
    for path in export(source, args.format, args.out):
        print(f"wrote {path}", file=sys.stderr)
    return 0

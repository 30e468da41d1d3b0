"""``kg build``: pages → graph → exports."""

from __future__ import annotations

from kg.commands import add_page_options, progress_printer
from kg.pipeline import build, print_report

HELP = """Build the knowledge graph of the given pages (files or folders).

Writes DIR/store (the on-disk graph store), DIR/kg.ttl and DIR/explorer.html.
Pages that cannot be read are reported and skipped; the exit status is 1
when any page failed (with --strict the first failure stops the build and
nothing is written).

example:
  kg build                      # the pages in seeds/ into exports/
  kg build news/2021 --out out/2021 --workers 2
"""


def register(sub) -> None:
    p = sub.add_parser("build", help="build the graph of pages (default: seeds/)", description=HELP,
                       formatter_class=__import__("argparse").RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="*", default=["seeds"], metavar="PATH", help="page files or folders (default: seeds/)")
    p.add_argument("--out", default="exports", metavar="DIR", help="output folder (default: exports/)")
    add_page_options(p, explorer_help="do not write explorer.html")
    p.set_defaults(func=run)


def run(args) -> int:
    report = build(
        args.paths, args.out, workers=args.workers, scheduler=args.scheduler, strict=args.strict,
        explorer=not args.no_explorer, progress=progress_printer(args),
    )
    print_report(report)
    return 0 if report.ok else 1

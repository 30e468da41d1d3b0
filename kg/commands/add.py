"""``kg add``: add pages to a built graph without rebuilding it.

Each page's facts live in the store as the page's own named graph, so adding
a page is one transaction on that graph: a new page is inserted, a page
added again (the same file name) has its old facts replaced. The result is
the graph a fresh ``kg build`` of all the pages would give.

The store and its exports (``kg.ttl``, ``explorer.html``) change together:
``kg add`` is :func:`kg.pipeline.build` with ``keep_pages``, which copies
the store into the staging folder (:func:`kg.atomic.copy_store`, hard links
to its immutable files, so the copy costs little), loads the pages into the
copy, writes the exports from it beside it and commits the whole. Killed at
any moment, the folder holds the previous store and exports or the new ones.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from pathlib import Path

from kg.commands import add_page_options, progress_printer
from kg.pipeline import BuildReport, build, print_report

EPILOG = """examples:
  kg add news/2021-12-23.txt                 # into exports/
  kg add more/ --out build --workers 2       # every page of a folder
  kg add seeds/000_db3279ee40e395c9.txt      # again: its facts are replaced
"""


def add_pages(inputs: Iterable[str | Path], out_dir: str | Path, **options) -> BuildReport:
    """Add (or replace) the pages of ``inputs`` in the store of ``out_dir``
    and rewrite its exports, all in one commit. ``options`` are those of
    :func:`kg.pipeline.build` (``workers``, ``scheduler``, ``strict``,
    ``explorer``, ``progress``). Bad pages are reported and skipped; with
    ``strict`` the first one stops before anything is written.

    >>> report = add_pages(["seeds/000_db3279ee40e395c9.txt"], "exports")  # doctest: +SKIP
    """
    return build(inputs, out_dir, keep_pages=True, **options)


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "add",
        help="add pages to a built graph (re-adding a page replaces its facts)",
        description="Add pages (files or folders) to the graph in DIR without rebuilding it. "
        "A page added again replaces its earlier facts. The exports DIR/kg.ttl and "
        "DIR/explorer.html are rewritten from the store.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="+", metavar="FILE", help="page files or folders")
    p.add_argument("--out", default="exports", metavar="DIR", help="output folder holding store/ (default: exports/)")
    add_page_options(p, explorer_help="do not rewrite explorer.html")
    p.set_defaults(func=run)


def run(args) -> int:
    report = add_pages(args.paths, args.out, workers=args.workers, scheduler=args.scheduler, strict=args.strict,
                       explorer=not args.no_explorer, progress=progress_printer(args))
    print_report(report)
    return 0 if report.ok else 1

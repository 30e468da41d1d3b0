"""``kg add``: add pages to a built graph without rebuilding it.

Each page's facts live in the store as the page's own named graph, so adding
a page is one transaction on that graph: a new page is inserted, a page
added again (the same file name) has its old facts replaced. The result is
the graph a fresh ``kg build`` of all the pages would give.

The store and its exports (``kg.ttl``, ``explorer.html``) change together,
as in ``kg build``: under the store's write lock, an interrupted earlier
commit is finished, the store is copied into a staging folder with
Oxigraph's backup (hard links to its immutable files, so the copy costs
little), the pages are loaded into the copy, the exports are written from it
beside it, and the whole is committed (:class:`kg.atomic.StagedOutput`).
Killed at any moment, the folder holds the previous store and exports or
the new ones.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable
from pathlib import Path

from kg.commands import add_page_options, progress_printer
from kg.errors import StoreError
from kg.pipeline import BuildReport, extract_pages, print_report, summarize, write_exports

EPILOG = """examples:
  kg add news/2021-12-23.txt                 # into exports/
  kg add more/ --out build --workers 2       # every page of a folder
  kg add seeds/000_db3279ee40e395c9.txt      # again: its facts are replaced
"""


def add_pages(
    inputs: Iterable[str | Path],
    out_dir: str | Path,
    *,
    workers: int = 1,
    scheduler: str | None = None,
    strict: bool = False,
    explorer: bool = True,
    progress: Callable[[int, int, str], None] | None = None,
) -> BuildReport:
    """Add (or replace) the pages of ``inputs`` in the store of ``out_dir``
    and rewrite its exports, all in one commit. Bad pages are reported and
    skipped; with ``strict`` the first one stops before anything is written.

    >>> report = add_pages(["seeds/000_db3279ee40e395c9.txt"], "exports")  # doctest: +SKIP
    """
    import time

    from kg.atomic import StagedOutput, pause_at, recover
    from kg.store import GraphStore, write_lock

    started = time.perf_counter()
    out = Path(out_dir)
    results, report = extract_pages(inputs, workers=workers, scheduler=scheduler, strict=strict, progress=progress)

    out.mkdir(parents=True, exist_ok=True)
    with write_lock(out / "store"):
        recover(out)
        with StagedOutput(out) as stage:
            copy_store(out / "store", stage.path("store"))
            pause_at("store")
            with GraphStore.open(stage.path("store"), create=True) as store:
                for r in results:
                    # one transaction per page: a page is never half-replaced
                    store.load_page_ntriples(r.name, r.ntriples)
                graph = store.to_rdflib()
            pause_at("export")
            write_exports(graph, stage.dir, explorer=explorer)
            report.outputs = [str(p) for p in stage.commit() if p.name != "store"]
    summarize(graph, report)
    report.seconds = time.perf_counter() - started
    return report


def copy_store(src: Path, dst: Path) -> bool:
    """Copy the store in ``src`` to the new directory ``dst``; False when there is none.

    Uses Oxigraph's backup, which hard-links the database's immutable files
    when ``dst`` is on the same file system, so the copy takes time in the
    size of the store's recent writes rather than of the store. The caller
    holds the store's write lock.
    """
    import pyoxigraph as ox

    if not (src.is_dir() and any(src.iterdir())):
        return False
    try:
        source = ox.Store.read_only(str(src))
        source.backup(str(dst))
    except OSError as exc:
        raise StoreError(f"{src}: cannot copy the graph store into {dst.parent} ({exc})") from exc
    finally:
        source = None  # closes the database
    return True


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

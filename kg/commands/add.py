"""``kg add``: add pages to a built graph without rebuilding it.

Each page's facts live in the store as the page's own named graph, so adding
a page is one transaction on that graph: a new page is inserted, a page
added again (the same file name) has its old facts replaced. The result is
the graph a fresh ``kg build`` of all the pages would give. The exports
(``kg.ttl``, ``explorer.html``) are then rewritten from the store.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from kg.errors import InputError
from kg.pipeline import BuildReport, PageResult, collect_paths, print_report, process_page, summarize, write_exports

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
    and rewrite its exports. Bad pages are reported and skipped; with
    ``strict`` the first one stops before anything is written.

    >>> report = add_pages(["seeds/000_db3279ee40e395c9.txt"], "exports")  # doctest: +SKIP
    """
    import time

    from kg.parallel import map_pages
    from kg.store import GraphStore, page_key

    started = time.perf_counter()
    out = Path(out_dir)
    paths = collect_paths(inputs)
    if not paths:
        raise InputError(", ".join(map(str, inputs)) or ".", "no page files found")
    report = BuildReport(pages=len(paths))
    results: dict[str, PageResult] = {}
    origin: dict[str, str] = {}
    for i, res in enumerate(map_pages(process_page, paths, workers=workers, scheduler=scheduler, errors="yield"), 1):
        if isinstance(res, BaseException):
            res = PageResult(str(paths[i - 1]), paths[i - 1].name, error=f"extraction failed: {res}")
        key = page_key(res.name)
        if res.error is None and key in origin and origin[key] != res.path:
            res = PageResult(res.path, res.name, error=f"same page name as {origin[key]}; rename one of them")
        if res.error:
            report.failed.append((res.path, res.error))
            if strict:
                raise InputError(res.path, res.error)
        else:
            origin[key] = res.path
            report.warnings.extend((res.path, w) for w in res.warnings)
            results[key] = res
        if progress:
            progress(i, len(paths), res.path)

    out.mkdir(parents=True, exist_ok=True)
    with GraphStore.open(out / "store", create=True) as store:
        for r in results.values():
            # one transaction per page: a page is never half-replaced
            store.load_page_ntriples(r.name, r.ntriples)
        graph = store.to_rdflib()
    report.outputs = write_exports(graph, out, explorer=explorer)
    summarize(graph, report)
    report.seconds = time.perf_counter() - started
    return report


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
    p.add_argument("--workers", type=int, default=1, metavar="N", help="extract in N processes (default: 1)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="run the extraction on a Dask cluster (tcp://host:8786)")
    p.add_argument("--strict", action="store_true", help="stop at the first page that fails")
    p.add_argument("--no-explorer", action="store_true", help="do not rewrite explorer.html")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    p.set_defaults(func=run)


def _progress(i: int, n: int, path: str) -> None:
    if n > 1:
        print(f"[{i}/{n}] {path}", file=sys.stderr, flush=True)


def run(args) -> int:
    report = add_pages(args.paths, args.out, workers=args.workers, scheduler=args.scheduler, strict=args.strict,
                       explorer=not args.no_explorer, progress=None if args.quiet else _progress)
    print_report(report)
    return 0 if report.ok else 1

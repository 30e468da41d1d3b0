"""The build: page files → graphs → store → exports.

``process_page`` is the pure per-page step (read, extract, make the page's
graph); ``build`` runs it over a corpus, in parallel if asked, loads every
page's graph into the store as its own named graph, and writes the
exports (``kg.ttl``, ``explorer.html``).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from rdflib import RDF

from kg.errors import InputError
from kg.namespace import KG

# file names a folder scan skips: hidden files and our own outputs
_SKIP_SUFFIXES = {".ttl", ".nt", ".jsonld", ".trig", ".gz", ".zip", ".png", ".jpg", ".jpeg", ".gif", ".pdf"}
ENTITY_CLASSES = ("Agency", "Organization", "Place", "Program")
RELATION_PROPS = ("runs", "locatedIn", "partOf", "jurisdiction", "subOrganizationOf", "partOfProgram", "mentionedIn")


@dataclass
class PageResult:
    """What one page gave: its triples (as N-Triples), or the reason it failed."""

    path: str
    name: str
    ntriples: bytes | None = None
    articles: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str | None = None

    @property
    def graph(self) -> rdflib.Graph | None:
        """The page's graph, parsed from its N-Triples."""
        if self.ntriples is None:
            return None
        from kg.namespace import bind_prefixes

        g = bind_prefixes(rdflib.Graph())
        g.parse(data=self.ntriples, format="nt")
        return g


@dataclass
class BuildReport:
    pages: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    articles: int = 0
    entities: dict[str, int] = field(default_factory=dict)
    relations: dict[str, int] = field(default_factory=dict)
    triples: int = 0
    seconds: float = 0.0
    outputs: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def collect_paths(inputs: Iterable[str | Path]) -> list[Path]:
    """The page files named by ``inputs``: files as given, folders scanned
    recursively (hidden files and exports skipped), in a stable order."""
    out: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            files = [
                f for f in sorted(p.rglob("*"))
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts)
                and f.suffix.lower() not in _SKIP_SUFFIXES
            ]
            out.extend(files)
        elif p.exists():
            out.append(p)
        else:
            raise InputError(str(p), "no such file or folder")
    return out


def process_page(path: str | Path) -> PageResult:
    """Read, extract and turn one page into its graph. Never raises for bad input."""
    from kg.extract.page import extract_page
    from kg.graph import page_ntriples
    from kg.ingest import check_page_size, read_page

    p = Path(path)
    try:
        page = read_page(p)
        check_page_size(page)
    except InputError as exc:
        return PageResult(str(p), p.name, error=exc.reason)
    extraction = extract_page(page)
    return PageResult(str(p), p.name, page_ntriples(extraction), len(page.articles), list(page.warnings))


def summarize(graph: rdflib.Graph, report: BuildReport) -> None:
    report.articles = len(set(graph.subjects(RDF.type, KG.Article)))
    report.entities = {c: len(set(graph.subjects(RDF.type, KG[c]))) for c in ENTITY_CLASSES}
    rel: dict[str, int] = {}
    for prop in RELATION_PROPS:
        preds = [KG[prop]] + ([KG.organizes, KG.undertakes, KG.leads] if prop == "runs" else [])
        rel[prop] = len({(s, o) for pr in preds for s, o in graph.subject_objects(pr)})
    report.relations = rel
    report.triples = len(graph)


def extract_pages(
    inputs: Iterable[str | Path],
    *,
    workers: int = 1,
    scheduler: str | None = None,
    strict: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
) -> tuple[list[PageResult], BuildReport]:
    """Extract every page of ``inputs`` (files or folders); the step shared by
    ``kg build`` and ``kg add``.

    Returns the pages that gave a graph, in input order, and a report whose
    ``pages``, ``failed`` and ``warnings`` are filled in. A page that fails
    (or whose page name, the part of IRIs taken from its file name, is the
    same as an earlier page's) is reported and left out; with ``strict`` the
    first one raises :class:`~kg.errors.InputError`. ``progress`` is called
    after each page with ``(done, total, path)``.
    """
    from kg.atomic import pause_at
    from kg.parallel import map_pages
    from kg.store import page_key

    paths = collect_paths(inputs)
    if not paths:
        raise InputError(", ".join(map(str, inputs)) or ".", "no page files found")
    report = BuildReport(pages=len(paths))
    results: list[PageResult] = []
    seen: dict[str, PageResult] = {}  # page key -> the page that has it
    for i, res in enumerate(map_pages(process_page, paths, workers=workers, scheduler=scheduler, errors="yield"), 1):
        if isinstance(res, BaseException):
            res = PageResult(str(paths[i - 1]), paths[i - 1].name, error=f"extraction failed: {res}")
        first = seen.get(page_key(res.name)) if res.error is None else None
        if first is not None:
            what = "file name" if first.name == res.name else "page name"
            res = PageResult(res.path, res.name, error=f"same {what} as {first.path}; rename one of them")
        if res.error:
            report.failed.append((res.path, res.error))
            if strict:
                raise InputError(res.path, res.error)
        else:
            seen[page_key(res.name)] = res
            report.warnings.extend((res.path, w) for w in res.warnings)
            results.append(res)
        if progress:
            progress(i, len(paths), res.path)
        if i == 1:
            pause_at("extract")
    return results, report


def build(
    inputs: Iterable[str | Path],
    out_dir: str | Path,
    *,
    workers: int = 1,
    scheduler: str | None = None,
    strict: bool = False,
    explorer: bool = True,
    progress: Callable[[int, int, str], None] | None = None,
    keep_pages: bool = False,
) -> BuildReport:
    """Build the graph of ``inputs`` into ``out_dir`` (store + exports).

    Bad pages are reported in the returned report and skipped; with
    ``strict`` the first one stops the build before anything is written.
    With ``keep_pages`` (``kg add``) the pages already in the store stay:
    the store is copied into the staging folder and each page of ``inputs``
    is loaded into the copy, replacing the page of the same name.
    """
    from kg.atomic import StagedOutput, copy_store, pause_at, recover
    from kg.store import GraphStore, write_lock
    from kg.summaries import compute_summaries

    started = time.perf_counter()
    out = Path(out_dir)
    results, report = extract_pages(inputs, workers=workers, scheduler=scheduler, strict=strict, progress=progress)

    # Crash safety: the new store and exports are written into a staging
    # folder and committed together (kg/atomic.py), so a build killed at any
    # moment leaves the previous store and exports as they were.
    out.mkdir(parents=True, exist_ok=True)
    with write_lock(out / "store"):
        recover(out)
        with StagedOutput(out) as stage:
            if keep_pages:
                copy_store(out / "store", stage.path("store"))
            with GraphStore.open(stage.path("store"), create=True) as store:
                pause_at("store")
                for r in results:
                    # one transaction per page: a page is never half-replaced
                    store.load_page_ntriples(r.name, r.ntriples)
                # the whole-graph named queries' results, committed with the
                # facts (loading a page dropped the previous ones)
                compute_summaries(store)
                graph = store.to_rdflib()
            pause_at("export")
            write_exports(graph, stage.dir, explorer=explorer)
            report.outputs = [str(p) for p in stage.commit() if p.name != "store"]
    summarize(graph, report)
    report.seconds = time.perf_counter() - started
    return report


def write_exports(graph: rdflib.Graph, out: Path, *, explorer: bool = True) -> list[str]:
    """Write kg.ttl (and explorer.html) for ``graph`` into ``out``, atomically."""
    from kg.export import write_turtle

    written = [str(write_turtle(graph, out / "kg.ttl"))]
    if explorer:
        from kg.explorer import write_explorer

        write_explorer(graph, out / "explorer.html")
        written.append(str(out / "explorer.html"))
    return written


def print_report(report: BuildReport, file=sys.stdout) -> None:
    w = file.write
    w(f"pages      {report.pages - len(report.failed)} built, {len(report.failed)} failed\n")
    w(f"articles   {report.articles}\n")
    w("entities   " + ", ".join(f"{k} {v}" for k, v in report.entities.items()) + "\n")
    w("relations  " + ", ".join(f"{k} {v}" for k, v in report.relations.items()) + "\n")
    w(f"triples    {report.triples}\n")
    w(f"seconds    {report.seconds:.2f}\n")
    for path in report.outputs:
        w(f"wrote      {path}\n")
    for path, reason in report.failed:
        w(f"failed     {path}: {reason}\n")


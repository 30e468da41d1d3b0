"""``kg eval``: score the extractor against gold annotations of pages."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kg.errors import InputError, KGError

HELP = """Score the graph of each gold file's page against that gold file.

By default each page named by a gold file ("seed") is built afresh: it is
looked up in each --pages DIR, then next to the gold file, then in seeds/. With
--graph FILE a built graph is scored instead; when it holds several pages,
only the part of the gold file's page is scored. Prints P/R/F1 per entity
type and per relation property for each page and micro-averaged over all
pages, with the recall of measures and headlines.

A gold file that cannot be read, or whose page is missing, is reported and
skipped; the exit status is then 1.

examples:
  kg eval gold/*.json
  kg eval gold/000_db3279ee40e395c9.json --pages news/ --json
  kg eval gold/*.json --graph exports/kg.ttl
"""


def register(sub) -> None:
    p = sub.add_parser("eval", help="score the graph against gold annotations", description=HELP,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("gold", nargs="+", metavar="GOLD", help="gold JSON files (format: SCHEMA.md)")
    src = p.add_mutually_exclusive_group()
    src.add_argument("--graph", "-g", metavar="FILE", help="score this built graph (Turtle) instead of building")
    src.add_argument("--build", action="store_true", help="build each gold file's page afresh (the default)")
    p.add_argument("--pages", metavar="DIR", action="append",
                   help="folder of the pages named by the gold files (repeatable; looked in first)")
    p.add_argument("--ontology", metavar="DIR", help="ontology folder for the class/property hierarchies "
                   "(default: the project's ontology/)")
    p.add_argument("--save", metavar="DIR", help="also write each built page graph to DIR/<page>.ttl")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=run)


def run(args) -> int:
    from kg.evaluate import (
        evaluate,
        format_scores,
        load_gold,
        load_ontology,
        micro_average,
        restrict_to_page,
    )

    ontology = load_ontology(args.ontology) if args.ontology else None
    graph = _load_graph(args.graph) if args.graph else None
    results, failed = [], []
    for gold_path in args.gold:
        try:
            gold = load_gold(gold_path)
            seed = seed_name(gold, gold_path)
            if graph is not None:
                page_graph = restrict_to_page(graph, seed)
            else:
                page_graph = build_page(find_page(seed, gold_path, args.pages), args.save)
            results.append(evaluate(page_graph, gold, ontology, page=seed))
        except InputError as exc:
            failed.append((exc.path, exc.reason))
        except KGError as exc:
            failed.append((str(gold_path), str(exc)))
        else:
            continue
        print(f"kg eval: skipped {failed[-1][0]}: {failed[-1][1]}", file=sys.stderr)
    total = micro_average(results)
    if args.json:
        out = {
            "pages": {s.page: s.to_dict() for s in results},
            "micro": total.to_dict(),
            "failed": [{"file": f, "reason": r} for f, r in failed],
        }
        print(json.dumps(out, ensure_ascii=False, indent=1, sort_keys=True))
    else:
        for s in results:
            sys.stdout.write(format_scores(s) + "\n")
        if len(results) > 1:
            sys.stdout.write(format_scores(total))
    return 1 if failed or not results else 0


def seed_name(gold: dict, gold_path: str | Path) -> str:
    """The page file a gold file annotates (its "seed")."""
    seed = gold.get("seed")
    if not isinstance(seed, str) or not seed.strip():
        raise InputError(str(gold_path), "no 'seed' naming the page file the gold file annotates")
    return seed.strip()


def find_page(seed: str, gold_path: str | Path, pages: str | list[str] | None = None) -> Path:
    """The page file ``seed``: in the folders ``pages`` if given, then next to the gold
    file, then in seeds/ (of the working folder, then of the source tree)."""
    from kg.namespace import ONTOLOGY_DIR

    given = [pages] if isinstance(pages, str) else list(pages or [])
    places = [Path(p) for p in given] + [Path(gold_path).parent, Path("seeds"), ONTOLOGY_DIR.parent / "seeds"]
    for folder in places:
        candidate = folder / seed
        if candidate.is_file():
            return candidate
    where = ", ".join(str(f) for f in places)
    raise InputError(str(gold_path), f"its page {seed} is in none of: {where}; give the folder with --pages DIR")


def build_page(path: Path, save: str | None = None):
    """The graph of one page, built with the extractor; written to ``save``/<page>.ttl if asked."""
    from kg.pipeline import process_page

    result = process_page(path)
    if result.error:
        raise InputError(str(path), result.error)
    if save:
        from kg.export import write_turtle

        Path(save).mkdir(parents=True, exist_ok=True)
        write_turtle(result.graph, Path(save) / f"{path.stem}.ttl")
    return result.graph


def _load_graph(path: str):
    from rdflib import Graph

    p = Path(path)
    if not p.is_file():
        raise InputError(path, "no such graph file; build one with 'kg build' or leave out --graph")
    try:
        return Graph().parse(p, format="turtle")
    except Exception as exc:  # rdflib raises several types for bad Turtle
        raise InputError(path, f"not readable Turtle: {exc}") from None

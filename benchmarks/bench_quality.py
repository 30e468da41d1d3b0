"""Extraction quality of the system against a plain-jieba baseline, on gold pages.

For every gold file (default: the ``gold/`` folder of the shared folder
beside the repository) this builds the graph of its page twice in the same
run — with the project's extractor (``kg.pipeline.process_page``) and with
the baseline of ``benchmarks/baseline_jieba.py`` (jieba POS tags ns/nt/nz as
Place/Organization/Program, sentence co-occurrence as runs/locatedIn) —
scores both with ``kg.evaluate`` and prints, per page and micro-averaged,
P/R/F1 per entity type and per relation property, with the recall of
measures and headlines. The figures go to ``benchmarks/results/quality.json``.

    .venv/bin/python benchmarks/bench_quality.py
    .venv/bin/python benchmarks/bench_quality.py ../shared/gold/*.json --pages seeds
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from baseline_jieba import baseline_graph  # noqa: E402

from kg.commands.eval import find_page, seed_name  # noqa: E402
from kg.evaluate import Scores, evaluate, format_comparison, load_gold, micro_average  # noqa: E402
from kg.pipeline import process_page  # noqa: E402

DEFAULT_GOLD = REPO.parent / "shared" / "gold"
DEFAULT_OUT = HERE / "results" / "quality.json"
SYSTEMS = ("system", "baseline")


def system_graph(path: Path):
    result = process_page(path)
    if result.error:
        raise SystemExit(f"{path}: {result.error}")
    return result.graph


def _commit() -> str:
    try:
        out = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, check=True)
        return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def run(gold_paths: list[Path], pages: str | None) -> tuple[dict[str, dict[str, Scores]], dict[str, float]]:
    """Scores by page and system, and seconds of extraction by system."""
    builders = {"system": system_graph, "baseline": baseline_graph}
    by_page: dict[str, dict[str, Scores]] = {}
    seconds = dict.fromkeys(SYSTEMS, 0.0)
    for gp in gold_paths:
        gold = load_gold(gp)
        seed = seed_name(gold, gp)
        page = find_page(seed, gp, pages)
        by_page[seed] = {}
        for name in SYSTEMS:
            started = time.perf_counter()
            graph = builders[name](page)
            seconds[name] += time.perf_counter() - started
            by_page[seed][name] = evaluate(graph, gold, page=seed)
    return by_page, seconds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", nargs="*", type=Path, help=f"gold JSON files (default: {DEFAULT_GOLD}/*.json)")
    ap.add_argument("--pages", help="folder of the pages the gold files name (default: beside the gold, then seeds/)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"JSON results (default: {DEFAULT_OUT.relative_to(REPO)})")
    args = ap.parse_args(argv)
    gold_paths = args.gold or sorted(DEFAULT_GOLD.glob("*.json"))
    if not gold_paths:
        print(f"no gold files: give some, or put them in {DEFAULT_GOLD}", file=sys.stderr)
        return 2

    by_page, seconds = run(gold_paths, args.pages)
    micro = {name: micro_average((s[name] for s in by_page.values()), page="micro-average") for name in SYSTEMS}

    for seed, scores in by_page.items():
        print(f"== {seed}")
        print(format_comparison(scores))
    print("== micro-average over", len(by_page), "pages")
    print(format_comparison(micro))
    print("extraction seconds: " + ", ".join(f"{n} {seconds[n]:.1f}" for n in SYSTEMS)
          + " (the system's first page includes loading the gazetteer and jieba)")

    results = {
        "commit": _commit(),
        "gold": [p.name for p in gold_paths],
        "baseline": "jieba.posseg with the stock dictionary: ns→Place, nt→Organization, nz→Program "
                    "(nr ignored); relations by sentence co-occurrence: nt runs nz, nz locatedIn ns",
        "micro": {n: micro[n].to_dict() for n in SYSTEMS},
        "pages": {seed: {n: s[n].to_dict() for n in SYSTEMS} for seed, s in by_page.items()},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

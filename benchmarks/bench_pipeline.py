"""Extraction throughput, time per MB and peak memory of the pipeline.

A corpus is made by recombining the articles of the seed pages (shuffled
with a fixed seed, so every run reads the same text); every page of it goes
through the whole per-page pipeline (decode, unwrap, split, extract, build
the page's rdflib graph). ``jieba.lcut`` over the same text, in the same
run, is the baseline: the ratio says what the pipeline costs on top of word
segmentation alone.

On a shared machine one timing of a few seconds moves by a third from run
to run (other processes, CPU frequency). Each size is therefore timed in
``--repeat`` rounds, each round timing ``jieba.lcut`` and then the pipeline
over the same pages, and the fastest round of each is kept (as ``timeit``
does): the least disturbed measure of each cost, taken under the same
conditions. The median of the rounds is written beside it.

    python benchmarks/bench_pipeline.py                 # 1, 3 and 10 MB, 3 rounds
    python benchmarks/bench_pipeline.py --sizes 1 --workers 1 2 --repeat 5

Writes benchmarks/results/pipeline.json and prints a table.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from kg.ingest import read_page  # noqa: E402
from kg.parallel import map_pages  # noqa: E402
from kg.pipeline import process_page  # noqa: E402

PAGE_CHARS = 6000  # about one newspaper page


def make_corpus(folder: Path, megabytes: float, seed: int = 2021) -> list[Path]:
    """Pages of about PAGE_CHARS characters made of seed articles in a shuffled order."""
    articles: list[str] = []
    for f in sorted((ROOT / "seeds").glob("*.txt")):
        page = read_page(f)
        articles += [a.text for a in page.articles if len(a.text) > 80]
    rng = random.Random(seed)
    target = int(megabytes * 1024 * 1024)
    size, n, paths = 0, 0, []
    while size < target:
        parts, chars = [], 0
        while chars < PAGE_CHARS:
            a = rng.choice(articles)
            parts.append(a)
            chars += len(a)
        text = "\n\n".join(parts) + "\n"
        p = folder / f"page{n:05d}.txt"
        data = text.encode("utf-8")
        p.write_bytes(data)
        paths.append(p)
        size += len(data)
        n += 1
    return paths


def time_jieba(paths: list[Path]) -> float:
    import jieba

    jieba.initialize()
    texts = [p.read_text(encoding="utf-8") for p in paths]
    t = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    return time.perf_counter() - t


def time_pipeline(paths: list[Path], workers: int) -> float:
    t = time.perf_counter()
    for res in map_pages(process_page, paths, workers=workers, errors="yield"):
        if isinstance(res, BaseException) or res.error:
            raise SystemExit(f"page failed: {res}")
    return time.perf_counter() - t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=float, nargs="+", default=[1, 3, 10], help="corpus sizes in MB")
    ap.add_argument("--workers", type=int, nargs="+", default=[1], help="worker counts to time")
    ap.add_argument("--repeat", type=int, default=3, help="rounds per size; the fastest of each is kept")
    ap.add_argument("--out", default=str(HERE / "results" / "pipeline.json"))
    args = ap.parse_args(argv)

    # warm up: jieba's dictionary, the gazetteer, the lexicons
    process_page(sorted((ROOT / "seeds").glob("*.txt"))[0])
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for mb in args.sizes:
            folder = Path(tmp) / f"{mb}MB"
            folder.mkdir()
            paths = make_corpus(folder, mb)
            nbytes = sum(p.stat().st_size for p in paths)
            kb = nbytes / 1024
            jieba_rounds: list[float] = []
            pipe_rounds: dict[int, list[float]] = {w: [] for w in args.workers}
            for _ in range(max(1, args.repeat)):
                jieba_rounds.append(time_jieba(paths))
                for w in args.workers:
                    pipe_rounds[w].append(time_pipeline(paths, w))
            t_jieba = min(jieba_rounds)
            for w in args.workers:
                t_pipe = min(pipe_rounds[w])
                row = {
                    "megabytes": round(nbytes / 1024 / 1024, 2),
                    "pages": len(paths),
                    "workers": w,
                    "pipeline_s": round(t_pipe, 2),
                    "jieba_lcut_s": round(t_jieba, 2),
                    "ratio_to_jieba": round(t_pipe / t_jieba, 2),
                    "kb_per_s_per_worker": round(kb / t_pipe / w, 1),
                    "s_per_mb": round(t_pipe / (nbytes / 1024 / 1024), 2),
                    "rounds": len(jieba_rounds),
                    "pipeline_rounds_s": [round(t, 2) for t in pipe_rounds[w]],
                    "jieba_lcut_rounds_s": [round(t, 2) for t in jieba_rounds],
                    "median_ratio": round(statistics.median(pipe_rounds[w]) / statistics.median(jieba_rounds), 2),
                }
                rows.append(row)
                print(json.dumps(row, ensure_ascii=False), flush=True)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    result = {"rows": rows, "peak_rss_mb": round(peak_mb, 1), "peak_rss_children_mb": round(children_mb, 1),
              "cpus": os.cpu_count()}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    print()
    print("| MB | pages | workers | pipeline s | jieba.lcut s | ratio | median ratio | KB/s/worker | s/MB |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['megabytes']} | {r['pages']} | {r['workers']} | {r['pipeline_s']} | {r['jieba_lcut_s']} | "
              f"{r['ratio_to_jieba']} | {r['median_ratio']} | {r['kb_per_s_per_worker']} | {r['s_per_mb']} |")
    print(f"peak RSS {result['peak_rss_mb']} MB (workers: {result['peak_rss_children_mb']} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

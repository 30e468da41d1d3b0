"""Benchmark of the graph store at scale: load, named queries, Turtle, memory.

A synthetic graph shaped like DATAMODEL.md (an administrative tree of
places with codes, agencies with jurisdictions, programs located in places
and run by agencies, measures in 元, articles, statements with evidence) is
written as N-Triples, or ``--source FILE.ttl`` (e.g. a build's kg.ttl) is
replicated with renamed IRIs until it reaches ``--triples``. Places keep
their IRIs across copies, as the same places recur on many real pages.

Each engine runs in its own process, so that its peak memory
(``ru_maxrss``) is its own:

* oxigraph — the project's store (``kg.store.GraphStore``, on disk):
  bulk load, then each named query of ``kg/queries`` ``--runs`` times
  through ``kg.query.run_named`` (median reported), then Turtle
  serialisation by Oxigraph and by the project's deterministic writer.
  After the load the summaries of the ``# summary: yes`` queries are
  computed (``summaries_s``, what they add to a ``kg build``/``kg add``
  commit at this size); those queries report the median of the summary path
  (``summary_median_ms``, timed first in the query's fresh process) and of
  the live query (``median_ms``, ``run_named(live=True)``), and whether both
  give the same rows;
* rdflib — rdflib's in-memory Graph: parse, the same named queries.

Prints a table and writes ``benchmarks/results/bench_store-<triples>.json``.

    .venv/bin/python benchmarks/bench_store.py                  # 1 M triples
    .venv/bin/python benchmarks/bench_store.py --triples 100000 --runs 5
    .venv/bin/python benchmarks/bench_store.py --source exports/kg.ttl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import platform
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

KG = "https://w3id.org/cngov-kg/ontology#"
KGR = "https://w3id.org/cngov-kg/id/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
TARGET_MS = 50.0


def _h(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def _iri(x: str) -> str:
    return f"<{x}>"


def _lit(text: str, lang: str | None = None, dtype: str | None = None) -> str:
    esc = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    if lang:
        return f'"{esc}"@{lang}'
    if dtype:
        return f'"{esc}"^^<{dtype}>'
    return f'"{esc}"'


# --- synthetic graph ---------------------------------------------------------


def synthetic(target: int, out, seed: int = 7) -> dict:
    """Write about ``target`` N-Triples to ``out``; return names to query with."""
    rng = random.Random(seed)
    n = 0

    def t(s, p, o):
        nonlocal n
        out.write(f"{s} {p} {o} .\n")
        n += 1

    typ, label, alt = _iri(RDF_TYPE), _iri(SKOS + "prefLabel"), _iri(SKOS + "altLabel")
    k = lambda name: _iri(KG + name)  # noqa: E731
    places: list[tuple[str, str, str]] = []  # (iri, name, level)
    counties, low = [], []

    def place(code: str, name: str, level: str, parent: str | None):
        iri = _iri(f"{KGR}place/{code.ljust(12, '0')}")
        t(iri, typ, k("Place"))
        t(iri, label, _lit(name, "zh"))
        t(iri, k("adminLevel"), _lit(level))
        t(iri, k("adminCode"), _lit(code))
        if parent:
            t(iri, k("partOf"), parent)
        places.append((iri, name, level))
        return iri

    province = place("13", "测试省", "province", None)
    for a in range(1, 11):
        pref = place(f"13{a:02d}", f"测试{a}市", "prefecture", province)
        for b in range(1, 11):
            cname = f"测试{a}-{b}县"
            county = place(f"13{a:02d}{b:02d}", cname, "county", pref)
            t(county, alt, _lit(cname[:-1], "zh"))
            counties.append((county, cname))
            for c in range(1, 11):
                town = place(f"13{a:02d}{b:02d}{c:03d}", f"测试{a}-{b}-{c}镇", "township", county)
                low.append(town)
                for d in range(1, 11):
                    low.append(place(f"13{a:02d}{b:02d}{c:03d}{d:03d}", f"测试{a}-{b}-{c}-{d}村", "village", town))

    agencies = []
    for i, (county, cname) in enumerate(counties):
        for dept in ("商务局", "卫健委", "医保局", "城管局", "水务局"):
            iri = _iri(f"{KGR}agency/{_h('agency', cname, dept)}")
            t(iri, typ, k("Agency"))
            t(iri, label, _lit(cname + dept, "zh"))
            t(iri, k("jurisdiction"), county)
            agencies.append((iri, cname + dept))

    programs = []
    runners = []  # the agency that runs each program, for edge-evidence
    page = 0
    kinds = ("工程", "专项行动", "实践活动", "改革", "计划")
    while n < target or not programs:
        page += 1
        pname = f"bench_{page:06d}"
        for a_idx in range(5):
            art = _iri(f"{KGR}article/{pname}/{a_idx}")
            t(art, typ, k("Article"))
            t(art, k("headline"), _lit(f"第{page}版第{a_idx}篇报道", "zh"))
            t(art, k("source"), _lit("本报讯"))
            t(art, k("sourceFile"), _lit(pname + ".txt"))
            t(art, k("articleIndex"), _lit(str(a_idx), dtype=XSD + "integer"))
            for j in range(4):
                name = f"测试{page}-{a_idx}-{j}{kinds[j % len(kinds)]}"
                prog = _iri(f"{KGR}program/{_h('program', name)}")
                where = rng.choice(low)
                agency, agency_name = rng.choice(agencies)
                t(prog, typ, k("Program"))
                t(prog, label, _lit(name, "zh"))
                t(prog, k("mentionedIn"), art)
                t(agency, k("mentionedIn"), art)
                t(prog, k("date"), _lit(f"2021-{1 + (page + j) % 12:02d}-{1 + j:02d}", dtype=XSD + "date"))
                relations = [("locatedIn", prog, where), ("runs", agency, prog)]
                if j == 0:  # one program in four has a second body that undertakes it
                    other, _ = rng.choice(agencies)
                    if other != agency:
                        relations.append(("undertakes", other, prog))
                        t(other, k("mentionedIn"), art)
                for p_name, s, o in relations:
                    t(s, k(p_name), o)
                    st = _iri(f"{KGR}statement/{_h(s, p_name, o)}")
                    ev = _iri(f"{KGR}evidence/{_h(art, j, s, p_name, o)}")
                    t(st, typ, _iri(RDF + "Statement"))
                    t(st, _iri(RDF + "subject"), s)
                    t(st, _iri(RDF + "predicate"), k(p_name))
                    t(st, _iri(RDF + "object"), o)
                    t(st, k("evidence"), ev)
                    t(ev, typ, k("Evidence"))
                    t(ev, k("inArticle"), art)
                    t(ev, k("text"), _lit(f"{agency_name}开展{name}。", "zh"))
                    t(ev, k("startOffset"), _lit(str(j * 40), dtype=XSD + "integer"))
                    t(ev, k("endOffset"), _lit(str(j * 40 + 30), dtype=XSD + "integer"))
                m = _iri(f"{KGR}measure/{_h(art, j, prog)}")
                t(prog, k("hasMeasure"), m)
                t(m, typ, k("Measure"))
                t(m, k("value"), _lit(str(rng.randrange(1, 5000) * 10000), dtype=XSD + "decimal"))
                t(m, k("unit"), _lit("元"))
                t(m, _iri(RDFS_LABEL), _lit("投资", "zh"))
                programs.append(name)
                runners.append(agency_name)
    return {"place": counties[len(counties) // 3][1], "entity": programs[len(programs) // 2],
            "program": programs[len(programs) // 2], "subject": runners[0], "object": programs[0],
            "triples_written": n, "pages": page}


def replicate(source: Path, target: int, out) -> dict:
    """Copies of ``source`` with every resource IRI but places renamed per copy."""
    import rdflib

    g = rdflib.Graph().parse(source)
    lines = g.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
    lines = [line for line in lines if line.strip()]
    n, copy = 0, 0
    while n < target:
        tag = f"r{copy}/"
        for line in lines:
            out.write(line.replace(f"<{KGR}", f"<{KGR}{tag}").replace(f"<{KGR}{tag}place/", f"<{KGR}place/") + "\n")
        n += len(lines)
        copy += 1
    names = [str(o) for o in g.objects(None, rdflib.URIRef(SKOS + "prefLabel"))]
    return {"place": next((x for x in names if x.endswith("县")), names[0]) if names else "",
            "entity": names[0] if names else "", "program": names[0] if names else "",
            "subject": "", "object": "", "triples_written": n, "copies": copy}


# --- engines (each in its own process) ---------------------------------------


def _median_ms(fn, runs: int, cap_s: float) -> tuple[float, list[float], int]:
    times = []
    rows = 0
    for _ in range(runs):
        started = time.perf_counter()
        rows = fn()
        times.append((time.perf_counter() - started) * 1000)
        if sum(times) / 1000 > cap_s:
            break
    return statistics.median(times), times, rows


def _query_params(names: dict) -> dict[str, dict[str, str]]:
    from kg.query import library

    params = {}
    for q in library().values():
        params[q.name] = {p.name: names.get(p.name, "") for p in q.params}
    return params


def _oxigraph_query(store_path: str, name: str, params: dict, runs: int, conn) -> None:
    from kg.query import OxigraphEngine, run_named
    from kg.store import GraphStore

    from kg.query import get_query

    out: dict = {}
    with GraphStore.open(store_path, create=False, read_only=True) as store:
        engine = OxigraphEngine(store)
        has_summary = get_query(name).summary
        if has_summary:
            # the summary path first, in the fresh process, as `kg query` and
            # `kg serve` answer it: after five live runs, each turning a large
            # result into rdflib terms, the heap is in a state they never see
            med, times, rows = _median_ms(lambda: len(run_named(engine, name, params, timeout=None).rows), runs, 1e9)
            out.update({"summary_median_ms": med, "summary_runs_ms": times, "summary_rows": rows})
        med, times, rows = _median_ms(
            lambda: len(run_named(engine, name, params, timeout=None, live=True).rows), runs, 1e9)
        out.update({"median_ms": med, "runs_ms": times, "rows": rows})
        if has_summary:
            live = run_named(engine, name, params, timeout=None, live=True)
            summary = run_named(engine, name, params, timeout=None)
            out["summary_used"] = summary.rows is not live.rows and store.read_summary(name) is not None
            out["summary_rows_agree"] = summary.vars == live.vars and summary.rows == live.rows
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    conn.send(out)


def run_oxigraph(nt_path: str, names: dict, runs: int, cap_s: float, conn) -> None:
    import pyoxigraph as ox

    from kg.export import turtle_text
    from kg.store import GraphStore

    res: dict = {"engine": "oxigraph"}
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        path = Path(tmp) / "store"
        with GraphStore.open(path) as store:
            t0 = time.perf_counter()
            store.bulk_load("bench", nt_path, format="nt")
            store.oxigraph.optimize()
            res["load_s"] = time.perf_counter() - t0
            res["triples"] = store.triple_count()
            from kg.summaries import compute_summaries

            t0 = time.perf_counter()
            res["summary_rows"] = compute_summaries(store)
            res["summaries_s"] = time.perf_counter() - t0
        # each query in its own process on the store opened read-only (as
        # kg serve runs them), killed when it exceeds the cap: Oxigraph
        # cannot interrupt a query in-process
        res["queries"] = _each_query_in_a_child(
            "oxigraph", "spawn", names, cap_s, lambda name, params: (_oxigraph_query, (str(path), name, params, runs)))
        res["query_peak_rss_mb"] = max((q.get("peak_rss_mb", 0) for q in res["queries"].values()), default=0)
        with GraphStore.open(path, create=False, read_only=True) as store:
            t0 = time.perf_counter()
            data = store.oxigraph.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph())
            res["turtle_oxigraph_s"] = time.perf_counter() - t0
            res["turtle_bytes"] = len(data)
            del data
            t0 = time.perf_counter()
            graph = store.to_rdflib()
            res["to_rdflib_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        text = turtle_text(graph)
        res["turtle_kg_export_s"] = time.perf_counter() - t0
        res["turtle_kg_export_bytes"] = len(text.encode("utf-8"))
    res["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    conn.send(res)


def _rdflib_query(engine, name: str, params: dict, runs: int, cap_s: float, conn) -> None:
    from kg.query import run_named

    med, times, rows = _median_ms(lambda: len(run_named(engine, name, params, timeout=None).rows), runs, cap_s)
    conn.send({"median_ms": med, "runs_ms": times, "rows": rows})


def run_rdflib(nt_path: str, names: dict, runs: int, cap_s: float, conn) -> None:
    import rdflib

    from kg.query import RdflibEngine

    res: dict = {"engine": "rdflib"}
    t0 = time.perf_counter()
    graph = rdflib.Graph()
    graph.parse(nt_path, format="nt")
    res["load_s"] = time.perf_counter() - t0
    res["triples"] = len(graph)
    engine = RdflibEngine(graph)
    # each query runs in a forked copy of this process (the parsed graph is
    # shared copy-on-write), killed when one run exceeds the cap: rdflib's
    # evaluation of kg:partOf* paths can take hours at this size
    res["queries"] = _each_query_in_a_child(
        "rdflib", "fork", names, cap_s, lambda name, params: (_rdflib_query, (engine, name, params, runs, cap_s)))
    res["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    conn.send(res)


def _each_query_in_a_child(engine: str, start_method: str, names: dict, cap_s: float, job) -> dict:
    """Run every named query in a child process of its own (``job(name, params)``
    gives its target and arguments; the child sends its result through the
    pipe passed last), killed when it exceeds ``cap_s``."""
    ctx = multiprocessing.get_context(start_method)
    out: dict = {}
    for name, params in _query_params(names).items():
        target, args = job(name, params)
        parent, child = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=target, args=(*args, child))
        proc.start()
        child.close()
        if parent.poll(cap_s):
            out[name] = parent.recv()
        else:
            out[name] = {"median_ms": None, "runs_ms": [], "rows": None, "timed_out_s": cap_s}
        proc.kill()
        proc.join()
        print(f"{engine} {name}: {out[name]['median_ms']}", file=sys.stderr, flush=True)
    return out


def _in_process(target, *args) -> dict:
    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=target, args=(*args, child))
    proc.start()
    child.close()
    try:
        result = parent.recv()
    except EOFError:
        proc.join()
        raise SystemExit(f"{target.__name__} failed (exit code {proc.exitcode})") from None
    proc.join()
    return result


# --- main ----------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", type=int, default=1_000_000, help="size of the graph (default: 1000000)")
    ap.add_argument("--source", type=Path, help="replicate this graph instead of the synthetic one")
    ap.add_argument("--runs", type=int, default=5, help="runs per query; the median is reported (default: 5)")
    ap.add_argument("--rdflib-cap", type=float, default=30.0,
                    help="stop an rdflib query after this many seconds; its ratio is then a lower bound (default: 30)")
    ap.add_argument("--cap", type=float, default=120.0,
                    help="stop an Oxigraph query (all its runs) after this many seconds (default: 120)")
    ap.add_argument("--no-rdflib", action="store_true", help="skip the rdflib comparison")
    ap.add_argument("--results", type=Path, default=Path(__file__).resolve().parent / "results")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-store-data-") as tmp:
        nt_path = Path(tmp) / "graph.nt"
        t0 = time.perf_counter()
        with open(nt_path, "w", encoding="utf-8") as out:
            names = replicate(args.source, args.triples, out) if args.source else synthetic(args.triples, out)
        gen_s = time.perf_counter() - t0
        print(f"generated {names['triples_written']} triples in {gen_s:.1f} s "
              f"({nt_path.stat().st_size / 1e6:.0f} MB of N-Triples)", file=sys.stderr, flush=True)
        ox_res = _in_process(run_oxigraph, str(nt_path), names, args.runs, args.cap)
        print("oxigraph done", file=sys.stderr, flush=True)
        rd_res = None if args.no_rdflib else _in_process(run_rdflib, str(nt_path), names, args.runs, args.rdflib_cap)

    rows = []
    for name, q in ox_res["queries"].items():
        r = rd_res["queries"][name] if rd_res else None
        if q.get("timed_out_s"):
            rows.append({"query": name, "oxigraph_ms": None, "oxigraph_timed_out_s": q["timed_out_s"],
                         "rdflib_ms": None, "rdflib_timed_out": bool(r and r.get("timed_out_s")), "rdflib_runs": 0,
                         "ratio": None, "rows": None, "rows_agree": None, "within_target": False})
            continue
        timed_out = bool(r and r.get("timed_out_s"))
        rd_ms = r["median_ms"] if r and not timed_out else (r["timed_out_s"] * 1000 if timed_out else None)
        rows.append({
            "query": name, "oxigraph_ms": q["median_ms"], "rdflib_ms": rd_ms, "rdflib_timed_out": timed_out,
            "rdflib_runs": len(r["runs_ms"]) if r else 0,
            # a lower bound when rdflib timed out
            "ratio": (rd_ms / q["median_ms"]) if rd_ms is not None and q["median_ms"] > 0 else None,
            "rows": q["rows"], "rows_agree": (r["rows"] == q["rows"]) if r and not timed_out else None,
            "within_target": q["median_ms"] <= TARGET_MS,
            "summary_ms": q.get("summary_median_ms"), "summary_rows_agree": q.get("summary_rows_agree"),
            "summary_within_target": (q["summary_median_ms"] <= TARGET_MS) if "summary_median_ms" in q else None,
        })
    report = {
        "benchmark": "bench_store", "source": str(args.source) if args.source else "synthetic",
        "triples": ox_res["triples"], "runs": args.runs, "target_ms": TARGET_MS,
        "summaries_s": ox_res["summaries_s"],
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "params": {k: v for k, v in names.items() if k not in ("triples_written",)},
        "queries": rows, "oxigraph": ox_res, "rdflib": rd_res,
    }
    args.results.mkdir(parents=True, exist_ok=True)
    out_path = args.results / f"bench_store-{ox_res['triples']}.json"
    out_path.write_text(json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")

    def fmt(v, spec):  # "—" in the width of the spec
        if v is not None:
            return format(v, spec)
        width = "".join(c for c in spec.split(".")[0] if c.isdigit())
        return "—".rjust(int(width)) if width else "—"
    print(f"\n{ox_res['triples']:,} distinct triples ({report['source']}); median of {args.runs} runs\n")
    print(f"{'query':<28} {'oxigraph ms':>12} {'summary ms':>11} {'rdflib ms':>12} {'rdflib/ox':>10} {'rows':>7}"
          f"  ≤{TARGET_MS:g} ms")
    for r in rows:
        if r.get("oxigraph_timed_out_s"):
            print(f"{r['query']:<28} {'>' + format(r['oxigraph_timed_out_s'] * 1000, '.0f'):>12} {'—':>11} "
                  f"{'—':>12} {'—':>10} {'—':>7}  NO")
            continue
        more = ">" if r["rdflib_timed_out"] else " "
        fast = r["within_target"] or r["summary_within_target"]
        print(f"{r['query']:<28} {fmt(r['oxigraph_ms'], '12.1f')} {fmt(r['summary_ms'], '11.1f')} "
              f"{more}{fmt(r['rdflib_ms'], '11.1f')} "
              f"{more}{fmt(r['ratio'], '9.1f')} {fmt(r['rows'], '>7')}  {'yes' if fast else 'NO'}"
              + ("" if r["summary_rows_agree"] in (None, True) else "  (summary rows differ!)"))
    print()
    print(f"{'':<28} {'oxigraph':>12} {'rdflib':>12}")
    print(f"{'load s':<28} {ox_res['load_s']:12.1f} {fmt(rd_res and rd_res['load_s'], '12.1f')}")
    print(f"{'summaries s':<28} {ox_res['summaries_s']:12.1f}")
    print(f"{'peak RSS MB (load, export)':<28} {ox_res['peak_rss_mb']:12.0f} "
          f"{fmt(rd_res and rd_res['peak_rss_mb'], '12.0f')}")
    print(f"{'peak RSS MB (queries)':<28} {ox_res['query_peak_rss_mb']:12.0f}")
    print(f"{'Turtle by Oxigraph s':<28} {ox_res['turtle_oxigraph_s']:12.1f}")
    print(f"{'store → rdflib s':<28} {ox_res['to_rdflib_s']:12.1f}")
    print(f"{'Turtle by kg.export s':<28} {ox_res['turtle_kg_export_s']:12.1f}")
    print(f"\nwrote {out_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Agreement between two hand annotations of the same page.

Scores annotation B against annotation A with the semantics of ``kg eval``
(entities matched one to one within a type on their names and aliases after
removing spaces and quotation marks; relations between matched entities,
including the parent and jurisdiction given on entities; measures found when
B gives the matched program a value within 1 %). The F1 of one annotator
against another is the ceiling to read the extractor's figures against: a
drop on pages annotated by someone else is partly the annotators' differing
choices (how dense, which names count), not only the extractor.

    python benchmarks/annotator_agreement.py A.json B.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.evaluate import PROPS, TYPES, PRF, _gold_relations, _match, normalize  # noqa: E402


def agreement(a: dict, b: dict) -> dict:
    """P/R/F1 of annotation ``b`` against ``a`` per entity type and relation property."""
    out: dict = {"entities": {}, "relations": {}}
    b2a: dict[str, str] = {}
    ent_total = PRF()
    for t in TYPES:
        a_t = [e for e in a["entities"] if e["type"] == t]
        b_t = {e["name"]: {normalize(x) for x in [e["name"], *e.get("aliases", [])]} - {""}
               for e in b["entities"] if e["type"] == t}
        m = _match(b_t, a_t)
        b2a.update(m)
        prf = PRF(len(b_t), len(a_t), len(m))
        out["entities"][t] = prf
        ent_total = ent_total + prf
    out["entities"]["ALL"] = ent_total
    a_rel = _gold_relations(a)
    b_rel = {(b2a.get(s, "?" + s), p, b2a.get(o, "?" + o)) for s, p, o in _gold_relations(b)}
    rel_total = PRF()
    for p in PROPS:
        ga = {r for r in a_rel if r[1] == p}
        gb = {r for r in b_rel if r[1] == p}
        prf = PRF(len(gb), len(ga), len(ga & gb))
        out["relations"][p] = prf
        rel_total = rel_total + prf
    out["relations"]["ALL"] = rel_total
    b_measures: dict[str, list[float]] = {}
    for ms in b.get("measures", []):
        b_measures.setdefault(b2a.get(ms["program"], ""), []).append(float(ms["value"]))
    found = sum(
        any(abs(v - float(ms["value"])) <= 0.01 * max(1.0, abs(float(ms["value"]))) for v in b_measures.get(ms["program"], []))
        for ms in a.get("measures", [])
    )
    out["measures"] = (found, len(a.get("measures", [])))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("a", type=Path, help="the reference annotation")
    ap.add_argument("b", type=Path, help="the annotation scored against it")
    args = ap.parse_args(argv)
    try:
        a = json.loads(args.a.read_text(encoding="utf-8"))
        b = json.loads(args.b.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    res = agreement(a, b)
    print(f"{args.b.name} against {args.a.name}")
    for part in ("entities", "relations"):
        print(part)
        for k, v in res[part].items():
            print(f"  {k:<18} {v.sys:>5} {v.gold:>5} {v.tp:>5}   P {v.precision:.2f}  R {v.recall:.2f}  F1 {v.f1:.2f}")
    found, total = res["measures"]
    print(f"measures  {found}/{total}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

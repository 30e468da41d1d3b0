"""Split an annotated page into two pages by its articles, with a gold file for each.

    python eval/split_page.py SEED GOLD --first N --out-pages eval/pages --out-gold eval/gold

The first ``N`` articles of the page (as ``kg`` splits it) make page
``<stem>a``, the rest page ``<stem>b``. Each annotation goes to the part
whose text holds it: an entity where its name or an alias occurs, a relation
where its evidence occurs (else where both its ends are), a measure where its
label or its program occurs. Both parts are then scored like any page:
``kg eval eval/gold/<stem>b.json --pages eval/pages``. Only counts are printed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.ingest import read_page  # noqa: E402


def _in(text: str, *needles: str) -> bool:
    return any(n and n in text for n in needles)


def split(seed: Path, gold: dict, first: int) -> tuple[list[str], list[dict]]:
    page = read_page(seed)
    arts = page.articles
    if not 0 < first < len(arts):
        raise SystemExit(f"{seed}: has {len(arts)} articles; --first must be between 1 and {len(arts) - 1}")
    cut = arts[first].start
    texts = [page.text[:cut].rstrip() + "\n", page.text[cut:]]
    whole = "".join(texts)
    golds = []
    for part, text in enumerate(texts):
        ents = [e for e in gold["entities"] if _in(text, e["name"], *e.get("aliases", []))]
        names = {e["name"] for e in ents}
        rels = []
        for r in gold.get("relations", []):
            ev = r.get("evidence", "")
            if ev and ev in whole:
                if ev in text:
                    rels.append(r)
            elif r["s"] in names and r["o"] in names:
                rels.append(r)
        # an entity named only through a relation stated here (e.g. a canonical name) belongs here too
        named_by = {x for r in rels for x in (r["s"], r["o"])}
        for e in gold["entities"]:
            if e["name"] in named_by and e["name"] not in names:
                ents.append(e)
                names.add(e["name"])
        meas = [m for m in gold.get("measures", []) if _in(text, m.get("label", "")) or m["program"] in names]
        golds.append({"seed": "", "articles": gold["articles"][:first] if part == 0 else gold["articles"][first:],
                      "entities": ents, "relations": rels, "measures": meas})
    return texts, golds


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("seed", type=Path)
    ap.add_argument("gold", type=Path)
    ap.add_argument("--first", type=int, required=True, help="articles in the first part")
    ap.add_argument("--out-pages", type=Path, required=True)
    ap.add_argument("--out-gold", type=Path, required=True)
    a = ap.parse_args(argv)
    gold = json.loads(a.gold.read_text(encoding="utf-8"))
    texts, golds = split(a.seed, gold, a.first)
    stem = a.seed.stem
    for tag, text, g in zip("ab", texts, golds):
        name = f"{stem}{tag}.txt"
        g["seed"] = name
        (a.out_pages / name).write_text(text, encoding="utf-8")
        (a.out_gold / f"{stem}{tag}.json").write_text(json.dumps(g, ensure_ascii=False, indent=1) + "\n",
                                                      encoding="utf-8")
        print(f"{name}: {len(g['articles'])} articles, {len(g['entities'])} entities, "
              f"{len(g['relations'])} relations, {len(g['measures'])} measures")
    missing = [e for e in gold["entities"] if not any(e in g["entities"] for g in golds)]
    print(f"entities in neither part: {len(missing)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

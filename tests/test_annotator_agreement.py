"""Tests of benchmarks/annotator_agreement.py on the project's own annotations."""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from annotator_agreement import agreement, main  # noqa: E402

GOLD = sorted((ROOT / "eval" / "gold").glob("*.json"))


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads(GOLD[0].read_text(encoding="utf-8"))


def test_agreement_of_an_annotation_with_itself_is_total(gold):
    res = agreement(gold, gold)
    assert res["entities"]["ALL"].f1 == 1.0
    assert res["relations"]["ALL"].f1 == 1.0
    assert res["measures"][0] == res["measures"][1]


def test_agreement_drops_with_a_missing_entity_and_its_relations(gold):
    other = copy.deepcopy(gold)
    gone = next(e for e in other["entities"] if e["type"] == "Program")
    other["entities"].remove(gone)
    other["relations"] = [r for r in other["relations"] if gone["name"] not in (r["s"], r["o"])]
    res = agreement(gold, other)
    assert res["entities"]["Program"].recall < 1.0 and res["entities"]["Program"].precision == 1.0
    assert res["relations"]["ALL"].precision == 1.0


def test_agreement_matches_on_aliases(gold):
    other = copy.deepcopy(gold)
    for e in other["entities"]:
        if e.get("aliases"):
            renamed, e["name"], e["aliases"] = e["name"], e["aliases"][0], [e["name"]] + e["aliases"][1:]
            for r in other["relations"]:
                r["s"] = e["name"] if r["s"] == renamed else r["s"]
                r["o"] = e["name"] if r["o"] == renamed else r["o"]
            for ent in other["entities"]:
                for key in ("parent", "jurisdiction"):
                    if ent.get(key) == renamed:
                        ent[key] = e["name"]
            break
    assert agreement(gold, other)["entities"]["ALL"].f1 == 1.0


def test_agreement_cli_reports_a_bad_file(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert main([str(GOLD[0]), str(bad)]) == 2
    assert "error" in capsys.readouterr().err

"""Tests of kg/evaluate.py and ``kg eval``: the scorer's semantics, checked
case by case and against the reference scorer on the seeds' graphs."""

import importlib.util
import json
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from kg.cli import main as kg_main
from kg.errors import InputError, KGError
from kg.evaluate import (
    PRF,
    Scores,
    evaluate,
    format_comparison,
    format_scores,
    load_gold,
    micro_average,
    normalize,
    restrict_to_page,
)
from kg.export import write_turtle
from kg.namespace import ONTOLOGY_DIR

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SCORE_PY = REPO.parent / "shared" / "tools" / "score.py"
GOLD_DIR = REPO.parent / "shared" / "gold"
GOLD_FILES = sorted(GOLD_DIR.glob("*.json")) if GOLD_DIR.is_dir() else []

PREFIXES = """
@prefix kg: <https://w3id.org/cngov-kg/ontology#> .
@prefix kgr: <https://w3id.org/cngov-kg/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def turtle(body: str) -> Graph:
    return Graph().parse(data=PREFIXES + body, format="turtle")


def _reference_scorer():
    spec = importlib.util.spec_from_file_location("reference_score", SCORE_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def reference_scores(graph: Graph, gold: dict, tmp_path: Path) -> dict:
    """The reference scorer's result for ``graph`` written as Turtle and loaded with the project's ontology."""
    ttl = tmp_path / "graph.ttl"
    write_turtle(graph, ttl)
    score = _reference_scorer()
    return score.score(score.load(str(ttl), str(ONTOLOGY_DIR)), gold)


needs_score_py = pytest.mark.skipif(not SCORE_PY.is_file(), reason="the reference scorer is not beside the repository")


# --- small cases, one rule each ------------------------------------------------------------------

A1 = "kgr:article_p_0"
CASES = {
    "normalised labels match": (
        f'kgr:x a kg:Program ; skos:prefLabel "“跨省通办” "@zh ; kg:mentionedIn {A1} .',
        {"entities": [{"type": "Program", "name": "跨省通办"}]},
        {"entities.Program": (1, 1, 1)},
    ),
    "alias matches, one to one": (
        f'kgr:a a kg:Place ; skos:prefLabel "衡水"@zh ; kg:mentionedIn {A1} .'
        f'kgr:b a kg:Place ; skos:prefLabel "衡水市"@zh ; kg:mentionedIn {A1} .',
        {"entities": [{"type": "Place", "name": "衡水市", "aliases": ["衡水"]}]},
        {"entities.Place": (2, 1, 1)},
    ),
    "only mentioned entities are scored": (
        f'kgr:a a kg:Place ; skos:prefLabel "故城县"@zh ; kg:mentionedIn {A1} ; kg:partOf kgr:b .'
        'kgr:b a kg:Place ; skos:prefLabel "衡水市"@zh .',
        {"entities": [{"type": "Place", "name": "故城县", "parent": "衡水市"},
                      {"type": "Place", "name": "衡水市"}]},
        {"entities.Place": (1, 2, 1), "relations.partOf": (0, 1, 0)},
    ),
    "an agency is not also an organization": (
        f'kgr:a a kg:Agency , kg:Organization ; skos:prefLabel "衡水市商务局"@zh ; kg:mentionedIn {A1} .',
        {"entities": [{"type": "Agency", "name": "衡水市商务局"}, {"type": "Organization", "name": "衡水市商务局"}]},
        {"entities.Agency": (1, 1, 1), "entities.Organization": (0, 1, 0)},
    ),
    "sub-properties of runs count as runs": (
        f'kgr:a a kg:Agency ; skos:prefLabel "衡水市商务局"@zh ; kg:mentionedIn {A1} ; kg:organizes kgr:p .'
        f'kgr:p a kg:Program ; skos:prefLabel "消费券发放活动"@zh ; kg:mentionedIn {A1} .',
        {"entities": [{"type": "Agency", "name": "衡水市商务局"}, {"type": "Program", "name": "消费券发放活动"}],
         "relations": [{"s": "衡水市商务局", "p": "runs", "o": "消费券发放活动"}]},
        {"relations.runs": (1, 1, 1), "relations.ALL": (1, 1, 1)},
    ),
    "a relation to an unmatched entity is a false positive": (
        f'kgr:p a kg:Program ; skos:prefLabel "水源置换工程"@zh ; kg:mentionedIn {A1} ; kg:locatedIn kgr:a , kgr:b .'
        f'kgr:a a kg:Place ; skos:prefLabel "故城县"@zh ; kg:mentionedIn {A1} .'
        f'kgr:b a kg:Place ; skos:prefLabel "郑口"@zh ; kg:mentionedIn {A1} .',
        {"entities": [{"type": "Program", "name": "水源置换工程"}, {"type": "Place", "name": "故城县"}],
         "relations": [{"s": "水源置换工程", "p": "locatedIn", "o": "故城县"}]},
        {"relations.locatedIn": (2, 1, 1)},
    ),
    "jurisdiction and parent fields are gold relations": (
        f'kgr:a a kg:Agency ; skos:prefLabel "冀州区医保局"@zh ; kg:mentionedIn {A1} ; kg:jurisdiction kgr:j .'
        f'kgr:j a kg:Place ; skos:prefLabel "冀州区"@zh ; kg:mentionedIn {A1} .',
        {"entities": [{"type": "Agency", "name": "冀州区医保局", "jurisdiction": "冀州区"},
                      {"type": "Place", "name": "冀州区", "parent": "衡水市"}]},
        # the parent 衡水市 is no gold entity: that gold relation is dropped
        {"relations.jurisdiction": (1, 1, 1), "relations.partOf": (0, 0, 0)},
    ),
    "exact name wins over a shared alias": (
        f'kgr:a a kg:Program ; skos:prefLabel "消费券"@zh ; kg:mentionedIn {A1} .'
        f'kgr:b a kg:Program ; skos:prefLabel "政府消费券发放活动"@zh ; skos:altLabel "消费券"@zh ; kg:mentionedIn {A1} .',
        {"entities": [{"type": "Program", "name": "政府消费券发放活动", "aliases": ["消费券"]}]},
        {"entities.Program": (2, 1, 1)},
    ),
}


def _get(scores: Scores, path: str) -> tuple[int, int, int]:
    section, key = path.split(".")
    v = getattr(scores, section)[key]
    return v.sys, v.gold, v.tp


@pytest.mark.parametrize("body, gold, expected", CASES.values(), ids=CASES.keys())
def test_evaluate_counts_follow_scoring_rules(body, gold, expected):
    scores = evaluate(turtle(body), gold)
    for path, counts in expected.items():
        assert _get(scores, path) == counts, path


@needs_score_py
@pytest.mark.parametrize("body, gold", [(b, g) for b, g, _ in CASES.values()], ids=CASES.keys())
def test_evaluate_equals_reference_scorer_on_small_cases(body, gold, tmp_path):
    graph = turtle(body)
    assert evaluate(graph, gold).to_dict() == reference_scores(graph, gold, tmp_path)


def test_evaluate_exact_name_match_is_the_one_kept():
    body, gold, _ = CASES["exact name wins over a shared alias"]
    graph = turtle(body)
    scores = evaluate(graph, gold)
    assert scores.entities["Program"].tp == 1
    # the matched node is the one whose labels hold the gold name: its measure is found
    graph.parse(data=PREFIXES + 'kgr:b kg:hasMeasure kgr:m . kgr:m kg:value "300"^^xsd:decimal .', format="turtle")
    gold = dict(gold, measures=[{"program": "政府消费券发放活动", "value": 300}])
    assert evaluate(graph, gold).measures.found == 1


@pytest.mark.parametrize("value, found", [(3000000, 1), (3014000, 1), (3016000, 0), (2986000, 1), (2984000, 0)])
def test_evaluate_measure_within_half_a_percent(value, found):
    graph = turtle(f'kgr:p a kg:Program ; skos:prefLabel "消费券发放活动"@zh ; kg:mentionedIn {A1} ; kg:hasMeasure kgr:m .'
                   'kgr:m kg:value "3000000"^^xsd:decimal .')
    gold = {"entities": [{"type": "Program", "name": "消费券发放活动"}],
            "measures": [{"program": "消费券发放活动", "value": value}]}
    assert evaluate(graph, gold).measures.found == found


@pytest.mark.parametrize("headline, found", [
    ("我市提前完成农村生活水源置换工程", 1),  # equal
    ("我市提前完成农村生活水源置换工程 打通“最后一公里”", 1),  # the graph's headline is inside the gold one
    ("提前完成农村生活水源置换", 1),  # the gold headline is inside the graph's
    ("衡水新建停车位13901个", 0),
])
def test_evaluate_headline_recall(headline, found):
    graph = turtle(f'{A1} a kg:Article ; kg:headline "我市提前完成农村生活水源置换工程"@zh .')
    scores = evaluate(graph, {"entities": [], "articles": [{"headline": headline}, {"headline": ""}]})
    assert (scores.articles.headlines, scores.articles.headline_found, scores.articles.gold) == (1, found, 2)


def test_evaluate_without_ontology_misses_sub_properties():
    body, gold, _ = CASES["sub-properties of runs count as runs"]
    assert evaluate(turtle(body), gold, ontology=Graph()).relations["runs"].tp == 0
    assert evaluate(turtle(body), gold).relations["runs"].tp == 1


@pytest.mark.parametrize("text, expected", [("“跨省通办”", "跨省通办"), ("《衡水日报》", "衡水日报"), ("衡水 市\n", "衡水市"), ("「x」『y』〈z〉'q'", "xyzq")])
def test_evaluate_normalize_strips_spaces_and_quotes(text, expected):
    assert normalize(text) == expected


def test_evaluate_micro_average_sums_counts():
    a, b = Scores(page="a"), Scores(page="b")
    a.entities["Place"], b.entities["Place"] = PRF(4, 2, 2), PRF(1, 3, 1)
    a.entities["ALL"], b.entities["ALL"] = PRF(4, 2, 2), PRF(1, 3, 1)
    total = micro_average([a, b])
    assert total.entities["Place"] == PRF(5, 5, 3)
    assert total.entities["Place"].f1 == pytest.approx(0.6)
    # not the mean of the pages' F1s (0.667 and 0.5)
    assert total.entities["ALL"].precision == pytest.approx(3 / 5)


def test_evaluate_format_tables_show_every_row():
    body, gold, _ = CASES["sub-properties of runs count as runs"]
    scores = evaluate(turtle(body), gold, page="p.txt")
    text = format_scores(scores)
    for row in ("Agency", "Organization", "Place", "Program", "runs", "partOfProgram", "measures", "headlines", "p.txt"):
        assert row in text
    assert "1.00  1.00  1.00" in text
    cmp = format_comparison({"system": scores, "baseline": Scores()})
    assert "system" in cmp and "baseline" in cmp and "1.00 1.00 1.00" in cmp and "0.00 0.00 0.00" in cmp


# --- gold files ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("content, reason", [
    ("{", "not valid JSON"),
    ("[]", "JSON object"),
    ('{"seed": "x.txt"}', "no 'entities'"),
    ('{"entities": [{"type": "Place"}]}', "entity 0 needs"),
    ('{"entities": [], "relations": [{"s": "a", "p": "runs"}]}', "relation 0 needs"),
    ('{"entities": [], "measures": [{"program": "a", "value": "many"}]}', "not a number"),
])
def test_evaluate_load_gold_names_file_and_reason(tmp_path, content, reason):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_gold(path)
    assert err.value.path == str(path)
    assert reason in err.value.reason


def test_evaluate_load_gold_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such gold file"):
        load_gold(tmp_path / "none.json")


# --- many-page graphs ------------------------------------------------------------------------------------


def two_page_graph() -> Graph:
    return turtle(
        'kgr:article_a_0 a kg:Article ; kg:sourceFile "a.txt" ; kg:headline "甲"@zh .'
        'kgr:article_b_0 a kg:Article ; kg:sourceFile "b.txt" ; kg:headline "乙"@zh .'
        'kgr:x a kg:Place ; skos:prefLabel "衡水市"@zh ; kg:mentionedIn kgr:article_a_0 , kgr:article_b_0 .'
        'kgr:y a kg:Place ; skos:prefLabel "故城县"@zh ; kg:mentionedIn kgr:article_b_0 .'
        'kgr:p a kg:Program ; skos:prefLabel "水源置换工程"@zh ; kg:mentionedIn kgr:article_a_0 ; kg:locatedIn kgr:x .'
        'kgr:s a rdf:Statement ; rdf:subject kgr:p ; rdf:predicate kg:locatedIn ; rdf:object kgr:x ; kg:evidence kgr:e .'
        'kgr:e kg:inArticle kgr:article_b_0 .'
    )


def test_evaluate_restrict_to_page_keeps_only_that_pages_mentions():
    graph = two_page_graph()
    gold = {"entities": [{"type": "Place", "name": "衡水市"}, {"type": "Place", "name": "故城县"},
                         {"type": "Program", "name": "水源置换工程"}],
            "relations": [{"s": "水源置换工程", "p": "locatedIn", "o": "衡水市"}],
            "articles": [{"headline": "甲"}, {"headline": "乙"}]}
    page_a = evaluate(restrict_to_page(graph, "a.txt"), gold)
    assert page_a.entities["Place"].sys == 1  # 故城县 is mentioned on b only
    assert page_a.articles.sys == 1 and page_a.articles.headline_found == 1
    # the relation is stated on page b only
    assert page_a.relations["locatedIn"].sys == 0
    assert evaluate(restrict_to_page(graph, "b.txt"), gold).entities["Place"].sys == 2
    with pytest.raises(KGError, match="no article of page 'c.txt'"):
        restrict_to_page(graph, "c.txt")


# --- kg eval -------------------------------------------------------------------------------------------------


def test_evaluate_cli_scores_a_graph_per_page_as_json(tmp_path, capsys):
    write_turtle(two_page_graph(), tmp_path / "kg.ttl")
    for name, seed in (("a.json", "a.txt"), ("b.json", "b.txt")):
        (tmp_path / name).write_text(json.dumps({"seed": seed, "entities": [{"type": "Place", "name": "衡水市"}]}), encoding="utf-8")
    status = kg_main(["eval", str(tmp_path / "a.json"), str(tmp_path / "b.json"), "--graph", str(tmp_path / "kg.ttl"), "--json"])
    assert status == 0
    out = json.loads(capsys.readouterr().out)
    assert sorted(out["pages"]) == ["a.txt", "b.txt"]
    assert out["pages"]["a.txt"]["entities"]["Place"] == {"sys": 1, "gold": 1, "tp": 1, "p": 1.0, "r": 1.0, "f": 1.0}
    assert out["micro"]["entities"]["Place"]["sys"] == 3 and out["micro"]["entities"]["Place"]["tp"] == 2
    assert out["failed"] == []


def test_evaluate_cli_reports_bad_gold_and_goes_on(tmp_path, capsys):
    write_turtle(two_page_graph(), tmp_path / "kg.ttl")
    (tmp_path / "a.json").write_text(json.dumps({"seed": "a.txt", "entities": []}), encoding="utf-8")
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    (tmp_path / "noseed.json").write_text('{"entities": []}', encoding="utf-8")
    status = kg_main(["eval", str(tmp_path / "bad.json"), str(tmp_path / "noseed.json"), str(tmp_path / "a.json"),
                      "--graph", str(tmp_path / "kg.ttl")])
    captured = capsys.readouterr()
    assert status == 1
    assert f"{tmp_path / 'bad.json'}: not valid JSON" in captured.err
    assert "no 'seed'" in captured.err
    assert "== a.txt" in captured.out


def test_evaluate_cli_missing_page_names_where_it_looked(tmp_path, capsys):
    (tmp_path / "g.json").write_text(json.dumps({"seed": "nowhere.txt", "entities": []}), encoding="utf-8")
    assert kg_main(["eval", str(tmp_path / "g.json"), "--pages", str(tmp_path)]) == 1
    assert "its page nowhere.txt is in none of" in capsys.readouterr().err


# --- the seeds, against the reference scorer -------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_graphs() -> dict[str, tuple[Graph, dict]]:
    from kg.pipeline import process_page

    out = {}
    for path in GOLD_FILES:
        gold = load_gold(path)
        out[gold["seed"]] = (process_page(SEEDS / gold["seed"]).graph, gold)
    return out


@pytest.mark.slow
@needs_score_py
@pytest.mark.skipif(not GOLD_FILES, reason="no gold files beside the repository")
def test_evaluate_equals_reference_scorer_on_seed_pages(seed_graphs, tmp_path):
    for seed, (graph, gold) in seed_graphs.items():
        ours = evaluate(graph, gold).to_dict()
        assert ours == reference_scores(graph, gold, tmp_path), seed
        # a working extractor finds something on every gold page
        assert ours["entities"]["ALL"]["tp"] > 0 and ours["relations"]["ALL"]["tp"] > 0


@pytest.mark.slow
@needs_score_py
@pytest.mark.skipif(not GOLD_FILES, reason="no gold files beside the repository")
def test_evaluate_equals_reference_scorer_on_baseline_graphs(tmp_path):
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from baseline_jieba import baseline_graph
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    gold = load_gold(GOLD_FILES[0])
    graph = baseline_graph(SEEDS / gold["seed"])
    ours = evaluate(graph, gold).to_dict()
    assert ours == reference_scores(graph, gold, tmp_path)
    assert ours["entities"]["Place"]["tp"] > 0


@pytest.mark.slow
@pytest.mark.skipif(not GOLD_FILES, reason="no gold files beside the repository")
def test_evaluate_cli_build_matches_library(seed_graphs, capsys):
    gold_path = GOLD_FILES[0]
    graph, gold = seed_graphs[load_gold(gold_path)["seed"]]
    assert kg_main(["eval", str(gold_path), "--pages", str(SEEDS), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["pages"][gold["seed"]] == evaluate(graph, gold).to_dict()


def test_find_page_looks_in_every_pages_folder_then_next_to_the_gold_then_seeds(tmp_path):
    from kg.commands.eval import find_page

    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    (b / "p.txt").write_text("x", encoding="utf-8")
    gold = tmp_path / "g.json"
    assert find_page("p.txt", gold, [str(a), str(b)]) == b / "p.txt"
    (tmp_path / "q.txt").write_text("x", encoding="utf-8")
    assert find_page("q.txt", gold, [str(a)]) == tmp_path / "q.txt"
    assert find_page("000_db3279ee40e395c9.txt", gold, [str(a)]).name == "000_db3279ee40e395c9.txt"

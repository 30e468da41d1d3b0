"""kg query: errors, parameter binding, output formats and the command line."""

from __future__ import annotations

import csv
import io
import json
import threading
from pathlib import Path

import pytest
from rdflib import Graph, Literal

from kg.cli import main
from kg.errors import QueryError
from kg.query import (
    OxigraphEngine,
    QueryResult,
    RdflibEngine,
    bind_params,
    bind_values,
    display_width,
    format_table,
    get_query,
    library,
    run_named,
    run_query,
)

FIXTURE = Path(__file__).parent / "data" / "query" / "fixture.ttl"


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph().parse(FIXTURE, format="turtle")


@pytest.fixture(scope="module", params=["rdflib", "oxigraph"])
def engine(request, graph):
    return RdflibEngine(graph) if request.param == "rdflib" else OxigraphEngine(graph)


def test_query_errors_unknown_name_lists_known_names():
    with pytest.raises(QueryError) as err:
        get_query("programs-in-plaec")
    assert "programs-in-place" in str(err.value) and "money-per-county" in str(err.value)


# rdflib points at the start of the construct it could not finish, Oxigraph at the token
@pytest.mark.parametrize("text, lines", [("SELECT ?x WHERE {\n  ?x ?y\n}", "[23]"), ("SELECT ?x WHERE { ?x a kg:Place . FILTER( }", "1")])
def test_query_errors_syntax_error_has_line_and_column(engine, text, lines):
    with pytest.raises(QueryError, match=rf"syntax error at line {lines}, column \d+"):
        run_query(engine, text)


def test_query_errors_missing_parameter_is_named(engine):
    with pytest.raises(QueryError, match="needs parameter 'object'"):
        run_named(engine, "edge-evidence", {"subject": "故城县水务局"})


def test_query_errors_unknown_parameter(engine):
    with pytest.raises(QueryError, match="has no parameter 'town'.*place"):
        run_named(engine, "programs-in-place", {"town": "故城"})


def test_query_errors_timeout():
    release = threading.Event()

    class SlowEngine:
        def run(self, sparql, bindings, source):
            release.wait(5)
            return QueryResult("select")

    try:
        with pytest.raises(QueryError, match="longer than 0.2 s"):
            run_query(SlowEngine(), "SELECT * WHERE { ?s ?p ?o }", timeout=0.2)
    finally:
        release.set()


@pytest.mark.parametrize(
    "hostile",
    ['故城" } ?s ?p ?o . { "', "故城\\", '""" ; DROP ALL', "<https://evil.example/>", "故城\n}"],
)
def test_query_params_are_terms_not_text(engine, hostile):
    result = run_named(engine, "programs-in-place", {"place": hostile})
    assert result.rows == []


def test_query_params_bind_values_placement():
    text = (
        "PREFIX ex: <http://example.org/{x}>  # WHERE { in a comment\n"
        'SELECT ?s (IF(?n < 3, "{", "}") AS ?b) WHERE { ?s ?p ?name }'
    )
    out = bind_values(text, {"name": Literal('a"b')})
    assert out.endswith('WHERE { VALUES (?name) { ("a\\"b") }  ?s ?p ?name }')


def test_query_params_typed(graph):
    q = get_query("programs-in-place")
    # names are bound as zh-tagged literals, the form every label has
    assert bind_params(q, {"place": "故城"}) == {"place": Literal("故城", lang="zh")}
    inline = q.__class__("inline", "", "", (), "SELECT ?s WHERE { ?s ?p ?o }", "query")
    with pytest.raises(QueryError, match="not a variable"):
        bind_params(inline, {"x": "1"})


def test_query_inline_with_initns_prefixes(engine):
    r = run_query(engine, "SELECT (COUNT(?p) AS ?n) WHERE { ?p a kg:Program }")
    assert int(r.rows[0][0].toPython()) == 3


def test_query_ask_and_construct(engine):
    assert run_query(engine, "ASK { ?p a kg:Program }").boolean is True
    g = run_query(engine, "CONSTRUCT { ?p a kg:Program } WHERE { ?p a kg:Program }").graph
    assert len(g) == 3


def test_query_table_aligns_cjk():
    result = QueryResult("select", vars=["name", "n"], rows=[(Literal("故城县"), Literal(1)), (Literal("abc"), Literal(22))])
    lines = format_table(result).splitlines()
    assert lines[:2] == ["name    n", "------  --"]
    assert lines[2] == "故城县  1"
    assert lines[3] == "abc     22"


@pytest.mark.parametrize("text, width", [("故城县", 6), ("abc", 3), ("ＡＢ", 4), ("e\u0301", 1), ("“拧开”", 6)])
def test_query_display_width(text, width):
    assert display_width(text) == width


def test_query_cli_list(capsys):
    assert main(["query", "--list"]) == 0
    out = capsys.readouterr().out
    assert "programs-in-place" in out and "--param place=" in out


def test_query_cli_named_csv(capsys):
    assert main(["query", "sub-places", "--param", "place=故城县", "-g", str(FIXTURE), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["label"] for r in rows] == ["郑口镇", "师黄村"]
    assert rows[0]["sub"] == "https://w3id.org/cngov-kg/id/place/131126100000"


def test_query_cli_inline_json(capsys):
    q = "SELECT ?l WHERE { ?p a kg:Program ; skos:prefLabel ?l } ORDER BY ?l"
    assert main(["query", q, "-g", str(FIXTURE), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["head"]["vars"] == ["l"]
    assert doc["results"]["bindings"][0]["l"] == {"type": "literal", "value": "二期农村地表水厂建设项目", "xml:lang": "zh"}


def test_query_cli_file(tmp_path, capsys):
    f = tmp_path / "q.rq"
    f.write_text("# title: t\n# param: name — a label\nSELECT ?p WHERE { ?p skos:prefLabel ?l . FILTER(STR(?l) = ?name) }\n", encoding="utf-8")
    assert main(["query", "-f", str(f), "-p", "name=郑口镇", "-g", str(FIXTURE)]) == 0
    assert "kgr:place/131126100000" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["query", "nope"], "unknown query 'nope'"),
        (["query", "programs-in-place"], "needs parameter 'place'"),
        (["query", "SELECT ?x WHERE {\n ?x ?y }"], "line 2"),
        (["query", "programs-in-place", "-p", "place"], "NAME=VALUE"),
    ],
)
def test_query_cli_errors(argv, message, capsys):
    assert main(argv + ["-g", str(FIXTURE)]) == 1
    assert message in capsys.readouterr().err


def test_query_cli_store(tmp_path, capsys):
    from kg.store import GraphStore

    store = GraphStore.open(tmp_path / "store")
    store.replace_page("p0.txt", Graph().parse(FIXTURE, format="turtle"))
    store.close()
    assert main(["query", "programs-in-place", "-p", "place=故城", "--store", str(tmp_path / "store"), "-t", "csv"]) == 0
    labels = [r["program_label"] for r in csv.DictReader(io.StringIO(capsys.readouterr().out))]
    assert labels == ["二期农村地表水厂建设项目", "农村生活水源置换工程", "农村生活水源置换工程"]
    assert main(["query", "x", "--store", str(tmp_path / "missing")]) == 1


def test_query_cli_limit_and_offset_give_one_page(capsys):
    q = "SELECT ?l WHERE { ?p a kg:Program ; skos:prefLabel ?l } ORDER BY ?l"
    assert main(["query", q, "-g", str(FIXTURE), "--format", "csv"]) == 0
    every = capsys.readouterr().out.splitlines()[1:]
    assert len(every) >= 3
    assert main(["query", q, "-g", str(FIXTURE), "--format", "csv", "--limit", "2", "--offset", "1"]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines()[1:] == every[1:3]
    assert f"rows 2–3 of {len(every)}" in captured.err
    assert main(["query", q, "-g", str(FIXTURE), "--format", "csv", "--offset", str(len(every))]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines()[1:] == [] and f"no rows of {len(every)}" in captured.err


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--limit", "-1"], "0 or more"),
        (["--offset", "-2"], "0 or more"),
    ],
)
def test_query_cli_limit_errors(extra, message, capsys):
    assert main(["query", "SELECT ?s WHERE { ?s ?p ?o }", "-g", str(FIXTURE)] + extra) == 1
    assert message in capsys.readouterr().err


def test_query_cli_limit_needs_rows(capsys):
    assert main(["query", "ASK { ?s ?p ?o }", "-g", str(FIXTURE), "--limit", "1"]) == 1
    assert "apply to SELECT results" in capsys.readouterr().err


def test_query_cli_list_marks_the_queries_with_summaries(capsys):
    assert main(["query", "--list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    marked = {line.split()[0] for line in lines if "[summary" in line}
    assert marked == {q.name for q in library().values() if q.summary}

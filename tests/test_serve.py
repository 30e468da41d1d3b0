"""Tests of kg/serve.py: the read-only SPARQL endpoint, over HTTP."""

from __future__ import annotations

import csv
import io
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
import rdflib
from rdflib import Literal, Namespace
from rdflib.namespace import RDF, SKOS, XSD

from kg.serve import make_server, negotiate
from kg.store import GraphStore

KG = Namespace("https://w3id.org/cngov-kg/ontology#")
KGR = Namespace("https://w3id.org/cngov-kg/id/")


def build_store(path, n_programs=30, chain=0):
    g = rdflib.Graph()
    for i in range(n_programs):
        p = KGR[f"program/{i:04d}"]
        g.add((p, RDF.type, KG.Program))
        g.add((p, SKOS.prefLabel, Literal(f"工程{i}, \"第{i}\"\t期", lang="zh")))
        g.add((p, KG.locatedIn, KGR["place/131126000000"]))
        g.add((p, KG.budget, Literal(str(i * 1000), datatype=XSD.decimal)))
    for i in range(chain):
        g.add((KGR[f"n/{i}"], KG.partOf, KGR[f"n/{i + 1}"]))
    with GraphStore.open(path / "store") as store:
        store.replace_page("p1", g)
        store.replace_page("p2", g)  # the same facts on two pages: the union shows them once
    return len(g)


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    build_store(out, chain=120)
    server = make_server(out, port=0, timeout=1.5, max_rows=20, workers=1, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def request(server, method="GET", path="/sparql", params=None, body=None, headers=None):
    url = server.url.rsplit("/", 1)[0] + path
    if params:
        url += "?" + urllib.parse.urlencode(params)
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?p a kg:Program }"


@pytest.mark.parametrize("how", ["get", "post-query", "post-form"])
def test_serve_select_json_in_every_protocol_form(endpoint, how):
    if how == "get":
        status, headers, body = request(endpoint, params={"query": COUNT})
    elif how == "post-query":
        status, headers, body = request(endpoint, "POST", body=COUNT.encode(),
                                        headers={"Content-Type": "application/sparql-query"})
    else:
        status, headers, body = request(endpoint, "POST", body=urllib.parse.urlencode({"query": COUNT}).encode(),
                                        headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200
    assert headers["Content-Type"] == "application/sparql-results+json"
    doc = json.loads(body)
    assert doc["head"]["vars"] == ["n"]
    assert doc["results"]["bindings"] == [{"n": {"type": "literal", "value": "30",
                                                  "datatype": "http://www.w3.org/2001/XMLSchema#integer"}}]


def test_serve_csv_and_tsv_by_accept(endpoint):
    q = "SELECT ?p ?l WHERE { ?p skos:prefLabel ?l } ORDER BY ?p LIMIT 2"
    status, headers, body = request(endpoint, params={"query": q}, headers={"Accept": "text/csv"})
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    assert rows[0] == ["p", "l"]
    assert rows[1] == ["https://w3id.org/cngov-kg/id/program/0000", '工程0, "第0"\t期']
    status, headers, body = request(endpoint, params={"query": q},
                                    headers={"Accept": "text/tab-separated-values"})
    lines = body.decode("utf-8").splitlines()
    assert lines[0] == "?p\t?l"
    assert lines[1] == '<https://w3id.org/cngov-kg/id/program/0000>\t"工程0, \\"第0\\"\\t期"@zh'


@pytest.mark.parametrize("accept, ctype, fmt", [
    (None, "text/turtle", "turtle"),
    ("text/turtle", "text/turtle", "turtle"),
    ("application/n-triples", "application/n-triples", "nt"),
])
def test_serve_construct_as_rdf(endpoint, accept, ctype, fmt):
    q = "CONSTRUCT { ?p kg:locatedIn ?x } WHERE { ?p kg:locatedIn ?x } ORDER BY ?p LIMIT 5"
    status, headers, body = request(endpoint, params={"query": q}, headers={"Accept": accept} if accept else {})
    assert status == 200 and headers["Content-Type"].startswith(ctype)
    g = rdflib.Graph().parse(data=body, format=fmt)
    assert len(g) == 5 and set(g.predicates()) == {KG.locatedIn}


def test_serve_ask(endpoint):
    status, _, body = request(endpoint, params={"query": "ASK { ?p a kg:Program }"})
    assert status == 200 and json.loads(body) == {"head": {}, "boolean": True}


@pytest.mark.parametrize("method, params, body, ctype", [
    ("GET", {"update": "DROP ALL"}, None, None),
    ("POST", None, b"DROP ALL", "application/sparql-update"),
    ("POST", None, b"update=DROP+ALL", "application/x-www-form-urlencoded"),
    ("GET", {"query": "DROP ALL"}, None, None),
    ("GET", {"query": "PREFIX a: <http://a/> # SELECT\n DELETE WHERE { ?s ?p ?o }"}, None, None),
    ("POST", None, b"INSERT DATA { <http://a> <http://b> <http://c> }", "application/sparql-query"),
])
def test_serve_refuses_updates(endpoint, method, params, body, ctype):
    status, _, text = request(endpoint, method, params=params, body=body,
                              headers={"Content-Type": ctype} if ctype else {})
    assert status == 403 and b"read-only" in text
    status, _, body = request(endpoint, params={"query": COUNT})
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "30"


def test_serve_bad_queries_are_client_errors(endpoint):
    assert request(endpoint, params={"query": "SELECT WHERE {"})[0] == 400
    assert request(endpoint, params={"query": COUNT}, headers={"Accept": "image/png"})[0] == 406
    assert request(endpoint, "PUT", body=b"x")[0] == 405
    assert request(endpoint, "POST", body=b"x", headers={"Content-Type": "text/plain"})[0] == 415
    assert request(endpoint, path="/nothing")[0] == 404


def test_serve_caps_result_rows(endpoint):
    status, headers, body = request(endpoint, params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == 20
    assert headers["X-KG-Truncated"] == "max-rows=20"
    status, headers, body = request(endpoint, params={"query": COUNT})
    assert "X-KG-Truncated" not in headers


def test_serve_timeout_stops_the_query_and_recovers(endpoint):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a kg:partOf* ?b . ?c kg:partOf* ?d }"
    worker = endpoint.pool._idle.queue[0].process
    started = time.monotonic()
    status, _, body = request(endpoint, params={"query": slow})
    assert status == 503 and b"timed out" in body
    assert time.monotonic() - started < 5
    worker.join(5)
    assert not worker.is_alive()  # the runaway query's process was killed
    status, _, body = request(endpoint, params={"query": COUNT})  # a fresh worker answers
    assert status == 200


def test_serve_query_page_is_self_contained(endpoint):
    status, headers, body = request(endpoint, path="/")
    page = body.decode("utf-8")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "<textarea" in page and "fetch(\"sparql\"" in page
    assert "http://" not in page.replace("http://www.w3.org", "").replace("http://127.0.0.1", "") or "src=" not in page
    assert "<script src" not in page and "<link" not in page


def test_serve_binds_localhost_by_default(tmp_path):
    build_store(tmp_path, n_programs=1)
    server = make_server(tmp_path, port=0, workers=1, quiet=True)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


@pytest.mark.parametrize("accept, expected", [
    (None, "json"),
    ("*/*", "json"),
    ("text/csv;q=0.5, application/sparql-results+json;q=0.9", "json"),
    ("text/html,application/xhtml+xml,*/*;q=0.8", "json"),
    ("text/*", "csv"),
    ("image/png", None),
    ("text/csv;q=0", None),
])
def test_serve_negotiate(accept, expected):
    offers = {"application/sparql-results+json": "json", "text/csv": "csv"}
    assert negotiate(accept, offers) == expected

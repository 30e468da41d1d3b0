"""Tests of ``kg push`` against a real Graph Store Protocol endpoint: an
``oxigraph serve`` started here (installed by scripts/install_oxigraph_server.sh)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import rdflib
from rdflib import Literal, Namespace
from rdflib.namespace import RDF, SKOS

from kg.cli import main
from kg.commands.push import push_store, remote_triple_count, target_url
from kg.errors import KGError
from kg.store import GraphStore

KG = Namespace("https://w3id.org/cngov-kg/ontology#")
KGR = Namespace("https://w3id.org/cngov-kg/id/")


def oxigraph_binary() -> str | None:
    local = Path(sys.executable).parent / "oxigraph"
    return str(local) if local.exists() else shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def oxigraph_server():
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server is not installed; run scripts/install_oxigraph_server.sh")
    port = free_port()
    proc = subprocess.Popen([binary, "serve", "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/store?default", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail("oxigraph serve exited at start")
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture
def out(tmp_path):
    g1, g2 = rdflib.Graph(), rdflib.Graph()
    for i in range(50):
        p = KGR[f"program/{i:04d}"]
        for g in (g1, g2) if i < 10 else (g1,):  # ten programs on both pages
            g.add((p, RDF.type, KG.Program))
            g.add((p, SKOS.prefLabel, Literal(f"工程{i}", lang="zh")))
    with GraphStore.open(tmp_path / "store") as store:
        store.replace_page("p1", g1)
        store.replace_page("p2", g2)
        assert store.triple_count() == 100
    return tmp_path


@pytest.mark.parametrize("graph", [None, "https://w3id.org/cngov-kg/graph/test"])
def test_push_put_then_counts_match(oxigraph_server, out, graph):
    endpoint = oxigraph_server + "/store"
    report = push_store(out, endpoint, graph)
    assert report.sent == report.remote == 100
    assert remote_triple_count(endpoint, graph) == 100
    # a second PUT replaces rather than duplicates
    assert push_store(out, endpoint, graph).remote == 100


def test_push_post_adds_to_the_target_graph(oxigraph_server, out):
    endpoint = oxigraph_server + "/store"
    graph = "https://w3id.org/cngov-kg/graph/post"
    extra = b'<https://w3id.org/cngov-kg/id/x> <http://www.w3.org/2004/02/skos/core#prefLabel> "x" .\n'
    urllib.request.urlopen(urllib.request.Request(target_url(endpoint, graph), data=extra, method="PUT",
                                                  headers={"Content-Type": "application/n-triples"}))
    report = push_store(out, endpoint, graph, method="post")
    assert report.remote == 101


def test_push_cli(oxigraph_server, out, capsys):
    assert main(["push", "--endpoint", oxigraph_server + "/store", "--out", str(out),
                 "--graph", "https://w3id.org/cngov-kg/graph/cli"]) == 0
    assert "100 triples sent, 100 in the target graph" in capsys.readouterr().out


@pytest.mark.parametrize("endpoint, message", [
    ("ftp://127.0.0.1/store", "http"),
    ("http://127.0.0.1:9/store", "cannot reach"),
])
def test_push_bad_endpoint_is_a_clear_error(out, endpoint, message):
    with pytest.raises(KGError, match=message):
        push_store(out, endpoint)


def test_push_http_error_names_status(oxigraph_server, out):
    with pytest.raises(KGError, match="HTTP 4"):
        push_store(out, oxigraph_server + "/nothing-here")


def test_push_without_store(tmp_path):
    with pytest.raises(KGError, match="kg build"):
        push_store(tmp_path / "none", "http://127.0.0.1:9/store")

"""Crash safety: a real ``kg build`` killed with SIGKILL at any moment leaves
the previous store and exports intact and usable, and a store update killed
mid-transaction (what ``kg add`` does) leaves the store as it was before or
after, never in between.

The build is stopped at named stages with ``KG_TEST_PAUSE_AT`` (see
:func:`kg.atomic.pause_at`) and at a timed moment before extraction. The
previous build has one page, the killed build two, so "previous" and "new"
are told apart by their bytes and triple counts.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import rdflib

from kg.atomic import COMMIT_RECORD, STAGE_PREFIX, StagedOutput, recover, replace_dir
from kg.store import GraphStore, page_key

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
# the smallest seeds keep the real builds short
SMALL = sorted(SEEDS, key=lambda p: p.stat().st_size)[:2]

# stage → what a reader finds after the kill (and after recover())
KILL_POINTS = {
    "timed-0.5s": "previous",  # before or during the first page's extraction
    "extract": "previous",  # first page extracted
    "store": "previous",  # staged store open, nothing written
    "export": "previous",  # staged store written and closed
    "commit": "previous",  # everything staged and flushed, no commit record
    "swap": "new",  # commit record written: recovery rolls forward
}


def _kg(*args: str, env: dict | None = None, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kg.cli", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def _state(out: Path) -> tuple[bytes, bytes, int, int]:
    """(kg.ttl bytes, explorer.html bytes, store triple count, answer of a query)."""
    with GraphStore.open(out / "store", read_only=True) as store:
        count = store.triple_count()
        _, rows = store.query("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a kg:Article }")
    return (out / "kg.ttl").read_bytes(), (out / "explorer.html").read_bytes(), count, int(rows[0][0])


def _wait_for(proc: subprocess.Popen, text: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            if proc.poll() is not None:
                break
            continue
        seen.append(line)
        if text in line:
            return
    proc.kill()
    raise AssertionError(f"build never reached {text!r}; stderr: {''.join(seen)[-2000:]}")


@contextlib.contextmanager
def _runs_killed_at(tmp_path: Path, base: Path, args: list[str], stages):
    """Start ``kg *args --out DIR`` once per stage, each DIR a copy of ``base``:
    paused at the stage (``KG_TEST_PAUSE_AT``), or for ``timed-<s>s`` killed
    that many seconds after launch. Yields ``kill(stage) -> DIR``, which
    SIGKILLs the run at its stage; every process is reaped at the end."""
    procs = {}
    try:
        for stage in stages:
            out_dir = tmp_path / stage
            shutil.copytree(base, out_dir)
            env = dict(os.environ)
            if not stage.startswith("timed"):
                env.update(KG_TEST_PAUSE_AT=stage, KG_TEST_PAUSE_SECONDS="600")
            procs[stage] = (out_dir, _kg(*args, "--out", str(out_dir), env=env))
            if stage.startswith("timed"):
                time.sleep(float(stage[len("timed-"):-1]))
                procs[stage][1].send_signal(signal.SIGKILL)

        def kill(stage: str) -> Path:
            out_dir, proc = procs[stage]
            if not stage.startswith("timed"):
                _wait_for(proc, f"kg: paused at {stage}", timeout=900)
                proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
            assert proc.returncode == -signal.SIGKILL, stage
            return out_dir

        yield kill
    finally:
        for _, proc in procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            proc.stdout.close()
            proc.stderr.close()


@pytest.mark.slow
def test_robust_kill_build_at_every_stage_keeps_previous_outputs(tmp_path):
    base = tmp_path / "base"
    done = _kg("build", str(SMALL[0]), "--out", str(base), "-q")
    out, err = done.communicate(timeout=600)
    assert done.returncode == 0, err
    previous = _state(base)

    # the build everyone is killed in: two pages instead of one
    finished = tmp_path / "finished"
    shutil.copytree(base, finished)
    full = _kg("build", *map(str, SMALL), "--out", str(finished), "-q")

    with _runs_killed_at(tmp_path, base, ["build", *map(str, SMALL)], KILL_POINTS) as kill:
        full_out, full_err = full.communicate(timeout=900)
        assert full.returncode == 0, full_out + full_err
        new = _state(finished)
        assert new[2] > previous[2] and new[3] > previous[3]

        survived = 0
        for stage, outcome in KILL_POINTS.items():
            out_dir = kill(stage)
            if outcome == "previous":
                # readers see the previous outputs even before any recovery runs
                assert _state(out_dir) == previous, stage
            recovered = recover(out_dir)
            assert _state(out_dir) == (previous if outcome == "previous" else new), stage
            assert not list(out_dir.glob(STAGE_PREFIX + "*")) and not (out_dir / COMMIT_RECORD).exists()
            if stage == "swap":
                assert recovered == "rolled forward"
            survived += 1
    assert survived == len(KILL_POINTS)
    print(f"\nkills survived: {survived} (stages: {', '.join(KILL_POINTS)})")


# --- the store's own transactions (what `kg add` relies on) ---------------

_WRITER = r"""
import sys, rdflib
from kg.store import GraphStore
K = rdflib.URIRef
def page(tag, n):
    g = rdflib.Graph()
    for i in range(n):
        g.add((K(f"https://w3id.org/cngov-kg/id/program/{i}"),
               K("http://www.w3.org/2004/02/skos/core#prefLabel"), rdflib.Literal(f"{tag}{i}", lang="zh")))
    return g
store = GraphStore.open(sys.argv[1])
new = page("新", int(sys.argv[2]))
print("writing", file=sys.stderr, flush=True)
store.replace_pages([("a", new), ("b", page("乙", 10))])
print("written", file=sys.stderr, flush=True)
store.close()
"""

N_TRIPLES = 3000


def _labels(path: Path) -> tuple[set[str], list[str]]:
    with GraphStore.open(path, read_only=True) as store:
        _, rows = store.query("SELECT ?l WHERE { ?s skos:prefLabel ?l }")
        return {str(r[0])[0] for r in rows}, store.pages()


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.0, 0.3, 1.0, 2.0])
def test_robust_kill_store_update_is_all_or_nothing(tmp_path, delay):
    import rdflib

    store_dir = tmp_path / "store"
    old = rdflib.Graph()
    for i in range(N_TRIPLES):
        old.add((rdflib.URIRef(f"https://w3id.org/cngov-kg/id/program/{i}"),
                 rdflib.URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"), rdflib.Literal(f"旧{i}", lang="zh")))
    with GraphStore.open(store_dir) as store:
        store.replace_pages([("a", old)])
    proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(store_dir), str(N_TRIPLES)], cwd=ROOT,
                            stderr=subprocess.PIPE, text=True)
    _wait_for(proc, "writing", timeout=120)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stderr.close()
    kinds, pages = _labels(store_dir)
    # the whole update or none of it: old page alone, or new page a and page b
    assert (kinds, pages) in [({"旧"}, ["a"]), ({"新", "乙"}, ["a", "b"])], (delay, kinds, pages)
    with GraphStore.open(store_dir, read_only=True) as store:
        assert store.triple_count() in (N_TRIPLES, N_TRIPLES + 10)


# --- the commit protocol, step by step -------------------------------------


def _stage(out: Path, ttl: str, store_file: str) -> StagedOutput:
    stage = StagedOutput(out)
    stage.path("kg.ttl").write_text(ttl)
    stage.path("store").mkdir()
    (stage.path("store") / "data").write_text(store_file)
    return stage


def _outputs(out: Path) -> tuple[str, str]:
    return (out / "kg.ttl").read_text(), (out / "store" / "data").read_text()


def test_robust_kill_commit_rolls_forward_from_every_partial_state(tmp_path, monkeypatch):
    """Crash after each move of the commit (simulated by making the next move
    fail): recover() always ends with the new outputs, and running it again
    changes nothing."""
    import kg.atomic as atomic

    for fail_after in range(2):  # moves done before the crash (kg.ttl, then store)
        out = tmp_path / f"out{fail_after}"
        with _stage(out, "old", "old") as s:
            s.commit()
        stage = _stage(out, "new", "new")
        calls = {"n": 0}
        real_replace, real_dir = os.replace, atomic.replace_dir

        def counting(fn):
            def wrapped(*a, **k):
                if calls["n"] >= fail_after + 1:  # the first call writes the commit record
                    raise OSError("simulated crash")
                calls["n"] += 1
                return fn(*a, **k)
            return wrapped

        monkeypatch.setattr(atomic.os, "replace", counting(real_replace))
        monkeypatch.setattr(atomic, "replace_dir", counting(real_dir))
        with pytest.raises(OSError, match="simulated crash"):
            stage.commit()
        monkeypatch.setattr(atomic.os, "replace", real_replace)
        monkeypatch.setattr(atomic, "replace_dir", real_dir)
        assert (out / COMMIT_RECORD).exists()
        assert _outputs(out) == (("old", "old") if fail_after == 0 else ("new", "old"))
        assert recover(out) == "rolled forward"
        assert _outputs(out) == ("new", "new")
        assert recover(out) is None and _outputs(out) == ("new", "new")


def test_robust_kill_uncommitted_stage_is_discarded(tmp_path):
    out = tmp_path / "out"
    with _stage(out, "old", "old") as s:
        s.commit()
    leftover = _stage(out, "new", "new")  # as if killed before commit()
    assert leftover.dir.exists()
    assert recover(out) == "cleaned"
    assert _outputs(out) == ("old", "old") and not leftover.dir.exists()


def test_robust_kill_two_rename_fallback_is_recoverable(tmp_path, monkeypatch):
    """Without renameat2 the directory swap takes two renames; a crash between
    them leaves ``store`` missing, and recover() puts the new one in place."""
    import kg.atomic as atomic

    monkeypatch.setattr(atomic, "_renameat2_exchange", lambda a, b: False)
    out = tmp_path / "out"
    with _stage(out, "old", "old") as s:
        s.commit()
    stage = _stage(out, "new", "new")
    real_rename = os.rename
    calls = {"n": 0}

    def rename(a, b):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("simulated crash")
        return real_rename(a, b)

    monkeypatch.setattr(atomic.os, "rename", rename)
    with pytest.raises(OSError):
        stage.commit()
    monkeypatch.setattr(atomic.os, "rename", real_rename)
    assert not (out / "store").exists() or _outputs(out)[1] == "old"
    recover(out)
    assert _outputs(out) == ("new", "new")


def test_robust_kill_replace_dir_exchanges(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "f").write_text("A")
    (b / "f").write_text("B")
    replace_dir(a, b)
    assert (b / "f").read_text() == "A" and (a / "f").read_text() == "B"


# --- kg add: the store and the exports change together ---------------------

# stage → what a reader finds after `kg add` is killed there
ADD_KILL_POINTS = {
    "timed-0.5s": "previous",  # before or during extraction
    "extract": "previous",  # the page extracted
    "store": "previous",  # the store copied into the stage, page not loaded
    "export": "previous",  # staged store written, exports not yet
    "commit": "previous",  # everything staged and flushed, no commit record
    "swap": "new",  # commit record written: the first reader rolls forward
}


@pytest.mark.slow
def test_robust_kill_add_at_every_stage_keeps_store_and_exports_together(tmp_path):
    base = tmp_path / "base"
    done = _kg("build", str(SMALL[0]), "--out", str(base), "-q")
    _, err = done.communicate(timeout=600)
    assert done.returncode == 0, err
    previous = _state(base)

    finished = tmp_path / "finished"
    shutil.copytree(base, finished)
    full = _kg("add", str(SMALL[1]), "--out", str(finished), "-q")

    with _runs_killed_at(tmp_path, base, ["add", str(SMALL[1])], ADD_KILL_POINTS) as kill:
        full_out, full_err = full.communicate(timeout=900)
        assert full.returncode == 0, full_out + full_err
        new = _state(finished)
        assert new[2] > previous[2] and new[3] > previous[3] and new[0] != previous[0]

        survived = 0
        for stage, outcome in ADD_KILL_POINTS.items():
            out_dir = kill(stage)
            if stage == "swap":
                assert (out_dir / COMMIT_RECORD).exists()
            # no explicit recovery: opening the store for reading finishes the commit
            assert _state(out_dir) == (previous if outcome == "previous" else new), stage
            assert not (out_dir / COMMIT_RECORD).exists(), stage
            survived += 1

        # the next `kg add` cleans what the killed one left and completes
        again = tmp_path / "export"
        assert list(again.glob(STAGE_PREFIX + "*"))
        rerun = _kg("add", str(SMALL[1]), "--out", str(again), "-q")
        _, err = rerun.communicate(timeout=900)
        assert rerun.returncode == 0, err
        assert not list(again.glob(STAGE_PREFIX + "*"))
        # (checked against itself, not `new`: the extractor may have changed between the two runs)
        with GraphStore.open(again / "store", read_only=True) as store:
            pages, count = store.pages(), store.triple_count()
        assert pages == sorted(page_key(p.name) for p in SMALL[:2])
        assert len(rdflib.Graph().parse(again / "kg.ttl", format="turtle")) == count
    assert survived == len(ADD_KILL_POINTS)
    print(f"\nkg add kills survived: {survived} (stages: {', '.join(ADD_KILL_POINTS)})")


# --- readers and an interrupted commit ---------------------------------------


def _page(label: str) -> "rdflib.Graph":
    g = rdflib.Graph()
    g.add((rdflib.URIRef("https://w3id.org/cngov-kg/id/place/1"),
           rdflib.URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"), rdflib.Literal(label, lang="zh")))
    return g


def _interrupted(out: Path, moved: str) -> None:
    """A commit of store+kg.ttl ("新") over the committed ones ("旧"), stopped
    after its commit record with ``moved`` items in place: "none", "kg.ttl",
    or "store-missing" (the two-rename fallback stopped between its renames)."""
    import kg.atomic as atomic

    for label in ("旧", "新"):
        stage = StagedOutput(out)
        with GraphStore.open(stage.path("store")) as store:
            store.replace_page("a", _page(label))
        stage.path("kg.ttl").write_text(label, encoding="utf-8")
        if label == "旧":
            stage.commit()
    record = {"stage": stage.dir.name, "items": {n: os.lstat(stage.dir / n).st_ino for n in ("kg.ttl", "store")}}
    atomic._write_record(out, record)
    if moved == "kg.ttl":
        os.replace(stage.path("kg.ttl"), out / "kg.ttl")
    elif moved == "store-missing":
        os.rename(out / "store", stage.dir / "store.old")


def _label(store: GraphStore) -> str:
    return str(store.query("SELECT ?l { ?s skos:prefLabel ?l }")[1][0][0])


@pytest.mark.parametrize("moved", ["none", "kg.ttl", "store-missing"])
@pytest.mark.parametrize("read_only", [True, False])
def test_robust_kill_opening_the_store_finishes_an_interrupted_commit(tmp_path, moved, read_only):
    out = tmp_path / "out"
    _interrupted(out, moved)
    with GraphStore.open(out / "store", create=False, read_only=read_only) as store:
        assert _label(store) == "新"
    assert (out / "kg.ttl").read_text(encoding="utf-8") == "新"
    assert not (out / COMMIT_RECORD).exists() and not list(out.glob(STAGE_PREFIX + "*"))


def test_robust_kill_reader_refuses_an_interrupted_commit_while_another_reads(tmp_path):
    from kg.errors import StoreError
    from kg.store import lock_store

    out = tmp_path / "out"
    _interrupted(out, "kg.ttl")
    other = lock_store(out / "store", shared=True)  # another reader, e.g. a `kg serve` worker
    try:
        with pytest.raises(StoreError, match=r"an interrupted build in .*out.*run `kg build`/`kg add` again"):
            GraphStore.open(out / "store", read_only=True)
        assert (out / COMMIT_RECORD).exists()  # nothing touched
    finally:
        os.close(other)
    with GraphStore.open(out / "store", read_only=True) as store:  # now it can
        assert _label(store) == "新"


def test_robust_kill_reader_waits_for_no_writer(tmp_path):
    """A store being written (write lock held) is refused to readers with the
    usual message, commit record or not."""
    from kg.errors import StoreError
    from kg.store import write_lock

    out = tmp_path / "out"
    _interrupted(out, "none")
    with write_lock(out / "store"):
        with pytest.raises(StoreError, match="being written by another `kg` process"):
            GraphStore.open(out / "store", read_only=True)
    assert (out / COMMIT_RECORD).exists()

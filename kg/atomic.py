"""Atomic replacement of a build's outputs: the store directory and the exports.

A build writes everything it produces — ``store/``, ``kg.ttl``,
``explorer.html`` — into a hidden staging folder next to them
(``DIR/.kg-stage-<pid>``), then *commits*:

1. every staged file is flushed to disk (``fsync``);
2. a commit record ``DIR/.kg-commit.json`` is written atomically (temp file,
   ``fsync``, rename). It names the staging folder and the inode of each
   staged item. Writing it is the commit point;
3. each item is moved into place: files with :func:`os.replace`, the store
   directory by an atomic exchange of the two directories
   (``renameat2(RENAME_EXCHANGE)`` on Linux; elsewhere two renames);
4. the commit record is removed, then the staging folder (now holding the
   previous store).

A process killed before step 2 leaves the previous outputs untouched: the
staging folder is garbage and :func:`recover` deletes it. A process killed
after step 2 leaves a commit record; :func:`recover` finishes the moves
(an item whose inode already matches the record is in place, so recovery
can run any number of times). Either way a reader sees the previous outputs
or the new ones, never a mixture, once :func:`recover` has run — and
``kg build`` and ``kg add`` run it before anything else, and opening the
store (:meth:`kg.store.GraphStore.open`) runs it when a commit record is there.

The test hook :func:`pause_at` lets tests stop a real build at a named stage
and kill it there (``KG_TEST_PAUSE_AT=<stage>``); it does nothing unless
that variable is set.
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from kg.errors import KGError, StoreError

COMMIT_RECORD = ".kg-commit.json"
STAGE_PREFIX = ".kg-stage-"

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def pause_at(stage: str) -> None:
    """Sleep at ``stage`` when the environment variable ``KG_TEST_PAUSE_AT`` names it.

    Used by the kill tests: the build prints ``kg: paused at <stage>`` to
    stderr and sleeps for ``KG_TEST_PAUSE_SECONDS`` (default 60), giving the
    test a known moment to send SIGKILL. Stages of ``kg build`` and
    ``kg add``: ``extract`` (after the first page is extracted), ``store``
    (the staged store is open, or for ``kg add`` copied, nothing written
    yet), ``export`` (store written, exports not yet), ``commit``
    (everything staged, before the commit record), ``swap`` (commit record
    written, items not yet moved).
    """
    if os.environ.get("KG_TEST_PAUSE_AT") != stage:
        return
    print(f"kg: paused at {stage}", file=sys.stderr, flush=True)
    time.sleep(float(os.environ.get("KG_TEST_PAUSE_SECONDS", "60")))


def fsync_path(path: str | os.PathLike) -> None:
    """Flush a file, or a directory's entry table, to disk (best effort for directories)."""
    flags = os.O_RDONLY | (os.O_DIRECTORY if os.path.isdir(path) else 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def fsync_tree(path: str | os.PathLike) -> None:
    """Flush every file under ``path`` and every directory on the way."""
    path = Path(path)
    if path.is_dir():
        for root, _dirs, files in os.walk(path):
            for name in files:
                fsync_path(os.path.join(root, name))
            fsync_path(root)
    else:
        fsync_path(path)


def _renameat2_exchange(a: str, b: str) -> bool:
    """Atomically exchange two paths; False when the system cannot do it."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    if fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), a)


def replace_dir(staged: str | os.PathLike, target: str | os.PathLike) -> None:
    """Put directory ``staged`` at ``target``; the previous ``target`` ends up at ``staged``.

    On Linux the two are exchanged in one atomic step. Elsewhere ``target``
    is first renamed to ``staged + ".old"``; a crash between the two renames
    leaves ``target`` missing, which :func:`recover` repairs from the commit
    record.
    """
    staged, target = os.fspath(staged), os.fspath(target)
    if not os.path.lexists(target):
        os.rename(staged, target)
        return
    if _renameat2_exchange(staged, target):
        return
    os.rename(target, staged + ".old")
    os.rename(staged, target)
    os.rename(staged + ".old", staged)


def _inode(path: Path) -> int | None:
    try:
        return os.lstat(path).st_ino
    except FileNotFoundError:
        return None


def _write_record(out: Path, record: dict) -> None:
    fd, tmp = tempfile.mkstemp(prefix=COMMIT_RECORD + ".", suffix=".tmp", dir=out)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(record, fh, sort_keys=True)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, out / COMMIT_RECORD)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    fsync_path(out)


def _apply(out: Path, record: dict) -> None:
    """Move the staged items named by ``record`` into place (idempotent)."""
    stage = out / record["stage"]
    for name, ino in sorted(record["items"].items()):
        target, staged = out / name, stage / name
        if _inode(target) == ino:
            continue  # already in place
        if _inode(staged) != ino:
            raise KGError(
                f"{out / COMMIT_RECORD}: cannot finish an interrupted build: {name} is neither in place "
                f"nor in {stage}; delete {out / COMMIT_RECORD} and {stage} and build again"
            )
        if staged.is_dir():
            replace_dir(staged, target)
        else:
            os.replace(staged, target)
    fsync_path(out)


def recover(out_dir: str | os.PathLike) -> str | None:
    """Finish or discard an interrupted commit in ``out_dir``.

    Returns ``"rolled forward"`` when a commit record was found and its moves
    completed, ``"cleaned"`` when only leftover staging folders were removed,
    and ``None`` when there was nothing to do. Call it while holding the
    store's write lock, so that no other build's staging folder is live.
    """
    out = Path(out_dir)
    if not out.is_dir():
        return None
    result = None
    record_path = out / COMMIT_RECORD
    if record_path.exists():
        try:
            record = json.loads(record_path.read_text("utf-8"))
            record["stage"], record["items"]  # noqa: B018 - shape check
        except (ValueError, KeyError, TypeError) as exc:
            # the record is written atomically, so a damaged one was not ours to trust
            raise KGError(f"{record_path}: unreadable commit record ({exc}); delete it and build again") from None
        _apply(out, record)
        record_path.unlink()
        fsync_path(out)
        result = "rolled forward"
    for leftover in sorted(out.glob(STAGE_PREFIX + "*")):
        shutil.rmtree(leftover, ignore_errors=True)
        result = result or "cleaned"
    for tmp in out.glob(f".{COMMIT_RECORD}.*.tmp"):
        tmp.unlink(missing_ok=True)
    return result


def copy_store(src: Path, dst: Path) -> bool:
    """Copy the graph store in ``src`` to the new directory ``dst``; False when there is none.

    Uses Oxigraph's backup, which hard-links the database's files when
    ``dst`` is on the same file system: they are immutable (RocksDB never
    changes a table file in place), so the copy and the original stay
    independent and the copy costs time in the number of files, not their
    size. The caller holds the store's write lock.
    """
    import pyoxigraph as ox

    if not (src.is_dir() and any(src.iterdir())):
        return False
    try:
        ox.Store.read_only(str(src)).backup(str(dst))
    except OSError as exc:
        raise StoreError(f"{src}: cannot copy the graph store into {dst.parent} ({exc})") from exc
    return True


class StagedOutput:
    """A staging folder whose items replace their namesakes in ``out_dir`` on :meth:`commit`.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> with StagedOutput(out) as stage:
    ...     _ = stage.path("kg.ttl").write_text("new")
    ...     _ = stage.commit()
    >>> (out / "kg.ttl").read_text()
    'new'

    Leaving the ``with`` block without committing discards the staged items.
    """

    def __init__(self, out_dir: str | os.PathLike):
        self.out = Path(out_dir)
        self.out.mkdir(parents=True, exist_ok=True)
        self.dir = Path(tempfile.mkdtemp(prefix=f"{STAGE_PREFIX}{os.getpid()}-", dir=self.out))
        self.committed = False

    def path(self, name: str) -> Path:
        """Where to write item ``name`` (a file or a directory) before the commit."""
        if os.sep in name or name.startswith("."):
            raise ValueError(f"staged item names are plain visible names, not {name!r}")
        return self.dir / name

    def commit(self) -> list[Path]:
        """Move every staged item into ``out_dir`` as one commit; return the targets."""
        names = sorted(p.name for p in self.dir.iterdir() if not p.name.endswith(".lock"))
        fsync_tree(self.dir)
        pause_at("commit")
        record = {"stage": self.dir.name, "items": {n: os.lstat(self.dir / n).st_ino for n in names}}
        _write_record(self.out, record)
        pause_at("swap")
        _apply(self.out, record)
        (self.out / COMMIT_RECORD).unlink()
        fsync_path(self.out)
        self.committed = True
        self._discard()
        return [self.out / n for n in names]

    def _discard(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> "StagedOutput":
        return self

    def __exit__(self, *exc) -> None:
        if not self.committed:
            self._discard()

"""The ``kg`` sub-commands, one module each (see :mod:`kg.cli`), and the
options shared by the commands that read pages (``kg build``, ``kg add``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable


def add_page_options(parser: argparse.ArgumentParser, *, explorer_help: str) -> None:
    """Add ``--workers``, ``--scheduler``, ``--strict``, ``--no-explorer`` and ``-q``."""
    parser.add_argument("--workers", type=int, default=1, metavar="N", help="extract in N processes (default: 1)")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="run the extraction on a Dask cluster (tcp://host:8786)")
    parser.add_argument("--strict", action="store_true", help="stop at the first page that fails")
    parser.add_argument("--no-explorer", action="store_true", help=explorer_help)
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress lines")


def print_progress(i: int, n: int, path: str) -> None:
    """Print ``[i/n] path`` to stderr (nothing for a single page)."""
    if n > 1:
        print(f"[{i}/{n}] {path}", file=sys.stderr, flush=True)


def progress_printer(args: argparse.Namespace) -> Callable[[int, int, str], None] | None:
    """The progress callback for parsed page options: none with ``-q``."""
    return None if args.quiet else print_progress

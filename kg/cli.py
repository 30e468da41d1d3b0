"""Command-line interface: ``kg <command> ...``.

Each command lives in ``kg/commands/<name>.py`` and defines
``register(subparsers)``, which adds its sub-parser and sets ``func`` to a
function taking the parsed arguments and returning an exit status. The
commands are thin: the work is done by library functions that tests call
directly.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from kg import __version__
from kg.errors import KGError

# the order in which commands appear in ``kg --help``
COMMANDS = ("build", "add", "query", "export", "explore", "eval", "serve", "push")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Build a knowledge graph of programs, places and agencies from Chinese "
        "local-government news, query it with SPARQL and explore it in the browser.",
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"kg.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"kg.commands.{name}":
                raise
            continue
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KGError as exc:
        print(f"kg {args.command}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"kg {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

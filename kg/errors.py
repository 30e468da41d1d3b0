"""Error types. Every error that reaches a user names what failed and what to do."""

from __future__ import annotations


class KGError(Exception):
    """Base class of the project's errors."""


class InputError(KGError):
    """A page could not be read. Carries the file and the reason."""

    def __init__(self, path: str, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class QueryError(KGError):
    """A SPARQL query could not be found, parsed or run."""


class StoreError(KGError):
    """The graph store is missing, locked or damaged."""

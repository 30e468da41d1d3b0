#!/usr/bin/env bash
# Install the Oxigraph server binary (`oxigraph serve`), used by the tests of
# `kg push` and as a target for it. The binary ships in the `oxigraph` wheel
# on PyPI; it is installed into the project's virtual environment (or the
# Python given as $PYTHON) at the version of the pyoxigraph library.
# Idempotent: does nothing when a matching binary is already there.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${PYTHON:-$here/.venv/bin/python}"
if [[ ! -x "$python" ]]; then
    python="$(command -v python3)"
fi
bindir="$(dirname "$python")"

version="$("$python" -c 'import pyoxigraph; print(pyoxigraph.__version__)' 2>/dev/null || true)"
spec="oxigraph${version:+==$version}"

if [[ -x "$bindir/oxigraph" ]] && "$bindir/oxigraph" --version 2>/dev/null | grep -q "${version:-.}"; then
    echo "oxigraph server already installed: $("$bindir/oxigraph" --version) at $bindir/oxigraph"
    exit 0
fi

"$python" -m pip install --quiet "$spec"
echo "installed $("$bindir/oxigraph" --version) at $bindir/oxigraph"

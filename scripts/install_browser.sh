#!/usr/bin/env bash
# Install what the browser tests and the explorer benchmark need:
# Debian's Chromium (driven at /usr/bin/chromium), CJK fonts so Chinese labels
# render, and Playwright for Python in the project's venv. Playwright's own
# browser download is never used. Idempotent: quick when all is present.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${KG_PYTHON:-$here/.venv/bin/python}"

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "install ok installed" \
    || need_apt+=(fonts-noto-cjk)

if [ "${#need_apt[@]}" -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
fi

if ! "$python" -c "import playwright.sync_api" 2>/dev/null; then
    "$python" -m pip install -q "playwright>=1.40"
fi

/usr/bin/chromium --version
"$python" -c "import playwright, importlib.metadata as m; print('playwright', m.version('playwright'))"

#!/usr/bin/env bash
# Browser-test dependencies: Debian's Chromium (driven by Playwright's Python client, never
# `playwright install`) and the web extra. Run as root on Debian; safe to run again.
set -euo pipefail

if [ ! -x /usr/bin/chromium ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi
/usr/bin/chromium --version || true

PY="${PYTHON:-python}"
if [ -x .venv/bin/python ] && [ -z "${PYTHON:-}" ]; then PY=.venv/bin/python; fi
"$PY" -m pip install -q "playwright>=1.40" "httpx>=0.27"

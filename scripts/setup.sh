#!/usr/bin/env bash
# Creates .venv and installs termguard with the translation engine and the dev tools, at the
# versions in requirements/lock.txt (refreshed by `make lock`). With LOCK= (empty) it takes
# the newest releases pyproject.toml admits instead: that is `make test-latest`.
# Idempotent: re-running only installs what changed. Used by `make` and by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}
LOCK=${LOCK-requirements/lock.txt}

# Debian's word lists: German (wngerman) lets the matcher recognise closed compounds
# (Sangesurkorridor) and lets `termguard check` find German words left in an English edition;
# English (wamerican, wbritish: editions in either spelling) tells those apart from English words
# and finds glued words. termguard
# works without them (a smaller shipped compound list; check skips what needs a list).
if { [ ! -f /usr/share/dict/ngerman ] || [ ! -f /usr/share/dict/american-english ] \
     || [ ! -f /usr/share/dict/british-english ]; } \
    && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "setup: installing Debian's wngerman, wamerican and wbritish word lists" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wngerman wamerican wbritish) \
    >/dev/null 2>&1 \
    || echo "setup: word lists not installed (continuing without them)" >&2
fi

# Debian's Chromium and its driver run the browser tests (web page, HTML review) headless;
# without them those tests are skipped with a reason. SKIP_BROWSER=1 leaves them out.
if [ -z "${SKIP_BROWSER:-}" ] && [ ! -x /usr/bin/chromedriver ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "setup: installing Debian's chromium and chromium-driver for the browser tests" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver) >/dev/null 2>&1 \
    || echo "setup: chromium not installed (browser tests will be skipped)" >&2
fi

if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
PIP="$VENV/bin/python -m pip"
# pip's noise about the local torch wheel's name, filtered without hiding pip's exit status
# (pipefail keeps pip's; the filter itself always succeeds, even with nothing to print).
quiet() { grep -v "is ignored: it is neither" || true; }
if [ -n "$LOCK" ]; then
  CONSTRAINTS=(-c "$LOCK")
  UPGRADE=()
else
  CONSTRAINTS=()
  UPGRADE=(--upgrade --upgrade-strategy eager)
fi
$PIP install -q --upgrade "${CONSTRAINTS[@]}" pip >/dev/null 2>&1 || true

# argostranslate depends on stanza, which depends on torch. A bare torch requirement
# pulls the CUDA build (gigabytes); install the CPU build first so nothing else does.
if ! "$VENV/bin/python" -c "import torch" >/dev/null 2>&1; then
  $PIP install -q "torch==${TORCH_VERSION:-2.13.0}" 2>&1 | quiet
fi
$PIP install -q "${CONSTRAINTS[@]}" "${UPGRADE[@]}" -e ".[translate,dev]" 2>&1 | quiet
"$VENV/bin/termguard" --help >/dev/null
echo "setup: ready ($("$VENV/bin/python" --version), termguard in $VENV, ${LOCK:-newest releases})" >&2

#!/usr/bin/env bash
# mypy over the package as it is installed. The package-dir mapping (glossary/ ->
# termguard.glossary) is invisible to mypy in an editable install, so the package is
# copied into a temporary target first; reported paths are mapped back to the tree.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PY:-.venv/bin/python}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$PY" -m pip install -q --no-deps --no-build-isolation --target "$tmp" . 2>&1 | grep -v "is ignored: it is neither" || true
cd "$tmp"
"$ROOT/$PY" -m mypy -p termguard --config-file "$ROOT/pyproject.toml" --python-executable "$ROOT/$PY" \
  | sed -e 's#^termguard/glossary/#glossary/#' -e 's#^termguard/translate/#translate/#' -e 's#^termguard/locales/#locales/#' -e 's#^termguard/serve/#serve/#'
exit "${PIPESTATUS[0]}"

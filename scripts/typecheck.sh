#!/usr/bin/env bash
# mypy over the package as it is installed. The package-dir mapping (glossary/ ->
# termguard.glossary) is invisible to mypy in an editable install, so the package is
# installed into a temporary target first (every package setuptools ships, found from the
# mapping); reported paths are mapped back to the tree with the same mapping.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PY:-.venv/bin/python}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$PY" -m pip install -q --no-deps --no-build-isolation --target "$tmp" . 2>&1 | grep -v "is ignored: it is neither" || true
# One sed expression per mapping (termguard/glossary/ -> glossary/), longest namespace first.
mapping=$("$PY" - <<'PY'
import tomllib
dirs = tomllib.load(open("pyproject.toml", "rb"))["tool"]["setuptools"]["package-dir"]
for name, folder in sorted(dirs.items(), key=lambda item: -len(item[0])):
    installed = name.replace(".", "/") + "/"
    if installed != folder.rstrip("/") + "/":
        print(f"-e s#^{installed}#{folder.rstrip('/')}/#")
PY
)
cd "$tmp"
# shellcheck disable=SC2086  # one word per sed expression
"$ROOT/$PY" -m mypy -p termguard --config-file "$ROOT/pyproject.toml" --python-executable "$ROOT/$PY" \
  | sed ${mapping:--e s/^//}
exit "${PIPESTATUS[0]}"

"""A run of one command imports that command's module only: the table it is looked up in must
name every command, and a lint run must not pay for parsers it does not use."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from termguard.cli import COMMAND_MODULES, _register, app

ROOT = Path(__file__).resolve().parent.parent


def _registered() -> dict[str, str]:
    _register()
    names = {}
    for info in app.registered_commands:
        assert info.callback is not None
        names[info.name or info.callback.__name__.replace("_", "-")] = info.callback.__module__
    for group in app.registered_groups:
        sub = group.typer_instance
        assert sub is not None and group.name
        names[group.name] = sub.registered_commands[0].callback.__module__  # type: ignore[union-attr]
    return {name: module.rsplit(".", 1)[1] for name, module in names.items()}


def test_every_command_is_found_in_the_module_the_table_names() -> None:
    assert _registered() == COMMAND_MODULES


def test_lint_of_a_file_imports_neither_other_commands_nor_yaml(tmp_path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Paschinjan sprach vom Sangesur-Korridor.\n", "utf-8")
    probe = ("import sys, json, atexit\n"
             "atexit.register(lambda: print(json.dumps(sorted(sys.modules)), file=sys.stderr))\n"
             "sys.argv = ['termguard', 'lint', sys.argv[1]]\n"
             "from termguard.cli import main\nmain()\n")
    env = {**os.environ, "TERMGUARD_CACHE_DIR": str(tmp_path / "cache")}
    for _ in range(2):  # the second run reads the termbase and rules from the cache
        done = subprocess.run([sys.executable, "-c", probe, str(article)], capture_output=True, text=True, env=env,
                              cwd=tmp_path, check=False)
    assert done.returncode == 1, done.stderr
    assert "a.txt:1:23: TG101 loaded term `Sangesur-Korridor`" in done.stdout
    modules = set(json.loads(done.stderr.strip().splitlines()[-1]))
    other_commands = {f"termguard.cli.{m}" for m in COMMAND_MODULES.values()} - {"termguard.cli.lint_cmds"}
    assert not modules & other_commands
    assert not modules & {"yaml", "click", "jsonschema", "jinja2", "termguard.translate", "termguard.qa"}
    # Nor what only other paths need: OpenSSL (hashlib; the cache digests use the built-in BLAKE2),
    # a TOML parser (no configuration file here), temporary files (no --output).
    assert not modules & {"_hashlib", "tomllib", "tempfile"}

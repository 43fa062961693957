"""Ray stays off every path that does not run on a cluster (it costs seconds and hundreds of MB)."""

from __future__ import annotations

import subprocess
import sys

from typer.testing import CliRunner


def test_cli_lint_and_lookup_do_not_import_ray() -> None:
    code = ("import sys\n"
            "from termguard.cli import _register\n"
            "_register()\n"
            "import termguard.cli.translate_cmds, termguard.cluster, termguard.lint, termguard.glossary\n"
            "print(sorted(m for m in sys.modules if m == 'ray' or m.startswith('ray.')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_ray_missing_is_one_line_and_exit_2(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import termguard.cluster as cluster
    from termguard.cli import _register, app

    _register()
    monkeypatch.setattr(cluster, "ray_available", lambda: False)
    article = tmp_path / "a.txt"
    article.write_text("Paschinjan reiste nach Eriwan.\n", "utf-8")
    result = CliRunner().invoke(app, ["translate", str(article), "-o", str(tmp_path / "out"), "--ray"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == ["termguard: error: Ray is not installed: pip install "
                                                  "'termguard[cluster]'"]
    assert not (tmp_path / "out").exists()


def test_an_actors_termguard_error_is_the_runs_one_line() -> None:
    from termguard.cluster.archive import _one_line
    from termguard.errors import EngineUnavailableError

    class Wrapped(Exception):  # as Ray hands back what an actor raised (RayTaskError.cause)
        def __init__(self, cause: BaseException) -> None:
            super().__init__("ray.exceptions.RayTaskError(...): traceback\n  more lines")
            self.cause = cause

    missing = EngineUnavailableError("no de→en model installed (run 'termguard model install' or pass --model PATH)")
    assert _one_line(Wrapped(missing)) is missing
    assert str(_one_line(Wrapped(ValueError("x")))) == "the Ray run failed: ray.exceptions.RayTaskError(...): traceback"

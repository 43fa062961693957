"""Settings from termguard.toml's [serve], the environment and flags, in that order."""

from __future__ import annotations

from pathlib import Path

import pytest

from termguard.config import load_config
from termguard.errors import ConfigError
from termguard.serve.config import load_serve_config


def test_file_then_environment_then_flags(tmp_path: Path) -> None:
    (tmp_path / "termguard.toml").write_text(
        '[serve]\nport = 6000\nbatch-size = 16\ncors_origins = ["https://weblate.example"]\nmodel = "m.argosmodel"\n',
        "utf-8")
    config = load_config(tmp_path / "termguard.toml")
    settings = load_serve_config(config, {})
    assert (settings.port, settings.batch_size, settings.cors_origins) == (6000, 16, ("https://weblate.example",))
    assert settings.model == tmp_path / "m.argosmodel"  # relative to the file
    settings = load_serve_config(config, {"TERMGUARD_SERVE_PORT": "7000", "TERMGUARD_SERVE_BATCHING": "off"})
    assert (settings.port, settings.batching) == (7000, False)
    assert load_serve_config(config, {"TERMGUARD_SERVE_PORT": "7000"}, port=8000).port == 8000


def test_unknown_key_and_bad_value_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "termguard.toml"
    path.write_text("[serve]\nprot = 1\n", "utf-8")
    with pytest.raises(ConfigError, match=r"termguard.toml: unknown \[serve\] key 'prot'"):
        load_serve_config(load_config(path), {})
    path.write_text('[serve]\nport = "eighty"\n', "utf-8")
    with pytest.raises(ConfigError, match="'eighty' is not a valid value for 'port'"):
        load_serve_config(load_config(path), {})


def test_cli_reports_bad_settings_in_one_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    exe = str(Path(sys.executable).parent / "termguard")
    result = subprocess.run([exe, "serve", "--port", "0"], capture_output=True, text=True, timeout=60,
                            cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == "termguard: error: port must be at least 1"


def test_port_in_use_is_one_line_and_exit_2(tmp_path: Path) -> None:
    import socket
    import subprocess
    import sys

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        exe = str(Path(sys.executable).parent / "termguard")
        result = subprocess.run([exe, "serve", "--port", str(port)], capture_output=True, text=True, timeout=60,
                                cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == f"termguard: error: cannot listen on 127.0.0.1:{port}: Address already in use"

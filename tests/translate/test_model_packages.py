"""Installing argos packages: from the index over HTTP (progress, resume, clean-up, time-outs),
refusing what termguard cannot run before unpacking it, and ``model status``.

The package index and the downloads are served by a local HTTP server on 127.0.0.1 (the
tiny fixture models); nothing leaves the machine.
"""

from __future__ import annotations

import io
import json
import shutil
import socket
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from termguard.cli import _register, app
from termguard.errors import InputError
from termguard.translate.models import NetworkError, install_file, install_from_index, installed_packages, unpack

runner = CliRunner()
_register()


class PackageServer(ThreadingHTTPServer):
    """argos' index and one package, with the faults a real download meets."""

    daemon_threads = True

    def __init__(self, package: Path) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.payload = package.read_bytes()
        self.cut_after: int | None = None  #: close the connection after this many bytes (once)
        self.honour_range = True
        self.requests: list[tuple[str, str | None]] = []  #: (path, Range header)
        self.sent: list[int] = []  #: bytes of the package sent per request
        with zipfile.ZipFile(package) as archive:
            top = archive.namelist()[0].split("/")[0]
            self.metadata = json.loads(archive.read(f"{top}/metadata.json"))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"


class _Handler(BaseHTTPRequestHandler):
    server: PackageServer

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        server = self.server
        server.requests.append((self.path, self.headers.get("Range")))
        if self.path == "/index.json":
            entry = {**server.metadata, "links": [server.url + "translate-de_en.argosmodel"]}
            body = json.dumps([entry]).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        payload, start = server.payload, 0
        asked = self.headers.get("Range")
        if asked and server.honour_range:
            start = int(asked.removeprefix("bytes=").split("-")[0])
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(payload) - 1}/{len(payload)}")
        else:
            self.send_response(200)
        body = payload[start:]
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if server.cut_after is not None:
            body, server.cut_after = body[:server.cut_after], None
        for i in range(0, len(body), 1 << 14):
            self.wfile.write(body[i:i + (1 << 14)])
        server.sent.append(len(body))


@pytest.fixture
def package_server(sp_model: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[PackageServer]:
    server = PackageServer(sp_model)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", server.url)
    yield server
    server.shutdown()
    server.server_close()


def _downloads(offline_argos: dict[str, str]) -> list[str]:
    folder = Path(offline_argos["XDG_CACHE_HOME"]) / "argos-translate" / "downloads"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_download_reports_progress_and_installs(package_server: PackageServer, offline_argos) -> None:  # type: ignore[no-untyped-def]
    seen: list[tuple[int, int]] = []
    package = install_from_index("de", "en", timeout=5, progress=lambda done, total: seen.append((done, total)))
    size = len(package_server.payload)
    assert package.path.parent == Path(offline_argos["ARGOS_PACKAGES_DIR"]) and package.pair == "de→en"
    assert seen[-1] == (size, size) and len(seen) > 1
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert _downloads(offline_argos) == []  # nothing left behind


def test_the_cli_progress_bar_runs_to_100_percent(package_server: PackageServer, monkeypatch: pytest.MonkeyPatch,
                                                  offline_argos) -> None:  # type: ignore[no-untyped-def]
    from termguard.cli.translate_cmds import _install_with_bar

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    package = _install_with_bar("de", "en", 5, show=True)
    assert package.code == "translate-de_en"
    drawn = terminal.getvalue()
    assert "Downloading translate-de_en" in drawn and "100%" in drawn


def test_an_interrupted_download_resumes_where_it_stopped(package_server: PackageServer, offline_argos) -> None:  # type: ignore[no-untyped-def]
    size = len(package_server.payload)
    package_server.cut_after = size // 3
    with pytest.raises(NetworkError, match=f"interrupted at {size // 3} of {size} bytes.*run the command again"):
        install_from_index("de", "en", timeout=5)
    (part,) = _downloads(offline_argos)
    assert part.endswith(".argosmodel.part")
    assert installed_packages() == []
    package = install_from_index("de", "en", timeout=5)
    assert package.pair == "de→en"
    assert package_server.requests[-1][1] == f"bytes={size // 3}-"
    assert package_server.sent[-1] == size - size // 3  # only the rest came over the wire
    assert _downloads(offline_argos) == []


def test_a_server_that_ignores_the_range_sends_the_whole_file_again(package_server: PackageServer,  # type: ignore[no-untyped-def]
                                                                    offline_argos) -> None:
    size = len(package_server.payload)
    package_server.cut_after = size // 2
    package_server.honour_range = False
    with pytest.raises(NetworkError, match="interrupted"):
        install_from_index("de", "en", timeout=5)
    package = install_from_index("de", "en", timeout=5)
    assert package.pair == "de→en" and package_server.sent[-1] == size
    assert _downloads(offline_argos) == []


def test_a_download_that_is_no_package_is_removed(package_server: PackageServer, offline_argos) -> None:  # type: ignore[no-untyped-def]
    package_server.payload = b"<html>captive portal</html>"
    with pytest.raises(InputError, match="not an argos package"):
        install_from_index("de", "en", timeout=5)
    assert _downloads(offline_argos) == [] and installed_packages() == []


def test_an_unresponsive_index_fails_in_one_line_within_the_timeout(offline_argos, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)  # accepts the connection, never answers
    try:
        monkeypatch.setenv("ARGOS_PACKAGE_INDEX", f"http://127.0.0.1:{silent.getsockname()[1]}/")
        started = time.monotonic()
        result = runner.invoke(app, ["model", "install", "--timeout", "1"])
        elapsed = time.monotonic() - started
    finally:
        silent.close()
    assert result.exit_code == 2 and elapsed < 5
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("termguard: error: cannot reach") and "timed out" in lines[0]


def _repack(model: Path, out: Path, drop: tuple[str, ...] = (), add: dict[str, bytes] | None = None) -> Path:
    """The package ``model`` with some files dropped or added (a package of another layout)."""
    with zipfile.ZipFile(model) as source, zipfile.ZipFile(out, "w") as target:
        top = source.namelist()[0].split("/")[0]
        for info in source.infolist():
            if info.filename.removeprefix(top + "/") not in drop:
                target.writestr(info, source.read(info))
        for name, data in (add or {}).items():
            target.writestr(f"{top}/{name}", data)
    return out


def test_a_package_without_a_known_tokenizer_is_refused_before_unpacking(sp_model: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                         offline_argos) -> None:
    odd = _repack(sp_model, tmp_path / "odd.argosmodel", drop=("sentencepiece.model",),
                  add={"source.spm": b"\0"})
    result = runner.invoke(app, ["model", "install", str(odd)])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"termguard: error: {odd}: termguard cannot translate with this package: no tokenizer termguard knows "
        "(argos packages have sentencepiece.model or bpe.model)"]
    assert list(Path(offline_argos["ARGOS_PACKAGES_DIR"]).iterdir()) == []  # nothing unpacked
    with pytest.raises(InputError, match="no CTranslate2 model"):
        install_file(_repack(sp_model, tmp_path / "nomodel.argosmodel", drop=("model/model.bin",)))


def test_status_names_each_package_tokenizer_and_whether_it_is_usable(tiny_model: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                      offline_argos) -> None:
    import argostranslate.package

    package = install_file(tiny_model)
    broken = Path(offline_argos["ARGOS_PACKAGES_DIR"]) / "translate-xx_en"
    shutil.copytree(package.path, broken)
    for name in ("sentencepiece.model", "bpe.model"):
        (broken / name).unlink(missing_ok=True)
    metadata = json.loads((broken / "metadata.json").read_text("utf-8"))
    (broken / "metadata.json").write_text(json.dumps({**metadata, "from_code": "xx"}), "utf-8")
    result = runner.invoke(app, ["model", "status"])
    assert result.exit_code == 0
    lines = {line.split()[0]: line for line in result.stdout.splitlines()[1:]}
    # the tokenizer argostranslate itself gives the package
    argos_tokenizer = type(argostranslate.package.Package(package.path).tokenizer).__name__
    expected = {"SentencePieceTokenizer": "SentencePiece", "BPETokenizer": "BPE (Moses + subword-nmt)"}
    assert f"tokenizer: {expected[argos_tokenizer]}  usable" in lines["de→en"]
    assert "tokenizer: none  not usable: no tokenizer termguard knows" in lines["xx→en"]


def test_newer_layouts_translate_and_their_sentence_splitters_are_ignored(tiny_model: Path, tmp_path: Path) -> None:
    from termguard.translate.engine import ArgosEngine

    package_dir = tmp_path / "pkg"
    shutil.copytree(unpack(tiny_model), package_dir)
    for splitter in ("stanza", "minisbd"):  # argos' sentence splitters: termguard segments itself
        (package_dir / splitter).mkdir()
        (package_dir / splitter / "model.onnx").write_bytes(b"\0")
    engine = ArgosEngine(package_dir)
    assert engine.translate_batch(["Paschinjan traf Alijew in Eriwan."])[0][0] == "Pashinyan met Aliyev in Yerevan."


def test_of_two_installed_versions_the_one_termguard_can_run_is_used(sp_model: Path, offline_argos) -> None:  # type: ignore[no-untyped-def]
    from termguard.translate.models import find_installed

    package = install_file(sp_model)
    newer = Path(offline_argos["ARGOS_PACKAGES_DIR"]) / "translate-de_en-9.9"
    shutil.copytree(package.path, newer)
    (newer / "sentencepiece.model").rename(newer / "source.spm")
    metadata = json.loads((newer / "metadata.json").read_text("utf-8"))
    (newer / "metadata.json").write_text(json.dumps({**metadata, "package_version": "9.9"}), "utf-8")
    assert find_installed("de", "en").path == package.path

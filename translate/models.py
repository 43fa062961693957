"""Argos Translate packages: where they live, which are installed, installing from a file or the index.

Directory discovery follows ``argostranslate/settings.py`` (1.11): ``ARGOS_PACKAGES_DIR`` from
the environment, else from ``$XDG_CONFIG_HOME/argos-translate/settings.json``, else
``$XDG_DATA_HOME/argos-translate/packages`` (``~/.local/share`` by default; Snap's user data
under ``SNAP``), plus the packages a Snap bundles. It is recomputed on every call, so a changed
environment is honoured, and nothing is created just by looking.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import json
import os
import shutil
import tempfile
import urllib.error
import urllib.request
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from termguard.errors import EngineUnavailableError, InputError
from termguard.translate.tokenizer import PackageCheck, check_files, check_package

__all__ = [
    "DEFAULT_INDEX",
    "argosmodel_files",
    "InstalledPackage",
    "package_dirs",
    "packages_dir",
    "index_url",
    "installed_packages",
    "find_installed",
    "install_file",
    "install_from_index",
    "unpack",
    "NetworkError",
    "damaged_model",
]

DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"


class NetworkError(EngineUnavailableError):
    """The package index or a download could not be reached."""


@dataclass(frozen=True)
class InstalledPackage:
    """An installed argos package (read from its ``metadata.json``)."""

    path: Path
    from_code: str
    to_code: str
    code: str
    version: str
    type: str = "translate"
    from_name: str = ""
    to_name: str = ""

    @property
    def pair(self) -> str:
        return f"{self.from_code}→{self.to_code}"

    def check(self) -> PackageCheck:
        """Its tokenizer, and whether termguard can translate with it (and if not, why)."""
        return check_package(self.path, self.type)


def _home() -> Path:
    if "SNAP" in os.environ and os.environ.get("SNAP_USER_DATA"):
        return Path(os.environ["SNAP_USER_DATA"])
    return Path.home()


def _data_dir() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or _home() / ".local" / "share") / "argos-translate"


def _cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or _home() / ".local" / "cache") / "argos-translate"


def _setting(key: str, default: str) -> str:
    """An argos setting: the environment first, then settings.json, then ``default``."""
    if os.environ.get(key) is not None:
        return os.environ[key]
    settings_file = Path(os.environ.get("XDG_CONFIG_HOME") or _home() / ".config") / "argos-translate" / \
        "settings.json"
    try:
        value = json.loads(settings_file.read_text("utf-8")).get(key)
    except (OSError, ValueError, AttributeError):
        value = None
    return str(value) if value is not None else default


def packages_dir() -> Path:
    """The directory argostranslate installs packages into."""
    return Path(_setting("ARGOS_PACKAGES_DIR", str(_data_dir() / "packages")))


def package_dirs() -> list[Path]:
    """Every directory argostranslate reads packages from, install directory first."""
    dirs = [packages_dir()]
    snap = os.environ.get("SNAP")
    if snap:
        bundled = Path(snap) / "snap_custom" / "packages"
        if bundled.is_dir():
            dirs.append(bundled)
        content = Path(snap) / "snap_custom" / "content_snap_packages"
        if content.is_dir():
            dirs.extend(p for p in sorted(content.iterdir()) if p.is_dir())
    return dirs


def index_url() -> str:
    """URL of argos' package index (``ARGOS_PACKAGE_INDEX`` honoured)."""
    return _setting("ARGOS_PACKAGE_INDEX", DEFAULT_INDEX).rstrip("/") + "/index.json"


def _read_package(path: Path) -> InstalledPackage | None:
    try:
        meta = json.loads((path / "metadata.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict):
        return None
    return InstalledPackage(path=path, from_code=str(meta.get("from_code", "")), to_code=str(meta.get("to_code", "")),
                            code=str(meta.get("code") or path.name), version=str(meta.get("package_version", "")),
                            type=str(meta.get("type", "translate")), from_name=str(meta.get("from_name", "")),
                            to_name=str(meta.get("to_name", "")))


def installed_packages() -> list[InstalledPackage]:
    """Installed packages in every package directory (unreadable ones are skipped)."""
    found = []
    for directory in package_dirs():
        if not directory.is_dir():
            continue
        for path in sorted(directory.iterdir()):
            if path.is_dir():
                package = _read_package(path)
                if package is not None:
                    found.append(package)
    return found


def find_installed(from_code: str = "de", to_code: str = "en") -> InstalledPackage | None:
    """The installed translation package for a pair (of several, the newest termguard can run)."""
    candidates = [p for p in installed_packages()
                  if p.type == "translate" and p.from_code == from_code and p.to_code == to_code]
    if not candidates:
        return None
    return max(candidates, key=lambda p: (p.check().usable, _version_key(p.version)))


def _version_key(version: str) -> tuple:
    return tuple(int(x) if x.isdigit() else 0 for x in version.split("."))


def _check_archive(path: Path) -> tuple[zipfile.ZipFile, str, dict]:
    """The open archive, its top directory and its metadata; InputError if it is no argos package."""
    if not path.is_file():
        raise InputError("no such model file", path)
    if not zipfile.is_zipfile(path):
        raise InputError("not an argos package (.argosmodel files are zip archives)", path)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise InputError(f"damaged model archive: {exc}", path) from None
    names = archive.namelist()
    meta_names = [n for n in names if n.endswith("metadata.json") and n.count("/") <= 1]
    if not meta_names:
        archive.close()
        raise InputError("not an argos package (no metadata.json)", path)
    top = meta_names[0][: -len("metadata.json")]
    for name in names:
        target = os.path.normpath(name)
        if target.startswith(("..", "/")) or os.path.isabs(target):
            archive.close()
            raise InputError(f"unsafe path in archive: {name}", path)
    try:
        _check_sizes(archive, path)
        info = archive.getinfo(meta_names[0])
        if info.file_size > 1 << 20:
            raise InputError("not an argos package (metadata.json is larger than 1 MiB)", path)
        meta = json.loads(archive.read(info))
        if not isinstance(meta, dict):
            raise ValueError("not an object")
    except (ValueError, RecursionError):
        archive.close()
        raise InputError("not an argos package (metadata.json is not a JSON object)", path) from None
    except (InputError, zipfile.BadZipFile, zlib.error, OSError, EOFError) as exc:
        archive.close()
        if isinstance(exc, InputError):
            raise
        raise InputError(f"damaged model archive: {exc}", path) from None
    return archive, top, meta


def _check_sizes(archive: zipfile.ZipFile, path: Path) -> None:
    """InputError if the archive would unpack beyond termguard's limits (a zip bomb).

    The sizes are those the archive declares; extraction cannot exceed them (zipfile stops at
    the declared size and checks the CRC), so checking them before unpacking is enough.
    """
    from termguard.limits import MAX_MODEL_MEMBERS, MAX_MODEL_RATIO, MAX_MODEL_UNPACKED_BYTES

    members = archive.infolist()
    if len(members) > MAX_MODEL_MEMBERS:
        raise InputError(f"model archive holds {len(members)} files (limit {MAX_MODEL_MEMBERS}; "
                         "see docs/security.md)", path)
    total = sum(m.file_size for m in members)
    if total > MAX_MODEL_UNPACKED_BYTES:
        raise InputError(f"model archive would unpack to {total >> 20} MiB (limit "
                         f"{MAX_MODEL_UNPACKED_BYTES >> 20} MiB; see docs/security.md)", path)
    packed = max(1, path.stat().st_size)
    big = [m for m in members if m.file_size > 1 << 20 and m.file_size > MAX_MODEL_RATIO * max(1, m.compress_size)]
    if big or (total > 1 << 20 and total > MAX_MODEL_RATIO * packed):
        what = big[0].filename if big else "the archive"
        raise InputError(f"model archive looks like a zip bomb: {what} unpacks to more than {MAX_MODEL_RATIO} "
                         "times its packed size (see docs/security.md)", path)


def argosmodel_files(directory: Path, from_code: str = "de", to_code: str = "en") -> list[Path]:
    """The ``.argosmodel`` files in ``directory`` that translate ``from_code`` → ``to_code``
    (files that are not argos packages are passed over)."""
    found = []
    for path in sorted(directory.glob("*.argosmodel")) if directory.is_dir() else []:
        try:
            archive, _, meta = _check_archive(path)
        except InputError:
            continue
        archive.close()
        if meta.get("from_code") == from_code and meta.get("to_code") == to_code:
            found.append(path)
    return found


def _refuse_unusable(archive: zipfile.ZipFile, top: str, meta: dict, path: Path) -> None:
    """InputError with the reason if termguard could not translate with the package, decided
    from the archive's listing (nothing is unpacked)."""
    names = [n[len(top):].rstrip("/") for n in archive.namelist() if n.startswith(top)]
    check = check_files(names, str(meta.get("type", "translate")))
    if not check.usable:
        archive.close()
        raise InputError(f"termguard cannot translate with this package: {check.problem}", path)


def _extract(path: Path, into: Path, replace: bool = True) -> Path:
    """Extract a package archive into ``into`` atomically; returns the package directory.

    ``replace=False`` keeps a package directory that is already there (another process unpacked
    the same content meanwhile and may be reading it): the copy unpacked here is dropped."""
    archive, top, meta = _check_archive(path)
    _refuse_unusable(archive, top, meta, path)
    name = top.rstrip("/") or f"translate-{meta.get('from_code', 'xx')}_{meta.get('to_code', 'xx')}"
    into.mkdir(parents=True, exist_ok=True)
    final = into / name
    staging = Path(tempfile.mkdtemp(prefix=".install-", dir=into))
    try:
        with archive:
            archive.extractall(staging)
        source = staging / top.rstrip("/") if top else staging
        if final.exists():
            if not replace:
                return final
            shutil.rmtree(final)
        try:
            os.replace(source, final)
        except OSError:
            if replace or not (final / "metadata.json").is_file():
                raise
            # (another process renamed its copy into place between the check and here)
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise InputError(f"damaged model archive: {exc}", path) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return final


def damaged_model(exc: BaseException, package_dir: Path) -> InputError:
    """The one-line error for a model file that CTranslate2 or SentencePiece cannot load
    (a truncated or corrupt ``model.bin``, ``config.json`` or ``sentencepiece.model``)."""
    detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    return InputError(f"damaged model, cannot be loaded: {detail[:200]}", package_dir)


def install_file(path: str | Path) -> InstalledPackage:
    """Install an ``.argosmodel`` file into argos' package directory (no network)."""
    package_dir = _extract(Path(path), packages_dir())
    package = _read_package(package_dir)
    assert package is not None
    return package


def unpack(model: Path) -> Path:
    """A package directory for ``--model``: the directory itself, or an ``.argosmodel`` unpacked
    once into termguard's cache (keyed by the file's content), without installing it."""
    if model.is_dir():
        if not (model / "metadata.json").is_file():
            raise InputError("not an argos package directory (no metadata.json)", model)
        return model
    if not model.exists():
        raise InputError("no such model file", model)
    digest = hashlib.sha256()
    with open(model, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    cache = Path(os.environ.get("TERMGUARD_CACHE_DIR") or Path.home() / ".cache" / "termguard")
    target = cache / "models" / digest.hexdigest()[:20]
    existing = [p for p in target.iterdir() if (p / "metadata.json").is_file()] if target.is_dir() else []
    if existing:
        return existing[0]
    try:
        # Two runs may unpack the same model at once: neither may remove the other's copy.
        return _extract(model, target, replace=False)
    except BaseException:
        with contextlib.suppress(OSError):
            target.rmdir()  # refused or interrupted: leave no empty cache entry behind
        raise


def _fetch(url: str, timeout: float) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http(s) only)
            return response.read()
    except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as exc:
        raise NetworkError(f"cannot reach {url}: {getattr(exc, 'reason', None) or exc}") from None


_USER_AGENT = "termguard (ArgosTranslate index)"


def _download(url: str, target: Path, timeout: float, progress: Callable[[int, int], None] | None = None) -> Path:
    """Download ``url`` to ``target``, resuming ``target.part`` left by an interrupted download
    (an HTTP range request; a server that ignores it sends the whole file, which replaces the
    part). An interruption keeps the part for the next attempt and raises :class:`NetworkError`."""
    part = target.with_name(target.name + ".part")
    have = part.stat().st_size if part.is_file() else 0
    headers = {"User-Agent": _USER_AGENT}
    if have:
        headers["Range"] = f"bytes={have}-"
    request = urllib.request.Request(url, headers=headers)
    done, total = have, 0
    try:
        try:
            response = urllib.request.urlopen(request, timeout=timeout)  # noqa: S310 (http(s) only)
        except urllib.error.HTTPError as exc:
            if exc.code != 416 or not have:  # 416: the part is no prefix of the file: start again
                raise
            part.unlink()
            return _download(url, target, timeout, progress)
        with response:
            resumed = have and response.status == 206 and \
                (response.headers.get("Content-Range") or "").startswith(f"bytes {have}-")
            if not resumed:
                done = 0
            total = done + int(response.headers.get("Content-Length") or 0)
            with open(part, "ab" if resumed else "wb") as fh:
                while chunk := response.read(1 << 16):
                    fh.write(chunk)
                    done += len(chunk)
                    if progress:
                        progress(done, total)
    except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or str(exc) or exc.__class__.__name__
        if done > have or (have and part.is_file()):
            raise NetworkError(f"download of {url} interrupted at {done} of {total or '?'} bytes ({reason}); "
                               "run the command again to resume") from None
        raise NetworkError(f"cannot reach {url}: {reason}") from None
    if total and done < total:
        raise NetworkError(f"download of {url} interrupted at {done} of {total} bytes; "
                           "run the command again to resume")
    os.replace(part, target)
    return target


def install_from_index(from_code: str = "de", to_code: str = "en", timeout: float = 5.0,
                       progress: Callable[[int, int], None] | None = None) -> InstalledPackage:
    """Download the ``translate-<from>_<to>`` package listed in argos' index and install it.

    ``progress(done, total)`` is called as bytes arrive. Any network failure raises
    :class:`NetworkError` with one line saying what could not be reached.
    """
    if not index_url().startswith(("http://", "https://")):
        raise NetworkError(f"package index URL is not http(s): {index_url()}")
    raw = _fetch(index_url(), timeout)
    try:
        index = json.loads(raw)
    except ValueError:
        raise NetworkError(f"package index at {index_url()} is not JSON") from None
    data_dir = _data_dir()
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "index.json").write_bytes(raw)  # where argostranslate keeps its copy of the index
    from argostranslate.package import AvailablePackage, argospm_package_name

    available = [AvailablePackage(m) for m in index if isinstance(m, dict)]
    wanted = [p for p in available if p.type == "translate" and p.from_code == from_code and p.to_code == to_code]
    if not wanted:
        raise EngineUnavailableError(f"the package index lists no {from_code}→{to_code} package")
    package = max(wanted, key=lambda p: _version_key(p.package_version))
    last_error: NetworkError | None = None
    downloads = _cache_dir() / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    name = f"{argospm_package_name(package)}-{package.package_version or 'latest'}.argosmodel"
    for link in package.links:
        if not link.startswith(("http://", "https://")):
            continue
        try:
            downloaded = _download(link, downloads / name, max(timeout, 30.0), progress)
        except NetworkError as exc:
            last_error = exc
            continue
        try:
            return install_file(downloaded)
        finally:
            # installed, or no package termguard can use: either way nothing to resume
            downloaded.unlink(missing_ok=True)
    raise last_error or NetworkError(f"no downloadable link for {argospm_package_name(package)}")

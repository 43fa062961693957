"""The faster lint finds exactly what the lint before it found (issue 18).

Golden comparison, computed, not written down: the lint code of the commit before the speed work
(REFERENCE, taken from git) and the working tree's lint each lint the same corpus with CLI defaults
(``--lang auto``) -- seeds/, plus generated files that stress what the speed work touched: umlauts,
Cyrillic and 4-byte characters next to names, short case-sensitive keys at text starts, compounds,
mixed-language files, a file of several read chunks, Markdown and PO -- with the shipped termbase
plus synthetic concepts. The findings (every JSON key) must be the same list, in the same order.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import tarfile
from io import BytesIO
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: main just before the speed work was merged: the old matcher (pyahocorasick), language detection
#: and per-file sorting, with the same termbase, rules and QA engine as the working tree.
REFERENCE = "fb72b72d57f81154dda827342aa0148b6f32a5c6"

_LINT = r"""
import json, sys
sys.path.insert(0, sys.argv[2])  # bench/: the synthetic concepts
from synthetic import synthetic_concepts
from termguard.config import load_config
from termguard.glossary import load_termbase
from termguard.glossary.termbase import Termbase
from termguard.lint import LintStats, lint_paths, settings_from_config

shipped = load_termbase()
tb = Termbase({**shipped.concepts, **{c.id: c for c in synthetic_concepts(3000)}})
settings = settings_from_config(load_config(None))
jobs = int(sys.argv[3])
import termguard.glossary.match as match
findings = [f.to_dict() for f in lint_paths([sys.argv[1]], tb, settings, stats=LintStats(), jobs=jobs)]
print(json.dumps({"matcher": match.__file__, "findings": findings}, ensure_ascii=False))
"""

_ENGLISH = [
    "The government of Pashinyan said on Monday that the talks with Aliyev in Abu Dhabi had been useful.",
    "Critics in Yerevan accused the prime minister of giving up Nagorno-Karabakh without a fight.",
    "The so-called Zangezur corridor, which Baku calls the Trump Route, would run through Syunik.",
    "Observers from the EU and the UN were not allowed to visit the region, the OSCE said.",
    "Nakhichevan and Nakhchivan are spellings of the same exclave; Alyev is a misspelling of Aliyev.",
]
_RUSSIAN = [
    "Пашинян встретился с Алиевым в Абу-Даби, сообщает пресс-служба правительства Армении.",
    "По словам Пашиняна, переговоры о Нагорном Карабахе завершены.",
    "Алиева поддержали в Баку; Нахичевань остаётся эксклавом Азербайджана.",
]
_SNIPPETS = [
    "Ärger über Paschinjans Äußerung in Eriwan.", "𝔘 Alijew und 𝔘Alijew; Eriwan😀 und 😀Eriwan.",
    "UN-Beobachter, EU-Mission und OVKS tagten.", "Der Sangesurkorridor und die Sangesur-Route.",
    "Paschinjan’s Rede, Alijew's Antwort, \u00a0Jerewan\u202fheute.", "İlham Alijew und Ilham Alijew.",
    "Пашиняна, Алиева и 𝔘Пашинян — «Нагорного Карабаха».", "Paschinjan\u0301 und e\u0301ine Notiz.",
    "UN sagte, die USA und die EU – nicht die OVKS – seien gefragt.", "West-Sangesur, Westsangesur.",
]


def _corpus(root: Path, names: list[str]) -> None:
    rng = random.Random(18)
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for seed in seeds:
        shutil.copy(seed, root / seed.name)
    articles = [s.read_text("utf-8").split("\n\n") for s in seeds]
    for i in range(40):
        paragraphs = list(rng.choice(articles))
        rng.shuffle(paragraphs)
        mix = rng.random()
        if mix < 0.25:  # an English edition quoting German
            paragraphs = [rng.choice(_ENGLISH) for _ in range(12)] + paragraphs[:1]
        elif mix < 0.4:  # a German article opening in English
            paragraphs = [" ".join(_ENGLISH)] + paragraphs
        elif mix < 0.5:
            paragraphs = [rng.choice(_RUSSIAN) for _ in range(10)] + paragraphs[:2]
        for _ in range(rng.randint(2, 6)):
            paragraphs.insert(rng.randrange(len(paragraphs) + 1), rng.choice(_SNIPPETS))
        paragraphs.append(" ".join(f"Auch {rng.choice(names)} sprach." for _ in range(3)))
        text = rng.choice(_SNIPPETS) + "\n\n" + "\n\n".join(paragraphs) + "\n"
        suffix = ".md" if i % 10 == 3 else ".txt"
        (root / f"mixed-{i:02d}{suffix}").write_text(text, "utf-8")
    po = ['msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n']
    for de, en in zip(_SNIPPETS, _ENGLISH * 2, strict=False):
        po.append(f"msgid {json.dumps(de, ensure_ascii=False)}\nmsgstr {json.dumps(en, ensure_ascii=False)}\n")
    (root / "edition.po").write_text("\n".join(po), "utf-8")
    # Several of lint's 1 MB read chunks: findings must leave in the same order as when sorted per file.
    with (root / "long.txt").open("w", encoding="utf-8") as fh:
        while fh.tell() < 2_600_000:
            fh.write("\n\n".join(rng.choice(articles)) + "\n\n" + rng.choice(_SNIPPETS) + "\n")


def _reference_tree(dest: Path) -> Path | None:
    """REFERENCE's termguard package laid out as pyproject's package-dir maps it, or None."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        return None
    done = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", REFERENCE,
                           "termguard", "glossary", "translate", "locales"], capture_output=True, check=False)
    if done.returncode != 0:
        return None
    src = dest / "src"
    with tarfile.open(fileobj=BytesIO(done.stdout)) as tar:
        tar.extractall(src, filter="data")
    package = dest / "old" / "termguard"
    shutil.copytree(src / "termguard", package)
    for sub in ("glossary", "translate"):
        shutil.copytree(src / sub, package / sub)
    # The working tree's lint reads its messages through termguard.locales (the UI catalogs, which
    # REFERENCE's locales/ did not have); the edition styles there are the same.
    shutil.copytree(ROOT / "locales", package / "locales", ignore=shutil.ignore_patterns("__pycache__"))
    return dest / "old"


def _lint(corpus: Path, cache: Path, pythonpath: str | None, jobs: int = 1) -> list[dict[str, str]]:
    env = {**os.environ, "TERMGUARD_CACHE_DIR": str(cache)}
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    done = subprocess.run([sys.executable, "-c", _LINT, str(corpus), str(ROOT / "bench"), str(jobs)],
                          capture_output=True, text=True, env=env, cwd=corpus.parent, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout)
    # the reference run must really run the reference code, not the installed package
    assert result["matcher"].startswith(pythonpath or str(ROOT)), result["matcher"]
    return result["findings"]


def test_findings_identical_to_the_reference_lint(tmp_path: Path) -> None:
    old_tree = _reference_tree(tmp_path)
    if old_tree is None:
        pytest.skip(f"needs git and the reference commit {REFERENCE[:10]} (a full clone)")
    try:
        import ahocorasick  # noqa: F401  (the reference matcher's automaton; dev extra)
    except ImportError:
        pytest.skip("pyahocorasick (dev extra) is needed to run the reference lint")
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from synthetic import synthetic_concepts
    finally:
        sys.path.remove(str(ROOT / "bench"))
    names = [t.text for c in synthetic_concepts(3000)[:300] for t in c.terms if t.lang == "de"]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _corpus(corpus, names)

    old = _lint(corpus, tmp_path / "cache-old", str(old_tree))
    new = _lint(corpus, tmp_path / "cache-new", None)
    assert len(old) > 2000 and {f["code"] for f in old} >= {"TG101", "TG102", "TG103"}  # a corpus worth comparing
    assert {f["lang"] for f in old} >= {"de", "en", "ru"}
    assert {f["path"].rsplit(".", 1)[-1] for f in old} >= {"txt", "md", "po"}
    for i, (a, b) in enumerate(zip(old, new, strict=False)):
        assert a == b, f"finding {i} differs"
    assert len(new) == len(old)
    assert _lint(corpus, tmp_path / "cache-new", None, jobs=2) == new

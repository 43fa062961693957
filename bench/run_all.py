"""Run every benchmark in bench/ one after the other (one command: `make bench`).

The translation benchmark needs a model of realistic size; it is trained first
(bench/train_bench_model.py, 80 minutes on two cores) when bench/.cache/ has none. It runs
with one thread per contender (``translate_bench.py --threads N`` compares N threads each).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ["lookup_bench.py", "lookup_calibration.py", "names_bench.py", "match_bench.py", "lint_bench.py",
         "check_bench.py", "archive_bench.py", "translate_bench.py"]
BASE_MODEL = HERE / ".cache" / "translate-de_en-base.argosmodel"


def run(script: str, *args: str) -> int:
    print(f"\n== {script} {' '.join(args)} ==", flush=True)
    return subprocess.run([sys.executable, str(HERE / script), *args], check=False).returncode


if __name__ == "__main__":
    status = 0
    for name in ORDER:
        if name == "translate_bench.py":
            if not BASE_MODEL.exists():
                status |= run("train_bench_model.py")
            status |= run(name, "--threads", "1")
            continue
        status |= run(name)
    sys.exit(status)

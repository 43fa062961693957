"""Run every benchmark in bench/ one after the other (one command: `make bench`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ["lookup_bench.py", "match_bench.py", "lint_bench.py", "translate_bench.py"]

if __name__ == "__main__":
    status = 0
    for name in ORDER:
        script = HERE / name
        if not script.exists():
            continue
        print(f"\n== {name} ==", flush=True)
        status |= subprocess.run([sys.executable, str(script)], check=False).returncode
    sys.exit(status)

"""Run `python -m data_layer ARGS` and write this process's own peak memory (MB) to a file.

    python tests/peak_memory.py OUT_FILE import FILE --db URL

The peak is VmHWM from /proc/self/status: the high-water mark of this program's own memory.
(getrusage's ru_maxrss would include the memory of the process that started it, because Linux
carries it across fork and exec, so a large test runner would inflate every reading.)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status (Linux only)")


if __name__ == "__main__":
    from data_layer.cli import main

    out, arguments = Path(sys.argv[1]), sys.argv[2:]
    try:
        code = main(arguments)
    finally:
        out.write_text(f"{peak_mb():.1f}\n")
    sys.exit(code)

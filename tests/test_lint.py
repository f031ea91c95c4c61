"""The code passes ruff with the project's rules (pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_ruff_is_clean():
    root = Path(__file__).parent.parent
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--output-format",
                             "concise", str(root)], capture_output=True, text=True, cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr

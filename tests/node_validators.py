"""Running validators the project did not write (ical.js, axe-core) with node.

`scripts/test` installs them from `tests/node/package-lock.json`; a test hands a script
its input on standard input and reads JSON back, so node never touches the network.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

NODE_DIR = Path(__file__).resolve().parent / "node"
NODE_MODULES = NODE_DIR / "node_modules"


def module_path(package: str, *parts: str) -> Path:
    """A file of an installed npm package, e.g. module_path("axe-core", "axe.min.js")."""
    path = NODE_MODULES.joinpath(package, *parts)
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: run ./scripts/test, which installs tests/node's packages")
    return path


def run_node(script: str, stdin: str = "", *, timeout: int = 120) -> Any:
    """Run `script` (CommonJS, may `require` the packages of tests/node) and parse its JSON output."""
    result = subprocess.run(
        ["node", "-e", script],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=NODE_DIR,
        env={**os.environ, "NODE_PATH": str(NODE_MODULES)},
        timeout=timeout,
    )
    if result.returncode != 0:
        raise RuntimeError(f"node failed ({result.returncode}): {result.stderr.strip()}")
    return json.loads(result.stdout)

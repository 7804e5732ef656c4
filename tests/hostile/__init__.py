"""The hostile-input corpus, gathered from every `cases*.py` module and `expected*.tsv` file here.

Each area of the build (data files, pages, assets, options…) keeps its cases in a module
of its own, with its expected one-line errors in the matching `.tsv`.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from .cases import Case

HERE = Path(__file__).resolve().parent

CASES: list[Case] = [
    case
    for module in sorted(info.name for info in pkgutil.iter_modules([str(HERE)]) if info.name.startswith("cases"))
    for case in importlib.import_module(f"{__name__}.{module}").CASES
]

EXPECTED: dict[str, str] = {
    case_id: line
    for table in sorted(HERE.glob("expected*.tsv"))
    for case_id, line in (row.split("\t", 1) for row in table.read_text(encoding="utf-8").splitlines() if row.strip())
}

__all__ = ["CASES", "EXPECTED", "Case"]

"""The brief's scorer (../shared/tools/score_parse.py), loaded by path for the tests."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.conftest import SHARED


def scorer() -> ModuleType:
    path = SHARED / "tools" / "score_parse.py"
    if not path.is_file():
        pytest.skip("../shared/tools/score_parse.py is not beside this checkout")
    spec = importlib.util.spec_from_file_location("score_parse", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_page(page_path: Path, gold_path: Path) -> dict[str, Any]:
    from reader.ingest import parse_file

    parsed = parse_file(page_path)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    # Round-trip through JSON so the scorer sees exactly what `pizhu parse --json` prints.
    pred = json.loads(json.dumps(parsed.to_json(), ensure_ascii=False))
    return dict(scorer().score(gold, pred, parsed.text))

"""Front-matter values: JSON strings, which YAML reads as double-quoted scalars."""

from __future__ import annotations

import json
import unicodedata


def yaml_value(value: object) -> str:
    """A JSON rendering that YAML 1.1 and 1.2 read back as the same value."""
    encoded = json.dumps(value, ensure_ascii=False)
    return "".join(
        f"\\u{ord(c):04x}"
        if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co") or c == "\x85"
        else c
        for c in encoded
    )

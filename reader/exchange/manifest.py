"""The export manifest: which files an export wrote, and what they held.

``.pizhu-export.json`` in the output folder maps each file name Pizhu wrote to the
SHA-256 of the bytes it wrote and the article it came from. A later export overwrites a
file only when it still holds those bytes; a file the user changed (or one Pizhu never
wrote) is kept unless the export is forced. A damaged manifest counts as empty, which
errs on the side of keeping files.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

MANIFEST = ".pizhu-export.json"

Decision = Literal["write", "unchanged", "kept"]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _create_temporary(folder: Path) -> tuple[int, str]:
    """A new file beside the target, created with 0666 less the umask: exported files are
    the user's ordinary files, not private ones (mkstemp would make them 0600)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        tmp = folder / f".pizhu-{secrets.token_hex(8)}.tmp"
        try:
            return os.open(tmp, flags, 0o666), str(tmp)
        except FileExistsError:
            continue


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder."""
    fd, tmp = _create_temporary(path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass
class Manifest:
    folder: Path
    files: dict[str, dict[str, str]] = field(default_factory=dict)  # name -> sha256, article

    @classmethod
    def load(cls, folder: Path) -> Manifest:
        try:
            raw = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            files = raw["files"]
            clean = {
                str(name): {"sha256": str(v["sha256"]), "article": str(v.get("article", ""))}
                for name, v in files.items()
                if isinstance(v, dict) and "/" not in str(name) and "\\" not in str(name)
            }
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            clean = {}
        return cls(folder, clean)

    def name_for(self, article_uuid: str) -> str | None:
        """The file an earlier export wrote for this article, if any."""
        for name, entry in self.files.items():
            if entry.get("article") == article_uuid:
                return name
        return None

    def decide(self, name: str, data: bytes, force: bool) -> Decision:
        path = self.folder / name
        try:
            current = path.read_bytes()
        except FileNotFoundError:
            return "write"
        if current == data:
            return "unchanged"
        if force:
            return "write"
        entry = self.files.get(name)
        if entry is not None and entry["sha256"] == sha256(current):
            return "write"
        return "kept"

    def record(self, name: str, data: bytes, article_uuid: str) -> None:
        self.files[name] = {"sha256": sha256(data), "article": article_uuid}

    def save(self) -> None:
        body = {"version": 1, "files": dict(sorted(self.files.items()))}
        data = json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"
        write_atomic(self.folder / MANIFEST, data)

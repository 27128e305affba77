"""The highlight palette: colours stored as keys, each with a meaning users can rename.

A highlight row stores the colour's key ("yellow"), never its label or its RGB, so a
renamed meaning or a new theme changes every highlight at once. Labels live in the
library's ``settings`` table (``palette.<key>``), so they travel with the library.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text

from reader.errors import KnownError
from reader.store.naming import tag_key

SETTING_PREFIX = "palette."


@dataclass(frozen=True)
class Swatch:
    key: str  # what highlight rows store
    label: str  # its meaning, renamable ("重要")
    light: str  # suggested background on a light theme
    dark: str  # and on a dark one

    def to_json(self) -> dict[str, str]:
        return {"key": self.key, "label": self.label, "light": self.light, "dark": self.dark}


DEFAULT_PALETTE: tuple[Swatch, ...] = (
    Swatch("yellow", "重要", "#ffe58a", "#6b5a12"),
    Swatch("blue", "疑问", "#b3d4ff", "#1f4a7a"),
    Swatch("green", "数据", "#bfe8b0", "#2f5d24"),
    Swatch("pink", "人物", "#ffc4d8", "#7a2e48"),
    Swatch("purple", "地点", "#dac8ff", "#4b3680"),
    Swatch("orange", "待查", "#ffd0a0", "#7a4514"),
)
DEFAULT_COLOUR = DEFAULT_PALETTE[0].key
KEYS = frozenset(s.key for s in DEFAULT_PALETTE)


class UnknownColourError(KnownError):
    pass


def read(conn: Connection) -> tuple[Swatch, ...]:
    """The palette with this library's labels."""
    labels: dict[str, str] = dict(
        conn.execute(
            text("SELECT key, value FROM settings WHERE key LIKE :p"),
            {"p": SETTING_PREFIX + "%"},
        ).all()
    )
    return tuple(
        Swatch(s.key, str(labels.get(SETTING_PREFIX + s.key, s.label)), s.light, s.dark)
        for s in DEFAULT_PALETTE
    )


def resolve(conn: Connection, colour: str) -> str:
    """The key of ``colour``, given as a key ("blue") or a label ("疑问")."""
    wanted = tag_key(colour)
    swatches = read(conn)
    for s in swatches:
        if wanted == s.key:
            return s.key
    for s in swatches:
        if wanted == tag_key(s.label):
            return s.key
    choices = ", ".join(f"{s.key} ({s.label})" for s in swatches)
    raise UnknownColourError(f"no highlight colour {colour!r}; choose one of {choices}")


def set_label(conn: Connection, key: str, label: str) -> str:
    """Rename the meaning of colour ``key``; returns the previous label."""
    if key not in KEYS:
        raise UnknownColourError(f"no highlight colour {key!r}")
    label = " ".join(label.split())
    if not label:
        raise UnknownColourError("a colour's meaning needs a name")
    old = next(s.label for s in read(conn) if s.key == key)
    default = next(s.label for s in DEFAULT_PALETTE if s.key == key)
    if label == default:
        conn.execute(text("DELETE FROM settings WHERE key = :k"), {"k": SETTING_PREFIX + key})
    else:
        conn.execute(
            text(
                "INSERT INTO settings (key, value) VALUES (:k, :v) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
            ),
            {"k": SETTING_PREFIX + key, "v": label},
        )
    return old

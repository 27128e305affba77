"""Reading page dumps from disk: size and type checks, encoding detection, decoding.

Newlines are kept exactly as read so that every offset the parser reports points into
the same text a user (or another tool) sees when opening the file.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from reader.errors import BadInputError

MAX_BYTES = 50 * 1024 * 1024

_BOMS: list[tuple[bytes, str, str]] = [
    # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8", "utf-8-sig"),
    (b"\xff\xfe", "utf-16-le", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be", "utf-16-be"),
]

# Control characters that never occur in a text dump; a few stray ones are tolerated
# (converters leave form feeds), many mean the file is not text.
_TEXT_CONTROLS = {"\t", "\n", "\r", "\f", "\v", "\x1c", "\x1d", "\x1e", "\x85"}


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # the name reported to the user: utf-8, utf-8-sig, utf-16-le, gb18030, big5…
    sha256: str  # of the raw bytes


def _common_share(text: str, codec: str, lead_max: int) -> float:
    """Share of non-ASCII characters that sit in the codec's everyday region.

    GB2312 puts punctuation and the 3,755 most used hanzi under lead byte 0xD7; Big5 puts
    punctuation and its 5,401 common characters under 0xC6. Text decoded with the wrong
    one of the two lands mostly outside that region (kana, private use, rare hanzi), so
    the right codec scores near 1 and the wrong one near 0.5.
    """
    total = common = 0
    for ch in text:
        if ord(ch) < 0x80:
            continue
        total += 1
        try:
            raw = ch.encode(codec)
        except UnicodeEncodeError:
            continue
        if len(raw) == 2 and 0xA1 <= raw[0] <= lead_max:
            common += 1
    return common / total if total else 1.0


def _decode_legacy(data: bytes) -> tuple[str, str] | None:
    candidates: list[tuple[float, str, str]] = []
    for name, codec, lead_max in (("gb18030", "gb2312", 0xD7), ("big5", "big5", 0xC6)):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        candidates.append((_common_share(text, codec, lead_max), name, text))
    if not candidates:
        return None
    # On a tie GB18030 wins: it is what mainland papers use.
    _score, name, text = max(candidates, key=lambda c: (c[0], c[1] == "gb18030"))
    return text, name


# The C0 controls a text file does not hold, found by the regex engine (a page is read
# whole: a loop over its characters was 2 % of an import).
_BINARY_CONTROL = re.compile(
    "[" + "".join(re.escape(chr(c)) for c in range(0x20) if chr(c) not in _TEXT_CONTROLS) + "]"
)


def looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    controls = len(_BINARY_CONTROL.findall(text))
    return controls > max(2, len(text) // 200)


def decode_bytes(data: bytes, name: str = "input") -> Decoded:
    """Decode a page dump, detecting its encoding. Raises BadInputError naming ``name``."""
    if not data or not data.strip(b" \t\r\n\x00"):
        raise BadInputError(f"{name}: the file is empty")
    sha = hashlib.sha256(data).hexdigest()
    for bom, codec, reported in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise BadInputError(
                    f"{name}: starts with a {reported} byte-order mark but is not valid {codec} "
                    f"(byte {exc.start + len(bom)})"
                ) from None
            break
    else:
        if b"\x00" in data:
            raise BadInputError(f"{name}: binary file (contains NUL bytes), not a text page")
        try:
            text, reported = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            legacy = _decode_legacy(data)
            if legacy is None:
                raise BadInputError(
                    f"{name}: not text in a supported encoding (UTF-8, UTF-16, GB18030, Big5)"
                ) from None
            text, reported = legacy
    if not text.strip():
        raise BadInputError(f"{name}: the file is empty")
    if looks_binary(text):
        raise BadInputError(f"{name}: binary file (control bytes), not a text page")
    return Decoded(text=text, encoding=reported, sha256=sha)


def read_page(path: str | Path) -> Decoded:
    """Read and decode one page file, with a one-line BadInputError for every expected failure."""
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise BadInputError(f"{p}: no such file") from None
    except PermissionError:
        raise BadInputError(f"{p}: permission denied") from None
    except OSError as exc:
        raise BadInputError(f"{p}: cannot read ({exc.strerror or exc})") from None
    if p.is_dir():
        raise BadInputError(f"{p}: is a directory, not a page file")
    if not p.is_file():
        raise BadInputError(f"{p}: not a regular file")
    if st.st_size > MAX_BYTES:
        mb = st.st_size / (1024 * 1024)
        raise BadInputError(f"{p}: too large ({mb:.0f} MB; pages over 50 MB are refused)")
    try:
        data = p.read_bytes()
    except PermissionError:
        raise BadInputError(f"{p}: permission denied") from None
    except OSError as exc:
        raise BadInputError(f"{p}: cannot read ({exc.strerror or exc})") from None
    return decode_bytes(data, str(p))

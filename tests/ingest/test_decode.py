"""Encodings are detected, newlines kept, and bad files named with the reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.errors import BadInputError
from reader.ingest import parse_file
from reader.ingest.decode import decode_bytes, read_page

SIMPLIFIED = (
    "# 青城公园新增十二处便民驿站\n\n●本报记者 王晓\n\n"
    "本报讯(记者 王晓 通讯员 李青)记者从市园林局了解到,今年全市公园新增便民驿站十二处,"
    "提供饮水、充电和休息服务。\n\n市民张女士说:“带孩子来公园方便多了。”\n"
)
TRADITIONAL = "# 青城公園新增十二處便民驛站\n\n本報訊記者從市園林局了解到,今年全市公園新增便民驛站十二處,提供飲水、充電和休息服務。\n"


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (SIMPLIFIED.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + SIMPLIFIED.encode("utf-8"), "utf-8-sig"),
        (b"\xff\xfe" + SIMPLIFIED.encode("utf-16-le"), "utf-16-le"),
        (b"\xfe\xff" + SIMPLIFIED.encode("utf-16-be"), "utf-16-be"),
        (SIMPLIFIED.encode("gb18030"), "gb18030"),
        (SIMPLIFIED.encode("gbk"), "gb18030"),
        (TRADITIONAL.encode("big5"), "big5"),
    ],
    ids=["utf8", "utf8-bom", "utf16le", "utf16be", "gb18030", "gbk", "big5"],
)
def test_encodings_are_detected(raw: bytes, encoding: str) -> None:
    decoded = decode_bytes(raw, "page.txt")
    assert decoded.encoding == encoding
    expected = TRADITIONAL if encoding == "big5" else SIMPLIFIED
    assert decoded.text == expected


def test_newlines_are_kept_as_read() -> None:
    raw = "# 标题\r\n\r\n第一段。\r\n\r\n第二段。\r\n".encode()
    decoded = decode_bytes(raw)
    assert decoded.text.count("\r\n") == 5


def test_spans_point_into_crlf_text(tmp_path: Path) -> None:
    page = tmp_path / "crlf.txt"
    page.write_bytes("# 标题\r\n\r\n第一段写完了。\r\n\r\n第二段也写完了。\r\n".encode())
    parsed = parse_file(page)
    for block in parsed.articles[0].blocks:
        (s, e), *_ = block.spans
        assert parsed.text[s:e] == block.text


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"  \n\n \r\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (bytes(range(256)) * 4, "binary"),
        (b"\xff\xfe\x00\xd8\x00\xd8", "not valid"),
    ],
    ids=["empty", "blank", "png", "all-bytes", "bad-utf16"],
)
def test_bad_bytes_are_refused_with_the_reason(content: bytes, reason: str) -> None:
    with pytest.raises(BadInputError) as info:
        decode_bytes(content, "bad.txt")
    message = str(info.value)
    assert message.startswith("bad.txt: ")
    assert reason in message
    assert "\n" not in message


def test_control_characters_make_a_file_binary_only_in_number() -> None:
    # A page may carry form feeds, vertical tabs and the converter's separators (\x1c-\x1e)
    # anywhere, and a stray control or two; a run of other controls is not text.
    page = SIMPLIFIED * 3
    text = page.replace("。", "。\f\v\x1c\x1d\x1e") + "\x07\x1b"
    assert decode_bytes(text.encode("utf-8"), "ok.txt").text == text
    noisy = page + "\x01\x02\x03\x04" * (len(page) // 200)
    with pytest.raises(BadInputError, match="binary"):
        decode_bytes(noisy.encode("utf-8"), "noisy.txt")


def test_undecodable_bytes_are_refused() -> None:
    # Valid in no supported encoding: stray continuation bytes and unassigned Big5/GB codes.
    with pytest.raises(BadInputError, match="not text in a supported encoding"):
        decode_bytes(b"\x80\x80\xff\xff\x80" * 20, "x.txt")


def test_missing_directory_and_huge_paths(tmp_path: Path) -> None:
    with pytest.raises(BadInputError, match="no such file"):
        read_page(tmp_path / "nope.txt")
    with pytest.raises(BadInputError, match="is a directory"):
        read_page(tmp_path)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:  # sparse: 51 MB on paper, nothing on disk
        fh.truncate(51 * 1024 * 1024)
    with pytest.raises(BadInputError, match="too large"):
        read_page(huge)

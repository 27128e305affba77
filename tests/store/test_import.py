"""Importing pages: idempotent, encoding twins recognised, bad files reported, callbacks."""

from __future__ import annotations

import codecs
import pickle
from collections import deque
from concurrent.futures import Future
from pathlib import Path

import pytest

from reader.ingest import parse_file
from reader.store import importer
from reader.store.importer import FileResult, ImportProgress, discover, text_identity
from reader.store.library import Library
from tests.store.conftest import SMALL_PAGE, corpus_pages, variant


def test_import_stores_every_article_with_blocks_and_spans(
    library: Library, small_page: Path
) -> None:
    summary = library.import_paths([small_page])
    assert (summary.files, summary.imported, summary.failed) == (1, 1, 0)
    parsed = parse_file(small_page)
    assert summary.articles == len(parsed.articles) == 2
    ids = library.article_ids()
    assert summary.changes.articles_added == frozenset(ids)
    assert len(summary.changes.sources_added) == 1
    for aid, article in zip(ids, parsed.articles, strict=True):
        detail = library.get_article(aid)
        assert detail.article.to_json() == article.to_json()
        assert detail.text == article.text
        page = library.source_text(detail.source.id)
        assert page == parsed.text
        for block in detail.article.blocks:
            assert all(0 <= s < e <= len(page) for s, e in block.spans)


def test_page_info_comes_from_the_file_name(library: Library, small_page: Path) -> None:
    library.import_paths([small_page])
    (src,) = library.sources()
    assert (src.paper, src.date, src.page) == ("呼和浩特日报", "2026-01-15", "3")
    assert src.encoding == "utf-8" and len(src.sha256) == 64
    assert library.list_articles()[0].date == "2026-01-15"


def test_reimport_adds_nothing(library: Library, small_page: Path) -> None:
    first = library.import_paths([small_page.parent])
    before = library.article_ids()
    again = library.import_paths([small_page, small_page.parent])
    assert again.imported == 0 and again.skipped == 1 and again.failed == 0
    assert again.changes.empty
    assert library.article_ids() == before
    assert first.articles == len(before)


@pytest.mark.parametrize(
    ("codec", "bom"),
    [("gb18030", b""), ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-8", codecs.BOM_UTF8)],
    ids=["gb18030", "utf-16", "utf-8-bom"],
)
def test_encoding_twins_are_recognised(
    library: Library, tmp_path: Path, small_page: Path, codec: str, bom: bytes
) -> None:
    library.import_paths([small_page])
    twin = tmp_path / f"another-name-{codec}.md"
    twin.write_bytes(bom + SMALL_PAGE.encode(codec))
    summary = library.import_paths([twin])
    assert (summary.imported, summary.skipped) == (0, 1)
    assert "same page as" in summary.results[0].message
    assert len(library.sources()) == 1


def test_crlf_twin_is_recognised(library: Library, tmp_path: Path, small_page: Path) -> None:
    library.import_paths([small_page])
    twin = tmp_path / "crlf.txt"
    twin.write_bytes(SMALL_PAGE.replace("\n", "\r\n").encode("utf-8"))
    assert library.import_paths([twin]).skipped == 1


def test_corpus_twins(library: Library, tmp_path: Path) -> None:
    pages = corpus_pages()
    if not pages:
        pytest.skip("no sample pages")
    first = library.import_paths(pages)
    assert first.failed == 0
    for i, page in enumerate(pages):
        text = page.read_text(encoding="utf-8")
        (tmp_path / f"twin{i}.txt").write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    again = library.import_paths([tmp_path / f"twin{i}.txt" for i in range(len(pages))])
    assert again.skipped == len(pages) and again.imported == 0


def test_identity_ignores_encoding_newlines_and_bom() -> None:
    assert text_identity("\ufeff甲\r\n\r\n乙 ") == text_identity("甲\n\n乙")
    assert text_identity("甲\n\n乙") != text_identity("甲\n\n丙")


def test_bad_file_is_reported_and_the_rest_import(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(variant(SMALL_PAGE, 1), encoding="utf-8")
    (folder / "sub" / "b.md").write_text(variant(SMALL_PAGE, 2), encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "ignored.pdf").write_bytes(b"%PDF-1.4")
    (folder / ".hidden.txt").write_text(variant(SMALL_PAGE, 3), encoding="utf-8")
    summary = library.import_paths([folder, tmp_path / "missing.txt"])
    assert summary.imported == 2
    assert summary.failed == 3
    failed = [r.message for r in summary.results if r.status == "failed"]
    assert all("\n" not in m for m in failed)
    assert any("empty" in m for m in failed) and any("binary" in m for m in failed)
    assert any("missing.txt" in m and "no such" in m for m in failed)
    assert len(library.sources()) == 2


def test_discover_is_sorted_recursive_and_filters_suffixes(tmp_path: Path) -> None:
    for name in ("b.txt", "a.MD", "c.pdf", "d/e.txt", ".git/x.txt"):
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x")
    files, failures = discover([tmp_path, tmp_path / "b.txt"])
    assert [f.relative_to(tmp_path).as_posix() for f in files] == ["a.MD", "b.txt", "d/e.txt"]
    assert failures == []


def test_progress_and_cancel(library: Library, tmp_path: Path) -> None:
    for i in range(5):
        (tmp_path / f"p{i}.txt").write_text(variant(SMALL_PAGE, i), encoding="utf-8")
    events: list[ImportProgress] = []

    def cancel() -> bool:
        return sum(1 for e in events if e.result is not None) >= 2

    summary = library.import_paths([tmp_path], progress=events.append, cancel=cancel)
    assert summary.cancelled and summary.imported == 2
    assert [(e.index, e.total, e.result is not None) for e in events] == [
        (0, 5, False),
        (0, 5, True),
        (1, 5, False),
        (1, 5, True),
    ]
    rest = library.import_paths([tmp_path])
    assert (rest.imported, rest.skipped) == (3, 2)


def test_parser_failure_is_one_file_not_the_run(library: Library, tmp_path: Path) -> None:
    from reader.ingest import parse_text

    (tmp_path / "a.txt").write_text(variant(SMALL_PAGE, 1), encoding="utf-8")
    (tmp_path / "b.txt").write_text(variant(SMALL_PAGE, 2), encoding="utf-8")

    def flaky(text, source):  # type: ignore[no-untyped-def]
        if "第1号" in text:
            raise IndexError("parser bug")
        return parse_text(text, source)

    summary = library.import_paths([tmp_path], parser=flaky)
    assert (summary.imported, summary.failed) == (1, 1)
    assert "parser bug" in summary.results[0].message
    assert library.check().ok


def test_worker_processes_import_the_same_as_one_process(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(6):
        (pages / f"p{i}.txt").write_text(variant(SMALL_PAGE, i), encoding="utf-8")
    (pages / "bad.txt").write_bytes(b"")
    results = []
    for workers in (1, 2):
        with Library.open(tmp_path / f"lib{workers}.sqlite") as lib:
            summary = lib.import_paths([pages], workers=workers)
            assert (summary.imported, summary.failed) == (6, 1)
            again = lib.import_paths([pages], workers=workers)
            assert (again.imported, again.skipped, again.failed) == (0, 6, 1)
            results.append([(a.title, a.source, a.authors) for a in lib.list_articles()])
            assert lib.check().ok
    assert results[0] == results[1]


def _prepared(folder: Path, n: int) -> importer.PreparedFile:
    path = folder / f"p{n}.txt"
    path.write_text(variant(SMALL_PAGE, n), encoding="utf-8")
    return importer.prepare(path, importer.identify(path), importer.default_parser)


def test_a_prepared_file_carries_each_article_body_once(tmp_path: Path) -> None:
    # A worker hands its pages over a pipe: the body is its blocks joined, so it is not
    # pickled a second time beside them, and comes back whole on the other side.
    prepared = _prepared(tmp_path, 0)
    data = pickle.dumps(prepared, protocol=pickle.HIGHEST_PROTOCOL)
    back = pickle.loads(data)
    assert [pa.text for pa in back.articles] == [pa.text for pa in prepared.articles]
    paragraph = next(
        b.text for pa in prepared.articles for b in pa.article.blocks if b.type == "paragraph"
    )
    # Once in the page's text, once in its block: not a third time in the article's body.
    assert data.count(paragraph.encode("utf-8")) == 2
    assert data.count(prepared.text.encode("utf-8")) == 1


def test_a_batch_takes_the_files_already_prepared_in_order(tmp_path: Path) -> None:
    def done(n: int) -> Future[importer.PreparedFile | FileResult]:
        future: Future[importer.PreparedFile | FileResult] = Future()
        future.set_result(_prepared(tmp_path, n))
        return future

    skipped = FileResult("p2.txt", "skipped", "already imported (same file)")
    parsing: Future[importer.PreparedFile | FileResult] = Future()  # not done yet
    jobs: list[importer.Job] = [done(0), done(1), skipped, parsing, done(4)]
    pending = deque((Path(f"p{n}"), job) for n, job in enumerate(jobs))
    first = importer.next_batch(pending)
    # Never past a file still being parsed: p4 is ready but must be stored after p3.
    assert [p.name for p, _ in first] == ["p0", "p1", "p2"]
    assert first[2][1] is skipped
    parsing.set_result(_prepared(tmp_path, 3))
    assert [p.name for p, _ in importer.next_batch(pending)] == ["p3", "p4"]
    assert not pending


def test_a_batch_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "BATCH_FILES", 2)
    jobs = [_prepared(tmp_path, n) for n in range(5)]
    pending: deque[tuple[Path, importer.Job]] = deque()
    for n, prepared in enumerate(jobs):
        future: Future[importer.PreparedFile | FileResult] = Future()
        future.set_result(prepared)
        pending.append((Path(f"p{n}"), future))
    sizes = []
    while pending:
        sizes.append(len(importer.next_batch(pending)))
    assert sizes == [2, 2, 1]
    monkeypatch.setattr(importer, "BATCH_FILES", 16)
    monkeypatch.setattr(importer, "BATCH_BYTES", jobs[0].size + 1)  # a second file passes it
    for n, prepared in enumerate(jobs[:3]):
        future = Future()
        future.set_result(prepared)
        pending.append((Path(f"p{n}"), future))
    assert len(importer.next_batch(pending)) == 2


def test_cancelling_a_parallel_import_reports_every_stored_file(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(24):
        (pages / f"p{i:02d}.txt").write_text(variant(SMALL_PAGE, i), encoding="utf-8")
    (pages / "twin.txt").write_text(variant(SMALL_PAGE, 3), encoding="utf-8")  # p03 again
    events: list[ImportProgress] = []

    def cancel() -> bool:
        return any(e.result is not None for e in events)

    with Library.open(tmp_path / "lib.sqlite") as lib:
        summary = lib.import_paths([pages], workers=2, progress=events.append, cancel=cancel)
        assert summary.cancelled
        # Files stored together are all reported, whichever batch the cancel came in.
        stored = {s.name for s in lib.sources()}
        reported = {Path(r.path).name for r in summary.results if r.status == "imported"}
        assert stored == reported and stored
        assert len(lib.article_ids()) == len(summary.changes.articles_added)
        rest = lib.import_paths([pages], workers=2)
        assert rest.imported == 24 - len(stored)
        assert len(lib.sources()) == 24  # the twin is the same page as p03, in any batch
        assert lib.check().ok

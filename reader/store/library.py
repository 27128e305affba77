"""The library: the one core API the CLI, the windows, export and merge all use.

``Library.open(path)`` upgrades the schema (after a backup) and returns a handle that
is safe to share between threads: every method opens its own short transaction. Writes
return a :class:`~reader.store.changes.Changes` record. Expected failures raise
:class:`~reader.errors.KnownError` subclasses with one line naming the library.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, Select, delete, func, insert, select, text
from sqlalchemy.exc import DBAPIError

from reader.store import (
    anchoring,
    backups,
    continuations,
    database,
    highlights,
    importer,
    indexing,
    operations,
    palette,
    queries,
    reparse,
    search,
    searchtext,
    suggest,
    tagging,
    trash,
)
from reader.store.changes import Changes
from reader.store.errors import LibraryError, NotFoundError, known_errors
from reader.store.ids import ArticleId, HighlightId, SourceId, TagId
from reader.store.location import resolve_library_path
from reader.store.models import (
    ArticleNote,
    ArticleRow,
    ArticleTag,
    BlockRow,
    HighlightRow,
    HighlightTag,
    SourceFile,
    TagRow,
)
from reader.store.naming import default_author as default_author  # re-exported
from reader.store.naming import tag_key as tag_key
from reader.store.queries import DateOrder, Where
from reader.store.views import (
    ArticleDetail,
    ArticleSummary,
    CheckReport,
    HighlightView,
    SearchHit,
    SourceView,
    TagView,
    rebuild_article,
)

if TYPE_CHECKING:
    from reader.text.keywords import Suggestion

QUOTE_CONTEXT = anchoring.CONTEXT  # characters of prefix and suffix kept with a highlight
PARALLEL_FROM = 16  # files; below this, worker start-up costs more than it saves
INDEX_BATCH = 400  # articles per index transaction: about 0.2 s of work


def _count_files(paths: Sequence[str | os.PathLike[str]]) -> int:
    count = 0
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for _root, _dirs, names in os.walk(path):
                count += len(names)
                if count >= PARALLEL_FROM:
                    return count
        else:
            count += 1
    return count


class Library:
    def __init__(self, path: Path, engine: Engine, upgrade: database.Upgrade) -> None:
        self.path = path
        self.engine = engine
        self.upgrade = upgrade
        self._cut: search.Cut | None = None
        self.backup_warning: str | None = None  # the daily backup failed: tell the user
        self._dated: tuple[tuple[Any, ...], DateOrder] | None = None  # see _date_order

    # --- opening ---------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str] | None = None,
        *,
        migrations: Path | None = None,
        busy_timeout_ms: int | None = None,
        daily_backup: bool = True,
    ) -> Library:
        """Open (creating or upgrading) the library at ``path`` or the default location.

        ``daily_backup``: back the library up if its newest backup is a day old; a
        backup that cannot be written does not stop the opening (see ``backup_warning``).
        """
        explicit = path is not None or bool(os.environ.get("PIZHU_LIBRARY"))
        p = resolve_library_path(path)
        if not p.parent.is_dir():
            if explicit:
                raise LibraryError(f"{p}: the folder {p.parent} does not exist")
            p.parent.mkdir(parents=True, exist_ok=True)
        if p.is_dir():
            raise LibraryError(f"{p}: is a folder, not a library file")
        engine = database.make_engine(p, busy_timeout_ms)
        try:
            upgraded = database.upgrade(engine, p, migrations)
            lib = cls(p, engine, upgraded)
            lib._ensure_search_index()
        except BaseException:
            engine.dispose()
            raise
        if daily_backup:
            try:
                backups.daily_backup(p)
            except LibraryError as exc:
                lib.backup_warning = str(exc)
        return lib

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Library:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with known_errors(self.path), database.reading(self.engine) as conn:
            yield conn

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with known_errors(self.path), database.writing(self.engine) as conn:
            yield conn

    @property
    def cut(self) -> search.Cut:
        """jieba search-mode segmentation, loaded on first use (never on open)."""
        if self._cut is None:
            self._cut = search.default_cut()
        return self._cut

    def _ensure_search_index(self) -> None:
        with self._read() as conn:
            stored = search.stored_fingerprint(conn)
            empty = conn.execute(select(func.count()).select_from(ArticleRow)).scalar_one() == 0
        if stored is not None and stored != search.tokenizer_fingerprint() and not empty:
            # Built by another tokenizer or scheme: start again through the queue, so the
            # library opens at once and the indexer rebuilds it in the background.
            with self._write() as conn:
                current = search.tokenizer_fingerprint()
                if search.stored_fingerprint(conn) != current:
                    search.requeue_all(conn, self.cut, current)
            return
        if stored is not None:
            return
        if empty:  # a new library: record the tokenizer without loading jieba
            with self._write() as conn:
                if search.stored_fingerprint(conn) is None:
                    search.set_fingerprint(conn, search.tokenizer_fingerprint())
            return
        self.rebuild_search_index()

    # --- importing -------------------------------------------------------------------------

    def _lookup(self, sha256: str, text_hash: str) -> str | None:
        with self._read() as conn:
            return importer.known_source(conn, sha256, text_hash)

    def _commit(
        self, prepared: importer.PreparedFile
    ) -> tuple[str | None, SourceId | None, list[ArticleId]]:
        with self._write() as conn:
            reason = importer.known_source(conn, prepared.sha256, prepared.text_hash)
            if reason is not None:
                return reason, None, []
            source_id, ids = importer.store(conn, prepared)
            return None, source_id, ids

    def import_paths(
        self,
        paths: Sequence[str | os.PathLike[str]],
        *,
        progress: importer.ProgressCallback | None = None,
        cancel: importer.CancelCallback | None = None,
        parser: importer.Parser | None = None,
        workers: int | None = None,
        index: bool = True,
    ) -> importer.ImportSummary:
        """Import page files and folders; each file is one transaction.

        ``progress`` is called before and after each file, ``cancel`` between files
        (return True to stop: files already imported stay). Safe to call from a worker
        thread; the callbacks run on that thread. ``workers``: processes that parse and
        tokenize ahead (default: one per CPU, up to 4, for 16 files or more).

        The articles are readable as soon as their file is stored; the search index is
        built after the files, here (``index``) or by :meth:`build_index` later, in the
        background, while searches say they are incomplete (:meth:`index_pending`).
        """
        if workers is None:
            workers = 1
            if parser is None and _count_files(paths) >= PARALLEL_FROM:
                workers = max(1, min(4, os.cpu_count() or 1))
        summary = importer.run_import(
            [Path(p) for p in paths],
            lookup=self._lookup,
            commit=self._commit,
            parser=parser or importer.default_parser,
            progress=progress,
            cancel=cancel,
            workers=workers if parser is None else 1,
            library=self.path,
        )
        if index:
            self.build_index(cancel=cancel)
        return summary

    # --- reading ---------------------------------------------------------------------------

    def _tag_closure_ids(self, conn: Connection, tag: str) -> list[TagId]:
        root = tagging.find(conn, tag)
        if root is None:
            raise NotFoundError(f"no tag named {tag!r}")
        return tagging.subtree(conn, root)

    def article_ids(self, tag: str | None = None) -> list[ArticleId]:
        """Every article id in library order (page date, file, position); cheap."""
        with self._read() as conn:
            q = (
                select(ArticleRow.id)
                .join(SourceFile, SourceFile.id == ArticleRow.source_id)
                .where(trash.LIVE)
            )
            if tag is not None:
                q = q.where(
                    ArticleRow.id.in_(tagging.tagged_articles(self._tag_closure_ids(conn, tag)))
                )
            return ordered_ids(conn, q)

    def summaries(self, ids: Iterable[ArticleId]) -> list[ArticleSummary]:
        """Summaries of the given articles, in the given order (unknown ids are left out)."""
        wanted = list(ids)
        if not wanted:
            return []
        out: dict[int, ArticleSummary] = {}
        with self._read() as conn:
            for chunk_start in range(0, len(wanted), 500):
                chunk = wanted[chunk_start : chunk_start + 500]
                out.update(self._summaries(conn, chunk))
        return [out[i] for i in wanted if i in out]

    def _summaries(
        self, conn: Connection, ids: list[ArticleId] | None
    ) -> dict[int, ArticleSummary]:
        """Summaries of ``ids``, or of every article (None: three queries in all)."""
        rows = _listing(conn, ids, ArticleRow.authors)
        tags: dict[int, list[str]] = {}
        tag_query = select(ArticleTag.article_id, TagRow.name).join(
            TagRow, TagRow.id == ArticleTag.tag_id
        )
        count_query = select(HighlightRow.article_id, func.count()).where(
            HighlightRow.deleted.is_(False)
        )
        if ids is not None:
            tag_query = tag_query.where(ArticleTag.article_id.in_(ids))
            count_query = count_query.where(HighlightRow.article_id.in_(ids))
        for article_id, name in conn.execute(tag_query.order_by(TagRow.key)):
            tags.setdefault(article_id, []).append(name)
        counts = dict(conn.execute(count_query.group_by(HighlightRow.article_id)).all())
        return {
            r.id: ArticleSummary(
                id=ArticleId(r.id),
                uuid=r.uuid,
                title=r.title,
                kind=r.kind,
                source=r.name,
                date=r.page_date,
                authors=tuple(r.authors),
                tags=tuple(tags.get(r.id, ())),
                highlights=int(counts.get(r.id, 0)),
            )
            for r in rows
        }

    def list_articles(self, tag: str | None = None) -> list[ArticleSummary]:
        if tag is not None:
            return self.summaries(self.article_ids(tag))
        ids = self.article_ids()
        with self._read() as conn:  # the whole library: no id lists to send
            out = self._summaries(conn, None)
        return [out[i] for i in ids if i in out]

    def resolve(self, ref: str | int) -> ArticleId:
        """An article id from a number or a uuid (as printed by ``list``)."""
        with self._read() as conn:
            if isinstance(ref, int) or str(ref).isdigit():
                found = conn.execute(
                    select(ArticleRow.id).where(ArticleRow.id == int(ref))
                ).scalar()
            else:
                found = conn.execute(
                    select(ArticleRow.id).where(ArticleRow.uuid == str(ref).lower())
                ).scalar()
        if found is None:
            raise NotFoundError(f"no article {ref} in {self.path}")
        return ArticleId(found)

    def get_article(self, article_id: ArticleId | int | str) -> ArticleDetail:
        aid = self.resolve(article_id)
        with self._read() as conn:
            row = conn.execute(select(ArticleRow).where(ArticleRow.id == aid)).one()
            blocks = conn.execute(
                select(BlockRow).where(BlockRow.article_id == aid).order_by(BlockRow.ordinal)
            ).all()
            src = conn.execute(select(SourceFile).where(SourceFile.id == row.source_id)).one()
            tags = conn.execute(
                select(TagRow.name)
                .join(ArticleTag, ArticleTag.tag_id == TagRow.id)
                .where(ArticleTag.article_id == aid)
                .order_by(TagRow.key)
            ).scalars()
            note = conn.execute(
                select(ArticleNote.text, ArticleNote.author).where(ArticleNote.article_id == aid)
            ).first()
            highlights = self._highlights(conn, aid)
            told = continuations.story(conn, aid)
            return ArticleDetail(
                id=aid,
                uuid=row.uuid,
                article=rebuild_article(row, list(blocks)),
                text=row.text,
                content_hash=row.content_hash,
                source=_source_view(src),
                tags=tuple(tags),
                note=note.text if note else "",
                note_author=note.author if note else "",
                highlights=tuple(highlights),
                in_trash=row.deleted_at is not None or src.deleted_at is not None,
                continued_on_id=told.continued_on,
                continued_from_id=told.continued_from,
            )

    def article_highlights(
        self, article_id: ArticleId, only: Iterable[HighlightId]
    ) -> list[HighlightView]:
        """The live, placed highlights of an article among ``only`` (after an operation
        said which highlights it touched: the window updates just those)."""
        ids = [int(h) for h in only]
        with self._read() as conn:
            return self._highlights(conn, article_id, ids)

    def _highlights(
        self, conn: Connection, aid: ArticleId, only: list[int] | None = None
    ) -> list[HighlightView]:
        query = select(HighlightRow).where(
            HighlightRow.article_id == aid,
            HighlightRow.deleted.is_(False),
            HighlightRow.orphaned.is_(False),  # reader.exchange.orphans lists those
        )
        if only is not None:
            query = query.where(HighlightRow.id.in_(only))
        rows = conn.execute(query.order_by(HighlightRow.start, HighlightRow.id)).all()
        tag_names: dict[int, list[str]] = {}
        for hid, name in conn.execute(
            select(HighlightTag.highlight_id, TagRow.name)
            .join(TagRow, TagRow.id == HighlightTag.tag_id)
            .where(HighlightTag.highlight_id.in_([r.id for r in rows]))
            .order_by(TagRow.key)
        ):
            tag_names.setdefault(hid, []).append(name)
        return [HighlightView.from_row(r, tag_names.get(r.id, ())) for r in rows]

    def sources(self) -> list[SourceView]:
        with self._read() as conn:
            rows = conn.execute(select(SourceFile).order_by(SourceFile.id)).all()
            return [_source_view(r) for r in rows]

    def source_text(self, source_id: SourceId) -> str:
        """The decoded page text every block span points into."""
        with self._read() as conn:
            found = conn.execute(select(SourceFile.text).where(SourceFile.id == source_id)).scalar()
        if found is None:
            raise NotFoundError(f"no source file {source_id} in {self.path}")
        return str(found)

    def tags(self) -> list[TagView]:
        with self._read() as conn:
            rows = conn.execute(
                select(TagRow.id, TagRow.name, TagRow.colour, TagRow.parent_id)
            ).all()
        by_id = {r.id: r for r in rows}

        def path(tid: int) -> tuple[str, ...]:
            names: list[str] = []
            seen: set[int] = set()
            cur: int | None = tid
            while cur is not None and cur not in seen and cur in by_id:
                seen.add(cur)
                names.append(by_id[cur].name)
                cur = by_id[cur].parent_id
            return tuple(reversed(names))

        views = [
            TagView(
                TagId(r.id),
                r.name,
                r.colour,
                TagId(r.parent_id) if r.parent_id is not None else None,
                path(r.id),
            )
            for r in rows
        ]
        return sorted(views, key=lambda v: [tag_key(n) for n in v.path])

    # --- search ----------------------------------------------------------------------------

    def search(
        self,
        query: str,
        limit: int = 50,
        sort: str = "relevance",
        where: Where | None = None,
        *,
        stories: bool = False,
    ) -> list[SearchHit]:
        """Articles containing every whitespace-separated term of ``query``, best first
        (``sort="relevance"``: title hits, then whole articles, then bm25), or
        ``"newest"``/``"oldest"`` page first; ``where`` narrows them (page dates, kinds,
        author, paper, page, tag).

        A term matches wherever it is a substring of the title, the body or the notes
        (after NFKC and case folding), so 和浩 finds 呼和浩特 and PM2.5 finds PM2.5.
        Any text is a valid query; one without terms finds nothing.
        """
        if not searchtext.terms(query):
            return []
        if sort not in queries.SORTS:
            raise ValueError(f"unknown sort {sort!r}")
        with self._read() as conn:
            # The index keeps trashed articles (restoring them is instant): ask for as
            # many more as the trash could hide, and leave those out.
            hidden = len(queries.trashed(conn))
            filters = self._filters(conn, where or Where())
            dated = functools.partial(self._date_order, conn)
            matches, terms = queries.query(conn, query, limit + int(hidden), sort, dated, filters)
            if not matches:
                return []
            ids = [m.article_id for m in matches]
            rows = {
                r.id: r
                for r in _listing(conn, ids, ArticleRow.text)
                if r.deleted_at is None and r.page_deleted_at is None
            }
            # ``stories``: a story printed in parts is one hit (the best-ranked part
            # stands for it), as the window lists them.
            story_of = {
                int(r[0]): continuations.story(conn, ArticleId(int(r[0]))).parts[0]
                for r in conn.execute(
                    select(ArticleRow.id).where(
                        ArticleRow.id.in_(list(rows) if stories else []),
                        (ArticleRow.continued_on.is_not(None))
                        | (ArticleRow.continued_from.is_not(None)),
                    )
                )
            }
        hits: list[SearchHit] = []
        told: set[int] = set()
        for m in matches:
            if len(hits) >= limit:
                break
            head = story_of.get(m.article_id, m.article_id)
            if head in told:
                continue
            told.add(head)
            r = rows.get(m.article_id)
            if r is None:
                continue
            hits.append(
                SearchHit(
                    id=m.article_id,
                    uuid=r.uuid,
                    title=r.title,
                    kind=r.kind,
                    source=r.name,
                    date=r.page_date,
                    score=m.score,
                    snippet=searchtext.snippet(r.text, terms),
                )
            )
        return hits

    def story(self, article_id: ArticleId) -> continuations.Story:
        """The parts of the story an article belongs to, in reading order."""
        with self._read() as conn:
            return continuations.story(conn, article_id)

    def _filters(self, conn: Connection, where: Where) -> queries.Filters:
        tagged = None
        if where.tag is not None:
            ids = tagging.tagged_articles(self._tag_closure_ids(conn, where.tag))
            rows: Sequence[Any] = conn.execute(ids).all()
            tagged = tuple(int(r[0]) for r in rows)
        w = where
        return queries.Filters(w.since, w.until, w.kinds, w.author, w.paper, w.page, tagged)

    def _date_order(self, conn: Connection) -> DateOrder:
        """Every article id, newest page first; cached until articles are added (a
        deleted article is no hit, so a stale order only lists it in vain)."""
        key = tuple(conn.execute(text("SELECT max(id) FROM articles")).one())
        cached = self._dated
        if cached is None or cached[0] != key:
            cached = self._dated = (key, DateOrder.of(queries.date_order(conn)))
        return cached[1]

    def count_matches(
        self,
        query: str,
        where: Where | None = None,
    ) -> int:
        """How many articles :meth:`search` finds for ``query`` (every hit, notes too)."""
        with self._read() as conn:
            filters = self._filters(conn, where or Where())
            return queries.total(conn, query, filters)

    def index_pending(self) -> int:
        """How many stored articles the search index does not cover yet (search results
        are incomplete until :meth:`build_index` has caught up)."""
        with self._read() as conn:
            return search.pending(conn)

    def build_index(
        self,
        progress: Callable[[int, int], None] | None = None,
        cancel: Callable[[], bool] | None = None,
        batch: int = INDEX_BATCH,
        workers: int | None = None,
    ) -> int:
        """Index the articles an import queued, a batch per transaction (see
        :mod:`reader.store.indexing`); a long queue is tokenized in ``workers`` processes
        (default: one per CPU, up to 4). Returns how many were indexed; ``cancel`` is
        asked between batches. Safe to run in a worker thread."""
        return indexing.build(
            self._read,
            self._write,
            self.cut,
            search.tokenizer_fingerprint(),
            batch=batch,
            workers=workers,
            progress=progress,
            cancel=cancel,
        )

    def rebuild_search_index(self, progress: Callable[[int, int], None] | None = None) -> Changes:
        """Re-tokenize every article and note (after a dictionary or scheme change)."""
        cut = self.cut
        fingerprint = search.tokenizer_fingerprint()
        with self._write() as conn:
            search.rebuild(conn, cut, fingerprint, progress)
        return Changes(search_index=True)

    def _index_current(self, conn: Connection) -> bool:
        return search.stored_fingerprint(conn) == search.tokenizer_fingerprint()

    def ensure_search_current(self) -> None:
        """Rebuild the index first if another tokenizer built it (before removing rows
        from it, which needs the words it was built with)."""
        with self._read() as conn:
            current = self._index_current(conn)
        if not current:
            self.rebuild_search_index()

    # --- annotating ------------------------------------------------------------------------

    def set_note(
        self, article_id: ArticleId | int | str, note: str, *, author: str | None = None
    ) -> Changes:
        """Replace an article's note ("" removes it), stamped with ``author``
        (:func:`default_author` when None). Undoable form:
        :class:`reader.store.operations.SetNote`."""
        aid = self.resolve(article_id)
        stamp = importer.now_iso()
        with self._write() as conn:
            conn.execute(delete(ArticleNote).where(ArticleNote.article_id == aid))
            if note.strip():
                conn.execute(
                    insert(ArticleNote),
                    {
                        "article_id": aid,
                        "text": note,
                        "updated_at": stamp,
                        "author": default_author() if author is None else author,
                    },
                )
            search.reindex_notes(conn, aid, self.cut)
        return Changes(notes=frozenset({aid}))

    def add_highlight(
        self,
        article_id: ArticleId | int | str,
        start: int,
        end: int,
        *,
        colour: str = palette.DEFAULT_COLOUR,
        note: str = "",
        author: str | None = None,
        highlight_uuid: str | None = None,
    ) -> tuple[HighlightId, Changes]:
        """Highlight ``[start, end)`` (overlaps allowed); ``colour`` is a palette key or
        label. Undoable form: :class:`reader.store.operations.AddHighlight`."""
        aid = self.resolve(article_id)
        with self._write() as conn:
            hid = highlights.insert_highlight(
                conn,
                aid,
                start,
                end,
                colour=palette.resolve(conn, colour),
                note=note,
                author=default_author() if author is None else author,
                stamp=importer.now_iso(),
                cut=self.cut if note else None,
                highlight_uuid=highlight_uuid,
            )
        return hid, Changes(highlights=frozenset({hid}))

    def highlight_quote(
        self,
        article_id: ArticleId | int | str,
        quote: str,
        *,
        occurrence: int | None = None,
        colour: str = palette.DEFAULT_COLOUR,
        note: str = "",
        tags: Sequence[str] = (),
    ) -> operations.Applied:
        """Highlight the ``occurrence``-th (1-based) place ``quote`` occurs in the article;
        raises :class:`~reader.store.anchoring.QuoteError` when it is absent or ambiguous."""
        aid = self.resolve(article_id)
        with self._read() as conn:
            body = highlights.article_text(conn, aid)
        try:
            start, end = anchoring.find_quote(body, quote, occurrence)
        except anchoring.QuoteError as exc:
            exc.message = f"article {aid}: {exc.message}"  # name the thing, then the reason
            raise
        return operations.AddHighlight(aid, start, end, colour, note, tuple(tags)).apply(self)

    def update_highlight(
        self, highlight_id: HighlightId, *, colour: str | None = None, note: str | None = None
    ) -> Changes:
        """Change colour and/or note (the GUI's note autosave calls this)."""
        return operations.EditHighlight(highlight_id, colour, note).apply(self).changes

    def delete_highlight(self, highlight_id: HighlightId) -> Changes:
        """Tombstone the highlight (kept so a merge does not bring it back)."""
        return operations.DeleteHighlight(highlight_id).apply(self).changes

    def ensure_tag(
        self, name: str, *, parent: TagId | None = None, colour: str | None = None
    ) -> tuple[TagId, Changes]:
        """The tag named ``name`` (NFKC/case-insensitively), created if needed."""
        if not tag_key(name):
            raise LibraryError("a tag needs a name")
        done = operations.CreateTag(name, parent, colour).apply(self)
        assert done.created is not None
        return TagId(done.created), done.changes

    def tag_article(self, article_id: ArticleId | int | str, tag: TagId) -> Changes:
        return operations.TagArticle(self.resolve(article_id), tag).apply(self).changes

    def untag_article(self, article_id: ArticleId | int | str, tag: TagId) -> Changes:
        return operations.UntagArticle(self.resolve(article_id), tag).apply(self).changes

    def tag_highlight(self, highlight_id: HighlightId, tag: TagId) -> Changes:
        return operations.TagHighlight(highlight_id, tag).apply(self).changes

    def untag_highlight(self, highlight_id: HighlightId, tag: TagId) -> Changes:
        return operations.UntagHighlight(highlight_id, tag).apply(self).changes

    # --- the tag manager and the palette (undoable forms: reader.store.operations) ---------

    def rename_tag(self, tag: TagId, name: str) -> Changes:
        """Refuses another tag's name (TagExistsError): merge instead."""
        return operations.RenameTag(tag, name).apply(self).changes

    def merge_tags(self, source: TagId, target: TagId) -> Changes:
        return operations.MergeTags(source, target).apply(self).changes

    def delete_tag(self, tag: TagId) -> Changes:
        return operations.DeleteTag(tag).apply(self).changes

    def recolour_tag(self, tag: TagId, colour: str | None) -> Changes:
        return operations.RecolourTag(tag, colour).apply(self).changes

    def nest_tag(self, tag: TagId, parent: TagId | None) -> Changes:
        return operations.NestTag(tag, parent).apply(self).changes

    def tag_counts(self) -> dict[TagId, tagging.TagCount]:
        with self._read() as conn:
            return tagging.counts(conn)

    def highlight_colours(self) -> tuple[palette.Swatch, ...]:
        with self._read() as conn:
            return palette.read(conn)

    def rename_colour(self, colour: str, name: str) -> Changes:
        return operations.RenameColour(colour, name).apply(self).changes

    def suggest_tags(self, article_id: ArticleId | int | str, limit: int = 12) -> list[Suggestion]:
        """Tag suggestions for an article (keywords and names); slow the first time
        (jieba): call it off the GUI thread."""
        return suggest.for_article(self, self.resolve(article_id), limit)

    def reparse_source(
        self, source_id: SourceId, parser: importer.Parser | None = None
    ) -> reparse.ReparseReport:
        """Parse an imported page again, carrying tags, notes and highlights over
        (re-anchored; those found nowhere become orphans)."""
        return reparse.reparse_source(self, source_id, parser)

    # --- removing --------------------------------------------------------------------------

    def delete_source(self, source_id: SourceId) -> Changes:
        """Remove an imported page with its articles, their highlights and notes."""
        cut = self.cut
        self.ensure_search_current()
        with self._write() as conn:
            rows = conn.execute(
                select(ArticleRow.id, ArticleRow.title, ArticleRow.text).where(
                    ArticleRow.source_id == source_id
                )
            ).all()
            if (
                conn.execute(select(SourceFile.id).where(SourceFile.id == source_id)).scalar()
                is None
            ):
                raise NotFoundError(f"no source file {source_id} in {self.path}")
            for r in rows:
                search.delete_article(conn, r.id, r.title, r.text, cut)
            conn.execute(delete(SourceFile).where(SourceFile.id == source_id))
        return Changes(
            sources_removed=frozenset({source_id}),
            articles_removed=frozenset(ArticleId(r.id) for r in rows),
        )

    # --- backups ---------------------------------------------------------------------------

    def set_backup_keep(self, keep: int) -> None:
        """Keep the ``keep`` newest backups from now on (pruning the older ones now)."""
        if keep < 1:
            raise LibraryError(f"{self.path}: at least one backup must be kept (not {keep})")
        with self._write() as conn:
            conn.execute(
                text(
                    "INSERT INTO settings (key, value) VALUES (:k, :v) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
                ),
                {"k": backups.KEEP_KEY, "v": str(keep)},
            )
        backups.prune(self.path, keep)

    # --- checking --------------------------------------------------------------------------

    def check(self, full: bool = False) -> CheckReport:
        """Integrity (quick or full), broken references, orphan and stale index rows."""
        problems: list[str] = []
        with self._write() as conn:
            problems += [f"integrity: {p}" for p in database.quick_check(conn, full)]
            for stored, rowid, parent, _fk in conn.execute(text("PRAGMA foreign_key_check")):
                table = "blocks" if stored == "block_rows" else stored  # the view's table
                problems.append(f"orphan row: {table} rowid {rowid} points to missing {parent}")
            for sql, what in (
                (
                    "SELECT rowid FROM search_articles EXCEPT SELECT id FROM articles",
                    "search index row without an article",
                ),
                (
                    "SELECT id FROM articles EXCEPT SELECT rowid FROM search_articles "
                    "EXCEPT SELECT article_id FROM search_pending",
                    "article missing from the search index",
                ),
                (
                    "SELECT rowid FROM search_notes EXCEPT SELECT id FROM articles",
                    "notes index row without an article",
                ),
                (
                    "SELECT a.id FROM articles a WHERE NOT EXISTS "
                    "(SELECT 1 FROM blocks b WHERE b.article_id = a.id) AND a.text != ''",
                    "article with text but no blocks",
                ),
            ):
                for (rowid,) in conn.execute(text(sql)).fetchall()[:20]:
                    problems.append(f"{what}: {rowid}")
            for table in ("search_articles", "search_notes"):
                try:
                    conn.execute(text(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')"))
                except DBAPIError as exc:
                    problems.append(f"{table}: {' '.join(str(exc).split())[:200]}")
            for hid, start, end, exact, body in conn.execute(
                text(
                    'SELECT h.id, h.start, h."end", h.exact, a.text FROM highlights h '
                    "JOIN articles a ON a.id = h.article_id WHERE NOT h.deleted AND NOT h.orphaned"
                )
            ):
                if body[start:end] != exact:
                    problems.append(f"highlight {hid} no longer matches its article text")
            articles = conn.execute(select(func.count()).select_from(ArticleRow)).scalar_one()
            sources = conn.execute(select(func.count()).select_from(SourceFile)).scalar_one()
            schema = database.current_revision(conn)
            head = database.head_revision()
            if schema != head:
                problems.append(f"schema {schema} is not the current {head}")
        return CheckReport(tuple(problems), int(articles), int(sources), schema)


def ordered_ids(conn: Connection, q: Select[Any]) -> list[ArticleId]:
    """The ids ``q`` selects in library order: dated pages, then undated ones. Two
    queries, each read straight off the page-date index and the articles' (source,
    position) index, where one ORDER BY over both sorted every article (a quarter of
    the window's start at 150,000 articles); fetched whole, not row by row."""
    dated = q.where(SourceFile.page_date.is_not(None)).order_by(
        SourceFile.page_date, SourceFile.id, ArticleRow.ordinal
    )
    undated = q.where(SourceFile.page_date.is_(None)).order_by(SourceFile.id, ArticleRow.ordinal)
    ids: list[ArticleId] = [*conn.execute(dated).scalars(), *conn.execute(undated).scalars()]
    return ids


def _listing(conn: Connection, ids: Sequence[int] | None, *extra: Any) -> Sequence[Any]:
    """id, uuid, title, kind, source file name, page date (and ``extra``) of articles
    (of every article when ``ids`` is None)."""
    query = select(
        ArticleRow.id,
        ArticleRow.uuid,
        ArticleRow.title,
        ArticleRow.kind,
        SourceFile.name,
        SourceFile.page_date,
        ArticleRow.deleted_at,
        SourceFile.deleted_at.label("page_deleted_at"),
        *extra,
    ).join(SourceFile, SourceFile.id == ArticleRow.source_id)
    if ids is not None:
        query = query.where(ArticleRow.id.in_(ids))
    return conn.execute(query).all()


def _source_view(r: Any) -> SourceView:
    return SourceView(
        id=SourceId(r.id),
        path=r.path,
        name=r.name,
        sha256=r.sha256,
        encoding=r.encoding,
        imported_at=r.imported_at,
        paper=r.paper,
        date=r.page_date,
        page=r.page,
        page_name=r.page_name,
        in_trash=r.deleted_at is not None,
    )

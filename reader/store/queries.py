"""Answering searches over the index :mod:`reader.store.search` maintains.

A query matches an article when every term occurs in its title, body or notes, exactly
as ``normalize(term) in normalize(text)`` would say (the bigram phrases give that;
jieba words only rank). Filters (dates, paper, page, kind, author, tag) narrow the
articles first; the hits are then ranked or sorted by date.

Ranking does not score every hit. A frequent word (记者, a number) matches most of a
news archive, and scoring all of them made a search as slow as a scan; the candidates
are the most recently imported hits, read in the index's own rowid order so FTS5 stops
after them, and a query costs the same at 10,000 or 1,000,000 articles. A query with
fewer hits than that ranks all of them. For a news archive "recent and relevant" is a
better first page than "relevant among decades"; newest/oldest sorts see every hit.
Further hits are ranked the same way, the next RANK_CANDIDATES at a time, so asking
for more hits never reorders the ones already listed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text

from reader.store import pagetext, ranking, searchtext, tagging
from reader.store.errors import NotFoundError
from reader.store.ids import ArticleId
from reader.store.search import NOTES_WEIGHTS, notes_text, title_and_text

RANK_CANDIDATES = 250
# Below this many hits, "newest first" sorts them all; above, it walks the articles in
# date order (cached by the library) until a page of hits is found.
SORT_ALL_BELOW = 2000
DATE_CHUNK = 512
# Candidates a filter may turn away one by one before the set of every article it
# lets through is made instead (about as costly as asking of this many).
GATE_ASKS_UP_TO = 5000

SORTS = ("relevance", "newest", "oldest")
NOTES_ONLY_MAX = 1 << 30  # no bound: a longer list must keep a shorter one's order


@dataclass(frozen=True)
class Match:
    article_id: ArticleId
    score: float  # lower is better (bm25); 0 when sorted by date


@dataclass(frozen=True)
class Where:
    """What a user narrows a search to (the tag by name, nested tags included)."""

    since: str | None = None  # page date, YYYY-MM-DD, inclusive
    until: str | None = None
    tag: str | None = None
    kinds: tuple[str, ...] = ()  # article, photo, fragment
    author: str | None = None  # a name among the article's authors or photographers
    paper: str | None = None
    page: str | None = None


@dataclass(frozen=True)
class Filters:
    """Which articles a search may return; every field left empty lets all through."""

    since: str | None = None  # page date, YYYY-MM-DD, inclusive
    until: str | None = None
    kinds: tuple[str, ...] = ()  # article, photo, fragment
    author: str | None = None  # a name among the article's authors or photographers
    paper: str | None = None
    page: str | None = None
    tagged: tuple[int, ...] | None = None  # article ids carrying the tag (None: any)

    @property
    def empty(self) -> bool:
        return self == Filters(tagged=self.tagged) and self.tagged is None


def _filter_sql(f: Filters) -> tuple[str, dict[str, object]]:
    """The articles ``f`` lets through as SQL (tags aside) and its parameters."""
    where: list[str] = []
    args: dict[str, object] = {}
    if f.since:
        where.append("s.page_date >= :since")
        args["since"] = f.since
    if f.until:
        where.append("s.page_date <= :until")
        args["until"] = f.until
    if f.kinds:
        names = [f":k{n}" for n in range(len(f.kinds))]
        where.append(f"a.kind IN ({', '.join(names)})")
        args.update({f"k{n}": k for n, k in enumerate(f.kinds)})
    if f.paper:
        where.append("s.paper = :paper")
        args["paper"] = f.paper
    if f.page:
        where.append("s.page = :page")
        args["page"] = f.page
    if f.author:
        where.append(
            "(EXISTS (SELECT 1 FROM json_each(a.authors) WHERE value = :author) OR "
            "EXISTS (SELECT 1 FROM json_each(a.photographers) WHERE value = :author))"
        )
        args["author"] = f.author.strip()
    sql = "SELECT a.id FROM articles a JOIN source_files s ON s.id = a.source_id WHERE 1"
    return " AND ".join([sql, *where]), args


def allowed(conn: Connection, f: Filters) -> set[int] | None:
    """The article ids ``f`` lets through (None: every article)."""
    if f.empty:
        return None
    sql, args = _filter_sql(f)
    ids = _rowids(conn, sql, args)
    if f.tagged is not None:
        ids &= set(f.tagged)
    return ids


class Gate:
    """Which of some article ids the filters let through, asked of the candidates only:
    the set of every allowed article (a scan of the articles) cost a filtered search
    50-60 ms at 150,000 articles, where the first page's candidates mostly pass. When
    many candidates have been turned away, that set is made once and asked instead."""

    def __init__(self, conn: Connection, f: Filters | None) -> None:
        self.conn = conn
        self.filters = f or Filters()
        self.open = self.filters.empty
        self.sql, self.args = _filter_sql(self.filters)
        self.tagged = None if self.filters.tagged is None else set(self.filters.tagged)
        self.turned_away = 0
        self.every: set[int] | None = None

    def __call__(self, ids: Iterable[int]) -> set[int]:
        wanted = set(ids)
        if self.open or not wanted:
            return wanted
        if self.every is None and self.turned_away > GATE_ASKS_UP_TO:
            self.every = allowed(self.conn, self.filters)
        if self.every is not None:
            return wanted & self.every
        asked = len(wanted)
        if self.tagged is not None:
            wanted &= self.tagged
        out: set[int] = set()
        chunk = sorted(wanted)
        for lo in range(0, len(chunk), 1000):
            marks = ",".join(str(int(i)) for i in chunk[lo : lo + 1000])
            out |= _rowids(self.conn, f"{self.sql} AND a.id IN ({marks})", self.args)
        self.turned_away += asked - len(out)
        return out


def _notes_only_matches(
    conn: Connection, terms: Sequence[str], found: set[int], limit: int
) -> list[Match]:
    """Articles that match only thanks to their notes (every term in title, body or notes)."""
    any_term = " OR ".join(f"(grams : {searchtext.term_phrase(t)})" for t in terms)
    w_words, w_grams = NOTES_WEIGHTS
    rows = conn.execute(
        text(
            f"SELECT rowid, bm25(search_notes, {w_words}, {w_grams}) FROM search_notes "
            "WHERE search_notes MATCH :q"
        ),
        {"q": any_term},
    ).fetchall()
    out: list[Match] = []
    for article_id, score in rows:
        if article_id in found:
            continue
        stored = title_and_text(conn, article_id)
        if stored is None:
            continue
        title, body = stored
        haystacks = (
            searchtext.normalize(f"{title or ''}\n{body}"),
            searchtext.normalize(notes_text(conn, article_id)),
        )
        if all(t in haystacks[0] for t in terms) and not _waiting(conn, article_id):
            continue  # the index finds it by its own text (maybe beyond ``found``)
        if all(any(t in h for h in haystacks) for t in terms):
            out.append(Match(ArticleId(article_id), float(score)))
    out.sort(key=lambda m: (m.score, m.article_id))
    return out[:limit]


def _waiting(conn: Connection, article_id: int) -> bool:
    """Whether the article waits for the index (an import left it unindexed)."""
    row = conn.execute(
        text("SELECT 1 FROM search_pending WHERE article_id = :id"), {"id": article_id}
    ).first()
    return row is not None


def _every_hit(conn: Connection, built: searchtext.Query) -> set[int]:
    """Every matching article id: one read of the index, plus the notes-only matches."""
    hits = _rowids(
        conn, "SELECT rowid FROM search_articles WHERE search_articles MATCH ?", (built.match,)
    )
    hits.update(m.article_id for m in _notes_only_matches(conn, built.terms, hits, len(hits) + 1))
    return hits


def matching(conn: Connection, q: str, filters: Filters | None = None) -> set[int]:
    """Every article matching ``q`` (notes included) within ``filters``, the trash left out."""
    built = searchtext.build_query(q, None)
    if built is None:
        return set()
    hits = _every_hit(conn, built) - trashed(conn)
    ok = allowed(conn, filters) if filters is not None else None
    return hits if ok is None else hits & ok


def total(conn: Connection, q: str, filters: Filters | None = None) -> int:
    """How many articles match ``q`` (notes included) within ``filters``, the trash
    left out."""
    return len(matching(conn, q, filters))


def total_and_new(conn: Connection, q: str, filters: Filters, after: int) -> tuple[int, int]:
    """How many articles match, and how many of them were stored after article ``after``."""
    hits = matching(conn, q, filters)
    return len(hits), sum(1 for h in hits if h > after)


def filters_of(conn: Connection, where: Where) -> Filters:
    """The articles ``where`` lets through (its tag by name, with the tags under it)."""
    tagged = None
    if where.tag is not None:
        root = tagging.find(conn, where.tag)
        if root is None:
            raise NotFoundError(f"no tag named {where.tag!r}")
        closure = tagging.tagged_articles(tagging.subtree(conn, root))
        rows: Sequence[Any] = conn.execute(closure).all()
        tagged = tuple(int(r[0]) for r in rows)
    w = where
    return Filters(w.since, w.until, w.kinds, w.author, w.paper, w.page, tagged)


def trashed(conn: Connection) -> set[int]:
    """Articles in the trash (themselves or their page): the index keeps them, a search
    leaves them out. Read through the indexes on ``deleted_at`` and on the articles'
    page (a join over every article cost a search 150 ms at 150,000 articles)."""
    ids = {r[0] for r in conn.execute(text("SELECT id FROM articles WHERE deleted_at IS NOT NULL"))}
    pages = [
        r[0] for r in conn.execute(text("SELECT id FROM source_files WHERE deleted_at IS NOT NULL"))
    ]
    for lo in range(0, len(pages), 500):
        marks = ",".join(str(int(p)) for p in pages[lo : lo + 500])
        ids.update(
            r[0]
            for r in conn.execute(text(f"SELECT id FROM articles WHERE source_id IN ({marks})"))
        )
    return ids


def query(
    conn: Connection,
    q: str,
    limit: int,
    sort: str = "relevance",
    dated: Callable[[], DateOrder] | None = None,
    filters: Filters | None = None,
) -> tuple[list[Match], tuple[str, ...]]:
    """Matches for ``q`` and its normalized terms; any text is a valid query.

    ``relevance``: BM25 over the ranked candidates (:mod:`reader.store.ranking`),
    articles with every term in their title first and fragments after whole articles.
    ``newest``/``oldest``: page date order; ``dated`` gives every article id newest
    first (the caller may cache it).
    """
    # The query's jieba words are not needed: BM25 scores the exact terms, and title
    # hits are ordered first by :func:`_ranked` (scoring word alternatives as well
    # doubled the cost of frequent numbers such as 38.97亿元).
    built = searchtext.build_query(q, None)
    if built is None or limit <= 0:
        return [], ()
    gate = Gate(conn, filters)
    if sort != "relevance":
        return _by_date(conn, built, limit, sort, dated, gate), built.terms
    wanted = -(-limit // RANK_CANDIDATES) * RANK_CANDIDATES  # whole ranking windows
    matches: list[Match] = []
    # Read lazily with the driver's own cursor: FTS5 stops after the rows fetched, and a
    # filter may skip many. No bm25() here: it counts every hit of each phrase first.
    raw = conn.connection.dbapi_connection
    assert raw is not None
    cursor = raw.cursor()
    try:
        # A date filter bounds the rowids: the scan skips the hits outside its articles.
        low, high = _ids_dated(conn, gate.filters.since, gate.filters.until)
        cursor.execute(
            "SELECT rowid FROM search_articles WHERE search_articles MATCH ? "
            "AND rowid BETWEEN ? AND ? ORDER BY rowid DESC",
            (built.match, low, high),
        )
        while len(matches) < wanted:
            rows = cursor.fetchmany(wanted if gate.open else 4 * wanted)
            if not rows:
                break
            let_through = gate(r[0] for r in rows)
            matches += [Match(ArticleId(r[0]), 0.0) for r in rows if r[0] in let_through]
    finally:
        cursor.close()
    matches = matches[:wanted]
    found = {m.article_id for m in matches}
    # Every notes-only hit, whatever the limit: they rank in the first window.
    extra = _notes_only_matches(conn, built.terms, set(found), NOTES_ONLY_MAX)
    let_through = gate(m.article_id for m in extra)
    extra = [m for m in extra if m.article_id in let_through]
    # Ranked a window at a time: the newest RANK_CANDIDATES hits (and the notes-only
    # ones) first, then the next as many, and so on. A longer list then only adds to a
    # shorter one, so the window can fetch more hits as the user scrolls.
    first = matches[:RANK_CANDIDATES] + extra
    if not first:
        return [], built.terms
    weights = ranking.idf(conn, built.terms)
    noted = {m.article_id for m in extra}  # scored by the notes index already
    out = _ranked(conn, first, built.terms, weights, noted)
    for lo in range(RANK_CANDIDATES, len(matches), RANK_CANDIDATES):
        if len(out) >= limit:
            break
        out += _ranked(conn, matches[lo : lo + RANK_CANDIDATES], built.terms, weights, noted)
    return out[:limit], built.terms


def _ranked(
    conn: Connection,
    matches: list[Match],
    terms: Sequence[str],
    weights: dict[str, float],
    noted: set[ArticleId],
) -> list[Match]:
    """Title hits first, then whole articles before fragments, then BM25."""
    if not matches:
        return []
    info: dict[int, tuple[bool, bool]] = {}
    texts: dict[int, str] = {}
    ids = [m.article_id for m in matches]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for aid, title, kind, body in conn.exec_driver_sql(
            f"SELECT id, title, kind, text FROM articles WHERE id IN ({marks})", tuple(chunk)
        ).fetchall():
            t = ranking.folded(title, "")
            info[aid] = (not all(term in t for term in terms), kind == "fragment")
            if aid not in noted:
                texts[aid] = ranking.folded(title, pagetext.decode(body))
    scored = ranking.scores(texts, weights)
    ranked = [
        m if m.article_id in noted else Match(m.article_id, scored.get(m.article_id, 0.0))
        for m in matches
        if m.article_id in info
    ]
    return sorted(ranked, key=lambda m: (*info[m.article_id], m.score, -m.article_id))


@dataclass(frozen=True)
class DateOrder:
    """Every article id, newest page first, and each id's place in that order."""

    ids: Sequence[int]
    place: dict[int, int]

    @classmethod
    def of(cls, ids: Sequence[int]) -> DateOrder:
        return cls(ids, {aid: n for n, aid in enumerate(ids)})


def _by_date(
    conn: Connection,
    built: searchtext.Query,
    limit: int,
    sort: str,
    dated: Callable[[], DateOrder] | None,
    gate: Gate,
) -> list[Match]:
    newest = sort == "newest"
    order = dated() if dated is not None else DateOrder.of(date_order(conn))
    head = _rowids(
        conn,
        "SELECT rowid FROM search_articles WHERE search_articles MATCH ? LIMIT ?",
        (built.match, SORT_ALL_BELOW),
    )
    noted = {m.article_id for m in _notes_only_matches(conn, built.terms, head, SORT_ALL_BELOW)}
    if len(head) < SORT_ALL_BELOW:  # every hit is known: sort them
        hits = gate(head | noted)
        last = len(order.ids)
        ranked = sorted(hits, key=lambda aid: order.place.get(aid, last), reverse=not newest)
        return [Match(ArticleId(a), 0.0) for a in ranked[:limit]]
    # Many hits: walk the articles in date order, asking the index about a stretch of
    # them at a time by rowid range (FTS5 seeks; pages are mostly imported in date
    # order, so a stretch is a narrow range), until the page is full. A date filter is
    # a stretch of that order: the walk starts and ends there.
    lo, hi = _dated_between(conn, order.ids, gate.filters.since, gate.filters.until)
    ids = order.ids[lo:hi] if newest else order.ids[lo:hi][::-1]
    out: list[Match] = []
    for start in range(0, len(ids), DATE_CHUNK):
        chunk = ids[start : start + DATE_CHUNK]
        found = _rowids(
            conn,
            "SELECT rowid FROM search_articles WHERE search_articles MATCH ? "
            "AND rowid BETWEEN ? AND ?",
            (built.match, min(chunk), max(chunk)),
        )
        found = gate((found | noted).intersection(chunk))
        out += [Match(ArticleId(a), 0.0) for a in chunk if a in found]
        if len(out) >= limit:
            break
    return out[:limit]


def _ids_dated(conn: Connection, since: str | None, until: str | None) -> tuple[int, int]:
    """The lowest and highest id of the articles on pages dated ``since``..``until``
    (through the index on the page date)."""
    if since is None and until is None:
        return 0, 2**63 - 1
    row = conn.exec_driver_sql(
        "SELECT min(a.id), max(a.id) FROM source_files s JOIN articles a "
        "ON a.source_id = s.id WHERE s.page_date >= ? AND s.page_date <= ?",
        (since or "0", until or "9"),
    ).one()
    return (0, -1) if row[0] is None else (int(row[0]), int(row[1]))


def _dated_between(
    conn: Connection, ids: Sequence[int], since: str | None, until: str | None
) -> tuple[int, int]:
    """The stretch ``ids[lo:hi]`` of the newest-first order whose page dates lie within
    ``since``..``until`` (undated pages, last in the order, lie within no bounds): a
    binary search, a page date read per step."""
    if since is None and until is None:
        return 0, len(ids)

    def date_at(i: int) -> str:  # "" for undated: the order stays newest first
        row = conn.exec_driver_sql(
            "SELECT coalesce(s.page_date, '') FROM articles a JOIN source_files s "
            "ON s.id = a.source_id WHERE a.id = ?",
            (ids[i],),
        ).first()
        return "" if row is None else str(row[0])

    def first(pred: Callable[[str], bool]) -> int:
        a, b = 0, len(ids)
        while a < b:
            mid = (a + b) // 2
            if pred(date_at(mid)):
                b = mid
            else:
                a = mid + 1
        return a

    lo = 0 if until is None else first(lambda d: d <= until)
    hi = first(lambda d: d < (since or "0"))  # "0" sorts after "" only: undated ones
    return lo, max(lo, hi)


def _rowids(conn: Connection, sql: str, params: Sequence[object] | dict[str, object]) -> set[int]:
    """The first column of ``sql`` through the driver's cursor (thousands of ids: no
    per-row result objects)."""
    raw = conn.connection.dbapi_connection
    assert raw is not None
    cursor = raw.cursor()
    try:
        return {r[0] for r in cursor.execute(sql, params).fetchall()}
    finally:
        cursor.close()


def date_order(conn: Connection) -> list[int]:
    """Every article id, newest page first (undated pages last), then page order."""
    return [
        r[0]
        for r in conn.execute(
            text(
                "SELECT a.id FROM articles a JOIN source_files s ON s.id = a.source_id "
                "ORDER BY s.page_date IS NULL, s.page_date DESC, s.id DESC, a.ordinal"
            )
        )
    ]

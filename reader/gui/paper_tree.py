"""The Papers tree: paper → year → month → issue → page (版次 版名) → articles.

Built from one list of pages (the window's :class:`~reader.store.libindex.LibraryIndex`,
a few thousand rows even for a large library) down to the issues; an issue's pages are
made into nodes when it is first expanded (or looked for), a page's articles fetched
when it is first expanded. Pages without a date sit under "Undated pages" by file name.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from PySide6.QtCore import QAbstractItemModel, QLocale, QModelIndex, QPersistentModelIndex, Qt

from reader.gui.i18n import tr
from reader.gui.models import NODE_ROLE, title_or_untitled
from reader.gui.shown import shows_text
from reader.store.browse import NO_DATE, NO_PAPER
from reader.store.ids import ArticleId, SourceId
from reader.store.pageinfo import page_key

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

# Node kinds; a node's value: paper name, "2026", "2026-02", "2026-02-10", a source id,
# an article id; NO_DATE for the undated folder.
PAPER, YEAR, MONTH, ISSUE, PAGE, ARTICLE, UNDATED = (
    "paper",
    "year",
    "month",
    "issue",
    "page",
    "article",
    "undated",
)


class PageLike(Protocol):
    @property
    def id(self) -> SourceId: ...
    @property
    def name(self) -> str: ...
    @property
    def paper(self) -> str | None: ...
    @property
    def date(self) -> str | None: ...
    @property
    def page(self) -> str | None: ...
    @property
    def page_name(self) -> str | None: ...


@dataclass(eq=False, slots=True)
class Node:
    kind: str
    value: Any
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    articles: int = 0
    page: PageLike | None = None
    title: str | None = None  # an article's
    loaded: bool = True  # issues make page nodes, pages fetch articles, on first expansion
    pending: list[PageLike] = field(default_factory=list)  # an issue's pages, until then

    def add(self, child: Node) -> Node:
        child.parent = self
        self.children.append(child)
        return child

    def row(self) -> int:
        return self.parent.children.index(self) if self.parent is not None else 0

    def paper(self) -> str | None:
        """The paper this node is under (NO_PAPER: unknown; None: above papers)."""
        n: Node | None = self
        while n is not None and n.kind != PAPER:
            n = n.parent
        return str(n.value) if n is not None else None


def page_text(p: PageLike) -> str:
    """版次 版名 ("第3版 要闻" in Chinese), else the file name."""
    if not p.page:
        return p.name
    label = tr("Page %1").replace("%1", p.page)
    return f"{label} {p.page_name}" if p.page_name else label


def build(pages: Sequence[PageLike], count: Callable[[SourceId], int]) -> Node:
    root = Node("root", None)
    papers: dict[str, Node] = {}
    undated = Node(UNDATED, NO_DATE, loaded=False)
    issues: dict[tuple[str, str], Node] = {}
    for p in pages:
        n = count(p.id)
        if not p.date:
            undated.pending.append(p)
            undated.articles += n
            continue
        key = (p.paper or NO_PAPER, p.date)
        issue = issues.get(key)
        if issue is None:
            issue = issues[key] = Node(ISSUE, p.date, loaded=False)
        issue.pending.append(p)
        issue.articles += n
    for (name, date), issue in sorted(issues.items(), key=lambda kv: kv[0][1], reverse=True):
        paper = papers.get(name)
        if paper is None:
            paper = papers[name] = Node(PAPER, name)
        year = _child(paper, YEAR, date[:4])
        month = _child(year, MONTH, date[:7])
        month.add(issue)  # newest first
        for node in (paper, year, month):
            node.articles += issue.articles
    for name in sorted(papers, key=lambda n: (n == NO_PAPER, n)):
        root.add(papers[name])
    if undated.pending:
        root.add(undated)
    return root


def page_nodes(pages: list[PageLike], count: Callable[[SourceId], int]) -> list[Node]:
    """An issue's (or the undated folder's) pages in page order."""
    ordered = sorted(pages, key=lambda p: (page_key(p.page), p.name, p.id))
    return [Node(PAGE, p.id, page=p, articles=count(p.id), loaded=False) for p in ordered]


def _child(parent: Node, kind: str, value: str) -> Node:
    if parent.children and parent.children[-1].value == value:
        return parent.children[-1]
    return parent.add(Node(kind, value))


class PaperTreeModel(QAbstractItemModel):
    def __init__(
        self,
        pages: Callable[[], tuple[Sequence[PageLike], Callable[[SourceId], int]]],
        articles: Callable[[SourceId], list[tuple[ArticleId, str | None]]],
        parent: Any = None,
    ) -> None:
        """``pages``: every page and a function giving a page's article count."""
        super().__init__(parent)
        self._load_pages = pages
        self._load_articles = articles
        self._count: Callable[[SourceId], int] = lambda _s: 0
        self.root = Node("root", None)

    def reload(self) -> None:
        self.beginResetModel()
        pages, self._count = self._load_pages()
        self.root = build(pages, self._count)
        self.endResetModel()

    def load(self, node: Node) -> None:
        """Make an issue's page nodes (or fetch a page's articles) now."""
        if not node.loaded:
            self.fetchMore(self.index_of(node))

    # navigation
    def node_at(self, index: Index) -> Node:
        if not index.isValid():
            return self.root
        node = index.internalPointer()
        assert isinstance(node, Node)
        return node

    def index_of(self, node: Node) -> QModelIndex:
        if node is self.root or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.row(), 0, node)

    def find(self, kind: str, value: Any, under: Node | None = None) -> Node | None:
        """The first node of ``kind`` with ``value`` (making the issue's page nodes
        when looking for a page; loading no articles)."""
        stack = list(reversed((under or self.root).children))
        while stack:
            n = stack.pop()
            if n.kind == kind and n.value == value:
                return n
            if kind == PAGE and not n.loaded and any(p.id == value for p in n.pending):
                self.load(n)
            if n.kind != PAGE:
                stack.extend(reversed(n.children))
        return None

    def pages_under(self, node: Node) -> list[SourceId]:
        """Every page at or under ``node``, made into nodes or not."""
        if node.kind == PAGE:
            return [SourceId(int(node.value))]
        if node.kind == ARTICLE:
            return []
        out = [SourceId(int(p.id)) for p in node.pending]
        for child in node.children:
            out += self.pages_under(child)
        return sorted(out)

    def issue_dates(self) -> set[str]:
        out: set[str] = set()
        stack = list(self.root.children)
        while stack:
            n = stack.pop()
            if n.kind == ISSUE:
                out.add(str(n.value))
            elif n.kind in (PAPER, YEAR, MONTH):
                stack.extend(n.children)
        return out

    def node(self, index: Index) -> tuple[str, Any] | None:
        n = self.node_at(index)
        return None if n is self.root else (n.kind, n.value)

    # Qt
    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        p = self.node_at(parent)
        if column != 0 or not 0 <= row < len(p.children):
            return QModelIndex()
        return self.createIndex(row, 0, p.children[row])

    def parent(self, child: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not child.isValid():
            return QModelIndex()
        return self.index_of(self.node_at(child).parent or self.root)

    def rowCount(self, parent: Index = _ROOT) -> int:
        if parent.column() > 0:
            return 0
        return len(self.node_at(parent).children)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 1

    def hasChildren(self, parent: Index = _ROOT) -> bool:
        n = self.node_at(parent)
        if n.kind == PAGE and not n.loaded:
            return n.articles > 0
        return bool(n.children) or bool(n.pending)

    def canFetchMore(self, parent: Index) -> bool:
        return not self.node_at(parent).loaded

    def fetchMore(self, parent: Index) -> None:
        n = self.node_at(parent)
        if n.loaded:
            return
        n.loaded = True
        if n.kind == PAGE:
            made = [
                Node(ARTICLE, aid, title=title)
                for aid, title in self._load_articles(SourceId(int(n.value)))
            ]
        else:
            made, n.pending = page_nodes(n.pending, self._count), []
        if made:
            self.beginInsertRows(parent, 0, len(made) - 1)
            for child in made:
                n.add(child)
            self.endInsertRows()

    @shows_text
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        n = self.node_at(index)
        if role == NODE_ROLE:
            return (n.kind, n.value)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._label(n)
        if role == Qt.ItemDataRole.ToolTipRole:
            if n.kind == PAGE and n.page is not None:
                return n.page.name
            if n.kind == ARTICLE:
                return title_or_untitled(n.title)
            return tr("%n articles", None, n.articles)
        return None

    def _label(self, n: Node) -> str:
        count = f"  ({n.articles})"
        if n.kind == PAPER:
            return (n.value or tr("Unknown paper")) + count
        if n.kind == YEAR:
            return str(n.value) + count
        if n.kind == MONTH:
            month = int(str(n.value)[5:7])
            return QLocale().standaloneMonthName(month) + count
        if n.kind == ISSUE:
            return str(n.value) + count
        if n.kind == UNDATED:
            return tr("Undated pages") + count
        if n.kind == PAGE and n.page is not None:
            return page_text(n.page) + count
        return title_or_untitled(n.title)

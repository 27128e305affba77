"""Markdown exports through Jinja2 templates: the default one, or the user's own.

A template renders one document from ``articles`` (one article per file, or all of them
with ``single`` true for a single-file export). Every string it is given has already
been escaped for Markdown (``reader.exchange.mdescape``), so autoescaping is off and a
template cannot turn a quote into markup by accident; ``raw`` holds the unescaped
records for templates that write something other than Markdown.

User templates are code from outside: they run in Jinja's immutable sandbox (no
attribute access to internals, no mutation of the records, bounded ``range``), with
undefined names as errors. A template is found by path, or by name in the
``templates`` folder of the user data directory (``NAME``, ``NAME.md.j2``…). The file
name, less ``.j2``/``.jinja``, gives the exported files' extension (default ``.md``).
Runs of blank lines in the output become one, and the file ends with one newline.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2
import platformdirs
from jinja2.sandbox import ImmutableSandboxedEnvironment

from reader.errors import KnownError
from reader.exchange.citation import Cited, gbt7714, quoted
from reader.exchange.collect import ExportArticle
from reader.exchange.mdescape import heading, inline, line, lines, tag_word
from reader.exchange.yamlvalue import yaml_value
from reader.paths import resources_dir
from reader.store.location import APP_NAME
from reader.store.views import HighlightView

DEFAULT = "markdown"
SUFFIXES = (".j2", ".jinja", ".jinja2")
_BLANK_RUNS = re.compile(r"\n[ \t]*(?:\n[ \t]*)+\n")


def user_templates_dir() -> Path:
    """Where ``--template NAME`` looks: ``templates`` in the user data directory."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "templates"


def cited(a: ExportArticle) -> Cited:
    """The article's citation fields: the one place exports read paper, date and page."""
    return Cited(a.title, a.authors, a.paper, a.date, a.page)


@dataclass(frozen=True)
class MdHighlight:
    quote: list[str]  # the passage's lines, escaped
    colour: str
    meaning: str
    author: str
    note: list[str]
    tags: list[str]  # "#tag" words
    raw: HighlightView
    article: ExportArticle

    @property
    def citation(self) -> list[str]:
        """The quote in quotation marks, then the article's citation (made when used)."""
        return lines(quoted(self.raw.exact, cited(self.article)))


@dataclass(frozen=True)
class MdArticle:
    title: str  # escaped for a heading; "Untitled" when there is none
    front_matter: list[str]  # "key: value" lines of YAML
    paper: str
    date: str
    page: str
    authors: list[str]
    tags: list[str]  # "#tag" words
    citation: str  # GB/T 7714
    highlights: list[MdHighlight]  # placed, in reading order
    orphans: list[MdHighlight]  # not found in this text
    note: list[str]
    note_author: str
    raw: ExportArticle


def front_matter(a: ExportArticle) -> list[str]:
    fields: list[tuple[str, object]] = [
        ("title", a.title),
        ("paper", a.paper),
        ("date", a.date),
        ("page", a.page),
        ("authors", list(a.authors)),
        ("tags", list(a.tags)),
        ("source", a.source),
        ("pizhu_id", a.uuid),
        ("citation", gbt7714(cited(a))),
    ]
    return [f"{k}: {yaml_value(v)}" for k, v in fields]


def _highlight(a: ExportArticle, h: HighlightView, meanings: Mapping[str, str]) -> MdHighlight:
    return MdHighlight(
        quote=lines(h.exact),
        colour=inline(h.colour),
        meaning=inline(meanings.get(h.colour, "")),
        author=inline(h.author),
        note=lines(h.note),
        tags=[tag_word(t) for t in h.tags],
        raw=h,
        article=a,
    )


def article_context(a: ExportArticle, meanings: Mapping[str, str]) -> MdArticle:
    return MdArticle(
        title=heading(a.title or "") or "Untitled",
        front_matter=front_matter(a),
        paper=inline(a.paper or ""),
        date=inline(a.date or ""),
        page=inline(a.page or ""),
        authors=[inline(x) for x in a.authors],
        tags=[tag_word(t) for t in a.tags],
        citation=line(gbt7714(cited(a))),
        highlights=[_highlight(a, h, meanings) for h in a.highlights if not h.orphaned],
        orphans=[_highlight(a, h, meanings) for h in a.highlights if h.orphaned],
        note=lines(a.note),
        note_author=inline(a.note_author),
        raw=a,
    )


@dataclass(frozen=True)
class Template:
    name: str
    extension: str  # of the files it writes: ".md"
    template: jinja2.Template

    def render(
        self, articles: Sequence[ExportArticle], meanings: Mapping[str, str], *, single: bool
    ) -> str:
        context = [article_context(a, meanings) for a in articles]
        try:
            out = self.template.render(
                articles=context,
                single=single,
                highlights=sum(len(a.highlights) for a in articles),
                yaml=yaml_value,
            )
        except jinja2.TemplateError as e:
            raise KnownError(f"template {self.name}: {_describe(e)}") from None
        out = _BLANK_RUNS.sub("\n\n", out.replace("\r\n", "\n")).strip("\n")
        return out + "\n"


def _describe(e: jinja2.TemplateError) -> str:
    where = f"line {e.lineno}: " if isinstance(e, jinja2.TemplateSyntaxError) else ""
    return where + (e.message or type(e).__name__)


def _environment(folder: Path, *, trusted: bool = False) -> jinja2.Environment:
    """User templates run sandboxed; Pizhu's own default template does not need to pay
    the sandbox's check on every attribute (most of an export's time)."""
    kind = jinja2.Environment if trusted else ImmutableSandboxedEnvironment
    return kind(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=False,  # Markdown, not HTML: the values are escaped for Markdown already
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _find(spec: str) -> Path:
    given = Path(spec).expanduser()
    if given.is_file():
        return given
    folder = user_templates_dir()
    if "/" not in spec and "\\" not in spec and folder.is_dir():
        # "clipping" finds clipping.md.j2, clipping.txt.j2, clipping.j2 or clipping itself
        for path in sorted(folder.iterdir()):
            if path.is_file() and spec in (path.name, _bare(path.name).rsplit(".", 1)[0]):
                return path
    raise KnownError(f"no template {spec!r} (neither a file nor a template in {folder})")


def _bare(name: str) -> str:
    """The file name without its template suffix: clipping.txt.j2 -> clipping.txt."""
    for s in SUFFIXES:
        if name.endswith(s):
            return name[: -len(s)]
    return name


def _extension(path: Path) -> str:
    return Path(_bare(path.name)).suffix or ".md"


def load_template(spec: str | None = None) -> Template:
    """The template ``spec`` names (a path or a user template's name); the default for None."""
    path = resources_dir() / "templates" / "markdown.md.j2" if spec is None else _find(spec)
    try:
        env = _environment(path.parent, trusted=spec is None)
        return Template(spec or DEFAULT, _extension(path), env.get_template(path.name))
    except jinja2.TemplateError as e:
        raise KnownError(f"template {path}: {_describe(e)}") from None
    except (OSError, UnicodeDecodeError) as e:
        raise KnownError(f"template {path}: cannot be read ({e})") from None

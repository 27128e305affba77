"""REFI-QDA export: a ``.qdpx`` project (QualCoder, MAXQDA, NVivo, ATLAS.ti) or a ``.qdc``
codebook.

Articles become plain-text sources (``sources/<guid>.txt`` inside the zip, UTF-8 without
a BOM, CRLF line ends as MAXQDA expects, referenced as ``internal://<guid>.txt``);
highlights become PlainTextSelections coded with their colour's meaning and their tags;
an article's own tags code the whole source. The code tree holds the tags (nested as in
the library, with their colours) and a branch of colour meanings. Notes of articles are
project notes; a highlight's note is its selection's description. GUIDs derive from the
library's uuids and names, so exporting twice gives the same project.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Sequence
from pathlib import Path

from reader import __version__
from reader.errors import KnownError
from reader.exchange.collect import ExportArticle, Loaded
from reader.exchange.report import Cancel, ExportReport, Progress, never, no_progress, output_file
from reader.store import palette
from reader.store.clock import now_iso
from reader.store.naming import tag_key
from reader.store.views import TagView

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
_GUIDS = uuid.UUID("6f1d6d3e-7a53-4c52-9c1e-5a1f6b0e7d21")  # Pizhu's namespace for uuid5
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_COLOUR_ROOT = "颜色 Colours"


def _guid(kind: str, key: str) -> str:
    return str(uuid.uuid5(_GUIDS, f"{kind}:{key}"))


def _clean(text: str) -> str:
    """Text XML 1.0 can carry (control characters dropped)."""
    return _NOT_XML.sub("", text)


def crlf(text: str) -> str:
    return _clean(text).replace("\r\n", "\n").replace("\n", "\r\n")


def crlf_offset(text: str, offset: int) -> int:
    """Where character ``offset`` of ``text`` lands once newlines are CRLF (and control
    characters dropped)."""
    head = text[:offset].replace("\r\n", "\n")
    return len(_NOT_XML.sub("", head)) + head.count("\n")


def _stamp(value: str | None) -> str:
    if value:
        return value
    return now_iso()


def _codes(parent: ET.Element, tags: Sequence[TagView], swatches: Sequence[palette.Swatch]) -> None:
    """The code tree: the tags as nested in the library, then the colour meanings."""
    children: dict[int | None, list[TagView]] = {}
    for t in tags:
        children.setdefault(t.parent_id, []).append(t)

    def add(into: ET.Element, tag: TagView) -> None:
        attrs = {
            "guid": _guid("tag", tag_key(tag.name)),
            "name": _clean(tag.name),
            "isCodable": "true",
        }
        if tag.colour and re.fullmatch(r"#[0-9A-Fa-f]{6}", tag.colour):
            attrs["color"] = tag.colour
        el = ET.SubElement(into, "Code", attrs)
        for child in children.get(tag.id, []):
            add(el, child)

    known = {t.id for t in tags}
    for t in tags:
        if t.parent_id is None or t.parent_id not in known:
            add(parent, t)
    root = ET.SubElement(
        parent, "Code", {"guid": _guid("colours", ""), "name": _COLOUR_ROOT, "isCodable": "false"}
    )
    for s in swatches:
        code = ET.SubElement(
            root,
            "Code",
            {
                "guid": _guid("colour", s.key),
                "name": _clean(s.label),
                "isCodable": "true",
                "color": s.light,
            },
        )
        ET.SubElement(code, "Description").text = _clean(s.key)


def _coding(parent: ET.Element, code_guid: str, owner: str, user: str | None, when: str) -> None:
    attrs = {"guid": _guid("coding", f"{owner}:{code_guid}"), "creationDateTime": when}
    if user:
        attrs["creatingUser"] = user
    coding = ET.SubElement(parent, "Coding", attrs)
    ET.SubElement(coding, "CodeRef", {"targetGUID": code_guid})


def _users(articles: Sequence[ExportArticle]) -> dict[str, str]:
    names = {h.author for a in articles for h in a.highlights if h.author}
    names |= {a.note_author for a in articles if a.note and a.note_author}
    return {n: _guid("user", n) for n in sorted(names)}


def _source(
    sources: ET.Element, notes: ET.Element, a: ExportArticle, users: dict[str, str]
) -> tuple[str, bytes]:
    guid = str(uuid.UUID(a.uuid))
    name = " ".join(x for x in (a.date, a.title or a.source) if x) or guid
    when = _stamp(a.highlights[0].created_at if a.highlights else None)
    src = ET.SubElement(
        sources,
        "TextSource",
        {
            "guid": guid,
            "name": _clean(name),
            "plainTextPath": f"internal://{guid}.txt",
            "creationDateTime": when,
        },
    )
    for h in a.highlights:
        if h.orphaned:
            continue  # its offsets mean nothing in this text
        user = users.get(h.author)
        attrs = {
            "guid": str(uuid.UUID(h.uuid)),
            "name": _clean(h.exact[:60]),
            "startPosition": str(crlf_offset(a.text, h.start)),
            "endPosition": str(crlf_offset(a.text, h.end)),
            "creationDateTime": h.created_at,
            "modifiedDateTime": h.updated_at,
        }
        if user:
            attrs["creatingUser"] = attrs["modifyingUser"] = user
        sel = ET.SubElement(src, "PlainTextSelection", attrs)
        if h.note:
            ET.SubElement(sel, "Description").text = _clean(h.note)
        _coding(sel, _guid("colour", h.colour), h.uuid, user, h.created_at)
        for t in h.tags:
            _coding(sel, _guid("tag", tag_key(t)), h.uuid, user, h.created_at)
    for t in a.tags:
        _coding(src, _guid("tag", tag_key(t)), a.uuid, None, when)
    if a.note:
        note_guid = _guid("note", a.uuid)
        attrs = {
            "guid": note_guid,
            "name": _clean(f"{name} — note"),
            "creationDateTime": _stamp(a.note_updated_at),
        }
        if users.get(a.note_author):
            attrs["creatingUser"] = users[a.note_author]
        note = ET.SubElement(notes, "Note", attrs)
        ET.SubElement(note, "PlainTextContent").text = _clean(a.note)
        ET.SubElement(src, "NoteRef", {"targetGUID": note_guid})
    return guid, crlf(a.text).encode("utf-8")


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))


def project_xml(loaded: Loaded, name: str) -> tuple[bytes, dict[str, bytes]]:
    """The project document (``project.qde``) and the source files, by guid."""
    articles = loaded.articles
    users = _users(articles)
    root = ET.Element(
        "Project",
        {
            "xmlns": PROJECT_NS,
            "name": _clean(name),
            "origin": f"Pizhu {__version__}",
            "creationDateTime": _stamp(None),
        },
    )
    if users:
        root.set("creatingUserGUID", next(iter(users.values())))
        el = ET.SubElement(root, "Users")
        for user_name, guid in users.items():
            ET.SubElement(el, "User", {"guid": guid, "name": _clean(user_name)})
    _codes(ET.SubElement(ET.SubElement(root, "CodeBook"), "Codes"), loaded.tags, loaded.swatches)
    sources = ET.SubElement(root, "Sources")
    notes = ET.Element("Notes")
    files: dict[str, bytes] = {}
    for a in articles:
        guid, data = _source(sources, notes, a, users)
        files[guid] = data
    if len(notes):
        root.append(notes)
    return _xml(root), files


def codebook_xml(loaded: Loaded) -> bytes:
    root = ET.Element("CodeBook", {"xmlns": CODEBOOK_NS, "origin": f"Pizhu {__version__}"})
    _codes(ET.SubElement(root, "Codes"), loaded.tags, loaded.swatches)
    return _xml(root)


def _target(out: str | Path, suffix: str, force: bool) -> Path:
    target = output_file(out, f"the {suffix} file")
    if target.exists() and not force:
        raise KnownError(f"{target}: already exists; not overwritten (use --force)")
    return target


def export_qdpx(
    loaded: Loaded,
    out: str | Path,
    *,
    force: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ExportReport:
    """Write the articles ``loaded`` (:func:`~reader.exchange.collect.load`) with their
    annotations as a REFI-QDA project ``out``."""
    progress = progress or no_progress
    target = _target(out, "qdpx", force)
    report = ExportReport("qdpx")
    if (cancel or never)():
        report.cancelled = True
        return report
    report.articles = len(loaded.articles)
    report.highlights = loaded.highlights
    qde, files = project_xml(loaded, target.stem)
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("project.qde", qde)
            for i, (guid, data) in enumerate(files.items()):
                z.writestr(f"sources/{guid}.txt", data)
                progress(i + 1, len(files))
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    report.written.append(target)
    return report


def export_qdc(loaded: Loaded, out: str | Path, *, force: bool = False) -> ExportReport:
    """Write the code tree (tags and colour meanings) as a REFI-QDA codebook ``out``
    (``loaded`` may hold no articles: ``load(tx, [])``)."""
    from reader.exchange.manifest import write_atomic

    target = _target(out, "qdc", force)
    write_atomic(target, codebook_xml(loaded))
    report = ExportReport("qdc")
    report.written.append(target)
    return report

"""Sections and paragraphs printed inside a story they do not belong to.

An interleaved section (a heading and its paragraphs) of an earlier story that broke off
mid-sentence goes back to that story when its words are that story's rather than its
host's; paragraphs found standing inside a break go to the story whose words they share,
else become a fragment of their own. Each move is weighed and recorded.
"""

from __future__ import annotations

from reader.ingest import patterns as pt
from reader.ingest.draft import Art, Draft, Unit, broken, join_units, remove_unit
from reader.ingest.evidence import Topics, starts_mid_word
from reader.ingest.model import MISPLACED, MOVED
from reader.text.topics import cosine

# A run whose words meet the rest of its article this little is not that article's.
FOREIGN = 0.05
# ... and another story must claim it by this factor before it moves there.
CLAIM = 2.0
# Interleaving happens between stories printed near each other; looking further back
# would only make long pages quadratic.
NEIGHBOURS = 12


def move_sections(arts: list[Art], topics: Topics, draft: Draft) -> None:
    """Headed sections printed inside a later story, with the words of an earlier one
    that broke off mid-sentence, go back to that story.

    A section runs from its heading for as long as each paragraph reads more like the
    earlier story than like its host; the host's own text may resume under the same
    heading.
    """
    for bi, host in enumerate(arts):
        if host.title is None:
            continue
        homes = [
            a
            for a in arts[max(0, bi - NEIGHBOURS) : bi]
            if a.kind != "photo" and a.body() and broken(a.body()[-1])
        ]
        if not homes:
            continue
        k = 0
        while k < len(host.units):
            u = host.units[k]
            if u.type != "heading" or not any(v.type == "paragraph" for v in host.units[:k]):
                k += 1
                continue
            run = _section_run(host, k, homes, topics, draft)
            if run is None:
                k += 1
                continue
            home, units = run
            _finish_sentence(home, host, host.units.index(units[0]), units, topics, draft)
            for v in units:
                remove_unit(v)
                v.art = home
                v.flags.append(MOVED)
                home.units.append(v)


def _tail_after_heading(p: Unit, section: list[Unit], draft: Draft) -> bool:
    """The heading may stand between a broken paragraph and its end (FORMAT 8): when the
    section's first paragraph opens mid-word or is a mere sentence tail, it finishes
    ``p``. Joins it and returns True when so."""
    if len(section) < 2 or section[1].type != "paragraph":
        return False
    c = section[1]
    tail = len(c.text) <= SENTENCE_TAIL and pt.ends_sentence(c.text)
    mid = starts_mid_word(c.text)
    if not (tail or mid):
        return False
    choice = draft.decide(
        "join",
        [p.spans[-1], c.spans[0]],
        {"join": 1.0 + (0.5 if mid else 0.0) + (0.5 if tail else 0.0), "apart": 1.0},
        [
            "the first block of a section going back to the broken story",
            "it opens mid-word" if mid else "it is only the end of a sentence",
        ],
    )
    if choice != "join":
        return False
    section.remove(c)
    remove_unit(c)
    join_units(p, c)
    return True


def _finish_sentence(
    home: Art, host: Art, k: int, section: list[Unit], topics: Topics, draft: Draft
) -> None:
    """An interleaved section is often printed after the block that finishes the earlier
    story's broken sentence (that block, a heading, the paragraphs). When the host's
    block right before the section reads as the earlier story's rather than the host's,
    it joins the broken paragraph it finishes."""
    body = home.body()
    if not body or not broken(body[-1]):
        return
    if _tail_after_heading(body[-1], section, draft):
        return
    if k < 2:
        return
    c = host.units[k - 1]
    if c.type != "paragraph" or c.lead or host.units[k - 2].type == "heading":
        return
    if not any(v.type == "paragraph" for v in host.units[: k - 1]):
        return
    ours = cosine(topics.of_units([c]), topics.of_units([*home.units, *section], home.title))
    theirs = topics.sim_without([c], host, [c, *section])
    p = body[-1]
    choice = draft.decide(
        "join",
        [p.spans[-1], c.spans[0]],
        {"join": ours, "apart": theirs + IN_PLACE_PRIOR},
        [
            "the block right before a section that goes back to the broken story",
            f"words shared with that story {ours:.2f}, with its host {theirs:.2f}",
        ],
    )
    if choice == "join":
        remove_unit(c)
        join_units(p, c)


# Where a section is printed is where it belongs unless its words say otherwise: the
# weight of that prior against the topic evidence (cosine similarities, 0..1).
IN_PLACE_PRIOR = 0.03
# A block this short that ends a sentence is the end of one, not a paragraph of its own.
SENTENCE_TAIL = 12


# What a heading printed in the earlier story's style (and not its host's) weighs, on
# the scale of word overlap: enough to decide when the words say nothing either way.
SAME_STYLE = 0.1


def heading_style(page: str, u: Unit) -> str:
    """How a heading is printed: its markup (``##``, ``###``, ``**``, glued) and bullet."""
    s, e = u.spans[0]
    raw = page[s:e].lstrip()
    if raw.startswith("#"):
        mark = raw[: len(raw) - len(raw.lstrip("#"))]
    elif raw.startswith("**"):
        mark = "**"
    else:
        mark = "glued"
    return mark + ("●" if u.text.startswith("●") else "")


def _section_run(
    host: Art, k: int, homes: list[Art], topics: Topics, draft: Draft
) -> tuple[Art, list[Unit]] | None:
    """The section at ``host.units[k]`` and the earlier story it continues, if its words
    are that story's rather than its host's. The section runs to the next heading; its
    last paragraphs stay when they read as the host's own (the host resumes there)."""
    heading = host.units[k]
    paras: list[Unit] = []
    for v in host.units[k + 1 :]:
        if v.type != "paragraph" or v.lead:
            break
        paras.append(v)
    if not paras:
        return None
    cand = [heading, *paras]
    if not any(v.type == "paragraph" for v in host.units if v not in cand):
        return None
    vec = topics.of_units(cand)
    _, best = max((cosine(vec, topics.of_art(a)), n) for n, a in enumerate(homes))
    target = homes[best]
    while len(paras) > 1:
        last = topics.of_units([paras[-1]])
        theirs = topics.sim_without([paras[-1]], host, cand)
        ours = cosine(last, topics.of_units([*target.units, *cand[:-1]], target.title))
        if ours >= theirs:
            break
        paras.pop()
        cand.pop()
    vec = topics.of_units(cand)
    ours = cosine(vec, topics.of_art(target))
    theirs = topics.sim_without(cand, host, cand)
    ev = [
        f"words shared with the earlier story {ours:.2f}, with its host {theirs:.2f}",
        "the earlier story breaks off mid-sentence",
    ]
    style = heading_style(draft.text, heading)
    mine = {heading_style(draft.text, u) for u in target.units if u.type == "heading"}
    hosts = {heading_style(draft.text, u) for u in host.units if u.type == "heading"} - {style}
    if style in mine and style not in hosts:
        # Printed like the earlier story's own section headings, unlike the host's.
        ours += SAME_STYLE
        ev.append(f"its heading is printed like the earlier story's ({style})")
    choice = draft.decide(
        "interleaved",
        [sp for u in cand for sp in u.spans],
        {"move_back": ours, "in_place": theirs + IN_PLACE_PRIOR},
        ev,
        target=target.title,
    )
    if choice != "move_back":
        if draft.decisions[-1].doubtful:
            # Kept in place, but it may well be the earlier story's: say so.
            for u in cand:
                u.flags.append(MISPLACED)
        return None
    return target, cand


def detach_strays(arts: list[Art], strays: list[list[Unit]], topics: Topics) -> None:
    """Paragraphs found standing inside a break belong to another story: to a story on
    this page whose words they share, else to an untitled fragment of their own."""
    for run in strays:
        host = run[0].art
        if any(u.art is not host for u in run) or not all(u in host.units for u in run):
            continue
        vec = topics.of_units(run)
        home = topics.sim_without(run, host, run)
        claims = [(cosine(vec, topics.of_art(a)), n) for n, a in enumerate(arts) if a is not host]
        best = max(claims, default=(0.0, -1))
        for u in run:
            remove_unit(u)
        if best[0] >= max(FOREIGN * 2, home * CLAIM):
            target = arts[best[1]]
            for u in run:
                u.art = target
                u.flags.append(MOVED)
                target.units.append(u)
            continue
        frag = Art(kind="fragment", start=run[0].start)
        for u in run:
            u.art = frag
            frag.units.append(u)
        arts.insert(arts.index(host) + 1, frag)

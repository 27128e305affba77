"""Repairing the converter's damage once the page is split into articles.

Passes, in order (each depends on the one before):

1. **Duplicates.** A paragraph printed twice keeps the copy that continues a broken
   paragraph; runs of consecutive duplicates are decided together, because the
   converter repeats one or two paragraphs as a unit.
2. **Breaks.** A paragraph that stops mid-sentence is joined with its continuation:
   the next block when it belongs to the same story, else the nearest later block
   that starts mid-word (a dictionary word or a number runs across the junction, or
   it starts with what no paragraph starts with).
3. **Interleaved continuations.** When a continuation was found inside another story,
   the section that follows it is moved back as long as its words are the first
   story's; sections of a story that broke off may also be recognised by topic alone.
4. **Orphan fragments.** A trailing run of paragraphs whose words belong to no story
   on the page becomes an untitled ``fragment`` article.
5. **Flags** for what stays truncated.
"""

from __future__ import annotations

import re
from collections import defaultdict

from reader.ingest import patterns as pt
from reader.ingest.draft import Art, Draft, Unit, broken, join_texts
from reader.ingest.evidence import Topics, foreign, own
from reader.ingest.fragments import split_fragments
from reader.ingest.model import (
    JOINED,
    MISPLACED,
    MOVED,
    TRUNCATED_END,
    TRUNCATED_START,
    Consumed,
)
from reader.text import segment
from reader.text.topics import cosine

# How far (in blocks) a continuation is looked for: far enough for a story printed in
# between, near enough to keep parsing linear in page size.
WINDOW = 40
# Junction strengths.
STRONG = 3  # a word or a number runs across the break
MID_START = 2  # the next block starts with what no paragraph starts with
# A block that finishes the broken word beats the plain next block only this close by.
NEAR = 6


def _key(text: str) -> str:
    return re.sub(r"[\s*#\u00a0\u3000]", "", text)


def junction(prev: str, nxt: str) -> int:
    """How strongly ``nxt`` reads as the continuation of ``prev`` (0 = no evidence)."""
    a = prev.rstrip(pt.WS + "*")
    b = nxt.lstrip(pt.WS + "*")
    if not a or not b:
        return 0
    if a[-1].isdigit() and (b[0].isdigit() or b[0] in ".%"):
        return STRONG
    if a[-1].isascii() and a[-1].isalpha() and b[0].isascii() and b[0].isalpha():
        return MID_START
    tail, head = a[-6:], b[:6]
    cut = len(tail)
    for word, s, e in segment.tokenize(tail + head):
        if s < cut < e and pt.CJK_RE.search(word) and segment.word_freq(word) >= 3:
            return STRONG
    if pt.continues_mid_word(b):
        return MID_START
    return 0


def _remove(u: Unit) -> int:
    """Take ``u`` out of its article; return where it was."""
    idx = next(i for i, v in enumerate(u.art.units) if v is u)
    del u.art.units[idx]
    return idx


# --- 1. duplicates -------------------------------------------------------------------------


def _drop_duplicates(seq: list[Unit], topics: Topics) -> list[Consumed]:
    pos = {id(u): i for i, u in enumerate(seq)}
    groups: dict[str, list[Unit]] = defaultdict(list)
    for u in seq:
        if u.type == "paragraph" and len(_key(u.text)) >= 8:
            groups[_key(u.text)].append(u)
    decided: set[int] = set()
    decided_drop: set[int] = set()
    dropped: list[Unit] = []

    def continuation_score(u: Unit) -> int:
        """How well ``u`` finishes the broken block before it (0: it finishes nothing)."""
        i = pos[id(u)]
        prev = seq[i - 1] if i > 0 else None
        if prev is None or not broken(prev) or id(prev) in decided_drop:
            return 0
        score = junction(prev.text, u.text)
        return score if score >= MID_START else 0

    def interrupts(u: Unit, run_len: int) -> bool:
        """Does ``u``'s copy stand between a broken block and the block that finishes it?"""
        i = pos[id(u)]
        prev = seq[i - 1] if i > 0 else None
        after = i + run_len
        if prev is None or not broken(prev) or after >= len(seq):
            return False
        nxt = seq[after]
        return nxt.type == "paragraph" and junction(prev.text, nxt.text) >= MID_START

    def fit(u: Unit) -> float:
        twins = [v for v in u.art.units if v is u or _key(v.text) == _key(u.text)]
        return topics.sim_without([u], u.art, twins)

    for copies in sorted(groups.values(), key=lambda g: pos[id(g[0])]):
        if len(copies) < 2 or id(copies[0]) in decided:
            continue
        # The converter repeats one or two paragraphs as a unit: decide runs together.
        runs = [[u] for u in copies]
        step = 1
        while True:
            nexts = [pos[id(r[0])] + step for r in runs]
            if any(n >= len(seq) for n in nexts):
                break
            cand = [seq[n] for n in nexts]
            if cand[0].type != "paragraph" or any(
                c.type != "paragraph" or _key(c.text) != _key(cand[0].text) for c in cand
            ):
                break
            if len({id(c) for c in cand}) < len(cand) or any(id(c) in decided for c in cand):
                break
            for r, c in zip(runs, cand, strict=True):
                r.append(c)
            step += 1
        scores = [continuation_score(u) for u in copies]
        best = max(scores)
        if best > 0 and scores.count(best) == 1:
            keep = copies[scores.index(best)]
        else:
            # No single copy finishes a break: drop the ones standing inside a break,
            # then keep the one among its own story's words.
            tied = [u for u, sc in zip(copies, scores, strict=True) if sc == best]
            clean = [
                u
                for u, r in zip(copies, runs, strict=True)
                if u in tied and not interrupts(u, len(r))
            ]
            clean = clean or tied
            keep = clean[0] if len(clean) == 1 else max(clean, key=fit)
        for r, head in zip(runs, copies, strict=True):
            for u in r:
                if id(u) in decided:
                    continue
                decided.add(id(u))
                if head is not keep:
                    decided_drop.add(id(u))
                    dropped.append(u)
    out: list[Consumed] = []
    for u in dropped:
        _remove(u)
        out.extend(Consumed(s, "duplicate") for s in u.spans)
    return out


# --- 2. breaks -----------------------------------------------------------------------------


def _join(p: Unit, c: Unit) -> None:
    p.text = join_texts(p.text, c.text)
    p.spans.extend(c.spans)
    if JOINED not in p.flags:
        p.flags.append(JOINED)
    p.before_marker = c.before_marker
    for f in c.flags:
        if f not in p.flags:
            p.flags.append(f)


def _find_continuation(
    seq: list[Unit], last: int, p: Unit, claimed: set[int], topics: Topics
) -> tuple[int, bool] | None:
    """Index in ``seq`` of the block that continues ``p`` (whose last part is seq[last]).

    The next block of the same story continues it unless it opens like a new paragraph
    or a block a little further on finishes the broken word itself (another story's
    fragment or a misplaced copy stands between). Otherwise the nearest later block
    that starts mid-word does, if there is one.
    """
    home = seq[last].art
    nxt = next((j for j in range(last + 1, len(seq)) if id(seq[j]) not in claimed), None)
    if nxt is None:
        return None
    c = seq[nxt]
    adjacent: int | None = None
    if c.type == "paragraph" and not c.lead and c.art is home:
        if junction(p.text, c.text) >= STRONG:
            return nxt, False
        if not pt.fresh_start(c.text):
            adjacent = nxt
    best: tuple[int, int] | None = None
    for j in range(last + 1, min(len(seq), last + 1 + WINDOW)):
        if adjacent is not None and j - last > NEAR:
            break
        c = seq[j]
        if j == adjacent or id(c) in claimed or c.type != "paragraph" or c.lead:
            continue
        before = seq[j - 1]
        if before is not seq[last] and broken(before) and id(before) not in claimed:
            continue  # c continues the broken block right before it
        score = junction(p.text, c.text)
        if score < (STRONG if adjacent is not None else MID_START):
            continue
        if c.art.kind == "photo" and c.art is not p.art:
            continue  # a photo story is printed whole: its text is its own
        if c.art is not p.art and c.art is not home:
            # Across stories demand that the block reads like the broken story.
            mine = cosine(topics.of_units([c]), topics.of_art(p.art))
            theirs = topics.sim_without([c], c.art, [c])
            if mine < theirs and score < STRONG:
                continue
            if mine < theirs * 0.5:
                continue
        if best is None or score > best[0]:
            best = (score, j)
    if best is not None:
        return best[1], False
    return None if adjacent is None else (adjacent, True)


def _join_breaks(seq: list[Unit], topics: Topics, draft: Draft) -> list[list[Unit]]:
    """Join broken paragraphs; return runs of blocks found standing inside a break."""
    claimed: set[int] = set()
    strays: list[list[Unit]] = []
    for i, p in enumerate(seq):
        if id(p) in claimed or p.type != "paragraph":
            continue
        last = i
        while broken(p):
            found = _find_continuation(seq, last, p, claimed, topics)
            if found is None:
                break
            j, weak = found
            c = seq[j]
            if _join_or_apart(p, c, weak, topics, draft) != "join":
                break
            claimed.add(id(c))
            skipped = [u for u in seq[last + 1 : j] if id(u) not in claimed]
            if skipped and all(
                u.type == "paragraph" and u.art is p.art and u.art is c.art and not u.lead
                for u in skipped
            ):
                # Another story's paragraphs printed inside the break.
                strays.append(skipped)
            if c.art is not p.art:
                idx = _remove(c)
                _move_following(p, c, idx, topics)
            else:
                _remove(c)
            _join(p, c)
            last = j
    return strays


# Evidence weights for joining a broken paragraph with the block right after it when no
# word runs across the junction: a prior for keeping them apart, and how much a block
# that reads unlike the story (affinity 0) counts against the join.
APART_PRIOR = 0.2
FOREIGN_WEIGHT = 1.5


def _join_or_apart(p: Unit, c: Unit, weak: bool, topics: Topics, draft: Draft) -> str:
    """Decide whether ``c`` continues broken ``p``, and record the decision.

    A word or number running across the junction, or a block further on that finishes
    the broken word, is strong evidence. The plain next block of the same story is
    weighed on its words: the tail of a sentence reads like the story it finishes; an
    orphan that happens to follow a truncated paragraph reads like another story."""
    score = junction(p.text, c.text)
    spans = [p.spans[-1], c.spans[0]]
    if not weak:
        where = "the next block" if c.art is p.art else "a block further on"
        ev = [f"the junction reads as one word or number ({score})", where]
        return draft.decide("join", spans, {"join": 1.0 + score, "apart": 1.0}, ev)
    r = topics.affinity([c], p.art)
    if r < 0:
        ev = ["the next block of the same story, no opening words", "story too short to weigh"]
        return draft.decide("join", spans, {"join": 1.5, "apart": 1.0}, ev)
    ev = [
        "the next block of the same story",
        f"its words against the story's own: {r:.2f}",
        "it starts mid-word" if score >= MID_START else "no word runs across the junction",
    ]
    seam, r_section = _section_seam(p, c, topics)
    if seam > 0:
        # The section p ends is not its story's: what counts is whether c reads like it.
        r = min(r, r_section)
        ev.append(f"p ends a section unlike its story; the block against that section: {r:.2f}")
    join = 0.5 + (0.5 if score >= MID_START else 0.0) + own(r)
    apart = APART_PRIOR + FOREIGN_WEIGHT * (foreign(r) + seam)
    return draft.decide("join", spans, {"join": join, "apart": apart}, ev)


def _section_seam(p: Unit, c: Unit, topics: Topics) -> tuple[float, float]:
    """Evidence (0..1) that ``p`` ends a section printed inside a story it does not belong
    to (an interleaved section) and ``c`` is where that story resumes: the section reads
    unlike the story around it, and ``c`` reads like that story, not like the section.
    Also returns ``c``'s affinity with the section itself (1 when there is no seam)."""
    units = p.art.units
    at = units.index(p)
    head = next((n for n in range(at, -1, -1) if units[n].type == "heading"), None)
    if head is None or head == 0:
        return 0.0, 1.0
    section = units[head : at + 1]
    if not any(u.type == "paragraph" for u in units[:head]):
        return 0.0, 1.0
    typ = topics.typical(p.art, p, section)
    if typ <= 0:
        return 0.0, 1.0
    unlike = foreign(topics.sim_without(section, p.art, [*section, c]) / typ)
    if unlike <= 0:
        return 0.0, 1.0
    in_section = cosine(topics.of_units([c]), topics.of_units(section))
    in_story = topics.sim_without([c], p.art, [*section, c])
    if in_story <= in_section:
        return 0.0, 1.0
    return unlike * (1.0 - in_section / in_story), in_section / typ


def _move_following(p: Unit, c: Unit, idx: int, topics: Topics) -> None:
    """After ``c`` (in another story) continued ``p``, bring back what follows it there.

    The interleaved section (a heading and paragraphs) goes back to ``p``'s story for
    as long as its words are that story's rather than the host's.
    """
    home, host = p.art, c.art
    moved: list[Unit] = []
    k = idx
    while k < len(host.units):
        u = host.units[k]
        probe = [u]
        if u.type == "heading" and k + 1 < len(host.units):
            probe.append(host.units[k + 1])
        vec = topics.of_units(probe)
        mine = cosine(vec, topics.of_units([*home.units, c, *moved], home.title))
        theirs = topics.sim_without(probe, host, [*moved, *probe])
        if mine <= theirs or u.lead:
            break
        moved.append(u)
        k += 1
    for u in moved:
        _remove(u)
        u.art = home
        u.flags.append(MOVED)
        home.units.append(u)


# --- 3 & 4. sections and fragments by topic ----------------------------------------------

# A run whose words meet the rest of its article this little is not that article's.
FOREIGN = 0.05
# ... and another story must claim it by this factor before it moves there.
CLAIM = 2.0
# A story keeps at least this many paragraphs when a fragment is taken from it, and a
# fragment has at least this much text: below that, word overlap says nothing.
MIN_REST = 3
MIN_RUN_CHARS = 60
# Inside a story the bar is higher: the run must share almost nothing with the story,
# and the story's text on either side of it must be about one thing.
FOREIGN_INSIDE = 0.02
COHESIVE = 0.1
# Interleaving happens between stories printed near each other; looking further back
# would only make long pages quadratic.
NEIGHBOURS = 12


def _move_sections(arts: list[Art], topics: Topics, draft: Draft) -> None:
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
                _remove(v)
                v.art = home
                v.flags.append(MOVED)
                home.units.append(v)


def _finish_sentence(
    home: Art, host: Art, k: int, section: list[Unit], topics: Topics, draft: Draft
) -> None:
    """An interleaved section is often printed after the block that finishes the earlier
    story's broken sentence (that block, a heading, the paragraphs). When the host's
    block right before the section reads as the earlier story's rather than the host's,
    it joins the broken paragraph it finishes."""
    body = home.body()
    if k < 2 or not body or not broken(body[-1]):
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
        _remove(c)
        _join(p, c)


# Where a section is printed is where it belongs unless its words say otherwise: the
# weight of that prior against the topic evidence (cosine similarities, 0..1).
IN_PLACE_PRIOR = 0.03


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
    choice = draft.decide(
        "interleaved",
        [sp for u in cand for sp in u.spans],
        {"move_back": ours, "in_place": theirs + IN_PLACE_PRIOR},
        [
            f"words shared with the earlier story {ours:.2f}, with its host {theirs:.2f}",
            "the earlier story breaks off mid-sentence",
        ],
        target=target.title,
    )
    if choice != "move_back":
        if draft.decisions[-1].doubtful:
            # Kept in place, but it may well be the earlier story's: say so.
            for u in cand:
                u.flags.append(MISPLACED)
        return None
    return target, cand


def _detach_strays(arts: list[Art], strays: list[list[Unit]], topics: Topics) -> None:
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
            _remove(u)
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


# --- 5. flags ------------------------------------------------------------------------------


def _flag(arts: list[Art]) -> None:
    for art in arts:
        for n, u in enumerate(art.units):
            if u.type != "paragraph":
                continue
            if broken(u) and not (n == len(art.units) - 1 and art.continued_on):
                u.flags.append(TRUNCATED_END)
            first_body = not any(v.type == "paragraph" for v in art.units[:n])
            if pt.starts_mid_sentence(u.text) and not (first_body and art.continued_from):
                u.flags.append(TRUNCATED_START)


def repair(arts: list[Art], draft: Draft) -> list[Consumed]:
    """Repair ``arts`` in place (fragments may be appended); return page-level drops."""
    topics = Topics(arts)
    seq = sorted((u for a in arts for u in a.units), key=lambda u: u.order)
    consumed = _drop_duplicates(seq, topics)
    seq = sorted((u for a in arts for u in a.units), key=lambda u: u.order)
    strays = _join_breaks(seq, topics, draft)
    _detach_strays(arts, strays, topics)
    _move_sections(arts, topics, draft)
    arts[:] = split_fragments(arts, topics, draft)
    _flag(arts)
    return consumed

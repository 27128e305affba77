"""Stage 4: repairing the converter's damage once the page is split into articles.

Passes, in order (each depends on the one before):

1. **Duplicates.** A paragraph printed twice keeps the copy that continues a broken
   paragraph; runs of consecutive duplicates are decided together, because the
   converter repeats one or two paragraphs as a unit.
2. **Breaks.** A paragraph that stops mid-sentence is joined with its continuation: a
   block whose first characters finish its broken word (a dictionary word or a number
   runs across the junction), or the plain next block of its story when the block's
   words read as the story's own (:func:`_join_or_apart` weighs both readings).
3. **Interleaved sections** go back to the story they continue
   (:mod:`reader.ingest.interleave`).
4. **Orphan fragments** become untitled ``fragment`` articles
   (:mod:`reader.ingest.fragments`).
5. **Flags** for what stays truncated.

Every ambiguous choice is recorded on the draft as a decision, and a reader's override
of it wins over the evidence.
"""

from __future__ import annotations

import re
from collections import defaultdict

from reader.ingest import patterns as pt
from reader.ingest.draft import Art, Draft, Unit, broken, join_units, remove_unit
from reader.ingest.evidence import Topics, foreign, own, starts_mid_word
from reader.ingest.fragments import LONGEST_RUN, split_fragments
from reader.ingest.interleave import IN_PLACE_PRIOR, detach_strays, move_sections
from reader.ingest.model import (
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
    if a[-1].isdigit() and (b[0].isdigit() or b[0] in ".%" or _unit_first(b)):
        return STRONG  # 11 | 84个 and 1184 | 个,…: a number and its unit run across
    if a[-1].isascii() and a[-1].isalpha() and b[0].isascii() and b[0].isalpha():
        return MID_START
    tail, head = a[-6:], b[:6]
    cut = len(tail)
    for word, s, e in segment.tokenize(tail + head):
        if s < cut < e and pt.CJK_RE.search(word) and segment.word_freq(word) >= 3:
            return STRONG
    if starts_mid_word(b):
        return MID_START
    return 0


def _unit_first(text: str) -> bool:
    """Does ``text`` open with a unit standing alone (个,… but not 人才…)?"""
    m = pt.UNIT_START.match(text)
    return m is not None and len(segment.tokenize(text[:6])[0][0]) <= len(m.group())


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
        remove_unit(u)
        out.extend(Consumed(s, "duplicate") for s in u.spans)
    return out


# --- 2. breaks -----------------------------------------------------------------------------


# Single hanzi that often end a clause on their own; any other lone hanzi at the end of
# a broken paragraph is the head of a word the break cut (国有博|物馆, 组织志|愿).
_WORD_FINAL = frozenset(
    "的了着过在和与及或对向从把被将为是有等中上下里内外后前时地得也都就还又再更最很让使给"
    "以于由而并且但能会要可到去来说个位名家项次年月日人们各每其该此这那多少新大小好高"
)


def ends_mid_word(text: str) -> bool:
    """Does ``text`` stop inside a word: after a lone hanzi that seldom ends a clause?"""
    t = text.rstrip(pt.WS + "*")
    if not t or not pt.CJK_RE.match(t[-1]) or t[-1] in _WORD_FINAL:
        return False
    tokens = segment.tokenize(t[-6:])
    return len(tokens) >= 2 and tokens[-1][0] == t[-1]


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
            theirs = _host_affinity(c, topics)
            # A block that merely starts mid-sentence must read as the broken story's
            # (and more than as its host's); one that finishes the broken word must
            # at least not read as plainly its host's.
            if score < STRONG and (mine <= theirs or mine <= 0):
                continue
            if mine < theirs * 0.5:
                continue
        if best is None or score > best[0]:
            best = (score, j)
    if best is not None:
        return best[1], False
    return None if adjacent is None else (adjacent, True)


def _host_affinity(c: Unit, topics: Topics) -> float:
    """How much ``c`` reads like the story it is printed in, judged on the text that
    story printed before it (what follows ``c`` may be an interleaved section)."""
    units = c.art.units
    before = units[: units.index(c)] if c in units else []
    if any(u.type == "paragraph" for u in before):
        return cosine(topics.of_units([c]), topics.of_units(before, c.art.title))
    return topics.sim_without([c], c.art, [c])


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
                idx = remove_unit(c)
                _move_following(p, c, idx, topics, draft)
            else:
                remove_unit(c)
            join_units(p, c)
            last = j
    return strays


# Evidence weights for joining a broken paragraph with the block right after it when no
# word runs across the junction: a prior for keeping them apart, and how much a block
# that reads unlike the story (affinity 0) counts against the join.
APART_PRIOR = 0.2
FOREIGN_WEIGHT = 1.5
MID_WORD_LEFT = 2.0
# Content words a block needs for its topic evidence to count in full.
TRUSTED_WORDS = 8


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
        # A word or number running across the junction leaves little room for doubt.
        return draft.decide("join", spans, {"join": 1.0 + score, "apart": 0.5}, ev)
    r = _run_affinity(c, topics)
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
    # A short block has few words to compare: its topic evidence counts for less.
    trust = min(1.0, topics.word_count([c]) / TRUSTED_WORDS)
    join = 0.5 + (0.5 if score >= MID_START else 0.0) + trust * own(r)
    apart = APART_PRIOR + FOREIGN_WEIGHT * (trust * foreign(r) + seam)
    if score == 0 and ends_mid_word(p.text):
        # The continuation of a word cut by a column break finishes the word.
        apart += MID_WORD_LEFT
        ev.append("it ends inside a word this block does not finish")
    return draft.decide("join", spans, {"join": join, "apart": apart}, ev)


def _run_affinity(c: Unit, topics: Topics) -> float:
    """How much ``c`` reads like its story, as the possible head of an orphan run.

    An orphan run that follows a truncated paragraph shares its words within itself, so
    its other paragraphs make its first one look like the story's. For each run ``c``
    may open (up to the longest orphan run) ``c`` reads as foreign only when the whole
    run reads unlike the rest of the story *and* ``c`` itself does once the run is left
    out (a true continuation followed by an orphan still reads like its story). The
    least story-like of these readings counts. -1 when the story is too short to say."""
    units = c.art.units
    at = units.index(c)
    run: list[Unit] = []
    best: float | None = None
    first_typ = 0.0
    for u in units[at : at + LONGEST_RUN]:
        if u.type != "paragraph" or (run and u.lead):
            break
        run.append(u)
        raw = topics.sim_without(run, c.art, run)
        if best is not None and first_typ > 0 and raw > 2.0 * best * first_typ:
            continue  # the run reads plainly like the story: it cannot lower the reading
        typ = topics.typical(c.art, c, run)
        if typ <= 0:
            break
        first_typ = first_typ or typ
        whole = raw / typ
        alone = topics.sim_without([c], c.art, run) / typ
        r = max(whole, alone)
        best = r if best is None else min(best, r)
    return -1.0 if best is None else best


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


def _move_following(p: Unit, c: Unit, idx: int, topics: Topics, draft: Draft) -> None:
    """After ``c`` (in another story) continued ``p``, bring back what follows it there.

    The interleaved section (a heading and paragraphs) goes back to ``p``'s story for
    as long as its words are that story's rather than the host's.
    """
    home, host = p.art, c.art
    # The host's own text is what it printed before the interleaving: what follows may
    # still be the earlier story's, so it cannot speak for the host.
    before = host.units[:idx]
    if not any(u.type == "paragraph" for u in before):
        before = [u for u in host.units if u is not c]
    moved: list[Unit] = []
    k = idx
    while k < len(host.units):
        u = host.units[k]
        probe = [u]
        if u.type == "heading" and k + 1 < len(host.units):
            probe.append(host.units[k + 1])
        vec = topics.of_units(probe)
        mine = cosine(vec, topics.of_units([*home.units, c, *moved], home.title))
        theirs = cosine(vec, topics.of_units([v for v in before if v not in probe], host.title))
        if mine <= theirs or u.lead:
            break
        moved.append(u)
        k += 1
    if not moved:
        return
    vec = topics.of_units(moved)
    mine = cosine(vec, topics.of_units([*home.units, c], home.title))
    theirs = cosine(vec, topics.of_units(before, host.title))
    choice = draft.decide(
        "interleaved",
        [sp for u in moved for sp in u.spans],
        {"move_back": mine + IN_PLACE_PRIOR, "in_place": theirs},
        [
            "it follows the block that finishes the earlier story's broken sentence",
            f"words shared with the earlier story {mine:.2f}, with its host {theirs:.2f}",
        ],
        target=home.title,
    )
    if choice != "move_back":
        return
    for u in moved:
        remove_unit(u)
        u.art = home
        u.flags.append(MOVED)
        home.units.append(u)


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
    detach_strays(arts, strays, topics)
    move_sections(arts, topics, draft)
    arts[:] = split_fragments(arts, topics, draft)
    _flag(arts)
    return consumed

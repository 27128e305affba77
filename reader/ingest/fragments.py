"""Orphan fragments: paragraphs of a story whose title is on another page, printed inside
an unrelated article. They become untitled ``fragment`` articles.

A run of one to three paragraphs is weighed where the page shows a seam: the paragraph
before it breaks off mid-sentence with nothing to finish it, the run itself starts
mid-sentence, or it closes the article. There the run's words are weighed against the
story's own (:meth:`Topics.affinity`). Without a seam a single paragraph stays in its
story however few words it shares, as a reporter's aside does; a run of two or three
leaves it only when its words plainly are another story's.
"""

from __future__ import annotations

from reader.ingest.draft import Art, Draft, Unit, broken
from reader.ingest.evidence import Topics, foreign, own, shared_names, starts_mid_word
from reader.ingest.model import MISPLACED, MOVED

# Evidence weights: the prior for a paragraph staying where it is printed, and what each
# kind of seam adds to the fragment reading (affinity, 0..1+, is the topic evidence).
OWN_PRIOR = 0.3
SEAM_BEFORE = 0.4  # the paragraph before breaks off and nothing continues it
MID_START = 0.2  # the run starts mid-sentence
NAMED = 0.5  # for the run: it names a person or place the rest of the story names
SEAMLESS = 0.4  # against a run with no seam at all (the story's text on both sides)
# A seamless run is weighed only when it reads this little like the story at a first look:
# well above the likeness (about 0.1) under which its words could outweigh the prior.
SEAMLESS_GATE = 0.3
# Paragraphs left in a story for its words to be fully trusted as the yardstick.
TRUSTED_REST = 3
# Content words a run needs for its topic evidence to count in full.
TRUSTED_WORDS = 8
LONGEST_RUN = 3


def _eligible(u: Unit) -> bool:
    return u.type == "paragraph" and not u.lead and MOVED not in u.flags


def _orphan_runs(art: Art, topics: Topics, draft: Draft) -> list[list[Unit]]:
    units = art.units
    paras = [u for u in units if u.type == "paragraph"]
    if len(paras) < 3:
        return []
    first = units.index(paras[0])
    found: list[list[Unit]] = []
    story_typ: float | None = None
    whole: str | None = None
    i = first + 1
    while i < len(units):
        u = units[i]
        if not _eligible(u):
            i += 1
            continue
        prev = units[i - 1]
        seam_before = broken(prev)
        mid_start = starts_mid_word(u.text)
        best: tuple[float, list[Unit], float, float, float, list[str]] | None = None
        for k in range(1, LONGEST_RUN + 1):
            run = units[i : i + k]
            if len(run) < k or not all(_eligible(v) for v in run):
                break
            at_end = i + k == len(units)
            seamless = not (seam_before or mid_start or at_end)
            if seamless and k < 2:
                continue  # a lone paragraph between its story's own stays: an aside
            if not (seam_before or mid_start) and len(paras) - k < TRUSTED_REST:
                continue  # no seam, and too little of the story to know its topic
            if len(paras) - k < 2:
                continue
            if seamless:
                # Only a run plainly foreign can leave without a seam: a quick look
                # against the story's usual likeness first keeps this linear in practice.
                if story_typ is None:
                    story_typ = topics.typical(art, paras[len(paras) // 2])
                raw = topics.sim_without(run, art, run)
                if story_typ <= 0 or raw > SEAMLESS_GATE * story_typ:
                    continue
            r = topics.affinity(run, art)
            if r < 0:
                continue
            # Topic evidence from a short story is thin: weigh it by how many of the
            # story's own paragraphs it rests on.
            trust = min(1.0, (len(paras) - k - 1) / TRUSTED_REST)
            # ... and by how many words the run itself has to compare.
            trust *= min(1.0, topics.word_count(run) / TRUSTED_WORDS)
            mine = OWN_PRIOR + trust * own(r)
            frag = trust * foreign(r) + (SEAM_BEFORE if seam_before else 0.0)
            frag += MID_START if mid_start else 0.0
            if seamless:
                # Two or three paragraphs sharing no words with the story around them,
                # with nothing broken at either end: only their words speak, and they
                # must speak plainly.
                frag -= SEAMLESS
            if whole is None:
                whole = "\n".join([art.title or "", *(v.text for v in units)])
            names = shared_names(run, whole)
            if names:
                # A person or place the story names elsewhere: the run is its own
                # (王福生 quoted at the end of the story he was introduced in).
                mine += NAMED
            if best is None or frag - mine > best[0]:
                best = (frag - mine, run, r, frag, mine, names)
        if best is None:
            i += 1
            continue
        _, run, r, frag, mine, names = best
        ev = [f"its words against the story's own: {r:.2f}"]
        if names:
            ev.append(f"it names what the story names: {'、'.join(names)}")
        if seam_before:
            ev.append("the paragraph before it breaks off with nothing to finish it")
        if mid_start:
            ev.append("it starts mid-sentence")
        if run[-1] is units[-1]:
            ev.append("it closes the article")
        spans = [sp for v in run for sp in v.spans]
        if draft.decide("orphan", spans, {"fragment": frag, "own": mine}, ev) == "fragment":
            found.append(run)
            i += len(run)
            continue
        if draft.decisions[-1].doubtful:
            for v in run:
                v.flags.append(MISPLACED)  # kept, but it may be another story's
        i += 1
    return found


def split_fragments(arts: list[Art], topics: Topics, draft: Draft) -> list[Art]:
    """``arts`` with each orphan run taken out into a fragment right after its host."""
    out: list[Art] = []
    for art in arts:
        out.append(art)
        if art.title is None or art.kind == "photo":
            continue
        for run in _orphan_runs(art, topics, draft):
            frag = Art(kind="fragment", start=run[0].start)
            for u in run:
                art.units.remove(u)
                u.art = frag
                frag.units.append(u)
            out.append(frag)
    return out

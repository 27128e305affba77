"""A page simulator: article text laid out as the converter's page dumps, with the gold.

``generate(seed)`` returns a :class:`SimPage`: the page text, its gold split (the shape
of ``../shared/corpus/seed-page-000.gold.json`` plus ``continued_on``) and the FORMAT.md
habits (1-20) the page shows. Each habit is drawn at random with a frequency like the
paper's: most pages show a handful, none shows all. The text is the simulator's own
(:mod:`tests.pagesim_text`) and, when it is beside the checkout, the seed page's.

The gold follows the sample pages' conventions (``resources/samples/README.md``): a
broken paragraph is one paragraph, a truncated one is kept as printed, a duplicate is
kept once, an interleaved section goes back to its story, orphans become an untitled
fragment right after the article they sit in.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from tests.pagesim_gold import Chunk, GArticle, GBlock, SimPage, printed_prefix
from tests.pagesim_text import KICKERS, TOPICS, StoryText, Topic, caption, person, story

SEED_GOLD = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seed-page-000.gold.json"
_END = "。!?…”"


def _seed_stories() -> list[StoryText]:
    """The seed page's own articles as text to lay out again (titled, two paragraphs up)."""
    if not SEED_GOLD.is_file():
        return []
    out = []
    for a in json.loads(SEED_GOLD.read_text(encoding="utf-8"))["articles"]:
        if a["title"] is None or a["kind"] != "article":
            continue
        secs: list[tuple[str | None, list[str]]] = [(None, [])]
        for b in a["blocks"]:
            if b["type"] == "heading":
                secs.append((b["text"], []))
            elif b["type"] == "paragraph" and not b["text"].startswith("本报"):
                secs[-1][1].append(b["text"])
        secs = [s for s in secs if s[1]]
        if sum(len(ps) for _, ps in secs) >= 2:
            out.append(StoryText(TOPICS[0], a["title"], secs))
    return out


_SEED_STORIES = _seed_stories()


def _cut_point(rng: random.Random, text: str) -> int | None:
    """Where a column break or a truncation may cut: mid-sentence, both sides substantial."""
    cands = [
        i
        for i in range(12, len(text) - 10)
        if text[i - 1] not in _END + ",:;、“" and text[i] not in _END + ",:;、"
    ]
    return rng.choice(cands) if cands else None


class _Page:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.habits: set[int] = set()
        self.arts: list[GArticle] = []
        self.chunks: list[Chunk] = []
        self.copied: set[int] = set()  # gold blocks printed twice: never cut afterwards

    def p(self, x: float) -> bool:
        return self.rng.random() < x

    # --- stories -------------------------------------------------------------------------

    def byline_names(self) -> tuple[str, list[str]]:
        """A byline's printed name list and the names it stands for."""
        rng = self.rng
        n = rng.choice((1, 1, 1, 2, 2, 3))
        names = [person(rng) for _ in range(n)]
        printed: list[str] = []
        for k, name in enumerate(names):
            if len(name) == 2 and self.p(0.35):
                printed.append(name[0] + rng.choice((" ", "\u3000", "  ")) + name[1])
                self.habits.add(15)
            else:
                printed.append(name)
            if k == 0 and n > 1 and self.p(0.3):
                printed.append(rng.choice(("通讯员", "实习记者", "实习生")))
                self.habits.add(15)
        return " ".join(printed), names

    def add_story(self, text: StoryText, level: str) -> GArticle:
        rng = self.rng
        art = GArticle(title=text.title)
        self.arts.append(art)
        out: list[Chunk] = []
        if level == "#" and self.p(0.12):
            lead_in = rng.choice(text.topic.heads) + rng.choice(text.topic.heads)
            out.append(Chunk(f"# {lead_in}", "title", art))
            art.title = f"{lead_in} {text.title}"
            self.habits.add(13)
        out.append(Chunk(f"{level} {text.title}", "title", art))
        self.habits.add(1)
        if self.p(0.12):
            ref = f"第{rng.randint(1, 8)}版"
            out.append(Chunk(f"(上接{ref})", "meta", art))
            art.continued_from = ref
            self.habits.add(7)
        kickers: list[str] = []
        kicker_after_byline = False
        if self.p(0.16):
            kickers.append(rng.choice(KICKERS))
            if self.p(0.15):
                kickers.append(rng.choice([k for k in KICKERS if k != kickers[0]]))
                self.habits.add(14)
            kicker_after_byline = self.p(0.3)
            self.habits.add(5)
        kicker_chunks = []
        for n, k in enumerate(kickers):
            if "凡人" in k or self.p(0.15):
                line = f"## 【{k}】" if self.p(0.5) else f"【{k}】"
                kickers[n] = f"【{k}】"  # a bracketed kicker keeps its brackets
                self.habits.add(14)
            else:
                line = f"## {k}"
            kicker_chunks.append(Chunk(line, "meta", art))
        if kickers:
            art.kicker = " ".join(kickers)
        # Who wrote it: a byline line, a dateline in the lead, or nobody (# titles only).
        how = rng.choice(("byline", "dateline", "dateline", "none" if level == "#" else "byline"))
        if art.continued_from:
            how = "none"
        if how == "none" and kickers:
            self.habits.add(14)
        if not kicker_after_byline:
            out.extend(kicker_chunks)
        dateline = ""
        if how == "byline":
            printed, names = self.byline_names()
            role = rng.choice(("本报记者", "本报记者", "本报实习记者"))
            out.append(Chunk(f"●{role} {printed}", "meta", art))
            art.authors = names
            self.habits.add(4)
        elif how == "dateline":
            names = [person(rng, rng.choice((2, 3, 3)))]
            inner = f"记者{'' if self.p(0.3) else ' '}{names[0]}"
            if self.p(0.35):
                names.append(person(rng))
                inner += f" {rng.choice(('通讯员', '实习生'))} {names[-1]}"
            head = rng.choice(("本报讯", "本报讯", "本报", "**本报讯**"))
            if head.startswith("**"):
                self.habits.add(2)
            dateline = f"{head}({inner})"
            art.authors = names
            self.habits.add(4)
        if kicker_after_byline:
            out.extend(kicker_chunks)
            self.habits.add(14)
        first = True
        used_bold = self.p(0.4)
        for k, (head, paras) in enumerate(text.sections):
            if head is not None and k == 0 and dateline:
                head = None  # a dateline opens the story: no heading above it
            if head is not None:
                style = self.heading_style(level, first, used_bold, art)
                if style == "glued" and paras:
                    art.blocks.append(GBlock("heading", head))
                    gb = GBlock("paragraph", paras[0])
                    art.blocks.append(gb)
                    out.append(Chunk(f"{head} {paras[0]}", "para", art, gb))
                    paras = paras[1:]
                    self.habits.add(3)
                    first = False
                else:
                    gh = GBlock("heading", head.lstrip("●"))
                    printed = {
                        "##": f"## {head}",
                        "###": f"### {head}",
                        "bold": f"**{head}**",
                        "bullet": f"**●{head}**",
                    }[style or "###"]
                    if style == "bullet":
                        gh.text = "●" + head
                        self.habits.add(17)
                    elif style == "bold":
                        self.habits.add(2)
                    art.blocks.append(gh)
                    out.append(Chunk(printed, "heading", art, gh))
            for para in paras:
                text_ = para
                role = "para"
                if first and dateline:
                    text_ = dateline + para
                    role = "lead"
                gb = GBlock("paragraph", text_.replace("**", ""))
                art.blocks.append(gb)
                out.append(Chunk(text_, role, art, gb))
                first = False
        if self.p(0.1) and art.blocks and art.blocks[-1].type == "paragraph":
            # The story goes on on another page: it stops mid-sentence before (下转…).
            last = art.blocks[-1]
            cut = _cut_point(rng, last.text)
            if cut is not None:
                ref = f"第{rng.randint(2, 16)}版"
                last.text = last.text[:cut]
                out[-1].text = printed_prefix(out[-1].text, last.text)
                out.append(Chunk(f"(下转{ref})", "meta", art))
                art.continued_on = ref
                self.habits.add(7)
        self.chunks.extend(out)
        return art

    def heading_style(self, level: str, first: bool, used_bold: bool, art: GArticle) -> str:
        rng = self.rng
        if first:
            return rng.choice(("###", "bold")) if art.continued_from is None else "###"
        style = rng.choice(("##", "###", "bold", "bold", "bullet", "glued"))
        if used_bold and style in ("##", "###"):
            style = "bold"
        if style == "glued" and not self.p(0.5):
            style = "bold"
        return style

    def add_photo(self, topic: Topic) -> GArticle:
        rng = self.rng
        place = rng.choice(topic.places)
        title = f"{place}{rng.choice(topic.heads)}"
        art = GArticle(title=title, kind="photo")
        self.arts.append(art)
        self.habits.add(6)
        sentences = [s for s in topic.scenes] + [
            f"{place}的{rng.choice(topic.things)}吸引了不少市民"
        ]
        # Often two sentences; one short one is as common, as short as a caption.
        body = "。".join(rng.sample(sentences, rng.choice((1, 2, 2)))) + "。"
        photographers = [person(rng) for _ in range(rng.choice((1, 1, 1, 2)))]
        credit = "■" + rng.choice(("本报记者 ", "", "本报记者 ")) + " ".join(photographers) + " 摄"
        art.photographers = photographers
        text_block = GBlock("paragraph", body)
        art.blocks.append(text_block)
        caps = [caption(rng, topic) for _ in range(rng.choice((0, 1, 2, 3, 4)))]
        caps = list(dict.fromkeys(caps))
        out: list[Chunk] = []
        layout = rng.choice(("before", "before", "after", "after", "credit_first"))
        if layout == "before":
            out += [Chunk(f"## {title}", "title", art), Chunk(body, "para", art, text_block)]
            out.append(Chunk(credit, "credit", art))
        elif layout == "credit_first":
            out += [Chunk(f"## {title}", "title", art), Chunk(credit, "credit", art)]
            out.append(Chunk(body, "para", art, text_block))
        else:
            out += [Chunk(body, "para", art, text_block), Chunk(credit, "credit", art)]
            out.append(Chunk(f"## {title}", "title", art))
            self.habits.add(16)
        for c in caps:
            gb = GBlock("caption", c)
            art.blocks.append(gb)
            out.append(Chunk(c, "caption", art, gb))
        self.chunks.extend(out)
        return art

    # --- damage --------------------------------------------------------------------------

    def paras(self, art: GArticle | None = None) -> list[int]:
        return [
            i
            for i, c in enumerate(self.chunks)
            if c.role == "para" and c.art.kind == "article" and (art is None or c.art is art)
        ]

    def intact(self) -> list[int]:
        """Paragraphs printed whole and never copied: safe to break, copy or cut."""
        return [
            i
            for i in self.paras()
            if (b := self.chunks[i].block) is not None
            and self.chunks[i].text == b.text
            and id(b) not in self.copied
        ]

    def column_break(self) -> None:
        rng = self.rng
        cands = [i for i in self.intact() if len(self.chunks[i].text) > 40]
        if not cands:
            return
        i = rng.choice(cands)
        c = self.chunks[i]
        cut = _cut_point(rng, c.text)
        if cut is None:
            return
        head, tail = c.text[:cut], c.text[cut:]
        c.text = head
        rest = Chunk(tail, "para", c.art)
        self.habits.add(8)
        where = i + 1
        nxt = self.chunks[i + 1] if i + 1 < len(self.chunks) else None
        roll = rng.random()
        if nxt is not None and nxt.role == "heading" and nxt.art is c.art and roll < 0.5:
            where = i + 2  # a section heading stands between
        elif roll < 0.2:
            others = [k for k in self.intact() if self.chunks[k].art is not c.art and k != i]
            if others:
                dup = self.chunks[rng.choice(others)]
                self.copied.add(id(dup.block))
                self.chunks.insert(i + 1, Chunk(dup.text, "dup", dup.art))
                self.habits.add(9)
                where = i + 2
        elif roll < 0.3:
            # A copy of the continuation printed somewhere before, in the wrong place.
            before = [k for k in self.paras() if k < i - 1]
            if before:
                k = rng.choice(before)
                self.chunks.insert(k + 1, Chunk(tail, "dup", self.chunks[k].art))
                self.habits.add(9)
                where = i + 2
        self.chunks.insert(where, rest)

    def duplicate(self) -> None:
        rng = self.rng
        cands = self.intact()
        if not cands:
            return
        i = rng.choice(cands)
        src = self.chunks[i]
        self.copied.add(id(src.block))
        k = rng.choice([j for j in self.paras() if j != i] or [i])
        self.chunks.insert(k + 1, Chunk(src.text, "dup", self.chunks[k].art))
        self.habits.add(9)

    def truncate(self) -> None:
        rng = self.rng
        cands = self.intact()
        if not cands:
            return
        # Most often the last paragraph before another story: nothing may continue it.
        ends = [
            i
            for i in cands
            if i + 1 < len(self.chunks) and self.chunks[i + 1].art is not self.chunks[i].art
        ]
        i = rng.choice(ends) if ends and self.p(0.6) else rng.choice(cands)
        c = self.chunks[i]
        assert c.block is not None
        cut = _cut_point(rng, c.text)
        if cut is None:
            return
        if self.p(0.8):
            c.text = c.block.text = c.text[:cut]
            self.habits.add(18 if i in ends else 10)
        else:
            c.text = c.block.text = c.text[cut:]
            self.habits.add(10)

    def interleave(self, a: GArticle, b: GArticle) -> None:
        """Print ``a``'s last section inside later story ``b``; ``a`` breaks off before it."""
        rng = self.rng
        heads = [i for i, c in enumerate(self.chunks) if c.art is a and c.role == "heading"]
        if not heads:
            return
        h = heads[-1]
        before = h - 1
        prev = self.chunks[before]
        if prev.role != "para" or before not in self.intact():
            return
        end = h + 1
        while (
            end < len(self.chunks) and self.chunks[end].art is a and self.chunks[end].role == "para"
        ):
            end += 1
        if end == h + 1 or any(c.art is a for c in self.chunks[end:]):
            return
        cut = _cut_point(rng, prev.text)
        if cut is None:
            return  # only a story that breaks off has its section printed elsewhere
        moved = self.chunks[h:end]
        del self.chunks[h:end]
        if self.p(0.8):
            moved.insert(0, Chunk(prev.text[cut:], "para", a))
            prev.text = prev.text[:cut]
        else:
            # The story breaks off for good; its last section is still its own.
            prev.text = prev.block.text = prev.text[:cut]
        hosts = [i for i in self.paras(b)][1:]
        if not hosts:
            self.chunks[h:h] = moved
            return
        at = rng.choice(hosts)
        if any(c.role == "heading" for c in moved) and self.p(0.5):
            hd = next(c for c in moved if c.role == "heading")
            if hd.text.startswith("**") and hd.block is not None and not hd.text.startswith("**●"):
                hd.text = "**●" + hd.text[2:]
                hd.block.text = "●" + hd.block.text
        self.chunks[at + 1 : at + 1] = moved
        self.habits.update((11, 19))

    def orphan(self, host: GArticle, topic: Topic) -> None:
        rng = self.rng
        spots = self.paras(host)
        if len(spots) < 2:
            return
        src = story(rng, topic, 1, (3, 3))
        paras = src.paragraphs[: rng.choice((1, 1, 2, 3))]
        frag = GArticle(title=None, kind="fragment")
        chunks = []
        for k, para in enumerate(paras):
            if k == 0 and self.p(0.6):
                cut = _cut_point(rng, para)
                para = para[cut:] if cut is not None else para
            gb = GBlock("paragraph", para)
            frag.blocks.append(gb)
            chunks.append(Chunk(para, "para", frag, gb))
        at = rng.choice(spots[1:] if self.p(0.6) else spots[-1:])
        host_chunk = self.chunks[at]
        if self.p(0.5) and at in self.intact():
            cut = _cut_point(rng, host_chunk.text)
            if cut is not None:
                host_chunk.text = host_chunk.block.text = host_chunk.text[:cut]
        self.chunks[at + 1 : at + 1] = chunks
        self.arts.insert(self.arts.index(host) + 1, frag)
        self.habits.update((12, 19))

    def opening_fragment(self, topic: Topic) -> None:
        src = story(self.rng, topic, 1, (1, 2))
        frag = GArticle(title=None, kind="fragment")
        chunks = []
        for k, para in enumerate(src.paragraphs):
            if k == 0:
                cut = _cut_point(self.rng, para)
                para = para[cut:] if cut is not None else para
            gb = GBlock("paragraph", para)
            frag.blocks.append(gb)
            chunks.append(Chunk(para, "para", frag, gb))
        self.chunks[0:0] = chunks
        self.arts.insert(0, frag)
        self.habits.add(10)

    # --- print ---------------------------------------------------------------------------

    def render(self) -> str:
        rng = self.rng
        no_blank = self.p(0.12)
        crlf = self.p(0.08)
        odd_ws = self.p(0.25)
        if no_blank or crlf or odd_ws:
            self.habits.add(20)
        out: list[str] = []
        for n, c in enumerate(self.chunks):
            line = c.text
            if (
                odd_ws
                and c.role == "para"
                and c.block is not None
                and c.text == c.block.text
                and id(c.block) not in self.copied
                and self.p(0.05)
            ):
                # A stray separator inside the line: whitespace, folded to one space.
                cut = line.find("。") + 1
                if 0 < cut < len(line):
                    line = line[:cut] + rng.choice(("\u2028", "\u2029", "\u0085")) + line[cut:]
                    c.block.text = line[:cut] + " " + line[cut + 1 :]
            if odd_ws and self.p(0.08):
                line += rng.choice(("\u2028", "\u2029", "\u0085", " ", "\u3000"))
            out.append(line)
            if n == len(self.chunks) - 1:
                break
            if no_blank:
                out.append("\n")
            elif c.role == "caption" or (
                n + 1 < len(self.chunks) and self.chunks[n + 1].role == "caption"
            ):
                out.append(rng.choice(("\n\n", "\n\n\n\n", "\n \n", "\n\u00a0\n")))
            elif odd_ws and self.p(0.15):
                out.append(rng.choice(("\n   \n", "\n\u00a0\n", "\n\n\n")))
            else:
                out.append("\n\n")
        text = "".join(out) + rng.choice(("", "\n", "\n"))
        if crlf:
            text = text.replace("\n", "\r\n")
        return text


def generate(seed: int) -> SimPage:
    rng = random.Random(seed)
    page = _Page(rng)
    n = rng.choice((3, 4, 4, 5, 5, 6, 7))
    topics = rng.sample(list(TOPICS), min(len(TOPICS), n + 3))
    spare = topics[n:]
    stories: list[GArticle] = []
    used_seed: list[StoryText] = []
    photo_at = rng.randrange(1, n + 1) if rng.random() < 0.45 else -1
    for k in range(n):
        if k == photo_at:
            page.add_photo(topics[k])
            continue
        unused = [t for t in _SEED_STORIES if t not in used_seed]
        if unused and rng.random() < 0.15:
            # A page prints a story once: the seed's stories are not repeated on a page.
            text = rng.choice(unused)
            used_seed.append(text)
        else:
            text = story(rng, topics[k], rng.choice((1, 1, 2, 3)), (1, 4))
        level = "#" if k == 0 or rng.random() < 0.35 else "##"
        stories.append(page.add_story(text, level))
    if rng.random() < 0.12:
        page.opening_fragment(spare[0])
    for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
        page.column_break()
    if rng.random() < 0.25:
        page.duplicate()
    if rng.random() < 0.3:
        page.truncate()
    if rng.random() < 0.2 and len(stories) >= 2:
        a, b = sorted(rng.sample(range(len(stories)), 2))
        page.interleave(stories[a], stories[b])
    if rng.random() < 0.2 and stories:
        page.orphan(rng.choice(stories), spare[-1])
    text = page.render()
    gold = {"source": f"sim-{seed}.txt", "articles": [a.to_json() for a in page.arts]}
    return SimPage(text, gold, page.habits)

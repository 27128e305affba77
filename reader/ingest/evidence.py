"""Topic evidence: how much a run of paragraphs reads like a story, on this page's terms."""

from __future__ import annotations

import math
import operator
import statistics
from collections import Counter
from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import repeat

from reader.ingest import patterns as pt
from reader.ingest.draft import Art, Unit
from reader.text import segment
from reader.text.topics import Vector, content_words, idf_table, tfidf

# Paragraphs of the story used to learn how alike its own paragraphs are.
SAMPLE = 6
# A story's own paragraphs rarely read less like it than this, relative to how alike its
# paragraphs usually are (about one in twenty on the sample pages; orphans from other
# stories score 0 to 0.1). Affinities are read on this scale.
AFFINITY_SCALE = 0.35


def foreign(r: float) -> float:
    """Evidence (0..1) that a run with affinity ``r`` is another story's."""
    return max(0.0, 1.0 - r / AFFINITY_SCALE)


def own(r: float) -> float:
    """Evidence (0..1) that a run with affinity ``r`` is its story's own."""
    return min(1.0, r / AFFINITY_SCALE)


# How often (in jieba's dictionary counts) a hanzi must stand as a word of its own to be
# a plausible first word: 站 23194, 看 66641 do; 龄 710, 税 2494, 养 3311 do not.
LONE_WORD = 10000
# Single hanzi that commonly open a sentence; a paragraph opening with any other lone
# hanzi before a word ("龄儿童…", "税人…") starts in the middle of a word.
_OPENING_HANZI = frozenset(
    "在从自至到于对向据按截如将把被让为与和及共约近超达逾仅第每各该此其这那今去明上下前后"
    "全总新另我你他她它但而又也都就还再更最很不没是有要会能可请使令当因由若虽即只凡某本"
    "多少一二三四五六七八九十两几首末头先左右东西南北中内外高低大小老市县区省国镇乡村旗州盟"
    # and the common surnames: a paragraph may open with a name (李春花说…).
    "王李张刘陈杨赵黄周吴徐孙胡朱林何郭马罗梁宋郑谢唐冯董萧程曹袁邓许傅沈曾彭吕苏卢蒋"
    "蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟"
    "龙万段雷钱汤尹黎易常武乔贺赖龚文韩"
)


# Measure words: frequent as words, but they follow a number or a demonstrative (一段,
# 这项); a paragraph opening with one standing alone lost the page that held its number.
_MEASURE_WORDS = frozenset("段项位名台辆户件次个亩处座条届批只张份部栋间层道句起例吨元米")


def starts_mid_word(text: str) -> bool:
    """Does ``text`` open with the tail of a word: a lone hanzi that seldom opens a
    sentence, followed by a word (the converter lost the page with the word's head)."""
    if pt.starts_mid_sentence(text) or pt.continues_mid_word(text):
        return True
    t = text.lstrip(pt.WS + "*")
    if not t or not pt.CJK_RE.match(t[0]):
        return False
    if t[0] in _MEASURE_WORDS:
        tokens = segment.tokenize(t[:8])
        if len(tokens) >= 2 and tokens[0][0] == t[0] and len(tokens[1][0]) >= 2:
            return True  # 段实行…, 项工作…: a measure word follows a number, never opens
    if len(t) > 1 and t[1] in pt.PAUSES:
        # 里,学员们… / 中。目前…: one hanzi then a pause is the end of a clause, whichever
        # hanzi it is (even one that may open a sentence before a word).
        return True
    if t[0] in _OPENING_HANZI:
        return False
    if segment.word_freq(t[0]) >= LONE_WORD:
        return False  # 站在…, 看到…: a hanzi that is a word of its own may open a sentence
    tokens = segment.tokenize(t[:8])
    return len(tokens) >= 2 and tokens[0][0] == t[0]


@lru_cache(maxsize=4096)
def unknown_words(text: str) -> frozenset[str]:
    """Three-hanzi strings the dictionary does not know, as names are printed: jieba
    (HMM off) leaves a name it does not know as single hanzi (王|福|生), so a run of
    single hanzi is cut into its three-hanzi pieces."""
    out: set[str] = set()
    run = ""
    # The words jieba gives the whole text, a whitespace ending a run: jieba never joins
    # words across whitespace, so these are the paragraph's words the topic evidence
    # already cut (cached), not a second segmentation.
    for piece in text.split():
        for word in (*segment.cut(piece), ""):
            if len(word) == 1 and pt.CJK_RE.match(word) and word not in _FUNCTION_HANZI:
                run += word
                continue
            for k in range(len(run) - 2):
                out.add(run[k : k + 3])
            run = ""
    return frozenset(out)


# Hanzi that stand between words rather than inside a name.
_FUNCTION_HANZI = frozenset("的了着过在和与及或对向从把被将为是有也都就还又再很让使给说")


def shared_names(run: Sequence[Unit], whole: str) -> list[str]:
    """Unknown words (names, mostly) of ``run`` that the rest of its article prints too;
    ``whole`` is the article's text (title and units), built once per article."""
    inside = "\n".join(u.text for u in run)
    found = {w for u in run for w in unknown_words(u.text) if whole.count(w) > inside.count(w)}
    return sorted(found)


def _tf(n: int) -> float:
    """A word's weight for ``n`` occurrences, before its idf."""
    return 1.0 + math.log(n)


# _tf of the small counts almost every word has, computed once (the same floats).
_TF_LEN = 64
_TF = [0.0, *(_tf(n) for n in range(1, _TF_LEN))]
_NONE: Counter[str] = Counter()  # no words removed


def _take_out(
    terms: dict[str, tuple[int, float, float]],
    sumsq: float,
    first: Counter[str],
    rest: Counter[str],
    weights: Iterator[float],
    rest_weighed: bool,
) -> tuple[float, float]:
    """An article's squared norm ``sumsq`` once the removed units' words (``first``'s,
    then ``rest``'s not in ``first``) are taken out of its ``terms``; and the dot product
    of ``weights`` (one per word visited, ``rest``'s only if ``rest_weighed``) with what
    is left of those words.

    The hottest loop of a parse (called for every paragraph near every candidate run):
    the article's terms come precomputed and the logs from a table, with the same
    arithmetic in the same order, so the sums come out bit for bit as before."""
    logs = _TF
    term = terms.get
    rest_get = rest.get
    dot = 0.0
    # zip asks ``first`` before ``weights``: the weights of ``rest``'s words stay.
    for (w, r), v in zip(first.items(), weights, strict=False):
        t = term(w)
        if t is None:
            continue
        n, g, square = t
        sumsq -= square
        left = n - r - rest_get(w, 0)
        if left > 0:
            x = logs[left] if left < _TF_LEN else _tf(left)
            sumsq += (x * g) ** 2
            dot += v * x * g
    for w, r in rest.items():
        if w in first:
            continue
        v = next(weights) if rest_weighed else 0.0
        t = term(w)
        if t is None:
            continue
        n, g, square = t
        sumsq -= square
        left = n - r
        if left > 0:
            x = logs[left] if left < _TF_LEN else _tf(left)
            sumsq += (x * g) ** 2
            dot += v * x * g
    return sumsq, dot


class Topics:
    """Topic vectors of articles and runs, cached by the exact units they cover."""

    def __init__(self, arts: Sequence[Art] = ()) -> None:
        self._cache: dict[tuple[object, ...], Vector] = {}
        self._counts: dict[tuple[object, ...], Counter[str]] = {}
        # How many stories of this page use each word: a word most stories use ("群众",
        # "资金") tells less about which story a paragraph belongs to.
        # A paragraph printed twice (once in the wrong story) is left out of the count, so
        # its words do not look shared by the two stories.
        self.page_df: Counter[str] = Counter()
        self._sums: dict[tuple[object, ...], tuple[dict[str, tuple[int, float, float]], float]] = {}
        printed = Counter(u.text for art in arts for u in art.units)
        for art in arts:
            if art.title is not None:
                once = [u for u in art.units if printed[u.text] == 1]
                self.page_df.update(set(self._words(once, art.title)))
        # A word's page weight divides by sqrt(max(1, df)): taken once per word of the
        # page here, and a word no two stories share divides by exactly 1.0.
        self._roots = {w: math.sqrt(n) for w, n in self.page_df.items() if n > 1}

    @staticmethod
    def _key(units: Sequence[Unit], title: str | None) -> tuple[object, ...]:
        return (title, *map(id, units), *[len(u.text) for u in units])

    def _words(self, units: Sequence[Unit], title: str | None) -> Counter[str]:
        key = self._key(units, title)
        words = self._counts.get(key)
        if words is None:
            parts = [content_words(u.text) for u in units]
            if title:
                parts.append(content_words(title))
            if len(parts) == 1:
                words = parts[0]  # content_words' own (cached, never changed) counts
            else:
                # Counter.update's own merge, without its per-call checks: the same
                # counts in the same order (the order the sums below add them in).
                words = Counter[str](parts[0] if parts else ())
                get = words.get
                for part in parts[1:]:
                    for w, n in part.items():
                        words[w] = n + get(w, 0)
            self._counts[key] = words
        return words

    def word_count(self, units: Sequence[Unit]) -> int:
        """How many distinct content words ``units`` have."""
        return len(self._words(units, None))

    def of_units(self, units: Sequence[Unit], title: str | None = None) -> Vector:
        key = self._key(units, title)
        vec = self._cache.get(key)
        if vec is None:
            vec = self._cache[key] = self._vector(self._words(units, title))
        return vec

    def of_art(self, art: Art) -> Vector:
        return self.of_units(art.units, art.title)

    def _terms(self, art: Art) -> tuple[dict[str, tuple[int, float, float]], float]:
        """Per word of ``art``: its count, its weight and its term's square; and the sum
        of the squares (the article's squared norm)."""
        key = self._key(art.units, art.title)
        hit = self._sums.get(key)
        if hit is None:
            table, default = idf_table()
            idf, root, logs = table.get, self._roots.get, _TF
            terms = {}
            for w, n in self._words(art.units, art.title).items():
                g = idf(w, default) / root(w, 1.0)
                terms[w] = (n, g, ((logs[n] if n < _TF_LEN else _tf(n)) * g) ** 2)
            total = sum([t[2] for t in terms.values()])
            hit = self._sums[key] = (terms, total)
        return hit

    def sim_without(self, probe: Sequence[Unit], art: Art, removed: Sequence[Unit]) -> float:
        """Cosine of ``probe``'s words with ``art``'s words once ``removed`` (units of
        ``art``) are taken out: ``cosine(of_units(probe), of_art(art minus removed))`` in
        time proportional to the probe and the removed text, not the article."""
        vec = self.of_units(probe)
        if not vec:
            return 0.0
        terms, sumsq = self._terms(art)
        # The removed units' words, counted together, in the order a merge of their counts
        # lists them: the first unit's words, then the others' (the others are often the
        # same run for several probes, as in typical(), and their merge is cached).
        first = content_words(removed[0].text) if removed else _NONE  # what _words gives
        rest = self._words(removed[1:], None) if len(removed) > 1 else _NONE
        # typical() probes with the first removed unit, affinity() with the whole removed
        # run: then the probe's vector lists exactly the words _take_out visits, in its
        # order, and the dot product is summed there (same order, same floats) instead of
        # looking every word up again.
        if removed and (
            (len(probe) == 1 and probe[0] is removed[0])
            or (len(probe) == len(removed) and all(map(operator.is_, probe, removed)))
        ):
            sumsq, dot = _take_out(terms, sumsq, first, rest, iter(vec.values()), len(probe) > 1)
            return dot / math.sqrt(sumsq) if sumsq > 1e-12 else 0.0
        sumsq, _ = _take_out(terms, sumsq, first, rest, repeat(0.0), False)
        if sumsq <= 1e-12:
            return 0.0
        logs = _TF
        term = terms.get
        first_get, rest_get = first.get, rest.get
        dot = 0.0
        for w, v in vec.items():
            t = term(w)
            if t is None:
                continue
            n = t[0] - first_get(w, 0) - rest_get(w, 0)
            if n > 0:
                dot += v * (logs[n] if n < _TF_LEN else _tf(n)) * t[1]
        return dot / math.sqrt(sumsq)

    def _vector(self, words: Counter[str]) -> Vector:
        # The TF-IDF weights, normalised, then this page's scaling, in one pass: no dicts
        # between the steps (the floats are those of doing them one after the other).
        values = tfidf(words)
        norm = math.sqrt(sum([v * v for v in values]))
        if not norm:
            return {}
        if not self.page_df:
            return dict(zip(words, [v / norm for v in values], strict=True))
        root = self._roots.get
        scaled = [v / norm / root(w, 1.0) for w, v in zip(words, values, strict=True)]
        norm = math.sqrt(sum([v * v for v in scaled]))
        return dict(zip(words, [v / norm for v in scaled], strict=True)) if norm else {}

    def typical(self, art: Art, near: Unit, skip: Sequence[Unit] = ()) -> float:
        """How alike ``art``'s own paragraphs usually are: the median similarity of its
        paragraphs nearest ``near`` (``skip`` left out) to the rest of the story. The
        yardstick a run's similarity is compared with, so long and short stories, and
        pages of any style, are judged on their own terms."""
        skipped = {id(u) for u in skip}
        paras = [u for u in art.units if u.type == "paragraph" and id(u) not in skipped]
        if len(paras) < 2:
            return 0.0
        idx = next((n for n, u in enumerate(paras) if u.start >= near.start), len(paras))
        lo = max(0, idx - SAMPLE // 2)
        sample = paras[lo : lo + SAMPLE]
        sims = [self.sim_without([u], art, [u, *skip]) for u in sample]
        return statistics.median(sims)

    def affinity(self, run: Sequence[Unit], art: Art) -> float:
        """``run``'s similarity to the rest of ``art`` relative to the story's own
        paragraphs (1: as alike as they are; 0: nothing in common). -1 when the story is
        too short to say."""
        typ = self.typical(art, run[0], run)
        if typ <= 0:
            return -1.0
        return self.sim_without(run, art, run) / typ

"""The printed conventions of a Chinese city daily, as patterns.

Input is NFKC-normalised by the converter (half-width ``(),:;?!``), but files typed or
saved by other tools may keep full-width forms, so every pattern accepts both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Characters that may end a complete sentence, and closers that may follow them.
SENTENCE_END = "。!?！？…"
CLOSERS = "”’」』)）》】〉\"'"
# A paragraph ending in a colon or semicolon introduces or continues a list; it is complete
# as printed, though weaker evidence than a full stop.
SOFT_END = ":：;；"
# Marks that close a clause: one hanzi before one of them is the end of a clause.
PAUSES = ",，、。;；:："

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RE = re.compile(f"[{_CJK}]")

# Whitespace as the converter leaves it: ASCII, no-break space, ideographic space, BOM,
# and stray line and paragraph separators (U+2028, U+2029, U+0085) inside a line.
WS = " \t\r\n\f\v\u00a0\u3000\ufeff\u200b\u2028\u2029\u0085"
WS_RUN = re.compile(f"[{WS}]+")

HEADING_RE = re.compile(r"^(#{1,6})(?:[ \t\u00a0\u3000]+|$)(.*)$")
BOLD_LINE_RE = re.compile(r"^\*\*(?!\*)(.+?)\*\*$")
BOLD_MARK_RE = re.compile(r"\*\*")

_ROLE = r"(?:(?:本报|本刊)?(?:特约|实习|见习|首席|摄影)?(?:记者|通讯员)|实习生)"
ROLE_RE = re.compile(_ROLE)
_BULLETS = "●◆◇■□▲△◎○•·"

# ●本报记者 王某 / ●本报实习记者 王某 李某 / 本报记者 王某 通讯员 李某
# ●文/图 本报记者 王某 / ●文/本报记者 王某
BYLINE_RE = re.compile(
    rf"^[{_BULLETS}]?\s*(?:[文图](?:\s*/\s*[文图])?\s*/?\s*)?{_ROLE}\s*(?P<names>.+)$"
)
# ■本报记者 王某 摄 / ■王某 摄 / ■本报记者 王某 通讯员 李某 摄影
CREDIT_RE = re.compile(rf"^(?P<bullet>[{_BULLETS}])?\s*(?P<body>.*?)\s*/?\s*摄(?:影)?\s*$")
# (上接第1版) / (下转第3版) / (转第2版)
MARKER_RE = re.compile(
    r"[(（]\s*(?P<dir>上接|下转|接|转)\s*(?P<page>第?\s*[0-9０-９一二三四五六七八九十百]+\s*版)\s*[)）]"
)
# 本报讯(记者 王某) / **本报讯**(记者 王某) / 本报(记者王某) / 本报呼和浩特3月1日讯(…)
# / 新华社北京3月1日电(记者 王某)
DATELINE_RE = re.compile(
    r"^(?:\*\*)?(?:本报[^\s(（*]{0,16}讯|本报|(?:新华社|中新社)[^\s(（*]{0,16}电)(?:\*\*)?"
    r"\s*[(（](?P<inner>[^)）]{1,60})[)）]"
)

# A name as printed in a credit: two to four hanzi, or a transliterated name with a dot.
_NAME_RE = re.compile(f"^(?:[{_CJK}]{{2,4}}|[{_CJK}]{{1,6}}[·・][{_CJK}]{{1,8}})$")


def fold_ws(text: str) -> str:
    """Markup-free display text: ``**`` removed, whitespace runs folded to one space."""
    return WS_RUN.sub(" ", BOLD_MARK_RE.sub("", text)).strip()


# Words printed beside the names in a credit that are not names: ●本报记者 王某 报道,
# ■文/图 本报记者 王某.
_CREDIT_WORDS = frozenset("报道 摄影 摄影报道 文图 图文 文 图 综合 编辑 整理 发自 联合报道".split())


def _tokens(part: str) -> list[str]:
    """A credit's name tokens. A two-character name padded to the width of three
    (``王 某``, ``王\u3000某``) prints as two lone hanzi: they are one name."""
    raw = [t.strip("()（）:：") for t in re.split(r"[\s、,，;；/\u3000]+", part)]
    raw = [t for t in raw if t]
    out: list[str] = []
    i = 0
    while i < len(raw):
        t = raw[i]
        if (
            len(t) == 1
            and CJK_RE.match(t)
            and i + 1 < len(raw)
            and len(raw[i + 1]) == 1
            and CJK_RE.match(raw[i + 1])
        ):
            out.append(t + raw[i + 1])
            i += 2
            continue
        out.append(t)
        i += 1
    return out


def names_in(text: str) -> list[str]:
    """Names from a credit: role words (记者, 通讯员…) split them, spaces and 、 separate them."""
    names: list[str] = []
    for part in ROLE_RE.split(text):
        for token in _tokens(part):
            if (
                token
                and token not in _CREDIT_WORDS
                and _NAME_RE.match(token)
                and token not in names
            ):
                names.append(token)
    return names


def is_name_list(text: str) -> bool:
    """True when ``text`` is nothing but names (and role words): a credit, not prose."""
    tokens = [t for part in ROLE_RE.split(text) for t in _tokens(part) if t not in _CREDIT_WORDS]
    return bool(tokens) and all(_NAME_RE.match(t) for t in tokens)


def byline_names(line: str) -> list[str] | None:
    """Authors if ``line`` is a byline, else None."""
    m = BYLINE_RE.match(line)
    if not m or line.rstrip().endswith(("摄", "摄影")):
        return None
    names = m.group("names")
    if not is_name_list(names):
        return None
    return names_in(names)


def credit_names(line: str) -> list[str] | None:
    """Photographers if ``line`` is a photo credit (``■本报记者 王某 摄``), else None."""
    m = CREDIT_RE.match(line)
    if not m:
        return None
    body = m.group("body")
    if not body or not is_name_list(body):
        return None
    # Without the ■ bullet demand a role word, so a caption ending in 摄 is not a credit.
    if not m.group("bullet") and not ROLE_RE.search(body):
        return None
    return names_in(body)


@dataclass(frozen=True)
class Dateline:
    end: int  # offset just past the closing parenthesis, in the searched text
    authors: list[str]


def dateline(text: str) -> Dateline | None:
    m = DATELINE_RE.match(text)
    if not m:
        return None
    inner = m.group("inner")
    if not ROLE_RE.search(inner):
        return None
    return Dateline(end=m.end(), authors=names_in(inner))


_KICKER_RE = re.compile(
    r"[“”「」《》·・]|——|系列|报道|专栏|专题|一线|进行时|走基层|聚焦|关注|巡礼|纪实|观察|"
    r"访谈|特稿|调查|行动|看变化|新春|基层|开栏|特别"
)


BRACKETED_RE = re.compile(r"^【[^【】]{2,30}】$")


_KICKER_MARKS_RE = re.compile(r"[“”「」《》·・]|——")


def kicker_strength(text: str) -> int:
    """How plainly ``text`` names a column: 2 for a bracketed line or a column word
    (系列报道, 进行时…), 1 for quotes or a middle dot alone (titles have those too), 0."""
    if BRACKETED_RE.match(text) or _KICKER_RE.search(_KICKER_MARKS_RE.sub("", text)):
        return 2
    return 1 if _KICKER_MARKS_RE.search(text) else 0


def looks_like_kicker(text: str) -> bool:
    """A column or campaign label: quoted names, 系列报道, 开局之年·项目建设一线行, 【…】"""
    return bool(_KICKER_RE.search(text) or BRACKETED_RE.match(text))


def normalise_page_ref(ref: str) -> str:
    ref = re.sub(r"\s+", "", ref)
    ref = ref.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    return ref if ref.startswith("第") else "第" + ref


def ends_sentence(text: str) -> bool:
    """Does ``text`` end where a printed paragraph may end?"""
    t = text.rstrip(WS + "*")
    while t and t[-1] in CLOSERS:
        t = t[:-1]
        if t and t[-1] in SENTENCE_END + SOFT_END:
            return True
    return bool(t) and t[-1] in SENTENCE_END + SOFT_END


# Characters a printed paragraph never starts with: the tail of a broken sentence does.
_NO_START = set(",，、。.;；:：!！?？)）”’》」』】%") | set("的了着们吗呢吧")


def starts_mid_sentence(text: str) -> bool:
    t = text.lstrip(WS + "*")
    return bool(t) and t[0] in _NO_START


# A number followed by a measure word or unit is the middle of a sentence ("…贷款" +
# "33亿元"); a paragraph that starts with a number starts with a date ("2025年,").
_UNIT = (
    r"(?:[万亿千百]|余|多|元|个|家|名|人|项|件|所|座|条|处|次|台|辆|套|户|亩|吨|米|公里|平方"
    r"|%|％|倍|岁|天|小时|分钟)"
)
_MID_NUMBER = re.compile(r"^[0-9０-９][0-9０-９.,]*\s*" + _UNIT)
# What follows a number: a block opening with it finishes a number the block before ends on.
UNIT_START = re.compile("^" + _UNIT)
_LATIN_START = re.compile(r"^[A-Za-z]")


# Single hanzi that may well open a sentence before a number: 在2025年, 从3月起, 第1…
_BEFORE_NUMBER_OK = set(
    "在从自至到于对向据按截如将把被让为与和及共约近超达逾仅第每各该此其这今去明上下前后全总新另"
)


def continues_mid_word(text: str) -> bool:
    """Starts the way only the second half of a broken sentence starts."""
    t = text.lstrip(WS + "*")
    if starts_mid_sentence(t) or _MID_NUMBER.match(t) or _LATIN_START.match(t):
        return True
    # A lone hanzi glued to a number ("桩3200余个"): the last character of a word.
    return (
        len(t) > 1
        and CJK_RE.match(t[0]) is not None
        and t[1].isdigit()
        and t[0] not in _BEFORE_NUMBER_OK
    )


# Words a reporter opens a new paragraph with, followed by a comma.
_OPENERS = (
    "此外 另外 同时 与此同时 目前 当前 如今 眼下 近年来 近期 近日 日前 今年 去年 "
    "今年以来 据悉 据了解 据介绍 据统计 其中 对此 为此 因此 然而 不过 随后 此后 "
    "之后 最后 首先 其次 另一方面 一方面 事实上 截至目前 下一步 未来 今后 接下来 "
    "记者了解到 记者注意到 记者看到 当天 当日 昨天 今天 上午 下午 晚上"
).split()
_OPENER_RE = re.compile(
    "^(?:" + "|".join(sorted(map(re.escape, _OPENERS), key=len, reverse=True)) + ")[,，]"
    r"|^[0-9０-９]{4}年(?:[0-9]{1,2}月)?(?:[0-9]{1,2}日)?[,，以起]"
    r"|^[0-9]{1,2}月[0-9]{1,2}日[,，上下晚]"
    r"|^[“「]"
)


def fresh_start(text: str) -> bool:
    """Starts the way a reporter starts a new paragraph."""
    return bool(_OPENER_RE.match(text.lstrip(WS + "*")))

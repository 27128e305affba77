"""People, places and organisations named in a text: jieba's part-of-speech tags,
checked by the shape of Chinese names, plus the user's local-names dictionary.

The words come from :func:`reader.text.segment.cut`, whose cache the parser has already
filled on import, so extraction costs little more than dictionary look-ups. jieba's
dictionary tags many common words as names (城市 ns, 养老 nr), so a tag alone is not
enough: a person needs a surname first, a place a place-word ending or a place this
list knows, an organisation an institution ending. Unknown names that precise mode cuts
into single characters (苏日娜) are found by jieba's new-word model on those short runs.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from reader.paths import resources_dir
from reader.text import segment

Kind = Literal["person", "place", "org"]
KINDS: tuple[Kind, ...] = ("person", "place", "org")

# The most common Chinese surnames (single and double), enough to tell 王建国 from 养老.
_SURNAMES_1 = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左"
    "柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶"
    "解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬"
    "边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝乌云额"
)
_SURNAMES_2 = {
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "长孙",
    "宇文",
}
_PERSON_TITLES = ("女士", "先生", "老人", "师傅", "大爷", "大妈", "阿姨")
_PLACE_ENDINGS = (
    *"省市区县旗盟镇乡村街路道巷河湖山海岛港湾州屯寨苏木嘎查园桥站场馆寺庙",
    *"自治区 开发区 新区 社区 小区 广场 公园 大街 胡同".split(),
)
_ORG_ENDINGS = (
    *"局委院厅部办所校社署行团队会",
    *"公司 集团 银行 医院 大学 学院 中学 小学 中心 协会 法院 检察院".split(),
    *"政府 委员会 研究所 管理处 合作社".split(),
)
# Places a reader recognises without an ending: provinces and large cities.
_KNOWN_PLACES = set(
    "北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 "
    "广东 海南 四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门 中国 "
    "包头 鄂尔多斯 赤峰 通辽 呼伦贝尔 巴彦淖尔 乌兰察布 乌海 锡林郭勒 兴安 阿拉善 呼和浩特 "
    "广州 深圳 成都 杭州 南京 武汉 西安 沈阳 长春 哈尔滨 济南 郑州 长沙 合肥 福州 南昌 太原 "
    "石家庄 兰州 西宁 银川 乌鲁木齐 拉萨 昆明 贵阳 南宁 海口 大连 青岛 厦门 宁波 苏州".split()
)
_NAME_TAGS = {"nr": "person", "nrfg": "person", "nrt": "person", "ns": "place", "nt": "org"}
_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
_MAX_RUN = 4  # characters of single-character words handed to the new-word model at once
# Function characters are never part of a name: they end a run.
_FUNCTION_CHARS = set("的了在是和与及对为把被等也都就而或从向到于以将之其这那有不个们上下中说")

_tags_lock = threading.Lock()
_tags: dict[str, str] | None = None
_curated: dict[str, str] = {}  # Pizhu's own user dictionary: tags trusted as given


def _tag_table() -> dict[str, str]:
    """word → jieba POS tag, from jieba's dictionary and Pizhu's user dictionary."""
    global _tags
    if _tags is not None:
        return _tags
    with _tags_lock:
        if _tags is None:
            import jieba.posseg

            table: dict[str, str] = dict(jieba.posseg.dt.word_tag_tab)
            user = resources_dir() / segment.USER_DICT
            if user.is_file():
                for line in user.read_text(encoding="utf-8").splitlines():
                    parts = line.split()
                    if len(parts) == 3 and parts[2] in _NAME_TAGS:
                        table[parts[0]] = parts[2]
                        _curated[parts[0]] = parts[2]
            _tags = table
    return _tags


# jieba's corpus saw real names rarely; a word tagged nr it saw often is a common word
# (文明, 高峰, 马拉松) that also served as a name.
_COMMON_WORD = 20


def kind_of(value: str) -> Kind:
    for k in KINDS:
        if k == value:
            return k
    raise ValueError(f"not a kind of name: {value!r}")


def _is_person(word: str) -> bool:
    if not 2 <= len(word) <= 4 or not _HAN.match(word) or segment.word_freq(word) >= _COMMON_WORD:
        return False
    if word.endswith(_PERSON_TITLES):
        return len(word) == 3 and word[0] in _SURNAMES_1
    if word[:2] in _SURNAMES_2:
        return len(word) in (3, 4)
    return word[0] in _SURNAMES_1 and len(word) in (2, 3)


def _is_place(word: str) -> bool:
    return len(word) >= 2 and (
        word in _KNOWN_PLACES or (len(word) >= 3 and word.endswith(_PLACE_ENDINGS))
    )


def _is_org(word: str) -> bool:
    return len(word) >= 3 and word.endswith(_ORG_ENDINGS)


_CHECKS = {"person": _is_person, "place": _is_place, "org": _is_org}


def classify(word: str, tag: str | None) -> Kind | None:
    """The kind of name ``word`` is, given jieba's tag for it, or None."""
    if tag is None or tag not in _NAME_TAGS:
        return None
    kind: Kind = _NAME_TAGS[tag]  # type: ignore[assignment]
    if _curated.get(word) == tag or _CHECKS[kind](word):
        return kind
    return None


@lru_cache(maxsize=65536)
def _new_words(run: str) -> tuple[str, ...]:
    """Words jieba's new-word model (the 4-state HMM) finds in a run of single characters."""
    import jieba.finalseg

    return tuple(w for w in jieba.finalseg.cut(run) if len(w) >= 2)


@dataclass(frozen=True)
class Mention:
    name: str
    kind: Kind
    count: int


def candidates(text: str) -> Counter[tuple[str, Kind]]:
    """Names jieba finds in ``text``, with how often each occurs."""
    return candidates_of(segment.cut(text))


_SINGLE = "single"  # a character that may start or continue an unknown name


@lru_cache(maxsize=262144)
def _word_class(word: str) -> str | None:
    """What a word is to the scan: a name kind, a run character, or nothing."""
    if len(word) == 1:
        return _SINGLE if _HAN.match(word) and word not in _FUNCTION_CHARS else None
    return classify(word, _tag_table().get(word))


def _is_single(word: str) -> bool:
    return _word_class(word) is _SINGLE


def candidates_of(words: Iterable[str]) -> Counter[tuple[str, Kind]]:
    """Names among ``words`` (a precise-mode cut), with how often each occurs.

    Known words are classified once per distinct word. Unknown names are looked for
    only where a surname stands alone at the start of a run of single characters
    (苏/日/娜): up to four of them go to jieba's new-word model.
    """
    seq = words if isinstance(words, list) else list(words)
    counts = Counter(seq)
    found: Counter[tuple[str, Kind]] = Counter()
    for word, n in counts.items():
        cls = _word_class(word)
        if cls is not None and cls is not _SINGLE:
            found[(word, cls)] += n  # type: ignore[index]
    if _SURNAMES_1.isdisjoint(counts):
        return found
    last = len(seq) - 1
    for i in [i for i, w in enumerate(seq) if w in _SURNAMES_1]:
        if i == last or (i and _is_single(seq[i - 1])) or not _is_single(seq[i + 1]):
            continue  # not the start of a run of two or more single characters
        j = i + 1
        while j < len(seq) and j - i < _MAX_RUN and _is_single(seq[j]):
            j += 1
        for word in _new_words("".join(seq[i:j])):
            # Two-character new words are mostly not names (万人, 车内); full names are 3.
            if len(word) == 3 and _is_person(word):
                found[(word, "person")] += 1
    return found


@dataclass(frozen=True)
class Dictionary:
    """The user's local names: name → (kind, canonical name)."""

    names: Mapping[str, tuple[Kind, str]]

    def pattern(self) -> re.Pattern[str] | None:
        if not self.names:
            return None
        # Longest first, so 呼和浩特市 wins over 呼和浩特.
        alts = sorted(self.names, key=len, reverse=True)
        return re.compile("|".join(re.escape(n) for n in alts))


def resolve(
    found: Counter[tuple[str, Kind]], text: str, dictionary: Dictionary, pattern: Any = None
) -> list[Mention]:
    """Merge jieba's names with the dictionary's, aliases mapped to their canonical names.

    A dictionary name found in the text counts once per occurrence; a jieba name that
    the dictionary also lists takes the dictionary's kind and canonical name.
    """
    merged: Counter[tuple[str, Kind]] = Counter()
    listed: Counter[str] = Counter()
    pat = pattern if pattern is not None else dictionary.pattern()
    if pat is not None:
        for m in pat.finditer(text):
            listed[m.group(0)] += 1
    for name, n in listed.items():
        kind, canonical = dictionary.names[name]
        merged[(canonical, kind)] += n
    for (name, kind), n in found.items():
        if name in dictionary.names or any(name in other for other in listed):
            continue  # counted through the dictionary already
        merged[(name, kind)] += n
    return [Mention(name, kind, n) for (name, kind), n in sorted(merged.items())]


def extract(text: str, dictionary: Dictionary | None = None) -> list[Mention]:
    """Every person, place and organisation named in ``text``."""
    return resolve(candidates(text), text, dictionary or Dictionary({}))

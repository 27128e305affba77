"""The shared jieba tokenizer: lazy, with our dictionary, and search mode unchanged."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.text import segment

TEXT = st.text(
    alphabet=st.sampled_from(
        list("呼和浩特市赛罕区新建公园充电桩中华人民共和国科技创新 ,。PM2.5ab的了")
    ),
    max_size=60,
)


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_words_are_jiebas_without_whitespace(text: str) -> None:
    tok = segment.tokenizer()
    assert segment.cut(text) == [w for w in tok.cut(text, HMM=False) if not w.isspace()]
    search = [w for w in tok.cut_for_search(text, HMM=False) if not w.isspace()]
    assert segment.cut_for_search(text) == search


def test_user_dictionary_keeps_local_names_whole() -> None:
    assert "赛罕区" in segment.cut("赛罕区新建口袋公园")
    assert "内蒙古博物院" in segment.cut("市民走进内蒙古博物院参观")


def test_importing_the_text_package_does_not_load_jieba() -> None:
    code = (
        "import sys, reader.text.segment, reader.text.topics\n"
        "assert 'jieba' not in sys.modules, 'jieba loaded at import'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)

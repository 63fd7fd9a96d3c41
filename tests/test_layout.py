"""Layout lines stay in the text but are not mistaken for content."""

from __future__ import annotations

from newsextract.layout import DEFAULT_PATTERNS, find_masked, load_patterns


def test_masked_spans_of_the_seed_masthead(seed_text: str) -> None:
    spans = find_masked(seed_text, load_patterns(DEFAULT_PATTERNS))
    assert [seed_text[s:e] for s, e in spans] == ["青岛观", "观海新闻"]


def test_truncated_app_line_gives_no_place_but_a_whole_name_survives(pipe, seed_text: str) -> None:
    record = pipe.extract(seed_text)
    first = seed_text.index("客户端:青岛观")
    in_fragment = [e for e in record.entities if first <= e.start < first + len("客户端:青岛观")]
    assert in_fragment == []  # 青岛 inside the truncated 青岛观 is not a place mention
    app = seed_text.index("观海新闻")
    assert any(e.start == app and e.text == "观海新闻" and e.label == "ORG" for e in record.entities)


def test_urls_are_masked(pipe) -> None:
    text = "烟台经济技术开发区\n\nOriginal URL: http://lib.sdsqw.cn/bin/mse.exe?seachword=&K=d60\n\n青岛市"
    record = pipe.extract(text)
    url = text.index("http")
    assert all(not (e.start < len(text) and url <= e.start < text.index("\n\n青岛")) for e in record.entities)
    assert [e.text for e in record.entities if e.label == "LOC"][-1:] == ["青岛市"]

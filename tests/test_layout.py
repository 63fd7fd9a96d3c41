"""Layout lines stay in the text but are not mistaken for content."""

from __future__ import annotations

import pytest

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


@pytest.mark.parametrize(("line", "masked"), [
    ("香港商报官网 > 湖北 > 每日经济", True),
    ("当前位置 >> 园区介绍", True),
    ("> 大灣區", True),
    ("您现在的位置:海峡网>新闻中心>福建频道>闽南新闻>厦门新闻", True),
    # a comparison in a sentence or on a short line of its own is content
    ("容积率>1.3的地块，位于青岛。", False),
    ("增长率>5%", False),
])
def test_breadcrumb_lines_are_masked(line, masked):
    spans = find_masked(line, load_patterns())
    assert (spans == [(0, len(line))]) is masked


def test_no_entity_from_a_breadcrumb(pipe):
    text = "香港商报官网 > 湖北 > 每日经济\n湖北省武汉市东湖高新区举行签约仪式。"
    ents = [(e.label, e.text) for e in pipe.extract(text).entities]
    assert ("LOC", "湖北") not in ents and not any(t.startswith("香港商报") for _, t in ents)
    assert ("LOC", "湖北省") in ents


def test_keyword_lines_and_sidebars_of_other_articles_are_noise(pipe):
    text = ("西安高新区工业总产值突破6000亿元。\n关键词：园区 招商 长春\n\n"
            "相关新闻\n· 西安高新区发布2024年重点项目清单\n· 陕西省20个项目集中开工\n")
    ents = [(e.label, e.text, e.start) for e in pipe.extract(text).entities if e.label in ("PARK", "LOC")]
    assert ents == [("PARK", "西安高新区", 0)]


def test_a_sidebar_ends_at_a_blank_line(pipe):
    text = "相关阅读\n· 某园区新闻\n\n长沙经开区今年新签约项目30个。"
    assert [e.text for e in pipe.extract(text).entities if e.label == "PARK"] == ["长沙经开区"]

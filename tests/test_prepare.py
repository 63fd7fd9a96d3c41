"""Text preparation keeps an exact offset map back to the raw text."""

from __future__ import annotations

from newsextract.prepare import prepare, repair_breaks


def test_seed_broken_words_are_rejoined_and_map_back(seed_text: str) -> None:
    p = prepare(seed_text)
    for word in ("新兴产业与传统产业", "企业和机构110余家"):
        assert word in p.text
        s = p.text.rindex(word)  # the body's mention; the summary list has one without the break
        rs, re_ = p.to_raw(s, s + len(word))
        raw = seed_text[rs:re_]
        assert "\n\n" in raw and raw.replace("\n", "") == word
    # every other character maps to itself
    assert len(seed_text) - len(p.text) == 4
    for i, ch in enumerate(p.text):
        assert seed_text[p.raw_index[i]] == ch or ord(seed_text[p.raw_index[i]]) - 0xFEE0 == ord(ch)


def test_headlines_credits_and_sentences_are_not_joined(seed_text: str) -> None:
    p = prepare(seed_text)
    assert "韩婷\n\n集群成链" in p.text  # a credits line before the headline
    assert "园区\n\n创新产业链" in p.text  # headline and deck
    assert "影响长远。\n\n锚定" in p.text  # a paragraph that ends with 。


def test_hard_wrapped_yearbook_lines_are_rejoined() -> None:
    raw = "【概况】烟台经济技术开发区于1985年3月20日动工兴建,规划面积36平方公里。20\n02年9月19日,烟台市政府对开发区进行区划调整。"
    p = prepare(raw)
    assert "2002年9月19日" in p.text
    s = p.text.index("2002年9月19日")
    rs, re_ = p.to_raw(s, s + len("2002年9月19日"))
    assert raw[rs:re_] == "20\n02年9月19日"


def test_short_lines_and_headlines_are_left_alone() -> None:
    raw = "11個項目集中籤約 光博會首日光谷招商引資結碩果\n\n2019-11-13\n来源:香港商报网"
    assert repair_breaks(raw) == []


def test_traditional_to_simplified_keeps_offsets() -> None:
    raw = "廣州動工和簽約59個項目 總投資超千億元"
    p = prepare(raw)
    assert p.text == "广州动工和签约59个项目 总投资超千亿元"
    assert p.raw_index == tuple(range(len(raw)))
    s = p.text.index("59个")
    assert raw[slice(*p.to_raw(s, s + 3))] == "59個"


def test_fullwidth_ascii_becomes_halfwidth() -> None:
    raw = "投资２０２２万元，增长１５．６％"
    p = prepare(raw)
    assert p.text == "投资2022万元,增长15.6%"
    s = p.text.index("15.6%")
    assert raw[slice(*p.to_raw(s, s + 5))] == "１５．６％"


def test_options_switch_steps_off() -> None:
    raw = "廣州，新\n\n兴"
    assert prepare(raw, repair_layout=False, simplify=False).text == "廣州,新\n\n兴"

"""LOC for towns, villages and street-office areas (recognizers/localities.py)."""

from __future__ import annotations

import pytest


def _locs(pipe, text: str) -> list[str]:
    return [e.text for e in pipe.extract(text).entities if e.label == "LOC" and e.source != "ner"]


@pytest.mark.parametrize("text, locality", [
    ("江阴华西村的企业集团年营收超过500亿元。", "华西村"),
    ("深圳南山区西丽街道聚集了一批高校和科技企业。", "西丽街道"),
    ("茅台镇的酱香酒产业集群年产值突破千亿元。", "茅台镇"),
    ("东莞长安镇的电子信息产业规模持续扩大。", "长安镇"),
    ("晋江陈埭镇的鞋业企业纷纷布局跨境电商。", "陈埭镇"),
])
def test_named_towns_villages_and_streets(pipe, text, locality):
    assert locality in _locs(pipe, text)


def test_the_office_of_a_street_names_the_place_without_its_suffix(pipe):
    assert "大季家" in _locs(pipe, "将大季家街道办事处划归开发区管理。")


@pytest.mark.parametrize("text", [
    "推进城镇化建设，该村村民收入明显提高。",
    "全镇共有企业120家，新农村建设成效明显。",
    "各地加快特色小镇建设。",
    "请大家先到街道报到。",
])
def test_common_nouns_ending_in_town_or_village_are_not_places(pipe, text):
    assert not any(w.endswith(("镇", "村", "乡", "街道")) for w in _locs(pipe, text))


@pytest.mark.parametrize("text", ["打造智美镇江，建设美丽镇江。", "智美镇\n江"])
def test_a_suffix_that_starts_a_city_is_no_locality(pipe, text):
    locs = _locs(pipe, text)
    assert not any(w.endswith("镇") for w in locs)

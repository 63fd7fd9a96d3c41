"""Gazetteers (recognizers/gazetteer.py): file formats, matching, jieba dictionary, user files, resolver policy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsextract.candidates import Candidate
from newsextract.recognizers.gazetteer import (
    CharMatcher,
    GazetteerError,
    GazetteerMatcher,
    place_files,
    read_gazetteer,
)
from newsextract.resolve import DEFAULT_PRIORITIES, select


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# -- file formats ---------------------------------------------------------------------

def test_csv_and_jsonl_with_aliases(tmp_path):
    csv_file = _write(tmp_path / "mine.csv", "name,label,aliases\n金鼎魔方科技园,PARK,魔方园|金鼎园\n")
    jsonl_file = _write(tmp_path / "mine.jsonl",
                        json.dumps({"name": "青岛星河电子有限公司", "label": "company",
                                    "aliases": ["星河电子"]}, ensure_ascii=False) + "\n")
    (park,) = read_gazetteer(csv_file)
    assert (park.name, park.label, park.aliases) == ("金鼎魔方科技园", "PARK", ("魔方园", "金鼎园"))
    (comp,) = read_gazetteer(jsonl_file)
    assert (comp.name, comp.label, comp.aliases) == ("青岛星河电子有限公司", "COMPANY", ("星河电子",))


@pytest.mark.parametrize(("name", "content", "message"), [
    ("bad.csv", "name,label\n金鼎园,FACTORY\n", "label 'FACTORY'"),
    ("bad2.csv", "名称,类型\n金鼎园,PARK\n", "columns name,label"),
    ("bad.jsonl", '{"name": "金鼎园", "label": "PARK"}\nnot json\n', "bad.jsonl:2: not JSON"),
    ("bad.txt", "金鼎园\n", ".csv or .jsonl"),
])
def test_malformed_files_give_clear_errors(tmp_path, name, content, message):
    with pytest.raises(GazetteerError, match=message.replace("(", r"\(")):
        read_gazetteer(_write(tmp_path / name, content))


def test_missing_file(tmp_path):
    with pytest.raises(GazetteerError, match="not found"):
        read_gazetteer(tmp_path / "nope.csv")


def test_packaged_place_gazetteer_has_divisions_and_regions():
    names = {}
    for path in place_files():
        for e in read_gazetteer(path):
            names[e.name] = e.aliases
    assert names["青岛市"] == ("青岛",)
    assert names["广西壮族自治区"] == ("广西",)
    assert "崂山" in names["崂山区"]
    assert names["和平区"] == ()  # an ordinary word is not an alias
    for region in ("长三角", "胶东半岛", "中国北方", "亚太地区", "华东"):
        assert region in names
    size = sum(p.stat().st_size for p in place_files())
    assert size < 400_000


# -- matching -------------------------------------------------------------------------

def test_char_matcher_is_leftmost_longest():
    m = CharMatcher({"一汽": ("COMPANY", "s"), "一汽-大众": ("COMPANY", "s"), "大众": ("COMPANY", "s")})
    assert m.find("包括一汽-大众华东基地和一汽集团") == [(2, 7, "COMPANY", "s"), (12, 14, "COMPANY", "s")]


def test_user_gazetteer_is_matched_and_kept_whole_by_jieba(pipe, tmp_path):
    path = _write(tmp_path / "user.csv", "name,label,aliases\n金鼎魔方科技园,PARK,\n星河电子,COMPANY,\n")
    comp = GazetteerMatcher([str(path)])
    text = "金鼎魔方科技园与星河电子签约。"
    doc = pipe.nlp.make_doc(text)
    assert "金鼎魔方科技园" in [t.text for t in doc]  # jieba now keeps the name whole
    doc = comp(doc)
    got = {(text[c.start:c.end], c.label, c.source) for c in doc._.ne_candidates}
    assert ("金鼎魔方科技园", "PARK", "gazetteer:user") in got
    assert ("星河电子", "COMPANY", "gazetteer:user") in got


def test_place_inside_a_dictionary_word_is_not_a_place(pipe):
    comp = pipe.nlp.get_pipe("newsextract_gazetteer")
    text = "国内生产总值突破100亿元大关。山东半岛和胶东半岛都在发展。"
    doc = comp(pipe.nlp.make_doc(text))
    places = [text[c.start:c.end] for c in doc._.ne_candidates if c.source.startswith("places:")]
    assert "胶东半岛" in places and "山东半岛" in places
    assert "山东" not in places  # inside 山东半岛 (leftmost-longest)


def test_places_inside_longer_names_do_not_break_them(pipe):
    rec = pipe.extract("青岛集成电路产业园当前已洽谈落户产业链项目14个，将加快建设中国北方重要的集成电路产业高地。")
    ents = [(e.label, e.text, e.source) for e in rec.entities if e.label in ("PARK", "LOC") and e.source != "ner"]
    assert ents == [("PARK", "青岛集成电路产业园", "rules:parks"), ("LOC", "中国北方", "places:regions")]


# -- resolver policy with these sources --------------------------------------------------

def test_resolver_ranks_rules_and_gazetteers_over_places_over_ner():
    cands = [
        Candidate(0, 2, "LOC", "places:divisions"),            # 青岛
        Candidate(0, 9, "PARK", "rules:parks"),                # 青岛集成电路产业园
        Candidate(0, 4, "ORG", "ner", 0.5),
        Candidate(20, 25, "COMPANY", "rules:companies"),
        Candidate(20, 23, "COMPANY", "gazetteer:companies"),   # same tier: the longer span wins
        Candidate(30, 33, "COMPANY", "ner", 0.9),
        Candidate(30, 33, "ORG", "gazetteer:orgs"),            # a gazetteer beats the NER
        Candidate(40, 43, "LOC", "places:divisions"),          # 山东省
        Candidate(40, 42, "LOC", "ner", 0.5),                  # the NER's 山东: the place list's boundary wins
    ]
    kept = select(cands, DEFAULT_PRIORITIES, yield_inside=("places",))
    assert [(c.start, c.end, c.source) for c in kept] == [
        (0, 9, "rules:parks"), (20, 25, "rules:companies"), (30, 33, "gazetteer:orgs"),
        (40, 43, "places:divisions"),
    ]


def test_a_place_yields_to_a_name_that_contains_it():
    # text: 山东大学与湖北省武汉市东湖高新区管委会党工委
    shandong_daxue = Candidate(0, 4, "ORG", "ner", 0.5)
    cands = [
        Candidate(0, 2, "LOC", "places:divisions"),            # 山东 inside the NER's ORG 山东大学
        shandong_daxue,
        Candidate(5, 8, "LOC", "places:divisions"),            # 湖北省
        Candidate(8, 11, "LOC", "places:divisions"),           # 武汉市
        Candidate(5, 19, "ORG", "ner", 0.5),                   # 湖北省武汉市东湖高新区管委会 (loses below)
        Candidate(11, 22, "ORG", "rules:parks", 0.9),          # 东湖高新区管委会党工委
    ]
    kept = select(cands, DEFAULT_PRIORITIES, yield_inside=("places",))
    assert [(c.start, c.end, c.label) for c in kept] == [
        (0, 4, "ORG"), (5, 8, "LOC"), (8, 11, "LOC"), (11, 22, "ORG"),
    ]
    # without the containment step the place would cut the NER's name
    kept = select(cands, DEFAULT_PRIORITIES)
    assert shandong_daxue not in kept


def test_configured_priorities_match_the_documented_policy(pipe):
    resolver = pipe.nlp.get_pipe("newsextract_resolver")
    prios = resolver.priorities
    assert prios["rules"] == prios["gazetteer"] > prios["places"] > prios["ner"]
    assert resolver.yield_inside == ("places",)


# -- the command line ----------------------------------------------------------------------

def test_cli_gazetteer_option(tmp_path, capsys):
    from newsextract.cli import main

    gaz = _write(tmp_path / "my_parks.csv", "name,label,aliases\n金鼎魔方科技园,PARK,魔方园\n")
    art = _write(tmp_path / "a.txt", "魔方园今年新签约项目12个。")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(art), "-o", str(out), "--gazetteer", str(gaz)]) == 0
    rec = json.loads(out.read_text(encoding="utf-8"))
    assert [(e["label"], e["text"], e["source"]) for e in rec["entities"] if e["label"] == "PARK"] == [
        ("PARK", "魔方园", "gazetteer:my_parks")
    ]
    bad = _write(tmp_path / "bad.csv", "name,label\n魔方园,FACTORY\n")
    assert main(["extract", str(art), "-o", str(out), "--gazetteer", str(bad)]) == 2
    assert "label 'FACTORY'" in capsys.readouterr().err


def test_place_with_direction_or_county_town_is_one_loc(pipe):
    rec = pipe.extract("新项目位于合肥南部。“新津县城的东南边还到处都是农田。”")
    locs = [(e.label, e.text) for e in rec.entities if e.label == "LOC" and e.source != "ner"]
    assert locs == [("LOC", "合肥南部"), ("LOC", "新津县城")]


# -- packaged lists of national bodies, media, international organisations, major companies --

def _gazetteer_hits(pipe, text: str) -> list[tuple[str, str, str]]:
    comp = pipe.nlp.get_pipe("newsextract_gazetteer")
    doc = comp(pipe.nlp.make_doc(text))
    return [(text[c.start:c.end], c.label, c.source) for c in doc._.ne_candidates
            if c.source.startswith("gazetteer:")]


def test_central_bodies_by_their_short_forms(pipe):
    text = "国家发改委、工信部、证监会等部门近日联合印发通知，央行同日宣布下调存款准备金率0.25个百分点。"
    assert _gazetteer_hits(pipe, text) == [
        ("国家发改委", "ORG", "gazetteer:central_bodies"),
        ("工信部", "ORG", "gazetteer:central_bodies"),
        ("证监会", "ORG", "gazetteer:central_bodies"),
        ("央行", "ORG", "gazetteer:central_bodies"),
    ]
    text = "国家统计局15日发布数据，全国人大常委会和中央纪委国家监委也作了部署。"
    assert [h[0] for h in _gazetteer_hits(pipe, text)] == ["国家统计局", "全国人大常委会", "中央纪委", "国家监委"]


def test_banks_and_companies(pipe):
    text = "工行、建行、农行、中行和交行五大行去年净利润合计超过1.2万亿元，招商银行和宁德时代也发布了年报。"
    hits = _gazetteer_hits(pipe, text)
    assert [h[0] for h in hits] == ["工行", "建行", "农行", "中行", "交行", "招商银行", "宁德时代"]
    assert {h[1] for h in hits} == {"COMPANY"}
    assert hits[0][2] == "gazetteer:major_companies"


def test_media_and_international_organisations(pipe):
    text = "据新华社报道，国际货币基金组织（IMF）和世贸组织分别上调了预测；每经记者从欧洲央行获悉。"
    assert _gazetteer_hits(pipe, text) == [
        ("新华社", "ORG", "gazetteer:media"),
        ("国际货币基金组织", "ORG", "gazetteer:international_orgs"),
        ("IMF", "ORG", "gazetteer:international_orgs"),
        ("世贸组织", "ORG", "gazetteer:international_orgs"),
        ("每经", "ORG", "gazetteer:media"),
        ("欧洲央行", "ORG", "gazetteer:international_orgs"),  # not 央行 (the People's Bank)
    ]


@pytest.mark.parametrize("text", [
    "这是今年最美的风景，也是大众创业、万众创新的成果。",  # 美的, 大众: not listed
    "推动金融创新，防范高通胀风险。",                      # 融创, 高通: dropped aliases
    "店铺位于上海南京东路步行街。",                        # 京东: only 京东集团 is listed
    "要加强生态环境保护，其中粮食产量稳中有增。",           # 强生, 中粮: only the longer names
    "这是他的个人行为，美国国家航空航天局随后作出回应。",    # 人行, 国航: not listed
])
def test_ordinary_words_do_not_match_company_or_org_aliases(pipe, text):
    assert _gazetteer_hits(pipe, text) == []


def test_longer_name_takes_the_characters_of_a_bank(pipe):
    text = "中国银行业协会与中国银行保险监督管理委员会联合发布报告。"
    assert _gazetteer_hits(pipe, text) == [
        ("中国银行业协会", "ORG", "gazetteer:central_bodies"),
        ("中国银行保险监督管理委员会", "ORG", "gazetteer:central_bodies"),
    ]


def test_packaged_files_list_each_surface_once():
    from newsextract.recognizers.gazetteer import default_files, token_files

    seen: dict[str, str] = {}
    for path in [*default_files(), *token_files()]:
        for entry in read_gazetteer(path):
            for surface in entry.surfaces():
                assert surface not in seen, f"{surface} in {path.name} and {seen[surface]}"
                seen[surface] = path.name
    assert len(seen) > 600


def test_known_name_running_on_into_an_ordinary_word_is_not_matched(pipe):
    text = "财政部门加强监管，财政部发布通知；中国建筑业增长，中国建筑中标；中国银行业利润增长。"
    ents = [(e.label, e.text) for e in pipe.extract(text).entities if e.source != "ner"]
    assert ents == [("ORG", "财政部"), ("LOC", "中国"), ("COMPANY", "中国建筑"), ("LOC", "中国")]


@pytest.mark.parametrize(("text", "locs"), [
    ("会议在京举行。", ["京"]),
    ("奥迪打造在华首个专门生产纯电动汽车的生产基地。", ["华"]),
    ("公司赴美上市，外资来华投资，驻华大使出席。", ["美", "华", "华"]),
    # not inside another word, not in idioms, not before a known name
    ("她在美容院工作，来日方长，京台高速通车，美元走强。", []),
    ("来华为总部参观。", []),
])
def test_one_character_place_abbreviations_after_a_verb_of_place(pipe, text, locs):
    assert [e.text for e in pipe.extract(text).entities if e.label == "LOC" and e.source != "ner"] == locs


@pytest.mark.parametrize("text, loc, absent", [
    ("葡萄牙人奎罗斯的离开，是曼联的损失。", "葡萄牙", None),
    ("不仅是在广州地区，中信银行多家分行都可以开展此项交易。", "广州", None),
    ("在接受香港媒体代表团采访时，他表示将继续推进。", "香港", None),
    ("他穿着一身中山装出席了活动。", None, "中山"),
])
def test_a_place_with_a_follower_word_in_one_jieba_token(pipe, text, loc, absent):
    locs = [e.text for e in pipe.extract(text).entities if e.label == "LOC" and e.source != "ner"]
    if loc:
        assert loc in locs
    if absent:
        assert absent not in locs


# -- listed companies by their short (stock) names (major_companies.csv, second block) ---------

def test_listed_companies_by_their_short_names(pipe):
    text = "今年前三季度，宁德时代、比亚迪、亿纬锂能的动力电池装车量位居前列，赣锋锂业和天齐锂业则受锂价下跌拖累。"
    assert [h[0] for h in _gazetteer_hits(pipe, text)] == ["宁德时代", "比亚迪", "亿纬锂能", "赣锋锂业", "天齐锂业"]
    text = "恒瑞医药、药明康德和迈瑞医疗的市值均超过千亿元，贵州茅台、五粮液、泸州老窖领涨白酒板块。"
    assert [h[0] for h in _gazetteer_hits(pipe, text)] == [
        "恒瑞医药", "药明康德", "迈瑞医疗", "贵州茅台", "五粮液", "泸州老窖"]
    text = "赛力斯与华为合作的问界汽车在重庆下线，上汽通用五菱、华晨宝马和中国重汽也公布了10月销量。"
    hits = _gazetteer_hits(pipe, text)
    assert [h[0] for h in hits] == ["赛力斯", "华为", "上汽通用五菱", "华晨宝马", "中国重汽"]
    assert {h[1] for h in hits} == {"COMPANY"}


def test_legal_names_and_short_forms_of_one_company(pipe):
    text = "福耀玻璃工业集团股份有限公司发布公告称，福耀将在美国俄亥俄州扩建工厂，福耀玻璃股价随即上涨。"
    assert [h[0] for h in _gazetteer_hits(pipe, text)] == ["福耀玻璃工业集团股份有限公司", "福耀", "福耀玻璃"]
    text = "中国卫星网络集团有限公司（中国星网）与中国航发、中国中免等央企在雄安新区设立总部。"
    assert [h[0] for h in _gazetteer_hits(pipe, text)][:4] == ["中国卫星网络集团有限公司", "中国星网", "中国航发", "中国中免"]


def test_a_brand_with_its_business_line_is_one_company(pipe):
    text = "华为云、浪潮云和江铃集团新能源在贵安新区签约，华润置地将负责园区配套建设。"
    hits = [(h[0], h[1]) for h in _gazetteer_hits(pipe, text)]
    assert ("华为云", "COMPANY") in hits and ("浪潮云", "COMPANY") in hits
    assert ("江铃集团新能源", "COMPANY") in hits and ("华润置地", "COMPANY") in hits
    assert ("华为", "COMPANY") not in hits and ("华润", "COMPANY") not in hits


@pytest.mark.parametrize("text", [
    "公司董事长和总经理出席了签约仪式，今天合作双方还参观了生产线。",  # 长和, 天合: not listed
    "他呼吁数百万华侨华人以友好的态度回应，对方太过强调表达能力。",    # 万华, 用友, 方太, 达能
    "这家企业招聘了一批博士和硕士，推广达到预期，机电装备出口增长。",  # 和硕, 广达, 电装
    "这一结果对曼联影响不大，远景目标纲要已经公布。",                  # 联影, 远景
])
def test_short_forms_dropped_from_the_listed_companies_do_not_match(pipe, text):
    # neither as aliases nor as whole-token short names (jieba cuts 对方/太过, 博士/和/硕士 …)
    assert [h for h in _gazetteer_hits(pipe, text)
            if h[2] in ("gazetteer:major_companies", "gazetteer:short_names")] == []


@pytest.mark.parametrize("text, hits", [
    ("京东相关负责人表示，格力电器和格力都在扩产。", [("京东", "COMPANY"), ("格力电器", "COMPANY"), ("格力", "COMPANY")]),
    ("伊利旗下品牌增长，宜家中国公关总监表示欢迎。", [("伊利", "COMPANY"), ("宜家", "COMPANY")]),
    # inside or across other words: 南京/东路, 价格/力度, 伊利诺伊
    ("他沿着南京东路步行，价格力度空前，伊利诺伊州也有报道。", []),
])
def test_whole_token_short_names(pipe, text, hits):
    assert sorted((t, lab) for t, lab, _ in _gazetteer_hits(pipe, text)) == sorted(hits)


def test_listed_names_running_on_into_ordinary_words_are_not_matched(pipe):
    text = "中国化学会与中国化学工业协会发布报告；北京现代化建设加快；美国银行界人士表示担忧。"
    companies = [e.text for e in pipe.extract(text).entities if e.label == "COMPANY" and e.source != "ner"]
    assert companies == []
    text = "中国化学中标该项目，北京现代销量增长。"
    companies = [e.text for e in pipe.extract(text).entities if e.label == "COMPANY"]
    assert companies == ["中国化学", "北京现代"]

"""PERSON names after role, title and credit words, on real bylines and sentences."""

from __future__ import annotations

import pytest

from newsextract.recognizers.persons import PERSONS_DIR, PersonRecognizer


@pytest.fixture(scope="module")
def rec() -> PersonRecognizer:
    return PersonRecognizer(PERSONS_DIR)


@pytest.mark.parametrize(
    "text, names",
    [
        ("主编 赵波 美编 李飞 审读 张萍 排版 韩婷", ["赵波", "李飞", "张萍", "韩婷"]),
        ("□青岛日报/观海新闻记者 周伟", ["周伟"]),
        ("本报记者 董世梅实习生 唐丽华", ["董世梅", "唐丽华"]),
        ("安徽省委常委、省委宣传部部长、合肥市委书记虞爱华出席并宣布项目集中开工。", ["虞爱华"]),
        ("东湖高新区管委会主任陈平,副主任李首文出席。在致辞中,陈平表示", ["陈平", "李首文", "陈平"]),
        ("[责任编辑:赵书琪 ]", ["赵书琪"]),
        ("长春汽开区党工委书记朱光明表示。", ["朱光明"]),
        ("奥迪一汽新能源汽车项目经理闫磊介绍,按照目前建设速度", ["闫磊"]),
        ("星辰在线10月31日讯(通讯员 彭元璟)10月29日", ["彭元璟"]),
        ("(记者 廖丽萍 通讯员 顾令飞)", ["廖丽萍", "顾令飞"]),
        ("记者从县发改局获悉,本次集中开竣工项目中", []),
        ("记者日前探访了十余个分布在各区市的新兴产业专业园区", []),
        ("广州市南沙区政府相关负责人表示,这些百亿项目中", []),
        ("要编辑好园区建设规划和产业发展规划", []),
    ],
)
def test_names_after_cues(rec: PersonRecognizer, text: str, names: list[str]) -> None:
    assert [text[s:e] for s, e in rec.find(text)] == names


def test_persons_in_the_pipeline(pipe, seed_text: str) -> None:
    record = pipe.extract(seed_text)
    persons = [e.text for e in record.entities if e.label == "PERSON"]
    assert persons[:5] == ["赵波", "李飞", "张萍", "韩婷", "周伟"]


@pytest.mark.parametrize(("text", "names"), [
    ("彭小军认为，国内银行现在走的是台湾的发卡模式。", ["彭小军"]),
    ("据张大伟介绍，北京市场已经明显出现变化。", ["张大伟"]),
    ("龚建表示，将继续加大投入。", ["龚建"]),
    # words, places, companies, titles and pronoun-like groups are not speakers
    ("公司表示将加大投入。文章指出，高管们认为，王先生表示同意。", []),
    ("，张家口认为，华为表示，专家认为，同时表示，明确表示。", []),
])
def test_speaker_before_a_verb_of_saying(pipe, text, names):
    persons = pipe.nlp.get_pipe("newsextract_persons")
    assert [text[s:e] for s, e in persons.find(text)] == names


@pytest.mark.parametrize("text, names", [
    ("天通苑北区业主侯女士说，他们家就这一套房子。", ["侯"]),
    ("陈某与阿霞发生争执后，陈某离开了现场。", ["陈某", "陈某"]),
    ("李某某因合同诈骗罪被判刑。", ["李某某"]),
    ("全市长期坚持这项政策。", []),
    ("他主张先生们先走。", []),
])
def test_family_name_with_a_form_of_address(pipe, text, names):
    got = [e.text for e in pipe.extract(text).entities if e.label == "PERSON" and e.source == "rules:persons"]
    assert got == names


@pytest.mark.parametrize("text, names", [
    ("（记者 王蕾 通讯员 李泽宇 黄思敏）14日，长沙经开区签约。", ["王蕾", "李泽宇", "黄思敏"]),
    ("人民网合肥11月2日电（王锐）走进芜湖经济技术开发区。", ["王锐"]),
    ("(责编：王锐、李婷)", ["王锐", "李婷"]),
    ("（撰稿：王海燕）", ["王海燕"]),
])
def test_every_name_of_a_credit(pipe, text, names):
    assert [e.text for e in pipe.extract(text).entities if e.label == "PERSON" and e.source == "rules:persons"] == names

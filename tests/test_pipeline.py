"""The Pipeline API and `newsextract extract` end to end on the bundled corpus."""

from __future__ import annotations

import json
from pathlib import Path

from newsextract.cli import main
from newsextract.io import read_records
from newsextract.schema import Record

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def test_extract_returns_a_valid_record(pipe) -> None:
    text = "8月19日，市政府召开新兴产业专业园区建设工作专题会议。"
    rec = pipe.extract(text, date="2022-08-25", id="s1")
    assert isinstance(rec, Record) and rec.id == "s1" and str(rec.date) == "2022-08-25"
    for e in rec.entities:
        assert text[e.start:e.end] == e.text and e.source


def test_offsets_are_into_the_raw_text_for_traditional_and_broken_input(pipe) -> None:
    raw = "廣州動工和簽約59個項目\n總投資超千億元。已集聚新旧动能转换企业和\n\n机构110余家，构建形成五大新兴产业集群。"
    rec = pipe.extract(raw)
    for e in rec.entities:
        assert raw[e.start:e.end] == e.text


def test_extract_many_keeps_order_and_reports_bad_items(pipe) -> None:
    items = [{"id": "a", "text": "青岛日报记者 周伟报道。"}, "  ", {"id": "c", "text": "山东青岛。"}, 42]
    recs = list(pipe.extract_many(items, batch_size=2))
    assert [r.id for r in recs] == ["a", "doc-1", "c", "doc-3"]
    assert recs[1].errors == ["empty article (no text)"]
    assert "cannot extract from int" in recs[3].errors[0]
    assert not recs[0].errors and not recs[2].errors


def test_cli_extract_corpus(tmp_path: Path, capsys) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(CORPUS), "-o", str(out)]) == 0
    recs, errors = read_records(out)
    assert errors == [] and len(recs) == 13
    raw = {p.stem: p.read_text(encoding="utf-8") for p in CORPUS.glob("*.txt")}
    for rl in recs:
        r = rl.record
        assert r.text == raw[r.id] and not r.errors
        for e in r.entities:
            assert r.text[e.start:e.end] == e.text
    err = capsys.readouterr().err
    assert "13" in err and "articles" in err


def test_cli_extract_bad_inputs_give_error_records_and_status_1(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text("青岛集成电路产业园当前已洽谈落户产业链项目14个。", encoding="utf-8")
    (tmp_path / "in" / "bad.txt").write_bytes("café".encode("latin-1"))
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(tmp_path / "in"), "-o", str(out), "--date", "2022-08-25"]) == 1
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    by_id = {x["id"]: x for x in lines}
    assert set(by_id) == {"good", "bad", "empty"}
    assert by_id["good"]["date"] == "2022-08-25" and "errors" not in by_id["good"]
    assert by_id["bad"]["errors"] and by_id["empty"]["errors"] == [f"{tmp_path / 'in' / 'empty.txt'}: empty article (no text)"]


def test_cli_version_and_help(capsys) -> None:
    import pytest

    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0 and "newsextract 0." in capsys.readouterr().out
    for cmd in ("extract", "segment", "schema", "evaluate"):
        with pytest.raises(SystemExit) as exc:
            main([cmd, "--help"])
        assert exc.value.code == 0
    assert "usage: newsextract" in capsys.readouterr().out
    assert main([]) == 2


def test_resolver_trims_quotes_and_punctuation_from_candidate_edges():
    from newsextract.candidates import Candidate
    from newsextract.resolve import DEFAULT_PRIORITIES, select

    text = "描述德军王牌车长“卫特曼”成功阻止英军推进，中国(山东)自由贸易试验区青岛片区。"
    ner = Candidate(text.index("“"), text.index("”") + 1, "PERSON", "ner", 0.6)
    park = Candidate(text.index("中国"), text.index("片区") + 2, "PARK", "rules:parks")
    kept = select([ner, park], DEFAULT_PRIORITIES, text=text)
    assert [text[c.start:c.end] for c in kept] == ["卫特曼", "中国(山东)自由贸易试验区青岛片区"]
    # without the text, candidates are taken as they are
    assert [text[c.start:c.end] for c in select([ner], DEFAULT_PRIORITIES)] == ["“卫特曼”"]


def test_a_name_found_once_is_labelled_at_every_mention(pipe):
    text = "总投资5亿元的正威国际新材料项目落户该区。正威国际相关负责人表示，项目明年投产。"
    ents = [(e.label, e.text, e.start, e.source) for e in pipe.extract(text).entities if e.label == "COMPANY"]
    second = text.index("正威国际", 10)
    assert ents == [("COMPANY", "正威国际", text.index("正威国际"), "rules:companies"),
                    ("COMPANY", "正威国际", second, "propagated:rules:companies")]


def test_propagation_needs_token_edges_and_one_label():
    from newsextract.candidates import Candidate
    from newsextract.resolve import propagate

    text = "华瑞科技与华瑞签约。华瑞表示，华瑞达公司不参与。"
    # jieba-like token edges: 华瑞 is a word of its own twice, inside 华瑞达 once
    words = ["华瑞科技", "与", "华瑞", "签约", "。", "华瑞", "表示", "，", "华瑞达", "公司", "不", "参与", "。"]
    starts, ends, pos = set(), set(), 0
    for w in words:
        starts.add(pos)
        pos += len(w)
        ends.add(pos)
    seed = Candidate(5, 7, "COMPANY", "rules:companies", 0.9)
    more = propagate([seed], text, (starts, ends), ("COMPANY",))
    assert [(c.start, c.source) for c in more] == [(10, "propagated:rules:companies")]
    # the same string kept with two labels is not propagated
    other = Candidate(10, 12, "PERSON", "ner", 0.6)
    assert propagate([seed, other], text, (starts, ends), ("COMPANY", "PERSON")) == []
    # a label not in the list is not propagated
    assert propagate([seed], text, (starts, ends), ("PERSON",)) == []


def test_a_short_name_the_text_defines_is_labelled_and_propagated(pipe):
    text = "浙江永康新锐工贸有限公司（以下简称“新锐工贸”）研发的电动工具畅销东南亚，新锐工贸总经理胡海峰表示，订单已排满。"
    ents = [(e.text, e.source) for e in pipe.extract(text).entities if e.label == "COMPANY"]
    assert ents == [("浙江永康新锐工贸有限公司", "rules:companies"), ("新锐工贸", "alias:rules:companies"),
                    ("新锐工贸", "propagated:alias:rules:companies")]


def test_an_alias_needs_a_kept_name_right_before_it():
    from newsextract.candidates import Candidate
    from newsextract.resolve import aliases

    text = "该公司（简称“恒泰电器”）与嵊州市恒泰电器有限公司（简称“恒泰”）"
    name = Candidate(text.index("嵊州"), text.index("有限公司") + 4, "COMPANY", "rules:companies")
    got = aliases([name], text, ("COMPANY",))
    assert [text[c.start:c.end] for c in got] == ["恒泰"]
    assert aliases([name], text, ("ORG",)) == []


def test_a_name_is_not_propagated_where_it_runs_on_into_a_word(pipe):
    text = "美国银行发布财报。美国银行界人士认为，美国银行的业绩好于预期。"
    starts = [e.start for e in pipe.extract(text).entities if e.text == "美国银行"]
    assert starts == [0, text.rindex("美国银行")]

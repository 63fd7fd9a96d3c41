"""jieba inside spaCy: the domain dictionary, the cache folder, sentence boundaries, `segment`."""

from __future__ import annotations

import json
from pathlib import Path

from newsextract.segment import cache_dir, configure_jieba, sentence_starts

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def test_domain_words_stay_whole(pipe) -> None:
    toks = [t.text for t in pipe.nlp.make_doc("莱西高新区依托综合保税区和通航机场平台优势")]
    assert "高新区" in toks and "综合保税区" in toks
    # a gazetteer name is loaded into jieba whole (newsextract_gazetteer)
    toks = [t.text for t in pipe.nlp.make_doc("青岛蓝谷高新区依托综合保税区和通航机场平台优势")]
    assert "青岛蓝谷高新区" in toks and "综合保税区" in toks


def test_user_words_are_loaded_once_per_process(pipe) -> None:
    configure_jieba(words=["卡奥斯工业互联网"])
    configure_jieba(words=["卡奥斯工业互联网"])
    toks = [t.text for t in pipe.nlp.make_doc("海尔卡奥斯工业互联网生态园将建设国家级灯塔园区")]
    assert "卡奥斯工业互联网" in toks


def test_jieba_cache_goes_to_a_per_user_folder(pipe) -> None:
    import jieba

    assert Path(jieba.dt.tmp_dir) == cache_dir()
    assert (cache_dir() / "jieba.cache").exists()


def test_sentence_starts() -> None:
    text = "产业是立身之本，转型之要；战略性新兴产业更会决胜未来。\n\n锚定建设……市第十三次党代会提出“六个城市”。"
    starts = sentence_starts(text)
    assert [text[s:s + 2] for s in starts] == ["产业", "战略", "锚定", "市第"]


def test_segment_command_jsonl_offsets(capsys) -> None:
    from newsextract.cli import main

    assert main(["segment", str(CORPUS / "qingdao-daily-parks.txt"), "--format", "jsonl"]) == 0
    raw = (CORPUS / "qingdao-daily-parks.txt").read_text(encoding="utf-8")
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(lines) > 50
    for sent in lines:
        assert raw[sent["start"]:sent["end"]] == sent["text"]
        for tok in sent["tokens"]:
            assert raw[tok["start"]:tok["end"]] == tok["text"]
    # the repaired word spans the page break in the raw text
    assert any(t["text"] == "新\n\n兴产业" or t["text"].startswith("新\n\n兴") for s in lines for t in s["tokens"])


def test_segment_command_text(capsys) -> None:
    from newsextract.cli import main

    assert main(["segment", str(CORPUS / "news-16.txt")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# news-16\n")
    assert "59" in out and "项目" in out  # segmented on the Simplified text

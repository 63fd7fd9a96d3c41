"""Readers: each input kind and encoding, and a clear error for each bad input."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from newsextract.io import InputError, atomic_write, decode, iter_articles, read_records
from newsextract.schema import Article

CORPUS = Path(__file__).resolve().parent.parent / "corpus"

SENTENCE = "青岛集成电路产业园当前已洽谈落户产业链项目14个。"


def _arts(paths, **kw):
    return list(iter_articles(paths, **kw))


def test_corpus_folder_with_manifest(tmp_path: Path) -> None:
    items = _arts([CORPUS])
    assert all(isinstance(a, Article) for a in items), [str(a) for a in items if isinstance(a, InputError)]
    ids = [a.id for a in items]
    assert ids == sorted(ids) and len(ids) == 13 and "qingdao-daily-parks" in ids
    by_id = {a.id: a for a in items}
    assert by_id["news-01"].date == dt.date(2020, 5, 8)
    assert by_id["news-01"].source == "人民网-安徽频道"
    assert by_id["qingdao-daily-parks"].date is None


def test_txt_ids_are_relative_paths_and_date_option(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "x.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "top.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "skip.csv").write_text("not an article", encoding="utf-8")
    items = _arts([tmp_path], date=dt.date(2022, 8, 25))
    assert [a.id for a in items] == ["top", "a/b/x"] or [a.id for a in items] == ["a/b/x", "top"]
    assert {a.id for a in items} == {"top", "a/b/x"}
    assert all(a.date == dt.date(2022, 8, 25) for a in items)
    single = _arts([tmp_path / "a" / "b" / "x.txt"])
    assert single[0].id == "x"


def test_encodings_utf8_bom_and_gbk(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + SENTENCE.encode("utf-8"))
    (tmp_path / "gbk.txt").write_bytes(SENTENCE.encode("gbk"))
    (tmp_path / "gb18030.txt").write_bytes("𠀀字与青岛".encode("gb18030"))
    items = {a.id: a for a in _arts([tmp_path])}
    assert items["bom"].text == SENTENCE  # the BOM is not part of the text
    assert items["gbk"].text == SENTENCE
    assert items["gb18030"].text == "𠀀字与青岛"


def test_undecodable_empty_and_binary_files_are_errors(tmp_path: Path) -> None:
    (tmp_path / "latin1.txt").write_bytes("café crème".encode("latin-1"))
    (tmp_path / "empty.txt").write_bytes(b"  \n")
    (tmp_path / "utf16.txt").write_bytes(SENTENCE.encode("utf-16"))
    (tmp_path / "good.txt").write_text(SENTENCE, encoding="utf-8")
    items = _arts([tmp_path])
    errors = {Path(e.path).name: e for e in items if isinstance(e, InputError)}
    assert set(errors) == {"latin1.txt", "empty.txt", "utf16.txt"}
    assert "neither UTF-8 nor GB18030" in errors["latin1.txt"].message or "does not read as Chinese" in errors["latin1.txt"].message
    assert errors["empty.txt"].message == "empty article (no text)"
    assert "UTF-16" in errors["utf16.txt"].message
    assert [a.id for a in items if isinstance(a, Article)] == ["good"]
    rec = errors["empty.txt"].as_record()
    assert rec.id == "empty" and rec.errors and rec.entities == []


def test_decode_rejects_binary() -> None:
    import pytest

    from newsextract.io import DecodeError

    with pytest.raises(DecodeError):
        decode(b"\x00\x01\x02binary")


def test_jsonl_input_with_a_malformed_line(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a", "text": SENTENCE, "date": "2022-08-25", "source": "青岛日报"}, ensure_ascii=False),
        '{"id": "b", "text": "broken',
        json.dumps({"id": "c", "text": "   "}),
        json.dumps({"text": "no id"}, ensure_ascii=False),
        json.dumps({"id": "d", "text": SENTENCE, "date": "25/08/2022"}, ensure_ascii=False),
        json.dumps({"id": "e", "text": SENTENCE, "title": "标题"}, ensure_ascii=False),
        json.dumps({"id": "a", "text": SENTENCE}, ensure_ascii=False),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _arts([path])
    good = [a for a in items if isinstance(a, Article)]
    bad = [e for e in items if isinstance(e, InputError)]
    assert [a.id for a in good] == ["a", "e"]
    assert good[0].date == dt.date(2022, 8, 25) and good[0].source == "青岛日报"
    assert good[1].title == "标题"
    where = {(e.line, e.message.split(":")[0]) for e in bad}
    assert (2, "invalid JSON") in where
    assert any(e.line == 3 and "empty article" in e.message for e in bad)
    assert any(e.line == 4 and 'missing "id"' in e.message for e in bad)
    assert any(e.line == 5 and "not YYYY-MM-DD" in e.message for e in bad)
    assert any("duplicate article id 'a'" in e.message for e in bad)
    assert all(str(e).startswith(f"{path}:") for e in bad)


def test_missing_input_is_an_error(tmp_path: Path) -> None:
    items = _arts([tmp_path / "nope"])
    assert isinstance(items[0], InputError) and "no such file" in items[0].message


def test_atomic_write_leaves_target_untouched_on_failure(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("old\n", encoding="utf-8")
    try:
        with atomic_write(target) as fh:
            fh.write("new partial")
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]
    with atomic_write(target) as fh:
        fh.write("new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_read_records_reports_every_bad_line(tmp_path: Path) -> None:
    good = {"id": "a", "text": "青岛", "entities": [{"label": "LOC", "start": 0, "end": 2, "text": "青岛"}]}
    bad_offsets = {"id": "b", "text": "青岛", "entities": [{"label": "LOC", "start": 0, "end": 1, "text": "青岛"}]}
    path = tmp_path / "g.jsonl"
    path.write_text("\n".join([json.dumps(good), "{oops", json.dumps(bad_offsets), json.dumps(good)]) + "\n",
                    encoding="utf-8")
    recs, errors = read_records(path)
    assert [r.record.id for r in recs] == ["a"]
    assert [e.line for e in errors] == [2, 3, 4]
    assert "duplicate id 'a'" in errors[2].message
    assert "record 'b'" in errors[1].message and "LOC '青岛' [0:1]" in errors[1].message

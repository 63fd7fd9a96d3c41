"""The reviewer workflow end to end: export → edit → validate → apply → diff → merge, and the formats.

Predictions are hand-written records over the bundled corpus (not what the
recognisers currently find), so the expected counts below are exact.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from newsextract.cli import main
from newsextract.io import iter_articles, read_records
from newsextract.review.anchor import AnchorError, anchor
from newsextract.review.diff import diff_records
from newsextract.review.formats import import_file, to_label_studio
from newsextract.review.validate import load_original, load_review
from newsextract.schema import Record

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD_DEV = ROOT / "gold" / "dev.jsonl"
SEED = "qingdao-daily-parks"


@pytest.fixture(scope="module")
def articles() -> dict:
    return {a.id: a for a in iter_articles([CORPUS])}


def _ent(text: str, label: str, needle: str, nth: int = 0, value: dict | None = None) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    ent = {"label": label, "start": start, "end": start + len(needle), "text": needle}
    if value is not None:
        ent["value"] = value
    return ent


@pytest.fixture()
def predictions(tmp_path: Path, articles: dict) -> Path:
    """Pipeline-like output for two corpus articles, with source/score, some of it wrong."""
    seed, n01 = articles[SEED].text, articles["news-01"].text
    seed_ents = [
        _ent(seed, "ORG", "青岛日报"),
        _ent(seed, "ORG", "赵波"),  # wrong label: a person
        _ent(seed, "PERSON", "周伟"),
        _ent(seed, "PARK", "青岛自贸片区"),
        _ent(seed, "PARK", "集成电路产业园"),  # boundary: should be 青岛集成电路产业园
        _ent(seed, "PARK", "园区", nth=1),  # generic: to delete
        _ent(seed, "FIGURE", "14个", value={"value": 14, "unit": "个", "approx": "exact"}),
        _ent(seed, "FIGURE", "5万平方米", value={"value": 50000, "unit": "平方米", "approx": "exact"}),
    ]
    n01_ents = [
        _ent(n01, "FIGURE", "超千亿元", value={"value": 1e11, "unit": "元", "approx": "over"}),
        _ent(n01, "PARK", "合肥经开区"),
        _ent(n01, "FIGURE", "107个", value={"value": 107, "unit": "个", "approx": "exact"}),
        _ent(n01, "DATE", "2020年05月08日", value={"iso": "2020-05-08"}),
        _ent(n01, "COMPANY", "人民网-安徽频道"),  # wrong label: media is ORG
    ]
    for e in seed_ents + n01_ents:
        e.update(source="test:hand", score=0.5)
    path = tmp_path / "pred.jsonl"
    recs = [
        Record(id=SEED, text=seed, source="青岛日报", entities=seed_ents),
        Record(id="news-01", text=n01, date=articles["news-01"].date, entities=n01_ents),
    ]
    path.write_text("".join(r.to_json() + "\n" for r in recs), encoding="utf-8")
    return path


def _edit(path: Path, rid: str, fn) -> None:
    """Edit one record's line as a reviewer would, leaving the other lines byte for byte."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        data = json.loads(line)
        if data["id"] == rid:
            fn(data)
            lines[i] = json.dumps(data, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _scripted_review(review: Path) -> None:
    raw = review.read_text(encoding="utf-8")
    # relabel in the text editor: the person 赵波 was an ORG
    old = '{"label": "ORG", "text": "赵波"'
    assert raw.count(old) == 1
    raw = raw.replace(old, '{"label": "PERSON", "text": "赵波"')
    raw = raw.replace('{"label": "COMPANY", "text": "人民网-安徽频道"', '{"label": "ORG", "text": "人民网-安徽频道"')
    review.write_text(raw, encoding="utf-8")

    def seed_edits(rec: dict) -> None:
        ents = rec["entities"]
        ents[:] = [e for e in ents if e["text"] != "园区"]  # delete
        for e in ents:
            if e["text"] == "集成电路产业园":
                e["text"] = "青岛集成电路产业园"  # boundary fix by text, offsets left stale
            if e["text"] == "青岛自贸片区":
                e["label"] = "PRAK"  # the bad edit: a typo
        ents.append({"label": "PARK", "text": "上合半导体智慧科技城", "near": 200})  # add by text
        ents.append({"label": "LOC", "text": "中国北方", "near": 190})

    _edit(review, SEED, seed_edits)


def test_review_round_trip_end_to_end(tmp_path: Path, predictions: Path, articles: dict,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    review = tmp_path / "review.jsonl"
    assert main(["review", "export", str(predictions), "-o", str(review)]) == 0
    lines = review.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    # entities first (sorted, label and text leading, no provenance), the text last
    assert list(first)[-2:] == ["entities", "text"]
    assert [e["start"] for e in first["entities"]] == sorted(e["start"] for e in first["entities"])
    assert list(first["entities"][0])[:2] == ["label", "text"]
    assert "source" not in first["entities"][0] and "score" not in first["entities"][0]

    _scripted_review(review)
    capsys.readouterr()
    assert main(["review", "validate", str(review), "--against", str(predictions)]) == 1
    err = capsys.readouterr().err
    problems = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(problems) == 1, err
    assert f"review.jsonl:1: record '{SEED}': entity #" in problems[0]
    assert "PRAK" in problems[0] and "unknown label" in problems[0]

    fixed = tmp_path / "fixed.jsonl"
    assert main(["review", "apply", str(review), "-o", str(fixed)]) == 1
    assert not fixed.exists()  # a failed apply writes nothing

    _edit(review, SEED, lambda rec: [e.update(label="PARK") for e in rec["entities"] if e["label"] == "PRAK"])
    assert main(["review", "validate", str(review), "--against", str(predictions)]) == 0
    capsys.readouterr()
    assert main(["review", "apply", str(review), "-o", str(fixed), "--against", str(predictions)]) == 0
    err = capsys.readouterr().err
    assert err.count("re-anchored:") == 3  # the boundary fix and the two additions

    recs = {rl.record.id: rl.record for rl in read_records(fixed)[0]}
    seed = articles[SEED].text
    spans = {(e.label, e.text): (e.start, e.end) for e in recs[SEED].entities}
    assert spans[("PARK", "青岛集成电路产业园")] == (144, 153) == (seed.index("青岛集成电路产业园"),
                                                             seed.index("青岛集成电路产业园") + 9)
    assert spans[("PARK", "上合半导体智慧科技城")] == (212, 222)
    assert spans[("LOC", "中国北方")] == (196, 200)
    assert spans[("PERSON", "赵波")] == (37, 39)
    assert ("PARK", "园区") not in spans
    assert len(recs[SEED].entities) == 9 and len(recs["news-01"].entities) == 5
    line = fixed.read_text(encoding="utf-8")
    assert "text_sha1" not in line and '"near"' not in line

    # diff: the counts per label
    capsys.readouterr()
    assert main(["review", "diff", str(predictions), str(fixed), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    per = report["per_label"]
    assert per["PARK"] == {"predicted": 4, "reviewed": 4, "kept": 2, "added": 1, "removed": 1,
                           "relabelled_from": 0, "relabelled_to": 0, "rebounded": 1,
                           "precision": 0.5, "recall": 0.5, "corrected": 0.5}
    assert (per["ORG"]["kept"], per["ORG"]["relabelled_from"], per["ORG"]["relabelled_to"]) == (1, 1, 1)
    assert (per["PERSON"]["predicted"], per["PERSON"]["reviewed"], per["PERSON"]["relabelled_to"]) == (1, 2, 1)
    assert per["COMPANY"]["relabelled_from"] == 1 and per["COMPANY"]["precision"] == 0.0
    assert per["COMPANY"]["recall"] is None
    assert per["LOC"]["added"] == 1 and per["LOC"]["predicted"] == 0
    assert per["FIGURE"]["kept"] == per["FIGURE"]["predicted"] == 4
    assert per["ALL"]["predicted"] == 13 and per["ALL"]["reviewed"] == 14
    kinds = sorted(c["kind"] for c in report["changes"])
    assert kinds == ["added", "added", "rebounded", "relabelled", "relabelled", "removed"]
    # diff reads the review file itself too (re-anchoring it the same way)
    assert main(["review", "diff", str(predictions), str(review), "--format", "markdown"]) == 0
    md = capsys.readouterr().out
    assert "| PARK | 4 | 4 | 2 | 1 | 1 | 0 | 0 | 1 | 0.500 | 0.500 | 0.500 |" in md
    assert f"{SEED}: rebounded PARK '集成电路产业园' [146:153] -> PARK '青岛集成电路产业园' [144:153]" in md

    # merge into a copy of the gold file
    gold = tmp_path / "dev.jsonl"
    gold_lines = [line for line in GOLD_DEV.read_text(encoding="utf-8").splitlines()
                  if line.strip() and json.loads(line)["id"] != "news-01"]
    gold.write_text("\n".join(gold_lines) + "\n", encoding="utf-8")
    before = gold.read_bytes()
    assert main(["review", "merge", str(fixed), "--into", str(gold)]) == 1  # the seed conflicts
    assert "--replace" in capsys.readouterr().err
    assert gold.read_bytes() == before
    assert main(["review", "merge", str(fixed), "--into", str(gold), "--replace"]) == 0
    err = capsys.readouterr().err
    assert "added: news-01" in err and f"replaced: {SEED}" in err
    merged, errors = read_records(gold)
    assert not errors
    ids = [rl.record.id for rl in merged]
    assert ids == sorted(ids) and len(ids) == len(gold_lines) + 1
    by_id = {rl.record.id: rl.record for rl in merged}
    assert by_id[SEED].entities == recs[SEED].entities
    # merging the same again changes nothing, and needs no --replace
    assert main(["review", "merge", str(fixed), "--into", str(gold)]) == 0
    assert "0 added, 0 replaced, 2 unchanged" in capsys.readouterr().err


def test_validate_reports_every_problem_at_once(tmp_path: Path, predictions: Path) -> None:
    review = tmp_path / "review.jsonl"
    assert main(["review", "export", str(predictions), "-o", str(review)]) == 0
    lines = review.read_text(encoding="utf-8").splitlines()
    seed, n01 = json.loads(lines[0]), json.loads(lines[1])
    seed["entities"][0]["label"] = "PLACE"
    seed["entities"][1]["value"] = {"iso": "2020"}  # a value on an ORG
    fig = next(e for e in seed["entities"] if e["label"] == "FIGURE")
    fig["value"]["approx"] = "roughly"
    seed["entities"].append({"label": "LOC", "text": "火星"})  # not in the text
    seed["entities"].append({"label": "LOC", "text": "青岛日报"})  # twice in the text, no hint
    seed["entities"].append({"label": "LOC", "text": "集成", "start": 146, "end": 148})  # inside a PARK
    n01["text"] = n01["text"].replace("合肥", "合肥市", 1)  # an edited article text
    dup = dict(n01, text=json.loads(lines[1])["text"])
    review.write_text("\n".join([json.dumps(seed, ensure_ascii=False), json.dumps(n01, ensure_ascii=False),
                                 "{not json", json.dumps(dup, ensure_ascii=False)]) + "\n", encoding="utf-8")
    loaded = load_review(review)  # without the original: the export's checksum catches the edited text
    msgs = [str(p) for p in loaded.problems]
    expected = [
        (1, "unknown label 'PLACE'"), (1, "an ORG takes no value"), (1, "approx"),
        (1, "'火星' does not occur"), (1, "occurs 2 times"), (1, "nests in PARK '集成电路产业园'"),
        (2, "article text was changed"), (3, "invalid JSON"), (4, "duplicate id 'news-01'"),
    ]
    assert len(msgs) == len(expected), "\n".join(msgs)
    for (line, needle), prob in zip(expected, loaded.problems):
        assert prob.line == line and needle in prob.message, (line, needle, str(prob))
    assert all(p.record_id for p in loaded.problems if p.line != 3)
    assert "entity #1 " in msgs[0] and '"PLACE"' in msgs[0]
    # with the original, the changed text is located
    original, _ = load_original(predictions)
    changed = [p for p in load_review(review, original=original).problems if "changed" in p.message]
    assert len(changed) == 1 and "first difference at character" in changed[0].message


def test_strict_validation_and_untouched_output(tmp_path: Path, predictions: Path) -> None:
    review = tmp_path / "review.jsonl"
    main(["review", "export", str(predictions), "-o", str(review)])
    _edit(review, SEED, lambda r: r["entities"].append({"label": "LOC", "text": "中国北方", "near": 250}))
    strict = load_review(review, anchor_entities=False)
    assert [p.message for p in strict.problems] == ['"near" is only understood by review apply; run it first']
    out = tmp_path / "fixed.jsonl"
    out.write_text("previous content\n", encoding="utf-8")
    _edit(review, "news-01", lambda r: r["entities"].append({"label": "PARK", "text": "不存在的园"}))
    assert main(["review", "apply", str(review), "-o", str(out)]) == 1
    assert out.read_text(encoding="utf-8") == "previous content\n"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_anchor_rules() -> None:
    text = "青岛港在青岛，青岛的港口"
    assert anchor(text, "青岛", 4, 6).how == "kept"
    assert (anchor(text, "青岛", 6, 8).start, anchor(text, "青岛", 6, 8).how) == (7, "moved")
    assert anchor(text, "青岛港", 5, 7).start == 0  # only one occurrence: nearest is the one
    assert anchor(text, "青岛", near=10).start == 7
    assert anchor(text, "港口", None, None).start == 10
    with pytest.raises(AnchorError, match="occurs 3 times"):
        anchor(text, "青岛")
    with pytest.raises(AnchorError, match="equally"):
        anchor(text, "青岛", near=2)  # 0 and 4 are both 2 away
    with pytest.raises(AnchorError, match="does not occur"):
        anchor(text, "上海", 0, 2)


@pytest.mark.parametrize("fmt", ["prodigy", "doccano", "label-studio"])
def test_interchange_round_trip_keeps_every_entity(tmp_path: Path, fmt: str) -> None:
    gold, errors = read_records(GOLD_DEV)
    assert not errors and gold
    task_file = tmp_path / f"tasks.{fmt}"
    assert main(["review", "export", str(GOLD_DEV), "-o", str(task_file), "--format", fmt]) == 0
    back = tmp_path / "back.jsonl"
    assert main(["review", "import", str(task_file), "--format", fmt, "-o", str(back),
                 "--against", str(GOLD_DEV)]) == 0
    again = {rl.record.id: rl.record for rl in read_records(back)[0]}
    assert set(again) == {rl.record.id for rl in gold}
    n = 0
    for rl in gold:
        want = [(e.label, e.start, e.end, e.text, e.value) for e in rl.record.sorted_entities()]
        got = [(e.label, e.start, e.end, e.text, e.value) for e in again[rl.record.id].sorted_entities()]
        assert got == want
        assert again[rl.record.id].date == rl.record.date
        n += len(want)
    assert n == sum(len(rl.record.entities) for rl in gold) > 100
    values = sum(e.value is not None for r in again.values() for e in r.entities)
    assert values == sum(e.label in ("FIGURE", "DATE") for r in again.values() for e in r.entities) > 0


def test_label_studio_annotations_and_utf16_offsets(tmp_path: Path) -> None:
    text = "😀合肥经开区107个重大项目集中开工"
    rec = Record(id="x", text=text, entities=[
        {"label": "PARK", "start": 1, "end": 6, "text": "合肥经开区"},
        {"label": "FIGURE", "start": 6, "end": 10, "text": "107个",
         "value": {"value": 107, "unit": "个", "approx": "exact"}},
    ])
    task = to_label_studio(rec)
    # a reviewer in an older Label Studio (UTF-16 offsets) relabels nothing, adds a LOC 合肥
    result = [dict(r, value=dict(r["value"], start=r["value"]["start"] + 1, end=r["value"]["end"] + 1))
              for r in task["predictions"][0]["result"]]
    result.append({"from_name": "label", "to_name": "text", "type": "labels",
                   "value": {"start": 2, "end": 4, "text": "合肥", "labels": ["LOC"]}})
    task["annotations"] = [{"was_cancelled": True, "result": []}, {"result": result}]
    path = tmp_path / "ls.json"
    path.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    loaded, _ = import_file(path, "label-studio")
    assert len(loaded.problems) == 1 and "nests in PARK '合肥经开区'" in str(loaded.problems[0])  # 合肥 lies inside the PARK
    result.pop()
    path.write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    loaded, _ = import_file(path, "label-studio")
    assert not loaded.problems
    assert [(e.label, e.start, e.end, e.value) for e in loaded.records[0].entities] == [
        (e.label, e.start, e.end, e.value) for e in rec.entities]


def test_learn_writes_user_gazetteer(tmp_path: Path, articles: dict) -> None:
    text = articles["news-01"].text
    fixed = tmp_path / "fixed.jsonl"
    rec = Record(id="news-01", text=text, entities=[
        _ent(text, "PARK", "合肥经开区"), _ent(text, "PARK", "合肥空港经济示范区"), _ent(text, "LOC", "安徽省"),
    ])
    fixed.write_text(rec.to_json() + "\n", encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    pred.write_text(Record(id="news-01", text=text, entities=[_ent(text, "PARK", "合肥经开区")]).to_json() + "\n",
                    encoding="utf-8")
    gdir = tmp_path / "gaz"
    args = ["review", "learn", str(fixed), "--gazetteer-dir", str(gdir), "--original", str(pred)]
    assert main(args) == 0
    rows = list(csv.DictReader((gdir / "reviewed.csv").open(encoding="utf-8")))
    names = {(r["name"], r["label"]) for r in rows}
    assert ("合肥空港经济示范区", "PARK") in names  # missed by the pipeline, unknown to the gazetteers
    assert ("合肥经开区", "PARK") not in names  # the pipeline had it
    assert list(rows[0]) == ["name", "label", "aliases"]
    assert main(args) == 0  # learning twice adds nothing new
    assert len(list(csv.DictReader((gdir / "reviewed.csv").open(encoding="utf-8")))) == len(rows)
    pkg = Path(__import__("newsextract").__file__).parent / "data" / "gazetteers"
    assert main(["review", "learn", str(fixed), "--gazetteer-dir", str(pkg)]) == 2


def test_html_highlights_entities(tmp_path: Path, predictions: Path) -> None:
    out = tmp_path / "review.html"
    assert main(["review", "html", str(predictions), "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert html.count("<mark") == 13 and '<meta charset="utf-8">' in html
    assert "青岛自贸片区" in html and ">PARK</span>" in html


def test_diff_matches_entities_one_to_one(articles: dict) -> None:
    text = articles["news-01"].text
    orig = Record(id="a", text=text, entities=[_ent(text, "COMPANY", "合肥经开区107个")])
    edited = Record(id="a", text=text, entities=[_ent(text, "PARK", "合肥经开区"),
                                                 _ent(text, "FIGURE", "107个", value={"value": 107, "unit": "个"})])
    res = diff_records({"a": orig}, [edited])
    assert sorted(c.kind for c in res.changes) == ["added", "added", "removed"]
    assert res.table.loc["COMPANY", "corrected"] == 1.0


def test_validate_json_output_and_offsets_only_entities(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "r.jsonl"
    good = {"id": "a", "text": "青岛日报记者周伟报道", "entities": [{"label": "PERSON", "start": 6, "end": 8}]}
    bad = '{"id": "b", "text": "青岛日报", "entities": [{"label": "ORG", "start": 0, "end": 4},]}'
    path.write_text(json.dumps(good, ensure_ascii=False) + "\n" + bad + "\n", encoding="utf-8")
    assert main(["review", "validate", str(path), "--format", "json"]) == 1
    problems = json.loads(capsys.readouterr().out)
    assert len(problems) == 1 and problems[0]["line"] == 2
    assert "invalid JSON" in problems[0]["message"] and '4},⟨here⟩]}' in problems[0]["message"]
    path.write_text(json.dumps(good, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "fixed.jsonl"
    assert main(["review", "apply", str(path), "-o", str(out)]) == 0
    ent = json.loads(out.read_text(encoding="utf-8"))["entities"][0]
    assert (ent["text"], ent["start"], ent["end"]) == ("周伟", 6, 8)


def test_all_occurrences_and_nested_overlaps() -> None:
    from newsextract.review.validate import check_items

    text = "青岛日报讯 青岛蓝谷高新区与青岛自贸片区在青岛签约"
    rec = {"id": "a", "text": text, "entities": [
        {"label": "ORG", "text": "青岛日报", "start": 0, "end": 4},
        {"label": "PARK", "text": "青岛蓝谷高新区"},
        {"label": "LOC", "text": "青岛", "all": True},
    ]}
    out = check_items("r", [(1, rec)])
    assert not out.problems
    locs = [(e.start, e.end) for e in out.records[0].entities if e.label == "LOC"]
    assert locs == [(14, 16), (21, 23)]  # not inside 青岛日报 or 青岛蓝谷高新区
    assert all(text[s:e] == "青岛" for s, e in locs)
    # a long entity covering two others: both are reported, not only the first
    bad = {"id": "b", "text": text, "entities": [
        {"label": "PARK", "text": "青岛蓝谷高新区与青岛自贸片区"},
        {"label": "LOC", "text": "蓝谷", "start": 8, "end": 10},
        {"label": "PARK", "text": "青岛自贸片区"},
    ]}
    problems = check_items("r", [(1, bad)]).problems
    assert len(problems) == 2 and all("nests in PARK '青岛蓝谷高新区与青岛自贸片区'" in p.message for p in problems)


def test_tool_exports_prodigy_answers_and_doccano_entities(tmp_path: Path) -> None:
    text = "合肥经开区107个重大项目集中开工"
    prodigy = tmp_path / "p.jsonl"
    tasks = [
        {"text": text, "spans": [{"start": 0, "end": 5, "label": "PARK"}], "meta": {"article_id": "a"},
         "answer": "accept"},
        {"text": text, "spans": [], "meta": {"article_id": "b"}, "answer": "reject"},
        {"text": text, "spans": [{"start": 5, "end": 9, "label": "FIGURE"}], "meta": {"article_id": "c"}},
        {"text": text, "spans": [{"start": 9, "end": 13, "label": "FIGURE"}], "meta": {"article_id": "d"}},
    ]
    prodigy.write_text("".join(json.dumps(t, ensure_ascii=False) + "\n" for t in tasks), encoding="utf-8")
    loaded, skipped = import_file(prodigy, "prodigy")
    assert skipped == 1 and [r.id for r in loaded.records] == ["a", "c"]
    # a FIGURE span added in the tool gets the recognisers' value from its text ...
    assert loaded.records[1].entities[0].value.model_dump(exclude_none=True) == {
        "value": 107, "unit": "个", "approx": "exact"}
    # ... and one whose text is no figure still needs a value written by hand
    assert len(loaded.problems) == 1 and loaded.problems[0].line == 4
    assert "a FIGURE needs a" in loaded.problems[0].message
    doccano = tmp_path / "d.jsonl"
    doccano.write_text(json.dumps({"id": 7, "text": text, "entities": [
        {"id": 1, "label": "PARK", "start_offset": 0, "end_offset": 5}], "relations": []},
        ensure_ascii=False) + "\n", encoding="utf-8")
    loaded, _ = import_file(doccano, "doccano")
    assert not loaded.problems
    assert [(r.id, [(e.label, e.text) for e in r.entities]) for r in loaded.records] == [("7", [("PARK", "合肥经开区")])]


def test_apply_computes_values_of_added_figures_and_dates(tmp_path: Path) -> None:
    """A reviewer adds a FIGURE or DATE by text alone; apply fills in the recognisers' value."""
    from newsextract.cli import main as cli_main

    text = "8月19日,市政府召开会议。青岛微电子产业园将实现年产值约200亿元,已集聚企业110余家。11個項目"
    review = tmp_path / "review.jsonl"
    review.write_text(json.dumps({"id": "a", "text": text, "date": "2022-08-25", "entities": [
        {"label": "DATE", "text": "8月19日"},
        {"label": "FIGURE", "text": "约200亿元"},
        {"label": "FIGURE", "text": "110余家"},
        {"label": "FIGURE", "text": "11個"},
    ]}, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "fixed.jsonl"
    assert cli_main(["review", "apply", str(review), "-o", str(out)]) == 0
    ents = json.loads(out.read_text(encoding="utf-8"))["entities"]
    values = {e["text"]: e["value"] for e in ents}
    assert values["8月19日"] == {"iso": "2022-08-19"}
    assert values["约200亿元"] == {"value": 20000000000, "unit": "元", "approx": "about"}
    assert values["110余家"] == {"value": 110, "unit": "家", "approx": "over"}
    assert values["11個"] == {"value": 11, "unit": "個", "approx": "exact"}


def test_apply_still_asks_for_a_value_it_cannot_compute(tmp_path: Path) -> None:
    from newsextract.cli import main as cli_main

    text = "园区建设进度过半,形成良好示范。"
    review = tmp_path / "review.jsonl"
    review.write_text(json.dumps({"id": "a", "text": text, "entities": [
        {"label": "FIGURE", "text": "良好"}]}, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "fixed.jsonl"
    assert cli_main(["review", "apply", str(review), "-o", str(out)]) == 1
    assert not out.exists()

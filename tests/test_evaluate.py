"""The scorer against a hand-computed example, and the evaluate command and gate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsextract.evaluate import GateConfig, check, render, score, sentence_around, values_equal
from newsextract.schema import Entity, FigureValue, Record

T1 = "青岛集成电路产业园有14个项目和约200亿元投资。"
T2 = "记者 周伟"


def ent(text: str, label: str, sub: str, value: dict | None = None) -> dict:
    s = text.index(sub)
    d = {"label": label, "start": s, "end": s + len(sub), "text": sub}
    if value is not None:
        d["value"] = value
    return d


V14 = {"value": 14, "unit": "个", "approx": "exact"}
V200 = {"value": 2e10, "unit": "元", "approx": "about"}

GOLD = [
    Record.model_validate({"id": "g1", "text": T1, "entities": [
        ent(T1, "PARK", "青岛集成电路产业园"), ent(T1, "FIGURE", "14个", V14), ent(T1, "FIGURE", "约200亿元", V200)]}),
    Record.model_validate({"id": "g2", "text": T2, "entities": [ent(T2, "PERSON", "周伟")]}),
]


def predictions() -> list[Record]:
    p1 = Record.model_validate({"id": "g1", "text": T1, "entities": [
        ent(T1, "PARK", "集成电路产业园"),                       # partial overlap: strict FP + FN, relaxed hit
        ent(T1, "FIGURE", "14个", V14),                          # exact, value right
        ent(T1, "FIGURE", "约200亿元", {**V200, "approx": "exact"}),  # exact, value wrong
    ]})
    # a duplicate cannot pass Record validation; build it the way a buggy producer would
    dup = Entity.model_validate(ent(T1, "FIGURE", "14个", V14))
    p1 = p1.model_copy(update={"entities": [*p1.entities, dup]})
    p3 = Record.model_validate({"id": "extra", "text": "青岛", "entities": []})
    return [p1, p3]  # g2 is missing


def test_hand_computed_example() -> None:
    r = score(GOLD, predictions())
    park, fig, per = (r.per_label[x].scores() for x in ("PARK", "FIGURE", "PERSON"))
    assert (park["tp"], park["fp"], park["fn"]) == (0, 1, 1)
    assert park["f1"] == 0.0 and park["relaxed_precision"] == 1.0 and park["relaxed_recall"] == 1.0
    assert (fig["tp"], fig["fp"], fig["fn"]) == (2, 1, 0)  # the duplicate is a false positive
    assert fig["precision"] == pytest.approx(2 / 3) and fig["recall"] == 1.0
    assert fig["f1"] == pytest.approx(0.8)
    assert fig["value_accuracy"] == 0.5 and fig["value_n"] == 2
    assert (per["tp"], per["fp"], per["fn"]) == (0, 0, 1)
    overall = r.overall().scores()
    assert (overall["tp"], overall["fp"], overall["fn"]) == (2, 2, 2)
    assert overall["precision"] == overall["recall"] == overall["f1"] == 0.5
    assert r.missing == ["g2"] and r.extra == ["extra"]
    assert r.per_article["g1"].scores()["f1"] == pytest.approx(2 * (2 / 4) * (2 / 3) / (2 / 4 + 2 / 3))
    kinds = sorted((m.kind, m.label, m.note.split(":")[0]) for m in r.mistakes)
    assert ("FN", "PERSON", "record missing from predictions") in kinds
    assert ("FP", "PARK", "boundary") in kinds
    assert ("FP", "FIGURE", "duplicate prediction") in kinds
    assert len(r.value_mistakes) == 1 and "about" in r.value_mistakes[0].note


def test_values_equal_is_relative() -> None:
    a = FigureValue(value=1.822e11, unit="", approx="exact")
    assert values_equal(a, FigureValue(value=1.8220000001e11, unit="", approx="exact"))
    assert not values_equal(a, FigureValue(value=1.823e11, unit="", approx="exact"))
    assert not values_equal(a, FigureValue(value=1.822e11, unit="元", approx="exact"))
    assert not values_equal(FigureValue(value=3, max=5, unit="年"), FigureValue(value=3, unit="年"))


def test_renderings_and_context() -> None:
    r = score(GOLD, predictions())
    md = render(r, "markdown", errors=True)
    assert md.startswith("| label |") and "| FIGURE | 2 | 3 | 0.667 | 1.000 | 0.800 |" in md
    assert "【集成电路产业园】" in md
    data = json.loads(render(r, "json", errors=True))
    assert data["labels"]["FIGURE"]["f1"] == pytest.approx(0.8) and data["missing_records"] == ["g2"]
    assert sentence_around("第一句。青岛的园区。第三句", 4, 6) == "【青岛】的园区。"


def test_gate_thresholds_and_baseline(tmp_path: Path) -> None:
    r = score(GOLD, predictions())
    base = tmp_path / "baseline.json"
    base.write_text(json.dumps({"scores": {"FIGURE": 0.9, "overall": 0.5}}), encoding="utf-8")
    gate = GateConfig(thresholds={"PARK": 0.5, "FIGURE": 0.7}, tolerance=0.05, baseline_path=base)
    failures = check(r, gate)
    assert any(f.startswith("PARK: strict f1 0.000 is under its threshold 0.500") for f in failures)
    assert any(f.startswith("FIGURE: strict f1 0.800 dropped more than 0.050 below the baseline 0.900")
               for f in failures)
    assert not any(f.startswith("overall") for f in failures)
    assert check(r, GateConfig({"FIGURE": 0.8}, 0.1, base)) == []


def _write(path: Path, records: list[Record]) -> None:
    path.write_text("".join(r.to_json() + "\n" for r in records), encoding="utf-8")


def test_evaluate_command_with_pred_and_check(tmp_path: Path, capsys) -> None:
    from newsextract.cli import main

    gold, pred = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    _write(gold, GOLD)
    _write(pred, [predictions()[0].model_copy(update={"entities": predictions()[0].entities[:3]})])
    (tmp_path / "pyproject.toml").write_text(
        '[tool.newsextract.evaluate]\nthresholds = {FIGURE = 0.9}\ntolerance = 0.02\nbaseline = "b.json"\n',
        encoding="utf-8")
    args = ["evaluate", "--gold", str(gold), "--pred", str(pred), "--pyproject", str(tmp_path / "pyproject.toml")]
    assert main(args + ["--errors"]) == 0
    out = capsys.readouterr().out
    assert "FIGURE" in out and "records missing from the predictions: g2" in out
    assert main(args + ["--check"]) == 0  # FIGURE 1.000 without the duplicate
    assert main(args + ["--update-baseline"]) == 0
    assert json.loads((tmp_path / "b.json").read_text())["scores"]["FIGURE"] == 1.0
    (tmp_path / "pyproject.toml").write_text(
        '[tool.newsextract.evaluate]\nthresholds = {PARK = 0.9}\n', encoding="utf-8")
    assert main(args + ["--check"]) == 1
    assert "PARK: strict f1 0.000 is under its threshold" in capsys.readouterr().err


def test_broken_gold_file_is_a_clear_error(tmp_path: Path, capsys) -> None:
    from newsextract.cli import main

    gold = tmp_path / "gold.jsonl"
    gold.write_text(GOLD[0].to_json() + "\n" + '{"id": "x", "text": "青岛", "entities": [{"label": "LOC", '
                    '"start": 0, "end": 3, "text": "青岛"}]}\n', encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main(["evaluate", "--gold", str(gold), "--pred", str(gold)])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert f"{gold}:2" in err and "record 'x'" in err


def test_shipped_gold_files_are_valid() -> None:
    from newsextract.io import read_records

    root = Path(__file__).resolve().parent.parent / "gold"
    dev, dev_err = read_records(root / "dev.jsonl")
    test, test_err = read_records(root / "test.jsonl")
    assert dev_err == [] and test_err == []
    split = json.loads((root / "split.json").read_text(encoding="utf-8"))
    assert sorted(r.record.id for r in dev) == sorted(split["dev"])
    assert sorted(r.record.id for r in test) == sorted(split["test"])
    assert not set(split["dev"]) & set(split["test"])
    corpus = Path(__file__).resolve().parent.parent / "corpus"
    for rl in dev + test:  # the gold texts are the bundled corpus, byte for byte
        assert (corpus / f"{rl.record.id}.txt").read_text(encoding="utf-8") == rl.record.text

"""The gold-building script for sentence checks (scripts/cluener_gold.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

import cluener_gold  # noqa: E402


def test_build_anchors_sheets_with_line_breaks_and_people_daily_ids(tmp_path):
    sentences = tmp_path / "s.jsonl"
    sentences.write_text(json.dumps({"id": "a1", "text": "洛阳高新区\n智能装备产业园开工。"}, ensure_ascii=False)
                         + "\n", encoding="utf-8")
    bio = tmp_path / "dev.bio"
    bio.write_text("苏 B-LOC\n州 I-LOC\n新 O\n区 O\n\n好 O\n", encoding="utf-8")
    sheet = tmp_path / "final.tsv"
    sheet.write_text("## a1\nPARK\t洛阳高新区\\n智能装备产业园\n## pd-dev-0000\nPARK\t苏州新区\n## pd-dev-0001\n",
                     encoding="utf-8")
    out = tmp_path / "gold.jsonl"
    rc = cluener_gold.main(["build", "--sentences", str(sentences), "--peoples-daily", str(bio),
                            "--sheets", str(sheet), "-o", str(out)])
    assert rc == 0
    recs = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert recs["a1"]["entities"] == [{"label": "PARK", "start": 0, "end": 13, "text": "洛阳高新区\n智能装备产业园"}]
    assert recs["pd-dev-0000"]["entities"][0]["text"] == "苏州新区"
    assert recs["pd-dev-0001"]["entities"] == []


def test_build_reports_a_surface_it_cannot_place(tmp_path, capsys):
    sentences = tmp_path / "s.jsonl"
    sentences.write_text(json.dumps({"id": "a1", "text": "青岛高新区"}, ensure_ascii=False) + "\n", encoding="utf-8")
    sheet = tmp_path / "final.tsv"
    sheet.write_text("## a1\nPARK\t合肥高新区\n", encoding="utf-8")
    rc = cluener_gold.main(["build", "--sentences", str(sentences), "--sheets", str(sheet),
                            "-o", str(tmp_path / "g.jsonl")])
    assert rc == 1
    assert "PARK '合肥高新区' not found" in capsys.readouterr().err

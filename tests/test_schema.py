"""Record validation: every rule of ANNOTATION.md's record format, with messages naming record and entity."""

from __future__ import annotations

import json

import pytest

from newsextract.schema import FigureValue, Record, parse_record, record_json_schema

TEXT = "地处青岛自贸片区的青岛集成电路产业园，当前已洽谈落户产业链项目14个。"


def rec(*entities: dict) -> dict:
    return {"id": "r1", "text": TEXT, "date": "2022-08-25", "entities": list(entities)}


PARK = {"label": "PARK", "start": 9, "end": 18, "text": "青岛集成电路产业园"}
FIG = {"label": "FIGURE", "start": TEXT.index("14个"), "end": TEXT.index("14个") + 3, "text": "14个",
       "value": {"value": 14, "unit": "个", "approx": "exact"}}


def test_valid_record_round_trips() -> None:
    r = parse_record(rec(PARK, FIG))
    assert TEXT[r.entities[0].start:r.entities[0].end] == "青岛集成电路产业园"
    line = json.loads(r.to_json())
    assert list(line)[:3] == ["id", "text", "date"]
    assert line["entities"][1]["value"] == {"value": 14, "unit": "个", "approx": "exact"}
    assert parse_record(line) == r


@pytest.mark.parametrize(
    "entity, message",
    [
        ({**PARK, "text": "集成电路产业园"}, "text[9:18] is '青岛集成电路产业园', not '集成电路产业园'"),
        ({**PARK, "end": 99, "text": "x"}, "end 99 is past the text's length"),
        ({**PARK, "label": "COMPANYX"}, "label"),
        ({**FIG, "value": None}, "a FIGURE needs a value"),
        ({**FIG, "value": {"value": 14, "unit": "个", "approx": "roughly"}}, "approx"),
        ({**FIG, "value": {"value": 5, "max": 3, "unit": "年", "approx": "exact"}}, "max 3 is below value 5"),
        ({"label": "DATE", "start": 0, "end": 2, "text": "地处", "value": {"iso": "2022/08"}}, "iso '2022/08'"),
        ({**PARK, "value": {"iso": "2022"}}, "a PARK takes no value"),
        ({**PARK, "start": 18, "end": 9}, "must be greater than start"),
    ],
)
def test_invalid_entities_are_rejected_with_a_message(entity: dict, message: str) -> None:
    with pytest.raises(ValueError) as exc:
        parse_record(rec(entity))
    assert message in str(exc.value)
    assert "'r1'" in str(exc.value)


def test_overlapping_and_nested_entities_are_rejected() -> None:
    loc = {"label": "LOC", "start": 9, "end": 11, "text": "青岛"}
    with pytest.raises(ValueError, match=r"LOC '青岛' \[9:11\] nests in PARK '青岛集成电路产业园'"):
        parse_record(rec(PARK, loc))
    cross = {"label": "ORG", "start": 16, "end": 20, "text": "产业园，当"}
    with pytest.raises(ValueError, match="overlaps"):
        parse_record(rec(PARK, cross))


def test_figure_numbers_are_normalised() -> None:
    v = FigureValue(value=2e10, unit="元", approx="about")
    assert v.value == 20000000000 and isinstance(v.value, int)
    assert FigureValue(value=1.5, unit="公里").value == 1.5


def test_extra_fields_are_kept_and_errors_omitted_when_empty() -> None:
    r = parse_record(rec({**PARK, "source": "rules:parks", "score": 0.9, "note": "x"}))
    out = json.loads(r.to_json())
    assert out["entities"][0]["source"] == "rules:parks"
    assert out["entities"][0]["note"] == "x"
    assert "errors" not in out


def test_schema_command_prints_json_schema(capsys) -> None:
    from newsextract.cli import main

    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema == json.loads(json.dumps(record_json_schema()))
    assert "entities" in schema["properties"]
    assert Record.model_json_schema()["properties"]["id"]["type"] == "string"

"""Batch runs: determinism across --jobs, resume after a kill, Dask, tables, errors and exit status."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from newsextract import batch, cli, tables
from newsextract.io import InputError, iter_articles

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED_ID = "qingdao-daily-parks"

SMALL = ["news-04", "news-10", "news-20", "news-01", "news-25"]


@pytest.fixture(scope="module")
def small_input(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A JSONL input of five real corpus articles (with their manifest dates)."""
    arts = {a.id: a for a in iter_articles([CORPUS]) if not isinstance(a, InputError)}
    path = tmp_path_factory.mktemp("in") / "articles.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for aid in SMALL:
            fh.write(json.dumps(arts[aid].model_dump(mode="json"), ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="module")
def reference(small_input: Path, pipe, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """An uninterrupted single-process run over ``small_input``."""
    out = tmp_path_factory.mktemp("ref") / "out.jsonl"
    summary = batch.run_batch([small_input], out, pipeline=pipe, progress=False, batch_size=2)
    assert summary.articles == len(SMALL) and summary.errors == 0
    return out.read_bytes()


def test_reference_matches_pipeline(reference: bytes, small_input: Path, pipe) -> None:
    lines = reference.decode("utf-8").splitlines()
    assert [json.loads(x)["id"] for x in lines] == SMALL
    direct = [r.to_json() for r in pipe.extract_many(iter_articles([small_input]))]
    assert lines == direct


def test_jobs_2_gives_the_same_bytes(small_input: Path, reference: bytes, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    summary = batch.run_batch([small_input], out, jobs=2, batch_size=1, progress=False)
    assert out.read_bytes() == reference
    assert summary.articles == len(SMALL)
    assert summary.peak_rss_workers_mb and all(v > 0 for v in summary.peak_rss_workers_mb.values())


@pytest.mark.parametrize("cut", ["mid-line", "line-end", "empty", "complete"])
def test_resume_after_kill(cut: str, small_input: Path, reference: bytes, pipe, tmp_path: Path) -> None:
    ends = [i + 1 for i, b in enumerate(reference) if b == 0x0A]
    pos = {
        "mid-line": ends[1] + (ends[2] - ends[1]) // 2,  # two records, then a torn third line
        "line-end": ends[2],
        "empty": 0,
        "complete": len(reference),
    }[cut]
    out = tmp_path / "out.jsonl"
    out.write_bytes(reference[:pos])
    err = io.StringIO()
    summary = batch.run_batch([small_input], out, resume=True, pipeline=pipe, progress=False,
                              batch_size=2, stream=err)
    assert out.read_bytes() == reference
    kept = sum(1 for e in ends if e <= pos)
    assert summary.resumed == kept
    assert summary.articles == len(SMALL) - kept
    if cut == "mid-line":
        assert "dropped an incomplete last line" in err.getvalue()


def test_resume_refuses_a_file_broken_in_the_middle(small_input: Path, reference: bytes, pipe,
                                                    tmp_path: Path) -> None:
    lines = reference.split(b"\n")
    out = tmp_path / "out.jsonl"
    out.write_bytes(lines[0] + b"\n" + lines[1][:40] + b"\n" + lines[2] + b"\n")
    with pytest.raises(batch.ResumeError, match="line 2|:2:"):
        batch.run_batch([small_input], out, resume=True, pipeline=pipe, progress=False)
    assert cli.main(["extract", str(small_input), "-o", str(out), "--resume", "--no-progress"]) == 2


def test_resume_skips_by_id_and_counts_old_errors(tmp_path: Path, pipe) -> None:
    src = tmp_path / "in.jsonl"
    text = (CORPUS / "news-04.txt").read_text(encoding="utf-8")
    src.write_text(json.dumps({"id": "a", "text": text}, ensure_ascii=False) + "\n{oops\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    first = batch.run_batch([src], out, resume=True, pipeline=pipe, progress=False, stream=io.StringIO())
    assert (first.articles, first.errors, first.exit_status()) == (2, 1, 1)
    again = batch.run_batch([src], out, resume=True, pipeline=pipe, progress=False, stream=io.StringIO())
    # nothing left to do, and the exit status still reports the failed line of the output
    assert (again.articles, again.resumed, again.errors, again.exit_status()) == (0, 2, 1, 1)
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_error_records_and_exit_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    shutil.copy(CORPUS / "news-04.txt", folder / "a.txt")
    (folder / "b.txt").write_bytes(b"\xff\xfe\x00\x00binary")
    (folder / "c.txt").write_text("   \n", encoding="utf-8")
    shutil.copy(CORPUS / "news-10.txt", folder / "d.txt")
    out = tmp_path / "out.jsonl"
    status = cli.main(["extract", str(folder), "-o", str(out), "--no-progress"])
    assert status == 1
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in recs] == ["a", "b", "c", "d"]
    assert [bool(r.get("errors")) for r in recs] == [False, True, True, False]
    assert "UTF-16" in recs[1]["errors"][0]
    assert recs[0]["text"] == (CORPUS / "news-04.txt").read_text(encoding="utf-8")
    err = capsys.readouterr().err
    assert "error: b:" in err and "articles: 4 processed" in err and "errors: 2 articles with errors" in err
    assert "throughput:" in err and "peak RSS:" in err
    # a clean run exits 0
    assert cli.main(["extract", str(folder / "a.txt"), "-o", str(tmp_path / "ok.jsonl"), "--no-progress"]) == 0


def test_bad_usage_exits_2(small_input: Path, tmp_path: Path) -> None:
    assert cli.main(["extract", str(small_input), "--resume", "--no-progress"]) == 2  # stdout
    assert cli.main(["extract", str(small_input), "-o", str(tmp_path / "t.parquet"), "--resume"]) == 2
    assert cli.main(["extract", str(small_input), "--format", "parquet", "--no-progress"]) == 2


def test_dask_local_cluster_gives_the_same_bytes(small_input: Path, reference: bytes, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp://",
                                  host="127.0.0.1", scheduler_port=0, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            records = list(batch.extract_dask([small_input], client, batch_size=2, chunk_size=2))
        assert "".join(r.to_json() + "\n" for r in records).encode("utf-8") == reference
        # the command line, through the scheduler's tcp:// address
        out = tmp_path / "dask.jsonl"
        assert cli.main(["extract", str(small_input), "-o", str(out), "--scheduler", cluster.scheduler_address,
                         "--batch-size", "1", "--no-progress"]) == 0
        assert out.read_bytes() == reference


def _seed_records() -> list[dict]:
    """Two records on real corpus text, with entities of every value kind."""
    text = (CORPUS / f"{SEED_ID}.txt").read_text(encoding="utf-8")

    def span(label: str, s: str, value: dict | None = None, after: int = 0) -> dict:
        start = text.index(s, after)
        ent = {"label": label, "start": start, "end": start + len(s), "text": s}
        if value:
            ent["value"] = value
        return ent

    park = span("PARK", "青岛集成电路产业园")
    ents = [
        {**park, "source": "gazetteer:parks", "score": 1.0},
        span("FIGURE", "14个", {"value": 14, "unit": "个", "approx": "exact"}, park["end"]),
        span("LOC", "青岛自贸片区"),
    ]
    return [
        {"id": SEED_ID, "text": text, "date": "2022-08-25", "source": "青岛日报", "entities": ents},
        {"id": "empty", "text": "", "errors": ["empty article (no text)"]},
    ]


def test_entity_and_article_tables() -> None:
    recs = _seed_records()
    ents = tables.entity_frame(recs)
    assert list(ents.columns) == list(tables.ENTITY_DTYPES)
    assert list(ents.columns) == ["article_id", "label", "text", "start", "end", "source", "score",
                                  "value", "unit", "approx", "max", "iso"]
    assert {c: str(t) for c, t in ents.dtypes.items()} == {
        "article_id": "string", "label": "category", "text": "string", "start": "int64",
        "end": "int64", "source": "string", "score": "Float64", "value": "Float64", "unit": "string",
        "approx": "category", "max": "Float64", "iso": "string"}
    fig = ents[ents.label == "FIGURE"].iloc[0]
    assert (fig.text, fig.value, fig.unit, fig.approx) == ("14个", 14.0, "个", "exact")
    assert pd.isna(fig["max"]) and pd.isna(fig.iso) and pd.isna(fig.score)
    park = ents[ents.label == "PARK"].iloc[0]
    assert recs[0]["text"][park.start:park.end] == "青岛集成电路产业园" and park.score == 1.0
    assert pd.isna(park.value)

    arts = tables.article_frame(recs)
    assert list(arts.columns)[:6] == ["article_id", "date", "source", "title", "chars", "entities"]
    row = arts.set_index("article_id").loc[SEED_ID]
    assert (row.entities, row.PARK, row.FIGURE, row.LOC, row.PERSON) == (3, 1, 1, 1, 0)
    assert pd.isna(row.errors)
    assert arts.set_index("article_id").loc["empty", "errors"] == "empty article (no text)"
    assert str(arts.dtypes["PARK"]) == "int64" and str(arts.dtypes["date"]) == "string"

    empty = tables.entity_frame([])
    assert len(empty) == 0 and {c: str(t) for c, t in empty.dtypes.items()} == \
        {c: str(t) for c, t in ents.dtypes.items()}


def test_table_command_parquet_and_csv(tmp_path: Path) -> None:
    src = tmp_path / "recs.jsonl"
    recs = _seed_records()
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    ents_pq, arts_csv = tmp_path / "entities.parquet", tmp_path / "articles.csv"
    assert cli.main(["table", str(src), "-o", str(ents_pq), "--articles", str(arts_csv)]) == 0
    back = pd.read_parquet(ents_pq)
    assert list(back.columns) == list(tables.ENTITY_DTYPES)
    assert str(back.dtypes["label"]) == "category" and str(back.dtypes["start"]) == "int64"
    assert str(back.dtypes["value"]) == "Float64" and str(back.dtypes["article_id"]) == "string"
    assert back.text.tolist() == ["青岛集成电路产业园", "青岛自贸片区", "14个"] or \
        sorted(back.text.tolist()) == sorted(["青岛集成电路产业园", "青岛自贸片区", "14个"])
    lines = arts_csv.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "article_id,date,source,title,chars,entities,PARK,COMPANY,ORG,LOC,PERSON,DATE,FIGURE,errors"
    assert lines[1].startswith(f"{SEED_ID},2022-08-25,青岛日报,,") and lines[1].endswith(",3,1,0,0,1,0,0,1,")

    # a bad line is reported and left out, exit status 1
    with open(src, "a", encoding="utf-8") as fh:
        fh.write('{"id": "x", "text": "abc", "entities": [{"label": "PARK", "start": 0, "end": 9, "text": "abc"}]}\n')
    assert cli.main(["table", str(src), "-o", str(tmp_path / "e.csv")]) == 1
    assert len(pd.read_csv(tmp_path / "e.csv")) == 3


def test_extract_writes_parquet(small_input: Path, pipe, tmp_path: Path, reference: bytes) -> None:
    out = tmp_path / "entities.parquet"
    batch.run_batch([small_input], out, fmt="parquet", pipeline=pipe, progress=False)
    df = pd.read_parquet(out)
    assert list(df.columns) == list(tables.ENTITY_DTYPES)
    expected = tables.entity_frame(json.loads(x) for x in reference.decode("utf-8").splitlines())
    pd.testing.assert_frame_equal(df, expected)


def test_progress_lines_when_not_a_terminal() -> None:
    stream = io.StringIO()
    bar = batch.Progress(total=4, stream=stream, interval=0)
    bar.update()
    bar.update()
    bar.close()
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2 and lines[-1].startswith("progress: 2/4 articles (50%)")
    assert "articles/s" in lines[-1] and "ETA" in lines[-1]
    quiet = io.StringIO()
    off = batch.Progress(total=4, stream=quiet, enabled=False, interval=0)
    off.update()
    assert quiet.getvalue() == ""


def test_jsonl_input_is_streamed_and_decoded_line_by_line(tmp_path: Path) -> None:
    a = (CORPUS / "news-04.txt").read_text(encoding="utf-8")
    b = (CORPUS / "news-10.txt").read_text(encoding="utf-8")
    src = tmp_path / "mixed.jsonl"
    with open(src, "wb") as fh:
        fh.write(json.dumps({"id": "utf8", "text": a}, ensure_ascii=False).encode("utf-8") + b"\n")
        fh.write(json.dumps({"id": "gbk", "text": b}, ensure_ascii=False).encode("gb18030") + b"\r\n")
        fh.write(b'{"id": "bad", "text": "\xff\xfe\xfd"}\n')
        fh.write(json.dumps({"id": "last", "text": a[:50]}, ensure_ascii=False).encode("utf-8") + b"\n")
    items = list(iter_articles([src]))
    assert [getattr(i, "id", None) for i in items[:2]] == ["utf8", "gbk"]
    assert items[0].text == a and items[1].text == b
    assert isinstance(items[2], InputError) and items[2].line == 3 and "UTF-8" in items[2].message
    assert items[3].id == "last"

"""Benchmark the FIGURE and DATE recognisers: speed against bare jieba (and jionlp) in the same run.

Runs ``find_figures`` + ``find_dates`` (what the two components do per article)
over the prepared texts of ``corpus/`` (repeated ``--repeat`` times) and prints
characters per second beside two references measured on the same texts in the
same run: ``jieba.lcut`` (the tokenizer every article goes through anyway) and,
when installed, jionlp's ``extract_money`` + ``extract_time``. The ratios are
the result; absolute numbers depend on the machine.

Usage: ``python scripts/bench_figures.py [--repeat 5]``
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as _dt
import io
import json
import logging
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _texts() -> list[tuple[str, _dt.date | None]]:
    from newsextract.prepare import prepare

    out = []
    for line in (ROOT / "corpus" / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        m = json.loads(line)
        raw = (ROOT / "corpus" / m["file"]).read_text(encoding="utf-8")
        out.append((prepare(raw).text, _dt.date.fromisoformat(m["date"]) if m.get("date") else None))
    return out


def _timed(fn, repeat: int) -> float:
    fn()  # warm up (tables, regexes, dictionaries)
    t0 = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - t0) / repeat


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Speed of the FIGURE/DATE rules against jieba and jionlp.")
    ap.add_argument("--repeat", type=int, default=5, help="passes over the corpus per measurement (default 5)")
    args = ap.parse_args(argv)
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")

    import jieba

    from newsextract.recognizers.dates import find_dates
    from newsextract.recognizers.figures import find_figures

    jieba.setLogLevel(logging.WARNING)
    texts = _texts()
    n_chars = sum(len(t) for t, _ in texts)

    def rules() -> None:
        for t, d in texts:
            find_dates(t, d)
            find_figures(t, d)

    def tokenize() -> None:
        for t, _ in texts:
            jieba.lcut(t)

    rows = [("figures+dates rules", _timed(rules, args.repeat)), ("jieba.lcut", _timed(tokenize, args.repeat))]
    try:
        logging.getLogger().setLevel(logging.CRITICAL)
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            import jionlp as jio
    except ImportError:
        jio = None
    if jio is not None:
        def jionlp_run() -> None:
            with contextlib.redirect_stdout(io.StringIO()):
                for t, d in texts:
                    base = d or _dt.date(2022, 1, 1)
                    jio.ner.extract_money(t, with_parsing=True)
                    jio.ner.extract_time(t, time_base={"year": base.year, "month": base.month, "day": base.day},
                                         with_parsing=True)
        rows.append(("jionlp money+time", _timed(jionlp_run, args.repeat)))

    ref = rows[0][1]
    print(f"{len(texts)} articles, {n_chars} characters, {args.repeat} passes")
    print(f"{'system':<22} {'s/pass':>8} {'chars/s':>10} {'time vs rules':>14}")
    for name, sec in rows:
        print(f"{name:<22} {sec:>8.4f} {n_chars / sec:>10.0f} {sec / ref:>13.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Compare newsextract's FIGURE/DATE extraction with jionlp's money and time extraction.

Both systems run on the same gold records (default ``gold/dev.jsonl``); the script
prints, side by side, strict F1 (label + start + end) and value accuracy (every
field of ``value`` matches, numbers to 1e-6 relative, over the strictly matched
entities) for FIGURE and DATE.

jionlp is mapped to the record format as fairly as possible:

* it gets the same prepared text as newsextract's recognisers (layout repaired,
  half-width, Simplified: jionlp does not read Traditional characters), and its
  offsets are mapped back to the raw text the same way;
* trailing whitespace and punctuation in its spans are trimmed (``超千亿元 `` →
  ``超千亿元``, ``约200亿元,近`` → ``约200亿元``);
* ``extract_money`` → FIGURE: ``num`` is the value (a two-number range gives
  ``max``, or ``over`` when 余/多 is written), ``case`` the unit, ``definition``
  the approximation (accurate → exact, blur+ → over, blur- → under, blur → about);
* ``extract_time`` → DATE for time points and spans, with a trailing clock
  time, time of day, weekday or 以来/同期 trimmed (the guidelines leave them out
  of a DATE; jionlp keeps them): the iso value is the
  calendar period its ``[start, end]`` covers (day, month, quarter, half-year,
  year); undated articles are parsed against a sentinel base year and every part
  that comes from the base is written ``XXXX``/``XX`` as the guidelines ask;
  ``time_delta`` (durations such as 三到五年) → FIGURE with unit 年/个月/天/小时,
  since durations are FIGUREs in this project.

jionlp is an optional dev-only dependency: ``pip install -e '.[compare]'``.

Usage: ``python scripts/compare_jionlp.py [--gold gold/dev.jsonl] [--show-errors]``
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as _dt
import io
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SENTINEL = _dt.date(1900, 6, 15)  # base date for undated articles; years near 1900 become XXXX
TRIM = set(" \t\n\u3000,，。.;；:：、!！?？)）(（\"“”'")
DELTA_UNITS = {"year": "年", "month": "个月", "day": "天", "hour": "小时", "minute": "分钟", "second": "秒"}


def load_jionlp():
    import logging

    logging.getLogger().setLevel(logging.CRITICAL)  # jionlp logs parse failures on the root logger
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            import jionlp
    except ImportError:
        sys.exit("compare_jionlp: jionlp is not installed; install the dev extra: pip install -e '.[compare]'")
    return jionlp


# -- jionlp → records ---------------------------------------------------------

def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while e > s and text[e - 1] in TRIM:
        e -= 1
    while s < e and text[s] in TRIM:
        s += 1
    return s, e


# Conventions of the guidelines that jionlp does not share; trimmed from its DATE spans
# so that a correct date is not counted wrong for a formatting difference:
# a clock time or time of day, a weekday, 以来/以前/同期 after the date.
DATE_SUFFIX = re.compile(
    r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?|上午|下午|中午|晚上|凌晨|早上|傍晚|\s*星期[一二三四五六日天]"
    r"|以来|以前|同期)+$")


def _trim_date(text: str, s: int, e: int) -> tuple[int, int]:
    m = DATE_SUFFIX.search(text[s:e])
    if m and m.start() > 0:
        e = s + m.start()
    return _trim(text, s, e)


def _approx(definition: str) -> str:
    return {"accurate": "exact", "blur+": "over", "blur-": "under", "blur": "about"}.get(definition, "exact")


def _approx_of_span(span_text: str, definition: str) -> str:
    # jionlp's blur- covers both 约/近 (about) and 不到/不足 (under): read the word it kept
    if span_text.startswith(("约", "近", "大约", "将近", "接近")) or span_text.endswith("左右"):
        return "about"
    if span_text.startswith(("不到", "不足", "小于", "低于")) or span_text.endswith("以下"):
        return "under"
    if span_text.startswith(("超", "逾", "突破", "大于", "不少于")) or span_text.endswith("以上"):
        return "over"
    return _approx(definition)


def money_value(span_text: str, detail: dict[str, Any]) -> dict[str, Any] | None:
    num = detail.get("num")
    unit = detail.get("case", "")
    try:
        if isinstance(num, list):
            lo, hi = float(num[0]), float(num[1])
            if any(w in span_text for w in ("余", "多")):
                return {"value": lo, "unit": unit, "approx": "over"}
            return {"value": lo, "unit": unit, "approx": "exact", "max": hi}
        return {"value": float(num), "unit": unit, "approx": _approx_of_span(span_text, detail.get("definition", ""))}
    except (TypeError, ValueError):
        return None


def delta_value(span_text: str, detail: dict[str, Any]) -> dict[str, Any] | None:
    t = detail.get("time")
    parts = t if isinstance(t, list) else [t]
    if not parts or not all(isinstance(p, dict) and len(p) == 1 for p in parts):
        return None
    keys = {next(iter(p)) for p in parts}
    if len(keys) != 1 or next(iter(keys)) not in DELTA_UNITS:
        return None
    key = next(iter(keys))
    vals = [float(p[key]) for p in parts]
    approx = "over" if any(w in span_text for w in ("余", "多", "超过", "逾")) else "exact"
    if any(w in span_text for w in ("约", "近", "左右")):
        approx = "about"
    v: dict[str, Any] = {"value": vals[0], "unit": DELTA_UNITS[key], "approx": approx}
    if len(vals) == 2 and vals[1] > vals[0]:
        v["max"] = vals[1]
    return v


def _last_day(y: int, m: int) -> int:
    nxt = _dt.date(y + (m == 12), m % 12 + 1, 1)
    return (nxt - _dt.timedelta(days=1)).day


def time_iso(span_text: str, detail: dict[str, Any], dated: bool) -> str | None:
    t = detail.get("time")
    if not (isinstance(t, list) and len(t) == 2 and all(isinstance(x, str) for x in t)):
        return None
    try:
        a = _dt.datetime.fromisoformat(t[0]).date()
        b = _dt.datetime.fromisoformat(t[1]).date()
    except ValueError:
        return None
    if a.year != b.year:
        return None
    y = f"{a.year:04d}"
    if not dated and abs(a.year - SENTINEL.year) <= 5 and not re.search(r"\d{4}|[〇零一二三四五六七八九]{4}年", span_text):
        y = "XXXX"  # the year came from the sentinel base, not from the text
    if a == b:
        if y == "XXXX" and "月" not in span_text:
            return "XXXX-XX-XX"
        return f"{y}-{a.month:02d}-{a.day:02d}"
    if a.month == b.month and a.day == 1 and b.day == _last_day(b.year, b.month):
        return f"{y}-{'XX' if y == 'XXXX' and '月' not in span_text else f'{a.month:02d}'}"
    if a.day == 1 and b.day == _last_day(b.year, b.month):
        if (a.month, b.month) == (1, 12):
            return y
        if b.month - a.month == 2 and a.month in (1, 4, 7, 10):
            return f"{y}-Q{(a.month - 1) // 3 + 1}"
        if (a.month, b.month) in ((1, 6), (7, 12)):
            return f"{y}-H{1 if a.month == 1 else 2}"
    if a.month == b.month:
        return f"{y}-{a.month:02d}"
    return y


def jionlp_entities(jio, record: dict[str, Any]) -> list[dict[str, Any]]:
    from newsextract.prepare import prepare

    prepared = prepare(record["text"])
    text = prepared.text
    date = record.get("date")
    base = _dt.date.fromisoformat(date) if date else SENTINEL
    out = []
    with contextlib.redirect_stdout(io.StringIO()):
        money = jio.ner.extract_money(text, with_parsing=True)
        times = jio.ner.extract_time(
            text, time_base={"year": base.year, "month": base.month, "day": base.day}, with_parsing=True)
    for item in money + times:
        s, e = _trim(text, *item["offset"])
        if e <= s:
            continue
        span = text[s:e]
        kind = item.get("type")
        if kind == "money":
            label, value = "FIGURE", money_value(span, item.get("detail", {}))
        elif kind == "time_delta":
            label, value = "FIGURE", delta_value(span, item.get("detail", {}))
        elif kind in ("time_point", "time_span"):
            s, e = _trim_date(text, s, e)
            span = text[s:e]
            iso = time_iso(span, item.get("detail", {}), bool(date))
            label, value = "DATE", ({"iso": iso} if iso else None)
        else:
            continue
        rs, re_ = prepared.to_raw(s, e)
        out.append({"label": label, "start": rs, "end": re_, "value": value})
    return out


# -- newsextract → records ----------------------------------------------------

def newsextract_entities(pipe, record: dict[str, Any]) -> list[dict[str, Any]]:
    from newsextract.schema import Article

    rec = pipe.extract_article(Article.model_validate(record))
    return [
        {"label": e.label, "start": e.start, "end": e.end, "value": e.value.model_dump(exclude_none=True)}
        for e in rec.entities if e.label in ("FIGURE", "DATE")
    ]


# -- scoring ------------------------------------------------------------------

CURRENCIES = {"元", "圆", "美元", "欧元", "港元", "港币", "日元", "英镑", "澳元", "韩元", "卢布", "新台币", "人民币"}


def _is_money(ent: dict[str, Any]) -> bool:
    v = ent.get("value") or {}
    return ent["label"] == "FIGURE" and v.get("unit") in CURRENCIES


def value_equal(gold: dict[str, Any] | None, pred: dict[str, Any] | None) -> bool:
    if not gold or not pred:
        return False
    g = {k: v for k, v in gold.items() if v is not None}
    p = {k: v for k, v in pred.items() if v is not None}
    if g.keys() != p.keys():
        return False
    for k, gv in g.items():
        pv = p[k]
        if isinstance(gv, (int, float)) and not isinstance(gv, bool):
            if not isinstance(pv, (int, float)) or abs(pv - gv) > 1e-6 * max(1.0, abs(gv)):
                return False
        elif gv != pv:
            return False
    return True


def score(gold_records, predictions, label: str, errors: list[str] | None = None,
          system: str = "") -> dict[str, float]:
    n_gold = n_pred = tp = v_ok = 0
    for rec, pred in zip(gold_records, predictions):
        g = {(e["start"], e["end"]): e for e in rec["entities"] if e["label"] == label}
        p = {(e["start"], e["end"]): e for e in pred if e["label"] == label}
        n_gold, n_pred = n_gold + len(g), n_pred + len(p)
        for k in g.keys() & p.keys():
            tp += 1
            if value_equal(g[k].get("value"), p[k].get("value")):
                v_ok += 1
            elif errors is not None:
                errors.append(f"{system} {rec['id']} {label} value {rec['text'][k[0]:k[1]]!r}: "
                              f"gold {g[k].get('value')} got {p[k].get('value')}")
        if errors is not None:
            for k in sorted(g.keys() - p.keys()):
                errors.append(f"{system} {rec['id']} {label} missed {rec['text'][k[0]:k[1]]!r}")
            for k in sorted(p.keys() - g.keys()):
                errors.append(f"{system} {rec['id']} {label} spurious {rec['text'][k[0]:k[1]]!r}")
    prec = tp / n_pred if n_pred else 0.0
    rec_ = tp / n_gold if n_gold else 0.0
    f1 = 2 * prec * rec_ / (prec + rec_) if prec + rec_ else 0.0
    return {"gold": n_gold, "pred": n_pred, "tp": tp, "p": prec, "r": rec_, "f1": f1,
            "value_acc": v_ok / tp if tp else 0.0}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="Strict F1 and value accuracy of FIGURE/DATE: newsextract vs jionlp on gold records.")
    ap.add_argument("--gold", type=Path, default=ROOT / "gold" / "dev.jsonl",
                    help="gold JSONL (default: gold/dev.jsonl; gold/test.jsonl is the CI gate, not for tuning)")
    ap.add_argument("--show-errors", action="store_true", help="list every miss, spurious span and wrong value")
    args = ap.parse_args(argv)
    if not args.gold.exists():
        ap.error(f"gold file not found: {args.gold}")
    os.environ.setdefault("NEWSEXTRACT_CACHE", str(Path("/tmp") / "nx-cache-compare"))
    jio = load_jionlp()
    from newsextract import Pipeline

    records = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    pipe = Pipeline()
    ours = [newsextract_entities(pipe, r) for r in records]
    theirs = [jionlp_entities(jio, r) for r in records]

    errors: list[str] | None = [] if args.show_errors else None
    print(f"gold: {args.gold} ({len(records)} records)")
    print(f"{'label':<14} {'system':<12} {'gold':>5} {'pred':>5} {'tp':>5} {'P':>6} {'R':>6} {'F1':>6} "
          f"{'value acc':>10}")
    results = {}
    for label in ("FIGURE", "DATE"):
        for name, preds in (("newsextract", ours), ("jionlp", theirs)):
            s = results[label, name] = score(records, preds, label, errors, name)
            print(f"{label:<14} {name:<12} {s['gold']:>5} {s['pred']:>5} {s['tp']:>5} "
                  f"{s['p']:>6.3f} {s['r']:>6.3f} {s['f1']:>6.3f} {s['value_acc']:>10.3f}")
    # jionlp only extracts money: the FIGUREs whose unit is a currency, for both systems
    money_gold = [{**r, "entities": [e for e in r["entities"] if _is_money(e)]} for r in records]
    for name, preds in (("newsextract", ours), ("jionlp", theirs)):
        s = score(money_gold, [[e for e in p if _is_money(e)] for p in preds], "FIGURE")
        print(f"{'FIGURE (money)':<14} {name:<12} {s['gold']:>5} {s['pred']:>5} {s['tp']:>5} "
              f"{s['p']:>6.3f} {s['r']:>6.3f} {s['f1']:>6.3f} {s['value_acc']:>10.3f}")
    ahead = all(results[lab, "newsextract"][k] > results[lab, "jionlp"][k]
                for lab in ("FIGURE", "DATE") for k in ("f1", "value_acc"))
    print(f"newsextract ahead of jionlp on strict F1 and value accuracy for FIGURE and DATE: {ahead}")
    if errors:
        print()
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())

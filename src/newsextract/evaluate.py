"""Scoring predictions against gold, and the CI gate.

Definitions (the scoring section of ANNOTATION.md, made exact):

* **strict**: a predicted entity is a true positive when a gold entity of the
  same record has the same label, start and end. Precision = TP / predicted,
  recall = TP / gold, F1 their harmonic mean (0 when both are 0).
* **relaxed**: label equal and spans overlapping. Relaxed precision counts
  predicted entities that overlap a gold entity of their label; relaxed recall
  counts gold entities overlapped by a prediction of their label.
* **value accuracy** (FIGURE, DATE): among strict matches, the share whose
  ``value`` agrees in every field (numbers to 1e-6 relative).
* A duplicated prediction (same label and span twice) counts once as a
  match and then as a false positive.
* A gold record missing from the predictions counts all its entities as false
  negatives (and is listed); a predicted record with no gold is ignored and
  reported. Overall scores are micro-averages over all labels.

The gate (``--check``) compares each label's strict F1 with the thresholds and
the stored baseline in ``[tool.newsextract.evaluate]`` of ``pyproject.toml``.
"""

from __future__ import annotations

import json
import math
import re
import tomllib
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .schema import LABELS, DateValue, Entity, FigureValue, Record

VALUE_LABELS = ("FIGURE", "DATE")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    rel_pred_hit: int = 0
    rel_gold_hit: int = 0
    value_ok: int = 0
    value_n: int = 0

    @property
    def n_pred(self) -> int:
        return self.tp + self.fp

    @property
    def n_gold(self) -> int:
        return self.tp + self.fn

    def add(self, other: Counts) -> None:
        for k in asdict(self):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    def scores(self) -> dict[str, Any]:
        p, r = _ratio(self.tp, self.n_pred), _ratio(self.tp, self.n_gold)
        rp, rr = _ratio(self.rel_pred_hit, self.n_pred), _ratio(self.rel_gold_hit, self.n_gold)
        out = {
            "gold": self.n_gold, "pred": self.n_pred, "tp": self.tp, "fp": self.fp, "fn": self.fn,
            "precision": p, "recall": r, "f1": _f1(p, r),
            "relaxed_precision": rp, "relaxed_recall": rr, "relaxed_f1": _f1(rp, rr),
        }
        if self.value_n:
            out["value_accuracy"] = self.value_ok / self.value_n
            out["value_n"] = self.value_n
        return out


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def values_equal(a: FigureValue | DateValue | None, b: FigureValue | DateValue | None) -> bool:
    """Every field equal; numbers to 1e-6 relative."""
    if a is None or b is None:
        return a is b
    if type(a) is not type(b):
        return False
    if isinstance(a, DateValue):
        return a.iso == b.iso
    for name in ("value", "max"):
        x, y = getattr(a, name), getattr(b, name)
        if x is None or y is None:
            if x is not y:
                return False
        elif not math.isclose(x, y, rel_tol=1e-6, abs_tol=0.0):
            return False
    return a.unit == b.unit and a.approx == b.approx


@dataclass
class Mistake:
    """A false positive or false negative, with its sentence for the reader."""

    record_id: str
    kind: str  # "FP" or "FN"
    label: str
    start: int
    end: int
    text: str
    context: str
    note: str = ""


@dataclass
class Report:
    per_label: dict[str, Counts] = field(default_factory=dict)
    per_article: dict[str, Counts] = field(default_factory=dict)
    mistakes: list[Mistake] = field(default_factory=list)
    value_mistakes: list[Mistake] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)

    def overall(self) -> Counts:
        total = Counts()
        for c in self.per_label.values():
            total.add(c)
        return total

    def to_dict(self) -> dict[str, Any]:
        return {
            "overall": self.overall().scores(),
            "labels": {lab: c.scores() for lab, c in self.per_label.items()},
            "articles": {rid: c.scores() for rid, c in self.per_article.items()},
            "missing_records": self.missing,
            "extra_records": self.extra,
        }


_SENT = re.compile(r"[^。！？!?；;\n]*[。！？!?；;]?")


def sentence_around(text: str, start: int, end: int, width: int = 60) -> str:
    """The sentence holding [start, end) with the span marked 【…】, trimmed to ``width`` each side."""
    left = max(text.rfind(c, 0, start) for c in "。！？!?；;\n") + 1
    rights = [i for i in (text.find(c, end) for c in "。！？!?；;\n") if i >= 0]
    right = min(rights) + 1 if rights else len(text)
    left = max(left, start - width)
    right = min(right, end + width)
    return (text[left:start] + "【" + text[start:end] + "】" + text[end:right]).replace("\n", "⏎").strip()


def _key(e: Entity) -> tuple[str, int, int]:
    return (e.label, e.start, e.end)


def score(gold: Iterable[Record], pred: Iterable[Record], labels: Iterable[str] = LABELS) -> Report:
    """Score predicted records against gold records (matched by id)."""
    labels = tuple(labels)
    report = Report(per_label={lab: Counts() for lab in labels})
    pred_by_id = {r.id: r for r in pred}
    gold_ids = set()
    for g in gold:
        gold_ids.add(g.id)
        art = Counts()
        p = pred_by_id.get(g.id)
        if p is None:
            report.missing.append(g.id)
        g_ents = [e for e in g.entities if e.label in labels]
        p_ents = [e for e in (p.entities if p else []) if e.label in labels]
        g_map = {_key(e): e for e in g_ents}
        p_map: dict[tuple[str, int, int], Entity] = {}
        for pe in p_ents:
            c = report.per_label[pe.label]
            ge = g_map.get(_key(pe))
            duplicate = _key(pe) in p_map
            p_map.setdefault(_key(pe), pe)
            overl = [x for x in g_ents if x.label == pe.label and x.start < pe.end and pe.start < x.end]
            if ge is not None and not duplicate:
                c.tp += 1
                art.tp += 1
                if pe.label in VALUE_LABELS:
                    c.value_n += 1
                    art.value_n += 1
                    if values_equal(ge.value, pe.value):
                        c.value_ok += 1
                        art.value_ok += 1
                    else:
                        report.value_mistakes.append(Mistake(
                            g.id, "VALUE", pe.label, pe.start, pe.end, pe.text,
                            sentence_around(g.text, pe.start, pe.end),
                            f"gold {_fmt_value(ge.value)} / predicted {_fmt_value(pe.value)}"))
            else:
                c.fp += 1
                art.fp += 1
                other = [x for x in g_ents if x.start < pe.end and pe.start < x.end]
                note = ""
                if duplicate:
                    note = "duplicate prediction"
                elif overl:
                    note = "boundary: gold " + ", ".join(repr(x.text) for x in overl)
                elif other:
                    note = "label: gold " + ", ".join(f"{x.label} {x.text!r}" for x in other)
                report.mistakes.append(Mistake(g.id, "FP", pe.label, pe.start, pe.end, pe.text,
                                               sentence_around(g.text, pe.start, pe.end), note))
            if overl and not duplicate:
                c.rel_pred_hit += 1
                art.rel_pred_hit += 1
        for k, ge in g_map.items():
            c = report.per_label[ge.label]
            if any(x.label == ge.label and x.start < ge.end and ge.start < x.end for x in p_ents):
                c.rel_gold_hit += 1
                art.rel_gold_hit += 1
            if k not in p_map:
                c.fn += 1
                art.fn += 1
                other = [x for x in p_ents if x.start < ge.end and ge.start < x.end]
                note = ("predicted " + ", ".join(f"{x.label} {x.text!r}" for x in other)) if other else ""
                if p is None:
                    note = "record missing from predictions"
                report.mistakes.append(Mistake(g.id, "FN", ge.label, ge.start, ge.end, ge.text,
                                               sentence_around(g.text, ge.start, ge.end), note))
        report.per_article[g.id] = art
    report.extra = sorted(set(pred_by_id) - gold_ids)
    report.mistakes.sort(key=lambda m: (m.record_id, m.start, m.kind))
    return report


def _fmt_value(v: FigureValue | DateValue | None) -> str:
    return json.dumps(v.model_dump(exclude_none=True), ensure_ascii=False) if v else "none"


# -- rendering -------------------------------------------------------------

_COLS = [("gold", "gold"), ("pred", "pred"), ("precision", "P"), ("recall", "R"), ("f1", "F1"),
         ("relaxed_f1", "relaxed F1"), ("value_accuracy", "value acc")]


def _row(name: str, s: dict[str, Any]) -> list[str]:
    out = [name]
    for key, _ in _COLS:
        v = s.get(key)
        out.append("" if v is None else (f"{v:.3f}" if isinstance(v, float) else str(v)))
    return out


def score_rows(report: Report) -> list[list[str]]:
    rows = [_row(lab, c.scores()) for lab, c in report.per_label.items() if c.n_gold or c.n_pred]
    rows.append(_row("overall", report.overall().scores()))
    return rows


def render_table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    fmt = lambda r: "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))  # noqa: E731
    return "\n".join([fmt(header), fmt(["-" * w for w in widths]), *(fmt(r) for r in rows)])


def render_markdown(rows: list[list[str]], header: list[str]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def render(report: Report, fmt: str = "table", errors: bool = False, articles: bool = True) -> str:
    if fmt == "json":
        data = report.to_dict()
        if errors:
            data["mistakes"] = [asdict(m) for m in report.mistakes + report.value_mistakes]
        return json.dumps(data, ensure_ascii=False, indent=2)
    header = ["label"] + [h for _, h in _COLS]
    draw = render_markdown if fmt == "markdown" else render_table
    parts = [draw(score_rows(report), header)]
    if articles:
        art_rows = [_row(rid, c.scores())[:6] for rid, c in report.per_article.items()]
        parts.append(draw(art_rows, ["article", "gold", "pred", "P", "R", "F1"]))
    if report.missing:
        parts.append("records missing from the predictions: " + ", ".join(report.missing))
    if report.extra:
        parts.append(f"{len(report.extra)} predicted records have no gold record (ignored)")
    if errors:
        lines = []
        for m in report.mistakes + report.value_mistakes:
            note = f"  ({m.note})" if m.note else ""
            lines.append(f"{m.kind:5} {m.label:7} {m.record_id} [{m.start}:{m.end}] {m.text!r}{note}\n"
                         f"      {m.context}")
        parts.append("\n".join(lines) or "no mistakes")
    return "\n\n".join(parts)


# -- the gate --------------------------------------------------------------

@dataclass
class GateConfig:
    thresholds: dict[str, float]
    tolerance: float
    baseline_path: Path | None
    metric: str = "f1"


def find_pyproject(start: Path | None = None) -> Path | None:
    here = (start or Path.cwd()).resolve()
    for d in [here, *here.parents]:
        if (d / "pyproject.toml").is_file():
            return d / "pyproject.toml"
    return None


def load_gate_config(pyproject: Path | None = None) -> GateConfig:
    """``[tool.newsextract.evaluate]``: thresholds (label → strict F1), tolerance, baseline file."""
    path = pyproject or find_pyproject()
    if path is None:
        raise FileNotFoundError("no pyproject.toml found for [tool.newsextract.evaluate]")
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    section = data.get("tool", {}).get("newsextract", {}).get("evaluate")
    if section is None:
        raise KeyError(f"{path} has no [tool.newsextract.evaluate] section")
    unknown = set(section.get("thresholds", {})) - set(LABELS) - {"overall"}
    if unknown:
        raise ValueError(f"{path}: thresholds for unknown labels {sorted(unknown)}")
    base = section.get("baseline")
    return GateConfig(
        thresholds={k: float(v) for k, v in section.get("thresholds", {}).items()},
        tolerance=float(section.get("tolerance", 0.02)),
        baseline_path=(path.parent / base) if base else None,
        metric=section.get("metric", "f1"),
    )


def label_scores(report: Report, metric: str = "f1") -> dict[str, float]:
    out = {lab: c.scores()[metric] for lab, c in report.per_label.items() if c.n_gold}
    out["overall"] = report.overall().scores()[metric]
    return out


def check(report: Report, gate: GateConfig) -> list[str]:
    """Failures of the gate, one message each; empty when the gate passes."""
    current = label_scores(report, gate.metric)
    baseline: dict[str, float] = {}
    if gate.baseline_path and gate.baseline_path.is_file():
        baseline = json.loads(gate.baseline_path.read_text(encoding="utf-8")).get("scores", {})
    failures = []
    for lab, thr in gate.thresholds.items():
        got = current.get(lab, 0.0)
        if got < thr:
            failures.append(f"{lab}: strict {gate.metric} {got:.3f} is under its threshold {thr:.3f}")
    for lab, base in baseline.items():
        got = current.get(lab, 0.0)
        if got < base - gate.tolerance:
            failures.append(f"{lab}: strict {gate.metric} {got:.3f} dropped more than "
                            f"{gate.tolerance:.3f} below the baseline {base:.3f}")
    return failures


def write_baseline(report: Report, gate: GateConfig, gold_path: str) -> Path:
    if gate.baseline_path is None:
        raise ValueError("no baseline file configured in [tool.newsextract.evaluate]")
    from .io import atomic_write

    data = {"gold": gold_path, "metric": gate.metric,
            "scores": {k: round(v, 4) for k, v in label_scores(report, gate.metric).items()}}
    with atomic_write(gate.baseline_path) as fh:
        fh.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return gate.baseline_path

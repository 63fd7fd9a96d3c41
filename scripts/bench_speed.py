"""Speed and memory of batch extraction, against bare jieba measured in the same run.

Builds a corpus of ``--mb`` megabytes (UTF-8) of real text, the bundled
``corpus/`` repeated with distinct ids, as JSONL shards, and measures in one
run, each in its own process (so that peak RSS is that measurement's alone):

* ``jieba``       bare ``jieba.lcut`` over every article (the reference);
* ``spacy``       a plain spaCy ``zh`` pipeline: jieba tokenizer + an
                  untrained but initialised ``tok2vec`` + ``ner`` of the same
                  size as the project's statistical NER (its config is read
                  from ``src/newsextract/models/ner/config.cfg``, or
                  ``scripts/ner_config.cfg`` before the model exists), run
                  with ``nlp.pipe``;
* ``spacy-default`` the same with spaCy's own NER size, as written by
                  ``spacy init config --lang zh --pipeline ner --optimize
                  efficiency`` (the plain CNN of issue #6: width 96, depth 4);
* ``full -j N``   the whole newsextract pipeline through
                  ``newsextract.batch.iter_results`` (what ``newsextract
                  extract --jobs N`` runs: reading, preparation, every
                  component, record validation and JSON), for each N of
                  ``--jobs``.

For each: characters per second, the ratio to bare jieba, wall time, start-up
time (building the pipeline / starting the workers, not counted in chars/s),
CPU seconds (user + system, workers and start-up included: on a shared
machine the wall-clock speed-up of ``--jobs 2`` is bounded by the cores other
processes leave free, which the load average printed at the end shows), and
peak RSS of the main process and of the largest worker. The issue's
targets are printed beside the figures; they are measured here, not asserted.

Usage::

    python scripts/bench_speed.py              # 5 MB, --jobs 1 and 2
    python scripts/bench_speed.py --mb 0.5     # a quick run
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections import deque
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
MODEL_CONFIG = ROOT / "src" / "newsextract" / "models" / "ner" / "config.cfg"
FALLBACK_CONFIG = ROOT / "scripts" / "ner_config.cfg"
SHARD_ARTICLES = 200


# -- the corpus ---------------------------------------------------------------------------


def build_corpus(folder: Path, mb: float) -> tuple[int, int, int]:
    """JSONL shards of the bundled corpus repeated to ``mb`` MB; (articles, chars, bytes)."""
    from newsextract.io import iter_articles
    from newsextract.schema import Article

    base = [a for a in iter_articles([CORPUS]) if isinstance(a, Article)]
    target = int(mb * 1_000_000)
    n = chars = size = 0
    shard = None
    rep = 0
    while size < target:
        for art in base:
            if n % SHARD_ARTICLES == 0:
                if shard:
                    shard.close()
                shard = open(folder / f"shard-{n // SHARD_ARTICLES:05d}.jsonl", "w", encoding="utf-8")
            data = art.model_dump(mode="json", exclude_none=True)
            data["id"] = f"r{rep:04d}/{art.id}"
            shard.write(json.dumps(data, ensure_ascii=False) + "\n")
            n += 1
            chars += len(art.text)
            size += len(art.text.encode("utf-8"))
            if size >= target:
                break
        rep += 1
    if shard:
        shard.close()
    return n, chars, size


def shard_texts(folder: Path):
    """The article texts, one shard (a list) at a time."""
    for path in sorted(folder.glob("shard-*.jsonl")):
        with open(path, encoding="utf-8") as fh:
            yield [json.loads(line)["text"] for line in fh if line.strip()]


# -- measurements (each runs in its own process) -----------------------------------------------


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    """User + system CPU time of this process and its finished children (the workers)."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed_over_shards(folder: Path, run, startup: float) -> dict:
    """Time ``run(texts)`` over every shard (reading the shards is not timed); the measurement.
    ``run`` consumes its results without keeping them (``deque(..., maxlen=0)``)."""
    chars = 0
    busy = 0.0
    for texts in shard_texts(folder):
        t = time.perf_counter()
        run(texts)
        busy += time.perf_counter() - t
        chars += sum(map(len, texts))
    return {"chars": chars, "seconds": busy, "startup": startup, "rss": peak_rss_mb(), "workers": 0.0,
            "cpu": cpu_seconds()}


def measure_jieba(folder: Path, batch_size: int) -> dict:
    import jieba

    from newsextract.segment import cache_dir

    t0 = time.perf_counter()
    jieba.setLogLevel(60)
    jieba.dt.tmp_dir = str(cache_dir())
    jieba.initialize()
    startup = time.perf_counter() - t0
    return timed_over_shards(folder, lambda texts: deque(map(jieba.lcut, texts), maxlen=0), startup)


def plain_spacy_config(default: bool = False) -> tuple[dict, str]:
    """The plain pipeline's config: the project NER's size, or (``default``) spaCy's own.

    spaCy's own is what ``spacy init config --lang zh --pipeline ner --optimize
    efficiency`` writes (tok2vec width 96, depth 4, 3 maxout pieces; ner hidden
    64): the plain CNN that issue #6 describes.
    """
    from thinc.api import Config

    if default:
        from spacy.cli.init_config import init_config

        cfg = init_config(lang="zh", pipeline=["ner"], optimize="efficiency", gpu=False).interpolate()
        path_s = "spacy init config --lang zh --pipeline ner --optimize efficiency"
    else:
        path = MODEL_CONFIG if MODEL_CONFIG.exists() else FALLBACK_CONFIG
        cfg = Config().from_disk(path, interpolate=True)
        path_s = str(path.relative_to(ROOT))
    comps = {name: cfg["components"][name] for name in ("tok2vec", "ner")}
    return {
        "nlp": {"lang": "zh", "pipeline": ["tok2vec", "ner"],
                "tokenizer": {"@tokenizers": "spacy.zh.ChineseTokenizer", "segmenter": "jieba"}},
        "components": comps,
    }, path_s


def measure_spacy(folder: Path, batch_size: int, default: bool = False) -> dict:
    import jieba
    import spacy
    from thinc.api import Config, fix_random_seed

    from newsextract.segment import cache_dir

    fix_random_seed(0)
    t0 = time.perf_counter()
    jieba.setLogLevel(60)
    jieba.dt.tmp_dir = str(cache_dir())
    cfg, _ = plain_spacy_config(default)
    nlp = spacy.util.load_model_from_config(Config(cfg), auto_fill=True, validate=True)
    ner = nlp.get_pipe("ner")
    for label in ("COMPANY", "ORG", "LOC", "PERSON"):
        ner.add_label(label)
    nlp.initialize()
    startup = time.perf_counter() - t0
    return timed_over_shards(folder, lambda texts: deque(nlp.pipe(texts, batch_size=batch_size), maxlen=0),
                             startup)


def measure_full(folder: Path, batch_size: int, jobs: int) -> dict:
    from newsextract import batch

    workers: dict[int, float] = {}

    def on_chunk(out: batch.ChunkOutput) -> None:
        workers[out.pid] = max(workers.get(out.pid, 0.0), out.peak_rss_mb)

    t0 = time.perf_counter()
    first = None
    chars = chars_after_first = errors = 0
    for res in batch.iter_results([folder], jobs=jobs, batch_size=batch_size, on_chunk=on_chunk):
        if first is None:
            first = time.perf_counter()  # the first chunk is done: the pipeline(s) are built
            first_chars = res.chars
        chars += res.chars
        errors += bool(res.errors)
        _ = res.line
    end = time.perf_counter()
    # chars/s after start-up: what the first chunk took is counted as start-up
    chars_after_first = chars - first_chars
    others = {p: v for p, v in workers.items() if p != os.getpid()}
    return {"chars": chars_after_first, "seconds": end - first, "startup": first - t0,
            "wall": end - t0, "all_chars": chars, "errors": errors, "rss": peak_rss_mb(),
            "workers": max(others.values()) if others else 0.0, "n_workers": len(others),
            "cpu": cpu_seconds()}


# -- driver ---------------------------------------------------------------------------------------


def run_child(kind: str, folder: Path, batch_size: int, jobs: int = 1) -> dict:
    cmd = [sys.executable, __file__, "--_measure", kind, "--_corpus", str(folder),
           "--batch-size", str(batch_size), "--_jobs", str(jobs)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
        mem_s = f", {mem:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        mem_s = ""
    import spacy

    return (f"{cpu}, {os.cpu_count()} cores{mem_s}; Linux {platform.release()}; "
            f"Python {platform.python_version()}, spaCy {spacy.__version__}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=5.0, help="corpus size in MB of UTF-8 text (default 5)")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="--jobs values of the full pipeline")
    ap.add_argument("--batch-size", type=int, default=16, help="nlp.pipe batch size (default 16)")
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    ap.add_argument("--_measure", help=argparse.SUPPRESS)
    ap.add_argument("--_corpus", help=argparse.SUPPRESS)
    ap.add_argument("--_jobs", type=int, default=1, help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args._measure:
        folder = Path(args._corpus)
        if args._measure == "jieba":
            res = measure_jieba(folder, args.batch_size)
        elif args._measure in ("spacy", "spacy-default"):
            res = measure_spacy(folder, args.batch_size, default=args._measure == "spacy-default")
        else:
            res = measure_full(folder, args.batch_size, args._jobs)
        print(json.dumps(res))
        return 0

    os.environ.setdefault("NEWSEXTRACT_CACHE", str(Path(tempfile.gettempdir()) / "newsextract-bench-cache"))
    load0 = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="nx-bench-") as tmp:
        folder = Path(tmp)
        n, chars, size = build_corpus(folder, args.mb)
        _, ner_cfg = plain_spacy_config()
        print(f"corpus: {n} articles, {chars:,} characters, {size / 1e6:.2f} MB UTF-8 "
              f"(corpus/ repeated, {len(list(folder.glob('*.jsonl')))} JSONL shards); batch size {args.batch_size}")
        print(f"machine: {machine()}")
        print(f"plain spaCy tok2vec+ner sized from {ner_cfg}")
        rows = []
        ref = run_child("jieba", folder, args.batch_size)
        rows.append(("bare jieba.lcut", ref))
        rows.append(("spaCy zh: jieba + tok2vec + ner, the NER's size (untrained)",
                     run_child("spacy", folder, args.batch_size)))
        rows.append(("spaCy zh: jieba + tok2vec + ner, spaCy's default size (untrained)",
                     run_child("spacy-default", folder, args.batch_size)))
        full: dict[int, dict] = {}
        for j in args.jobs:
            full[j] = run_child("full", folder, args.batch_size, j)
            rows.append((f"newsextract full pipeline, --jobs {j}", full[j]))
    load1 = os.getloadavg()[0]

    ref_rate = ref["chars"] / ref["seconds"]
    header = ["measurement", "chars/s", "× jieba", "time s", "start-up s", "CPU s", "peak RSS main MB",
              "peak RSS worker MB"]
    table = []
    for name, r in rows:
        rate = r["chars"] / r["seconds"]
        table.append([name, f"{rate:,.0f}", f"{rate / ref_rate:.3f}", f"{r.get('wall', r['seconds']):.1f}",
                      f"{r['startup']:.1f}", f"{r['cpu']:.1f}", f"{r['rss']:.0f}", f"{r['workers']:.0f}" if r["workers"] else "–"])
    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for row in table:
            print("| " + " | ".join(row) + " |")
    else:
        widths = [max(len(str(x[i])) for x in [header, *table]) for i in range(len(header))]
        for row in [header, *table]:
            print("  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w) for i, (c, w) in enumerate(zip(row, widths))))
    print(f"load average (1 min) before/after: {load0:.2f} / {load1:.2f}")

    spacy_rate = rows[1][1]["chars"] / rows[1][1]["seconds"]
    default_rate = rows[2][1]["chars"] / rows[2][1]["seconds"]
    print("\ntargets (issue 8):")
    if 1 in full:
        r1 = full[1]["chars"] / full[1]["seconds"]
        print(f"  --jobs 1 ≥ 0.10 × jieba:           {r1 / ref_rate:.3f} × {'OK' if r1 / ref_rate >= 0.10 else 'MISSED'}")
        print(f"  --jobs 1 ≥ plain spaCy pipeline:   {r1 / spacy_rate:.2f} × spaCy of the NER's size "
              f"{'OK' if r1 >= spacy_rate else 'MISSED'}; {r1 / default_rate:.2f} × spaCy's default size "
              f"{'OK' if r1 >= default_rate else 'MISSED'}")
        if 2 in full:
            r2 = full[2]["chars"] / full[2]["seconds"]
            print(f"  --jobs 2 ≥ 1.7 × --jobs 1:          {r2 / r1:.2f} × {'OK' if r2 / r1 >= 1.7 else 'MISSED'}")
    worst = max(max(r["rss"], r["workers"]) for _, r in rows[3:]) if full else 0.0
    print(f"  peak RSS ≤ 500 MB per process:     {worst:.0f} MB {'OK' if worst <= 500 else 'MISSED'}")
    bad = sum(r.get("errors", 0) for r in full.values())
    if bad:
        print(f"  note: {bad} error records in the full-pipeline runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())

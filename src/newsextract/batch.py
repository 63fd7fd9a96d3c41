"""Batch extraction at scale: streaming, worker processes, resume, tables, Dask.

Everything here streams. Articles come lazily from :func:`newsextract.io.iter_articles`
and go out in chunks of ``chunk_size`` articles; at most a few chunks per
worker are in flight at any time, so memory stays flat whatever the size of
the corpus.

Order and determinism
    Chunks are submitted in input order and their results are taken back in
    the same order (an ordered map with a bounded window), so the output is the
    same, byte for byte, with one process, ``jobs`` processes or a Dask cluster.
    Chunks are whole multiples of the ``nlp.pipe`` batch size, so the batches
    themselves do not depend on the number of workers either.

Workers
    Each worker process builds its own :class:`~newsextract.pipeline.Pipeline`
    once (which configures jieba in that process: the jieba dictionary is
    process-global state) and runs its chunks through
    :meth:`Pipeline.extract_many`, i.e. batched ``nlp.pipe``. Workers are
    started with ``spawn``: nothing of the parent's state (threads, locks, a
    half-initialised jieba) leaks into them.

Errors
    A bad article (unreadable file, malformed JSONL line, a pipeline failure on
    its text) becomes an error record in its place in the output and the run
    goes on; :class:`Summary` counts them and :meth:`Summary.exit_status` is 1 if
    any record of the output has errors.

Resume
    :class:`JsonlAppender` appends one record per ``write`` system call, each
    line complete with its newline, so a crash or ``kill -9`` leaves complete
    lines plus at most one torn last line. :func:`scan_output` reads an
    existing output, drops a torn last line and returns the ids already done;
    :func:`iter_results` skips them. The finished file equals the output of an
    uninterrupted run byte for byte.

Dask
    :func:`extract_dask` (and ``iter_results(..., client=client)``) sends the
    chunks to a ``distributed.Client`` instead of local processes; each Dask
    worker process builds the pipeline once and keeps it. The config file and
    user dictionaries are passed by path, so they must be readable at the same
    paths on the workers (a shared file system, or the same checkout), and the
    workers need newsextract installed, like any Dask job.

>>> from distributed import Client                                    # doctest: +SKIP
>>> from newsextract.batch import extract_dask                        # doctest: +SKIP
>>> with Client("tcp://scheduler:8786") as client:                    # doctest: +SKIP
...     for record in extract_dask(["corpus/"], client):
...         print(record.id, len(record.entities))
"""

from __future__ import annotations

import datetime as _dt
import json
import multiprocessing
import os
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .io import MANIFEST_NAME, InputError, _walk, iter_articles
from .schema import LABELS, Article, Record

Item = Article | InputError


# -- what a worker builds --------------------------------------------------------


@dataclass(frozen=True)
class PipelineSpec:
    """How to build the pipeline in a worker: picklable, so it can be sent anywhere.

    ``config`` and ``user_dicts`` are paths; ``overrides`` are dotted config
    overrides as in :class:`~newsextract.pipeline.Pipeline`; ``options`` are
    further keyword arguments of ``Pipeline`` as ``(name, value)`` pairs.
    """

    config: str | None = None
    user_dicts: tuple[str, ...] = ()
    overrides: tuple[tuple[str, Any], ...] = ()
    options: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def make(cls, config: str | Path | None = None, user_dicts: Iterable[str | Path] = (),
             overrides: dict[str, Any] | None = None, **options: Any) -> PipelineSpec:
        return cls(
            config=str(Path(config).resolve()) if config else None,
            user_dicts=tuple(str(Path(p).resolve()) for p in user_dicts),
            overrides=tuple(sorted((overrides or {}).items())),
            options=tuple(sorted(options.items())),
        )

    def build(self) -> Any:
        """A :class:`~newsextract.pipeline.Pipeline` (jieba configured in this process)."""
        from .pipeline import Pipeline

        return Pipeline(self.config, overrides=dict(self.overrides) or None,
                        user_dicts=list(self.user_dicts), **dict(self.options))

    @property
    def key(self) -> str:
        return repr(self)


@dataclass(frozen=True)
class Result:
    """One output record as a JSONL line, with what the summary needs to know about it."""

    id: str
    line: str
    labels: tuple[str, ...]
    errors: tuple[str, ...]
    chars: int

    @classmethod
    def of(cls, rec: Record) -> Result:
        return cls(id=rec.id, line=rec.to_json(), labels=tuple(e.label for e in rec.entities),
                   errors=tuple(rec.errors), chars=len(rec.text))

    def record(self) -> Record:
        return Record.model_validate_json(self.line)


@dataclass(frozen=True)
class ChunkOutput:
    results: list[Result]
    pid: int
    peak_rss_mb: float


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux, macOS)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return 0.0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def _process_chunk(pipe: Any, items: list[Item], batch_size: int) -> ChunkOutput:
    # spaCy's memory zone: the strings and lexemes the chunk's texts add to the
    # vocabulary are freed afterwards, so a long run over varied text stays flat
    # (the records are plain JSON lines by then; nothing refers to the docs).
    with pipe.nlp.memory_zone():
        results = [Result.of(rec) for rec in pipe.extract_many(items, batch_size)]
    return ChunkOutput(results, os.getpid(), peak_rss_mb())


# Local worker processes: one pipeline per process, built by the pool initializer.
_WORKER_PIPE: Any = None


def _init_worker(spec: PipelineSpec) -> None:
    global _WORKER_PIPE
    _watch_parent(os.getppid())
    _WORKER_PIPE = spec.build()


def _watch_parent(parent: int, every: float = 1.0) -> None:
    """Exit when the parent dies (``kill -9`` of the main process): a worker
    blocked on the task queue would otherwise never notice and live on."""

    def watch() -> None:
        while True:
            time.sleep(every)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="newsextract-parent-watch", daemon=True).start()


def _worker_chunk(items: list[Item], batch_size: int) -> ChunkOutput:
    return _process_chunk(_WORKER_PIPE, items, batch_size)


# Dask workers: a pipeline per worker process, cached by spec (Dask may run
# several tasks in threads of one process, hence the lock).
_DASK_PIPES: dict[str, Any] = {}
_DASK_LOCK = threading.Lock()


def _dask_chunk(spec: PipelineSpec, items: list[Item], batch_size: int) -> ChunkOutput:
    with _DASK_LOCK:
        pipe = _DASK_PIPES.get(spec.key)
        if pipe is None:
            pipe = _DASK_PIPES[spec.key] = spec.build()
        return _process_chunk(pipe, items, batch_size)


# -- input side -------------------------------------------------------------------


def record_id(item: Item) -> str:
    """The id the output record of ``item`` will carry."""
    return item.id if isinstance(item, Article) else item.as_record().id


def count_inputs(paths: Iterable[str | Path]) -> int:
    """How many articles the inputs hold, roughly (for the progress bar's ETA).

    Counts ``.txt`` files and non-blank lines of ``.jsonl`` files without
    decoding or validating anything.
    """
    n = 0
    for raw in paths:
        root = Path(raw)
        files = [p for p in _walk(root) if p.suffix in (".txt", ".jsonl") and p.name != MANIFEST_NAME] \
            if root.is_dir() else [root] if root.exists() else []
        for path in files:
            if path.suffix == ".jsonl":
                try:
                    with open(path, "rb") as fh:
                        n += sum(1 for line in fh if line.strip())
                except OSError:
                    n += 1
            else:
                n += 1
    return n


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _skipping(items: Iterable[Item], done: Counter[str] | None) -> Iterator[Item]:
    """Leave out items whose record is already in the output (``done``: id → count)."""
    if not done:
        yield from items
        return
    remaining = Counter(done)
    for item in items:
        rid = record_id(item)
        if remaining.get(rid, 0) > 0:
            remaining[rid] -= 1
            continue
        yield item


def _ordered(submit: Callable[[list[Item]], Any], chunks: Iterable[list[Item]],
             window: int) -> Iterator[ChunkOutput]:
    """Submit chunks, at most ``window`` in flight, and yield their outputs in input order."""
    pending: deque[Any] = deque()
    for chunk in chunks:
        pending.append(submit(chunk))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def default_jobs() -> int:
    """One worker per CPU core available to this process."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return os.cpu_count() or 1


def iter_results(
    inputs: Iterable[str | Path],
    spec: PipelineSpec | None = None,
    *,
    date: _dt.date | None = None,
    batch_size: int = 16,
    jobs: int = 1,
    client: Any = None,
    done: Counter[str] | None = None,
    chunk_size: int | None = None,
    on_chunk: Callable[[ChunkOutput], None] | None = None,
    pipeline: Any = None,
) -> Iterator[Result]:
    """Results for every article of ``inputs``, in input order, streaming.

    ``jobs`` > 1 runs the pipeline in that many worker processes; ``client``
    (a ``distributed.Client``) runs it on a Dask cluster instead. ``done``
    (id → how many records with that id the output already holds) skips
    articles finished by an earlier run. A task is ``chunk_size`` articles
    (default: one ``nlp.pipe`` batch; rounded to a whole number of batches).
    ``on_chunk`` sees every chunk's output (worker pid and peak RSS included)
    before its results are yielded. ``pipeline``, an already built :class:`~newsextract.pipeline.Pipeline`, is
    used instead of building one from ``spec`` when the run is in this process
    (``jobs`` 1, no ``client``).
    """
    spec = spec or PipelineSpec()
    if batch_size < 1:
        raise ValueError("batch size must be at least 1")
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    chunk_size = chunk_size or batch_size
    chunk_size = max(batch_size, chunk_size // batch_size * batch_size)
    chunks = _chunks(_skipping(iter_articles(inputs, date), done), chunk_size)

    outputs: Iterator[ChunkOutput]
    if client is not None:
        window = 2 * max(1, sum(client.nthreads().values()))
        outputs = _ordered(lambda c: client.submit(_dask_chunk, spec, c, batch_size, pure=False),
                           chunks, window)
        yield from _emit(outputs, on_chunk)
    elif jobs == 1:
        pipe = pipeline if pipeline is not None else spec.build()
        outputs = (_process_chunk(pipe, c, batch_size) for c in chunks)
        yield from _emit(outputs, on_chunk)
    else:
        from concurrent.futures import ProcessPoolExecutor

        ctx = multiprocessing.get_context("spawn")
        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_worker,
                                   initargs=(spec,))
        try:
            outputs = _ordered(lambda c: pool.submit(_worker_chunk, c, batch_size), chunks, 3 * jobs)
            yield from _emit(outputs, on_chunk)
        finally:
            # on an interrupt or an early stop, drop the chunks not started yet
            pool.shutdown(wait=True, cancel_futures=True)


def _emit(outputs: Iterator[ChunkOutput], on_chunk: Callable[[ChunkOutput], None] | None) -> Iterator[Result]:
    for out in outputs:
        if on_chunk:
            on_chunk(out)
        yield from out.results


def extract_dask(
    inputs: Iterable[str | Path],
    client: Any,
    *,
    date: _dt.date | None = None,
    batch_size: int = 16,
    config: str | Path | None = None,
    user_dicts: Iterable[str | Path] = (),
    overrides: dict[str, Any] | None = None,
    chunk_size: int | None = None,
) -> Iterator[Record]:
    """Records of every article of ``inputs``, computed on a Dask cluster, in input order.

    ``client`` is a ``distributed.Client``. The inputs are read here and sent
    to the workers in chunks (a bounded number in flight); the records are
    the same as a local run's. See the module docstring for what the workers
    need.
    """
    spec = PipelineSpec.make(config, user_dicts, overrides)
    for res in iter_results(inputs, spec, date=date, batch_size=batch_size, client=client,
                            chunk_size=chunk_size):
        yield res.record()


# -- output side --------------------------------------------------------------------


class ResumeError(Exception):
    """An existing output cannot be resumed (it is not an output of this program)."""


@dataclass
class OutputState:
    """What an existing output already holds."""

    done: Counter[str] = field(default_factory=Counter)
    records: int = 0
    labels: Counter[str] = field(default_factory=Counter)
    errors: int = 0
    chars: int = 0
    dropped_bytes: int = 0


def scan_output(path: str | Path, truncate: bool = True) -> OutputState:
    """Read an existing JSONL output for resuming; drop a torn last line.

    A line is complete when it ends with a newline and parses as a JSON record
    with an ``id``; an incomplete last line (the run was killed while writing
    it) is cut off the file when ``truncate`` is true. An unreadable line before
    the last one means the file is not a resumable output: :class:`ResumeError`.
    """
    state = OutputState()
    path = Path(path)
    if not path.exists():
        return state
    good_end = 0
    bad: tuple[int, str] | None = None
    with open(path, "rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            if bad is not None:
                raise ResumeError(f"{path}:{bad[0]}: {bad[1]}; this is not a complete newsextract "
                                  "output, so it cannot be resumed (run without --resume to overwrite it)")
            problem = None
            if not raw.endswith(b"\n"):
                problem = "line is incomplete"
            else:
                try:
                    data = json.loads(raw)
                    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
                        problem = "line is not a record (no id)"
                except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                    problem = f"line is not valid JSON ({exc})"
            if problem:
                bad = (lineno, problem)
                continue
            good_end += len(raw)
            state.done[data["id"]] += 1
            state.records += 1
            state.labels.update(e.get("label") for e in data.get("entities") or [])
            state.errors += bool(data.get("errors"))
            state.chars += len(data.get("text") or "")
    size = path.stat().st_size
    state.dropped_bytes = size - good_end
    if truncate and state.dropped_bytes:
        with open(path, "r+b") as fh:
            fh.truncate(good_end)
            fh.flush()
            os.fsync(fh.fileno())
    return state


class JsonlAppender:
    """Append records to a JSONL file line-atomically.

    Each line, newline included, goes to the file in one ``write`` system
    call on a descriptor opened with ``O_APPEND`` (a loop finishes a short
    write), so after a crash the file holds complete lines plus at most one
    torn last line, which :func:`scan_output` drops. The data is forced to disk
    (``fsync``) every ``sync_every`` seconds and on close.
    """

    def __init__(self, path: str | Path, sync_every: float = 5.0) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        self.sync_every = sync_every
        self._last_sync = time.monotonic()

    def write_line(self, line: str) -> None:
        data = (line + "\n").encode("utf-8")
        view = memoryview(data)
        while view:
            n = os.write(self.fd, view)
            view = view[n:]
        if time.monotonic() - self._last_sync > self.sync_every:
            os.fsync(self.fd)
            self._last_sync = time.monotonic()

    def close(self) -> None:
        if self.fd >= 0:
            os.fsync(self.fd)
            os.close(self.fd)
            self.fd = -1

    def __enter__(self) -> JsonlAppender:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


# -- progress and summary -------------------------------------------------------------


class Progress:
    """Articles done, articles/s and ETA on standard error.

    A tqdm bar on a terminal; elsewhere (a log file, CI) a plain line every
    ``interval`` seconds. ``enabled`` False shows nothing.
    """

    def __init__(self, total: int | None, enabled: bool = True, stream: IO[str] | None = None,
                 interval: float = 10.0) -> None:
        self.stream = stream or sys.stderr
        self.total = total
        self.enabled = enabled
        self.interval = interval
        self.done = 0
        self.start = time.monotonic()
        self._last = self.start
        self._bar: Any = None
        if enabled and getattr(self.stream, "isatty", lambda: False)():
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="art", file=self.stream, dynamic_ncols=True,
                             smoothing=0.1, desc="extract")

    def update(self, n: int = 1) -> None:
        self.done += n
        if self._bar is not None:
            self._bar.update(n)
        elif self.enabled:
            now = time.monotonic()
            if now - self._last >= self.interval:
                self._last = now
                print(self.line(now), file=self.stream, flush=True)

    def line(self, now: float | None = None) -> str:
        elapsed = (now or time.monotonic()) - self.start
        rate = self.done / elapsed if elapsed > 0 else 0.0
        text = f"progress: {self.done}"
        if self.total:
            text += f"/{self.total} articles ({100 * self.done / self.total:.0f}%)"
            if rate > 0 and self.total > self.done:
                text += f", ETA {_duration((self.total - self.done) / rate)}"
        else:
            text += " articles"
        return text + f", {rate:.1f} articles/s, {_duration(elapsed)} elapsed"

    def write(self, message: str) -> None:
        """Print a message without breaking the bar."""
        if self._bar is not None:
            self._bar.write(message, file=self.stream)
        else:
            print(message, file=self.stream, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


@dataclass
class Summary:
    """What a batch run did: printed at the end, and the exit status."""

    articles: int = 0
    resumed: int = 0
    labels: Counter[str] = field(default_factory=Counter)
    errors: int = 0
    chars: int = 0
    seconds: float = 0.0
    peak_rss_main_mb: float = 0.0
    peak_rss_workers_mb: dict[int, float] = field(default_factory=dict)

    def add(self, res: Result) -> None:
        self.articles += 1
        self.labels.update(res.labels)
        self.errors += bool(res.errors)
        self.chars += res.chars

    def add_resumed(self, state: OutputState) -> None:
        self.resumed += state.records
        self.labels.update(state.labels)
        self.errors += state.errors

    def on_chunk(self, out: ChunkOutput) -> None:
        self.peak_rss_workers_mb[out.pid] = max(out.peak_rss_mb, self.peak_rss_workers_mb.get(out.pid, 0.0))

    def exit_status(self) -> int:
        """0 when every record of the output is clean, 1 when any has errors."""
        return 1 if self.errors else 0

    def format(self) -> str:
        total_ents = sum(self.labels.values())
        per_label = ", ".join(f"{lab} {self.labels[lab]}" for lab in LABELS if self.labels[lab])
        lines = [
            f"articles: {self.articles} processed"
            + (f", {self.resumed} already in the output (resumed)" if self.resumed else ""),
            f"entities: {total_ents}" + (f" ({per_label})" if per_label else ""),
            f"errors: {self.errors} article{'s' if self.errors != 1 else ''} with errors",
        ]
        if self.seconds > 0:
            lines.append(f"throughput: {self.articles / self.seconds:.2f} articles/s, "
                         f"{self.chars / self.seconds:,.0f} chars/s ({_duration(self.seconds)} elapsed)")
        rss = f"peak RSS: {self.peak_rss_main_mb:.0f} MB main process"
        workers = {pid: v for pid, v in self.peak_rss_workers_mb.items() if pid != os.getpid()}
        if workers:
            rss += f", {max(workers.values()):.0f} MB largest of {len(workers)} worker(s)"
        lines.append(rss)
        return "\n".join(lines)


# -- a whole run ------------------------------------------------------------------------

OUTPUT_FORMATS = ("jsonl", "csv", "parquet")


def run_batch(
    inputs: list[str | Path],
    output: str | Path = "-",
    *,
    fmt: str = "jsonl",
    resume: bool = False,
    spec: PipelineSpec | None = None,
    date: _dt.date | None = None,
    batch_size: int = 16,
    jobs: int = 1,
    client: Any = None,
    progress: bool | None = None,
    stream: IO[str] | None = None,
    pipeline: Any = None,
) -> Summary:
    """Extract every article of ``inputs`` into ``output`` and return the :class:`Summary`.

    ``fmt`` ``jsonl`` writes records (atomically, or, with ``resume``,
    appending line by line after what an earlier run left); ``csv`` and
    ``parquet`` write the entity table (see :mod:`newsextract.tables`).
    ``progress`` None or True shows a bar when ``stream`` is a terminal and
    plain periodic lines otherwise; False shows none. Per-article error
    messages and progress go to ``stream`` (standard error by default); the
    caller prints the summary. ``pipeline``: see :func:`iter_results`.
    """
    stream = stream or sys.stderr
    output = str(output)
    if fmt not in OUTPUT_FORMATS:
        raise ValueError(f"unknown output format {fmt!r} (use one of {', '.join(OUTPUT_FORMATS)})")
    if resume and (output == "-" or fmt != "jsonl"):
        raise ValueError("--resume needs a JSONL output file (-o OUT.jsonl, --format jsonl)")
    if fmt == "parquet" and output == "-":
        raise ValueError("Parquet cannot be written to standard output; give a file with -o")

    summary = Summary()
    state = scan_output(output) if resume else OutputState()
    if state.dropped_bytes:
        print(f"resume: dropped an incomplete last line ({state.dropped_bytes} bytes) from {output}",
              file=stream)
    summary.add_resumed(state)
    show = progress is not False
    total = max(0, count_inputs(inputs) - state.records) if show else None
    bar = Progress(total, enabled=show, stream=stream)
    start = time.monotonic()

    results = iter_results(inputs, spec, date=date, batch_size=batch_size, jobs=jobs, client=client,
                           done=state.done, on_chunk=summary.on_chunk, pipeline=pipeline)

    def consume(write: Callable[[Result], None]) -> None:
        for res in results:
            write(res)
            summary.add(res)
            for err in res.errors:
                bar.write(f"error: {res.id}: {err}")
            bar.update()

    try:
        if fmt in ("csv", "parquet"):
            from .tables import TableWriter

            with TableWriter(output, fmt, "entities") as table:
                consume(lambda r: table.add(json.loads(r.line)))
        elif resume:
            with JsonlAppender(output) as app:
                consume(lambda r: app.write_line(r.line))
        elif output == "-":
            out = sys.stdout
            consume(lambda r: out.write(r.line + "\n"))
            out.flush()
        else:
            from .io import atomic_write

            with atomic_write(output) as fh:
                consume(lambda r: fh.write(r.line + "\n"))
    finally:
        bar.close()
        summary.seconds = time.monotonic() - start
        summary.peak_rss_main_mb = peak_rss_mb()
    return summary

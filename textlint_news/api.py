"""The library API: lint a string, a file, or many paths (copies of one story learn from each other)."""
from __future__ import annotations

import fnmatch
import gc
import os
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from .baseline import fingerprint
from .config import Config, from_mapping
from .document import Document
from .engine import Linter
from .issue import Issue
from .inputs import InputError, entry_error, read_document
from .results import FileResult
from .stories import Sketch, StorySettings, group, sketch
from .stories import preload as preload_sketches


@dataclass(frozen=True)
class Target:
    """A file to lint (`path`), a record's text (`text`, `record_id`; `textlint_news.records`),
    or a path or record that failed before linting (`error`)."""

    display: str
    path: Path | None = None
    error: str | None = None
    text: str | None = None
    record_id: str | None = None


def as_config(config: Config | Mapping[str, Any] | None) -> Config:
    """Accept a `Config`, a settings mapping (docs/usage.md keys) or `None` for defaults."""
    if config is None or isinstance(config, Config):
        return config or Config()
    return from_mapping(config, source="<mapping>")


@lru_cache(maxsize=1)
def _default_linter() -> Linter:
    return Linter()


def lint(text: str, config: Config | Mapping[str, Any] | None = None, path: str = "<text>") -> list[Issue]:
    """Lint a string and return its issues, sorted by position (see `Linter.lint`)."""
    linter = _default_linter() if config is None else Linter(as_config(config))
    return linter.lint(text, path=path)


def lint_file(path: str | os.PathLike, config: Config | Mapping[str, Any] | None = None) -> list[Issue]:
    """Lint one file; raise `InputError` when it cannot be read or decoded."""
    cfg = as_config(config)
    linter = _default_linter() if config is None else Linter(cfg)
    doc = read_document(Path(path), cfg.max_file_size)
    return linter.lint_document(doc).issues_or_warn(stacklevel=2)


def collect_targets(paths: Iterable[str], config: Config) -> list[Target]:
    """Expand files and folders (recursive, include/exclude globs) into targets, in order."""
    targets: list[Target] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(  # folders, and links to them, are walked or skipped; all else is a file
                p for p in path.rglob("*")
                if not p.is_dir() and _included(p.relative_to(path), config)
            )
            if not found:
                patterns = ", ".join(config.include)
                targets.append(Target(raw, error=f"{raw}: no files matching {patterns}"))
            targets.extend(Target(str(p), p, entry_error(p)) for p in found)
        elif path.exists() or path.is_symlink():
            targets.append(Target(raw, path))
        else:
            targets.append(Target(raw, error=f"{raw}: no such file or directory"))
    return targets


def _included(relative: Path, config: Config) -> bool:
    text = relative.as_posix()
    if any(fnmatch.fnmatch(text, g) or fnmatch.fnmatch(relative.name, g) for g in config.exclude):
        return False
    if any(part.startswith(".") for part in relative.parts):
        return False
    return any(fnmatch.fnmatch(relative.name, g) or fnmatch.fnmatch(text, g) for g in config.include)


def lint_paths(
    paths: Iterable[str],
    config: Config | Mapping[str, Any] | None = None,
    jobs: int | None = None,
    linter: Linter | None = None,
) -> Iterator[FileResult]:
    """Lint files and folders; yield one `FileResult` per file, in input order.

    Files linted together are first grouped by story (`textlint_news.stories`):
    each file then learns from the observations of the other copies of its own
    story only (names seen in every copy), so only files with a sister copy are
    observed.  `config.corpus` adds a folder of copies that are read for context
    only.  One pool of workers serves every phase.  `jobs` > 1 lints in that many
    processes (0, the configuration's default: one per core), fewer when the files
    hold under `config.min_bytes_per_job` bytes per process; forked workers use
    `linter`.  While the results are produced, the garbage collector runs less
    often (`relaxed_gc`).
    """
    with relaxed_gc():
        yield from _lint_paths(paths, as_config(config), jobs, linter)


# Collector thresholds while a batch is linted: the word tables, models and caches the
# checks load are scanned by every full collection, and linting makes no cyclic garbage.
BATCH_GC_THRESHOLDS = (10_000, 50, 50)


@contextmanager
def relaxed_gc() -> Iterator[None]:
    """Run the cyclic garbage collector less often inside the block (about 15% of a
    large run's time otherwise); the previous thresholds come back after it."""
    before = gc.get_threshold()
    gc.set_threshold(*BATCH_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _lint_paths(paths: Iterable[str], cfg: Config, jobs: int | None, linter: Linter | None) -> Iterator[FileResult]:
    from .records import expand_records

    context = expand_records(collect_targets([cfg.corpus], cfg), cfg) if cfg.corpus else []
    yield from lint_targets(expand_records(collect_targets(paths, cfg), cfg), cfg, jobs, linter,
                            [t for t in context if t.error is None])


def lint_targets(targets: list[Target], cfg: Config, jobs: int | None = None, linter: Linter | None = None,
                 context: list[Target] | None = None) -> Iterator[FileResult]:
    """Lint targets (files or records) grouped by story, as `lint_paths` does; one
    `FileResult` per target, in order; `context` targets are read for their story only."""
    linter = linter or Linter(cfg)
    readable = [t for t in targets if t.error is None]
    context = context or []
    workers = _workers(_requested_jobs(jobs, cfg), readable, cfg.min_bytes_per_job)
    shared = linter.needs_corpus and len(readable) + len(context) > 1
    stories: StorySettings = linter.settings["stories"]
    with _Pool(cfg, linter, workers, stories) as pool:
        grouped = _story_observations(pool, readable, context, stories) if shared else {}
        pool.warm()
        results = pool.map(_lint, [(t, grouped.get(t.display)) for t in readable])
        for target in targets:
            yield (FileResult(target.display, errors=[target.error], record_id=target.record_id)
                   if target.error else next(results))


def _story_observations(pool: "_Pool", readable: list[Target], context: list[Target],
                        stories: StorySettings) -> dict[str, dict[str, Any]]:
    """For each file to lint, the observations of the other files of its story.

    Every file (context folder included) is sketched and grouped first; then only
    the files whose observations another file to lint will see are observed.
    """
    files = readable + context
    if pool.forked:  # once here, inherited by every worker (spawned ones load their own)
        preload_sketches(stories)
    numbers = group(list(pool.map(_sketch, files)), stories)
    wanted = _observed_members(files, numbers, len(readable))
    members: dict[int, dict[str, Any]] = {}
    for n, observations in zip(wanted, pool.map(_observe, [files[n] for n in wanted])):
        if observations:
            members.setdefault(numbers[n], {})[files[n].display] = observations
    return {t.display: {other: value for other, value in members.get(number, {}).items() if other != t.display}
            for t, number in zip(readable, numbers)}


def _observed_members(files: list[Target], numbers: list[int], linted: int) -> list[int]:
    """The indices of the files whose story holds another file to lint (the first
    `linted` files are linted, the rest are context): only those are observed."""
    linted_paths: dict[int, set[str]] = {}
    for target, number in zip(files[:linted], numbers):
        linted_paths.setdefault(number, set()).add(target.display)
    return [n for n, (target, number) in enumerate(zip(files, numbers))
            if linted_paths.get(number, set()) - {target.display}]


def _requested_jobs(jobs: int | None, cfg: Config) -> int:
    """The jobs asked for (`jobs`, else the configuration's); the automatic 0 means one process
    when LanguageTool runs locally, since every process would start its own Java server."""
    requested = jobs if jobs is not None else cfg.jobs
    if requested == 0 and cfg.languagetool.url:
        from .languagetool import LOCAL

        if cfg.languagetool.url == LOCAL:
            return 1
    return requested


def _workers(jobs: int, files: list[Target], min_bytes: int) -> int:
    """How many processes lint `files`: `jobs` (0: one per core), but no more than the files
    and than their bytes allow at `min_bytes` per process (a worker's start-up costs about
    as much as linting that much text); one means no pool at all."""
    jobs = jobs or os.cpu_count() or 1
    if jobs > 1:
        jobs = min(jobs, len(files), sum(_size(t) for t in files) // min_bytes)
    return max(1, jobs)


def _size(target: Target) -> int:
    if target.text is not None:
        return len(target.text)
    try:
        return target.path.stat().st_size
    except OSError:
        return 0


_LINTER: Linter | None = None
_STORIES = StorySettings()


# The corpus phase's workers run at this lower priority (os.nice) beside the parent's
# preload, the longer of the two: it then keeps a core of its own, they take what is left.
CORPUS_NICENESS = 10


def _init_worker(config: Config, stories: StorySettings, linter: Linter | None, pooled: bool,
                 niceness: int = 0) -> None:
    """Set up this process for the tasks: `linter`, or (None) a new one built from `config`;
    a pooled worker of ours lowers its priority by `niceness`."""
    global _LINTER, _STORIES
    if pooled:  # a worker process of our own: relaxed for its whole life
        gc.set_threshold(*BATCH_GC_THRESHOLDS)
        if niceness:
            os.nice(niceness)
    _LINTER = linter or Linter(config)
    _STORIES = stories


def _document(target: Target) -> Document:
    """The target's document (a record's text, or the file read); `InputError` when unreadable."""
    if target.text is not None:
        return Document(target.text, path=target.display)
    return read_document(target.path, _LINTER.config.max_file_size, target.display)


def _read(target: Target) -> Document | None:
    """The target's document, or None when it cannot be read (linting reports why)."""
    try:
        return _document(target)
    except InputError:
        return None


def _sketch(target: Target) -> Sketch | None:
    doc = _read(target)
    return None if doc is None else sketch(doc.text, _STORIES)


def _observe(target: Target) -> dict[str, Any] | None:
    doc = _read(target)
    return None if doc is None else _LINTER.observe(doc)


def _lint(task: tuple[Target, dict[str, Any] | None]) -> FileResult:
    target, observations = task
    try:
        doc = _document(target)
    except InputError as exc:
        return FileResult(target.display, errors=[str(exc)], record_id=target.record_id)
    result = lint_document(_LINTER, doc, observations)
    result.record_id = target.record_id
    return result


def lint_document(linter: Linter, doc: Document, observations: Mapping[str, Any] | None = None) -> FileResult:
    """Lint a loaded document with the observations of the other copies of its story
    (path -> what each check observed); never raises."""
    corpus: dict[str, list[Any]] = {}
    for path, observed in (observations or {}).items():
        if path != doc.path and observed:
            for check, value in observed.items():
                corpus.setdefault(check, []).append(value)
    result = linter.lint_document(doc, corpus)
    return FileResult(
        doc.path, result.issues, [f"{doc.path}: {f}" for f in result.failures], result.warnings,
        [fingerprint(i, doc.text) for i in result.issues], result.scores,
        text=doc.text,
    )


# Files per task at most: a worker that finishes early waits for the others' last task, so
# tasks stay short (32 news articles lint in about 0.2 s); each costs only ~0.1-0.2 ms to send.
_MAX_CHUNK = 32


class _Pool:
    """`map` in this process (one worker) or in worker processes, order preserved.

    Forked workers inherit the parent's linter (packs loaded, nothing pickled); a
    spawned one builds its own.  With fork, the parent loads the checks' tables
    (`Linter.preload`) while the corpus phase's workers, at a lower priority
    (`CORPUS_NICENESS`), sketch and observe; after
    `warm()` the lint phase's workers are forked from it and share one loaded copy
    instead of each loading its own; it is frozen out of the garbage collector
    (`gc.freeze`) until the pool ends, so their collections never walk it.
    """

    def __init__(self, config: Config, linter: Linter, workers: int, stories: StorySettings) -> None:
        self.config, self.linter, self.workers, self.stories = config, linter, workers, stories
        self.context: Any = None
        self.forked = False
        if workers > 1:  # multiprocessing and concurrent.futures: 0.02-0.04 s to import, for a pool only
            import multiprocessing

            self.context = multiprocessing.get_context()
            self.forked = self.context.get_start_method() == "fork"
        self.executor: Any = None
        self.preloading: threading.Thread | None = None
        self.warmed = False
        self.froze = False

    def __enter__(self) -> "_Pool":
        if self.workers == 1:
            _init_worker(self.config, self.stories, self.linter, False)
        return self

    def map(self, func, items: list) -> Iterator:
        if self.workers == 1:
            return map(func, items)
        beside_preload = self.forked and not self.warmed  # the parent loads its tables meanwhile
        if self.executor is None:
            from concurrent.futures import ProcessPoolExecutor

            self.executor = ProcessPoolExecutor(
                self.workers, self.context, initializer=_init_worker,
                initargs=(self.config, self.stories, self.linter if self.forked else None, True,
                          CORPUS_NICENESS if beside_preload else 0),
            )
        chunk = max(1, min(len(items) // (self.workers * 8), _MAX_CHUNK))
        results = self.executor.map(func, items, chunksize=chunk)
        if beside_preload and self.preloading is None:
            # the workers exist now (fork starts them all at the first task): none sees the thread
            self.preloading = threading.Thread(target=self.linter.preload, daemon=True)
            self.preloading.start()
        return results

    def warm(self) -> None:
        """Before the lint phase: with fork, end the workers so far and have the next
        `map` fork new ones from this process once its linter's tables are loaded."""
        if self.workers == 1 or not self.forked:
            return
        self.warmed = True
        if self.executor is not None:
            self.executor.shutdown()
            self.executor = None
        if self.preloading is None:
            self.linter.preload()
        else:
            self.preloading.join()
        if not gc.get_freeze_count():
            # Loaded tables move to the permanent generation: the workers' collections then
            # never walk (nor copy-on-write) the millions of objects they inherit.
            gc.freeze()
            self.froze = True

    def __exit__(self, *exc: object) -> None:
        if self.preloading is not None:
            self.preloading.join()
        if self.executor is not None:
            self.executor.shutdown(cancel_futures=True)
        if self.froze:
            gc.unfreeze()

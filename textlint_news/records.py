"""Records: the rows of a JSONL or Parquet file read as documents named `FILE#ID`.

A record that cannot be linted (not JSON, no text field, a text that is not a
string, empty or too large) becomes one error target naming `FILE:LINE` (the
1-based line of a JSONL file, or row of a Parquet file) and the cause; the other
records are read on.  Parquet needs pyarrow (`pip install 'textlint-news[parquet]'`).
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any, Iterable, Iterator

from .api import Target, lint_targets, relaxed_gc
from .config import Config
from .engine import Linter
from .results import FileResult

#: file names read as records when the input format is "auto"
RECORD_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonl.gz": "jsonl", ".ndjson.gz": "jsonl",
                   ".parquet": "parquet", ".pq": "parquet"}
#: Parquet rows read at a time (one Arrow batch)
PARQUET_BATCH_ROWS = 4096


def record_format(path: Path, input_format: str) -> str:
    """"text", "jsonl" or "parquet": `input_format` unless "auto", else by the file name."""
    if input_format != "auto":
        return input_format
    name = path.name.lower()
    return next((kind for suffix, kind in RECORD_SUFFIXES.items() if name.endswith(suffix)), "text")


def expand_records(targets: Iterable[Target], config: Config) -> list[Target]:
    """The targets with every records file replaced by one target per record, in order."""
    expanded: list[Target] = []
    for target in targets:
        kind = "text" if target.path is None else record_format(target.path, config.input_format)
        if target.error is not None or kind == "text":
            expanded.append(target)
            continue
        read = read_jsonl if kind == "jsonl" else read_parquet
        expanded.extend(_unique(read(target.path, target.display, config)))
    return expanded


def record_target(source: str, number: int, record_id: Any, text: Any, config: Config) -> Target:
    """The target of one record: its text and id, or the error that makes it unlintable.

    `source` names where it comes from (a file: `FILE#ID`; "" for records in memory,
    named by their id alone), `number` its 1-based line or row; a missing id (None) is
    the number."""
    ident = str(number) if record_id is None else record_id if isinstance(record_id, str) else json.dumps(record_id)
    field = config.text_field
    if not isinstance(text, str):
        return _bad(source, number, f"'{field}' is {_kind(text)}, not a string", ident)
    if not text.strip():
        return _bad(source, number, f"'{field}' is {'empty' if not text else 'only white space'}", ident)
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > config.max_file_size:
        return _bad(source, number, f"text too large ({size:,} bytes; max-file-size is "
                                    f"{config.max_file_size:,})", ident)
    return Target(f"{source}#{ident}" if source else ident, text=text, record_id=ident)


def _bad(source: str, number: int, cause: str, record_id: str | None = None) -> Target:
    """A record that cannot be linted, named `FILE:LINE` (in memory: its id), its id kept."""
    where = f"{source}:{number}" if source else record_id or str(number)
    return Target(where, error=f"{where}: {cause}", record_id=record_id or str(number))


def lint_records(records: Iterable[tuple[Any, Any]], linter: Linter) -> list[FileResult]:
    """Lint in-memory records, (id, text) pairs, together in this process: grouped by story,
    each seeing its sister copies, as files linted together.  One `FileResult` per record,
    in order, its `path` the id (the n-th repeat of an id: `ID@n`); a text that is not a
    non-blank string gives a result with an error instead."""
    targets = list(_unique(record_target("", n, ident, text, linter.config)
                           for n, (ident, text) in enumerate(records, 1)))
    with relaxed_gc():
        return list(lint_targets(targets, linter.config, jobs=1, linter=linter))


def read_jsonl(path: Path, display: str, config: Config) -> Iterator[Target]:
    """One target per non-blank line of a JSONL file (gzip-compressed when it ends in .gz)."""
    try:
        handle = gzip.open(path, "rb") if path.name.lower().endswith(".gz") else path.open("rb")
    except OSError as exc:
        yield Target(display, error=f"{display}: cannot read: {exc.strerror or exc}")
        return
    with handle:
        try:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    yield _jsonl_record(line, display, number, config)
        except (OSError, EOFError) as exc:  # a truncated or corrupt gzip stream
            yield Target(display, error=f"{display}: cannot read: {exc}")


def _jsonl_record(line: bytes, source: str, number: int, config: Config) -> Target:
    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return _bad(source, number, f"not UTF-8 (invalid byte at {exc.start})")
    except json.JSONDecodeError as exc:
        return _bad(source, number, f"not JSON ({exc.msg} at column {exc.colno})")
    if not isinstance(record, dict):
        return _bad(source, number, f"not a JSON object but {_kind(record)}")
    if config.text_field not in record:
        return _bad(source, number, f"no '{config.text_field}' field")
    return record_target(source, number, record.get(config.id_field), record.get(config.text_field), config)


def read_parquet(path: Path, display: str, config: Config) -> Iterator[Target]:
    """One target per row of a Parquet file, read a batch of rows at a time."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        yield Target(display, error=f"{display}: reading Parquet needs pyarrow: "
                                    "pip install 'textlint-news[parquet]'")
        return
    try:
        table = pq.ParquetFile(path)
        names = table.schema_arrow.names
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        yield Target(display, error=f"{display}: not a readable Parquet file: {exc}")
        return
    if config.text_field not in names:
        yield Target(display, error=f"{display}: no '{config.text_field}' column")
        return
    columns = [config.text_field] + ([config.id_field] if config.id_field in names else [])
    number = 0
    try:
        for batch in table.iter_batches(PARQUET_BATCH_ROWS, columns=columns):
            rows = batch.to_pydict()
            ids = rows.get(config.id_field) or [None] * batch.num_rows
            for text, record_id in zip(rows[config.text_field], ids):
                number += 1
                yield record_target(display, number, record_id, text, config)
    except (OSError, ValueError) as exc:
        yield Target(display, error=f"{display}: cannot read row {number + 1} on: {exc}")


def _unique(targets: Iterable[Target]) -> Iterator[Target]:
    """The targets, the n-th record of a file with an id seen before named `FILE#ID@n`."""
    seen: dict[str, int] = {}
    for target in targets:
        if target.text is not None:
            count = seen[target.display] = seen.get(target.display, 0) + 1
            if count > 1:
                target = Target(f"{target.display}@{count}", text=target.text, record_id=target.record_id)
        yield target


def _kind(value: Any) -> str:
    """A JSON value's kind, as a phrase ("a number", "null")."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return f"a {type(value).__name__}"

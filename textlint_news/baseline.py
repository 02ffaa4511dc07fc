"""Baselines: accept today's known issues, fail only on new ones.

A fingerprint hashes rule + path + the normalised matched text, so it survives
edits elsewhere in the file; a baseline stores how often each one occurs.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Iterable

from .issue import Issue
from .writing import write_atomic
from .model_cache import sha256  # hashlib's, without loading OpenSSL

VERSION = 1


def fingerprint(issue: Issue, text: str) -> str:
    """A stable id of an issue: rule, path and white-space-folded matched text."""
    matched = " ".join(text[issue.start:issue.end].split()).lower()
    key = "\x1f".join((issue.rule, Path(issue.path).as_posix(), matched))
    return sha256(key.encode("utf-8")).hexdigest()[:32]


def write(path: Path, fingerprints: Iterable[str]) -> int:
    """Write a baseline atomically; return how many issues it accepts."""
    counts = Counter(fingerprints)
    data = {"version": VERSION, "fingerprints": dict(sorted(counts.items()))}
    write_atomic(path, json.dumps(data, indent=1) + "\n")
    return sum(counts.values())


def load(path: Path) -> Counter:
    """Fingerprint counts of a baseline file; `ValueError` when it is not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValueError(f"{path}: cannot read baseline: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: baseline is not valid JSON ({exc.msg}, line {exc.lineno})") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("fingerprints"), dict):
        raise ValueError(f"{path}: not a textlint-news baseline (version {VERSION})")
    return Counter({str(k): int(v) for k, v in data["fingerprints"].items()})


def new_issues(issues: list[Issue], fingerprints: list[str], accepted: Counter) -> list[Issue]:
    """The issues beyond what the baseline accepts; consumes `accepted` counts."""
    fresh = []
    for issue, print_ in zip(issues, fingerprints):
        if accepted[print_] > 0:
            accepted[print_] -= 1
        else:
            fresh.append(issue)
    return fresh

"""SARIF 2.1.0: one run, rule metadata, stable ids, partial fingerprints and fixes."""
from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from . import Formatter
from .. import __version__
from ..check import resolve_rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
ROOT_ID = "SRCROOT"  # the working folder, which relative artifact URIs start from
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


class SarifFormatter(Formatter):
    """Collects every result and writes one SARIF log at the end."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.results: list[dict] = []
        self.used: dict[str, int] = {}
        self.root = Path.cwd()

    def add(self, result) -> None:
        for issue, print_ in zip(result.issues, result.fingerprints):
            index = self.used.setdefault(issue.rule, len(self.used))
            where = self._artifact(issue.path)
            entry = {
                "ruleId": issue.rule,
                "ruleIndex": index,
                "level": _LEVELS[issue.severity],
                "message": {"text": issue.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": where,
                    "region": {
                        "startLine": issue.line, "startColumn": issue.column,
                        "endLine": issue.end_line, "endColumn": issue.end_column,
                        "charOffset": issue.start, "charLength": issue.end - issue.start,
                    },
                }}],
                "partialFingerprints": {"textlintNews/v1": print_},
                "properties": {"category": issue.category, "confidence": round(issue.confidence, 4)},
            }
            if issue.suggestions:
                entry["fixes"] = [{
                    "description": {"text": "delete" if s == "" else f"replace with {s!r}"},
                    "artifactChanges": [{"artifactLocation": where, "replacements": [{
                        "deletedRegion": {"charOffset": issue.start, "charLength": issue.end - issue.start},
                        "insertedContent": {"text": s},
                    }]}],
                } for s in issue.suggestions]
            self.results.append(entry)

    def _artifact(self, path: str) -> dict:
        """A file under the working folder as a URI relative to `SRCROOT` (declared in
        `originalUriBaseIds`); any other as an absolute `file:` URI (never '..')."""
        absolute = Path(os.path.abspath(path))
        try:
            relative = absolute.relative_to(self.root)
        except ValueError:
            return {"uri": absolute.as_uri()}
        return {"uri": quote(relative.as_posix()), "uriBaseId": ROOT_ID}

    def _rule(self, rule_id: str) -> dict:
        info = resolve_rule(self.rules, rule_id)
        if info is None:
            return {"id": rule_id}
        return {
            "id": rule_id,
            "name": rule_id.replace(".", "/"),
            "shortDescription": {"text": info.description or info.id},
            "fullDescription": {"text": info.explain or info.description or info.id},
            "defaultConfiguration": {"level": _LEVELS[info.severity]},
            "properties": {"category": info.category},
        }

    def close(self) -> None:
        log = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "textlint-news",
                    "version": __version__,
                    "informationUri": "https://pypi.org/project/textlint-news/",
                    "rules": [self._rule(r) for r in self.used],
                }},
                "originalUriBaseIds": {ROOT_ID: {"uri": self.root.as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": self.results,
            }],
        }
        json.dump(log, self.stream, ensure_ascii=False, indent=2)
        self.stream.write("\n")

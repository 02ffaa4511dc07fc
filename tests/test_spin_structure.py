"""The spin package's structure: detectors behind one protocol in one registry, an import
graph without cycles, `Signal` in a leaf module, and training and evaluation off the lint path."""
from __future__ import annotations

import ast
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import textlint_news.spin
from textlint_news.check import Context
from textlint_news.document import Document
from textlint_news.spin import artifacts, lexicon_rules
from textlint_news.spin.detectors import DETECTORS, SIGNAL_RULES, find_signals, run_detectors
from textlint_news.spin.signals import DetectorContext, Signal

PACKAGE = Path(textlint_news.spin.__file__).parent
MODULES = sorted(path.stem for path in PACKAGE.glob("*.py"))
# Training and evaluation: `textlint-news train` and `eval` only.
OFF_THE_LINT_PATH = ("textlint_news.spin.commands", "textlint_news.spin.training", "textlint_news.spin.evaluation",
                     "textlint_news.spin.family_evaluation", "corpora", "sklearn")
CLEAN = ("The prime minister met union leaders on Monday. Both sides said talks would "
         "continue next week, and two officials described the mood as constructive.")


def _imports(module: str) -> list[tuple[int, str]]:
    """(level, dotted name) of every import a module runs, at module level or inside functions
    (an import under `if TYPE_CHECKING:` never runs and is left out)."""
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend((0, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            found.append((node.level, base))
            found.extend((node.level, f"{base}.{alias.name}".lstrip(".")) for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8")))
    return found


def _spin_imports(module: str) -> set[str]:
    """The modules of textlint_news.spin that `module` imports when it runs."""
    out = set()
    for level, name in _imports(module):
        absolute = {0: name, 1: f"textlint_news.spin.{name}", 2: f"textlint_news.{name}"}.get(level, "")
        parts = absolute.split(".")
        if parts[:2] == ["textlint_news", "spin"] and len(parts) > 2 and parts[2] in MODULES:
            out.add(parts[2])
    out.discard(module)
    return out


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """A cycle of the graph as a path (first node repeated at the end), or [] when it has none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def walk(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return path[path.index(target):] + [target]
            if target not in state and (found := walk(target)):
                return found
        state[node] = 2
        path.pop()
        return []

    for node in sorted(graph):
        if node not in state and (found := walk(node)):
            return found
    return []


def test_the_import_graph_of_the_spin_package_has_no_cycle():
    graph = {module: _spin_imports(module) for module in MODULES}
    assert graph["features"] >= {"detectors", "lm_swaps", "rarity"}  # the parser sees the imports
    assert graph["detectors"] >= {"artifacts", "copies", "lexicon_rules", "lm_swaps", "rarity", "spun_names"}
    assert _cycle(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) == []


def test_signals_is_a_leaf_that_imports_nothing_of_the_package():
    assert [name for level, name in _imports("signals") if level or name.startswith("textlint_news")] == []
    assert all("signals" in _spin_imports(m) for m in ("artifacts", "lexicon_rules", "rarity", "lm_swaps",
                                                        "copies", "spun_names", "spinner_map", "detectors",
                                                        "features"))


def test_every_detector_follows_the_protocol_and_the_registry_declares_their_rules():
    names = [d.name for d in DETECTORS]
    assert len(set(names)) == len(names) == 7
    for detector in DETECTORS:
        assert detector.rules and all(info.category == "spin" for info in detector.rules), detector.name
        assert detector.stage is None or isinstance(detector.stage, int)
        assert all(callable(getattr(detector, method)) for method in ("enabled", "preload", "signals"))
    assert SIGNAL_RULES == tuple(info for d in DETECTORS for info in d.rules)
    ids = [info.id for info in SIGNAL_RULES]
    assert len(set(ids)) == len(ids)
    assert {d.name for d in DETECTORS if d.stage is None} == {"copies", "names"}


@pytest.fixture(scope="module")
def ctx(linter) -> Context:
    return Context(settings=linter.settings, fed=linter.fed)


@pytest.mark.parametrize("detector", DETECTORS, ids=lambda d: d.name)
def test_every_detector_stays_quiet_on_edited_prose(ctx, detector):
    """Alone, no detector finds strong evidence in plain edited news (the weak rare-synonym
    candidates of clean prose score below 0.5; the classifier weighs them)."""
    assert detector.enabled(ctx)
    found = list(detector.signals(Document(CLEAN), DetectorContext(ctx)))
    assert [s for s in found if s.score >= 0.5] == []


@dataclass
class WordDetector:
    """A detector written against the protocol: every occurrence of some words."""

    words: tuple[str, ...]
    stage: int | None
    name: str = "words"
    kind: str = "lexicon"
    rules: tuple = ()
    on: bool = True

    def enabled(self, ctx: Context) -> bool:
        return self.on

    def preload(self, ctx: Context) -> None:
        pass

    def signals(self, doc: Document, context: DetectorContext) -> list[Signal]:
        found = []
        for word in self.words:
            start = doc.text.find(word)
            if start >= 0:
                found.append(Signal(start, start + len(word), self.kind, "spin.lexicon", f"'{word}'"))
        return found


SPUN = "Each men smiled at a essential moment of the talks."


def _spans(signals: list[Signal]) -> list[str]:
    return sorted(SPUN[s.start:s.end] for s in signals)


def test_a_later_stage_yields_where_an_earlier_stage_found_something(ctx):
    doc = Document(SPUN)
    assert _spans(run_detectors(doc, ctx, [artifacts.DETECTOR])) == ["Each men", "a essential"]
    later = WordDetector(("essential", "talks"), stage=1)
    assert _spans(run_detectors(doc, ctx, [artifacts.DETECTOR, later])) == ["Each men", "a essential", "talks"]
    same = WordDetector(("essential", "talks"), stage=0)  # one stage: both stand
    assert _spans(run_detectors(doc, ctx, [same, artifacts.DETECTOR])) == [
        "Each men", "a essential", "essential", "talks"]
    off = WordDetector(("talks",), stage=0, on=False)
    assert _spans(run_detectors(doc, ctx, [artifacts.DETECTOR, off])) == ["Each men", "a essential"]


def test_a_detector_may_revise_what_earlier_stages_found(ctx):
    class Reviser(WordDetector):
        def signals(self, doc: Document, context: DetectorContext) -> list[Signal]:
            context.found = [s for s in context.found if s.rule != "spin.artifact.each-plural"]
            return super().signals(doc, context)

    found = run_detectors(Document(SPUN), ctx, [artifacts.DETECTOR, Reviser(("men",), stage=1)])
    assert _spans(found) == ["a essential", "men"]  # "Each men" revised away, so "men" stands


def test_a_detector_without_a_stage_is_not_weighed_by_the_classifier(ctx):
    direct = WordDetector(("talks",), stage=None)
    assert run_detectors(Document(SPUN), ctx, [direct, lexicon_rules.DETECTOR]) == []


def test_the_registry_finds_each_detectors_evidence_on_a_spun_seed(seed_text, ctx):
    found = find_signals(Document(seed_text(4)), ctx)
    rules = {s.rule for s in found}
    assert {"spin.lexicon", "spin.rare-synonym"} <= rules and any(r.startswith("spin.artifact.") for r in rules)
    specific = [s for s in found if s.kind in ("lexicon", "artifact")]
    assert not any(s.start < o.end and o.start < s.end for s in found if s.kind == "rare-synonym" for o in specific)


def test_a_lint_imports_no_training_or_evaluation_code(seeds_dir):
    """The CLI lints the seeds (copies linted together, classifier on) in a fresh process;
    `-X importtime` lists every module it, or a worker, imported."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "textlint_news", "lint", "--format", "jsonl",
                           "--no-progress", str(seeds_dir)], capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stderr[-2000:]
    issues = [json.loads(line) for line in done.stdout.splitlines()]
    assert {"spin.document", "spin.lexicon", "spin.rare-synonym"} <= {i["rule"] for i in issues}
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert {"textlint_news.spin.classifier", "textlint_news.spin.detectors", "textlint_news.spin.lm_swaps"} <= imported
    assert [m for m in imported if m.startswith(OFF_THE_LINT_PATH)] == []

"""Cold-start breakdown of one `textlint-news lint FILE`: what is imported and loaded, in what time.

    python benchmarks/bench_cold.py [FILE]

Runs in a fresh process as the CLI does (one file: no pool, tables load on first
use, the collector off after the imports) and prints, phase by phase, CPU seconds and
the growth of resident memory: the imports, building the linter (rule packs, check
modules), then each check's first run on the file (its tables and models load then)
beside its second run (the work itself), which heavy libraries the run imported, and whether
the language model's look-ups were all answered from its mapped trie (`spin.lm_trie`) or
PocketSphinx was loaded.  CPU seconds, not wall: the machine may be shared.  Unset
PYTHONDONTWRITEBYTECODE (and set PYTHONPYCACHEPREFIX to keep the bytecode outside the tree),
or every start compiles ~240 modules.
"""
from __future__ import annotations

import gc
import resource
import sys
import time
from pathlib import Path

DEFAULT_FILE = Path(__file__).resolve().parents[2] / "shared" / "data" / "bbc" / "business" / "001.txt"


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class Phases:
    def __init__(self) -> None:
        self.cpu, self.rss = time.process_time(), rss_mb()

    def mark(self, what: str, note: str = "") -> float:
        cpu, rss = time.process_time(), rss_mb()
        spent = cpu - self.cpu
        print(f"{what:34} {spent:6.3f} CPU s   RSS {rss:5.0f} MB (+{rss - self.rss:4.0f}){note}", flush=True)
        self.cpu, self.rss = cpu, rss
        return spent


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_FILE
    phases = Phases()
    import textlint_news.cli

    phases.mark("import textlint_news.cli")
    if textlint_news.cli._one_small_file([str(path)]):
        gc.disable()  # as the `lint` command runs one small file
    from textlint_news.check import Context
    from textlint_news.document import Document
    from textlint_news.engine import Linter
    from textlint_news.inputs import read_document

    linter = Linter()
    phases.mark("Linter(): rule packs, check modules")
    doc = read_document(path, linter.config.max_file_size)
    ctx = Context(settings=linter.settings, fed=linter.fed)
    for check in linter.checks:
        list(check.check(Document(doc.text, path=doc.path), ctx))
        first = time.process_time()
        list(check.check(Document(doc.text, path=doc.path), ctx))
        again = time.process_time() - first
        phases.cpu += again  # the second run is reported beside, not inside, the first
        phases.mark(f"first run of {check.name}", f"   (second run {again:.3f} s)")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    heavy = ("numpy", "py3langid", "pocketsphinx", "rapidfuzz", "yaml")
    print("imported: " + ", ".join(f"{name} {'yes' if name in sys.modules else 'no'}" for name in heavy))
    lm = sys.modules.get("textlint_news.spin.lm")
    if lm is not None and lm.language_model.cache_info().currsize:
        model = lm.language_model()
        print(f"language model: {model._cold_asked} look-ups, "
              f"{'PocketSphinx loaded' if model.warmed else 'all from the mapped trie'}")


if __name__ == "__main__":
    main()

"""The package's module-level patterns, made from code kept in the model cache, are the patterns
`re.compile` makes, and a run without a usable table compiles them as before."""
import marshal
import os
import re
import subprocess
import sys

import textlint_news
from textlint_news import re_code


def _import_what_a_lint_imports() -> None:
    textlint_news.lint("The council met on Tuesday and approved the budget.\n")


def _keys() -> list[tuple[object, int]]:
    ours = {id(p) for p in re_code.module_patterns()}
    return [(pattern, flags) for (_, pattern, flags), compiled in list(re._cache.items()) if id(compiled) in ours]


def test_a_pattern_made_from_its_entry_is_the_pattern_re_compiles():
    _import_what_a_lint_imports()
    keys = _keys()
    assert len(keys) > 60  # the checks', names' and spin's patterns
    for pattern, flags in keys:
        entry = marshal.loads(marshal.dumps(re_code.entry_of(pattern, flags)))  # as the table keeps it
        made, compiled = re_code._pattern(pattern, entry), re._compiler.compile(pattern, flags)
        # equal patterns have the same text, flags and code (`_sre`'s comparison)
        assert made == compiled and made.groupindex == compiled.groupindex and made.groups == compiled.groups


def test_special_groups_and_flags_round_trip():
    for pattern, flags in ((r"(?P<word>\w+)(?:-(?P=word))?", re.IGNORECASE), (rb"[\x00-\x1f]+", 0),
                           (r"(?x) a (b)  # comment", re.MULTILINE), (r"(?i:ab)c|\bé", re.ASCII)):
        made = re_code._pattern(pattern, re_code.entry_of(pattern, int(flags)))
        compiled = re.compile(pattern, flags)
        assert made == compiled and made.groupindex == compiled.groupindex
        assert made.findall("ab-ab x" if isinstance(pattern, str) else b"\x01a") == \
            compiled.findall("ab-ab x" if isinstance(pattern, str) else b"\x01a")


def _fresh(code: str, cache: str) -> str:
    env = {**os.environ, "TEXTLINT_NEWS_MODEL_CACHE": cache}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout


PROBE = (
    "import re\n"
    "from textlint_news import re_code\n"
    "import textlint_news.checks.boilerplate, textlint_news.names.mentions, textlint_news.spin.artifacts\n"
    "ours = {id(p) for p in re_code.module_patterns()}\n"
    "keys = [(p, f) for (_, p, f), c in re._cache.items() if id(c) in ours]\n"
    "print(len(keys), sum(k in re_code._known for k in keys),"
    " all(re._cache[type(p), p, f] == re._compiler.compile(p, f) for p, f in keys))\n")


def test_the_table_is_written_at_exit_and_read_at_the_next_start(tmp_path):
    cache = str(tmp_path / "cache")
    first = _fresh(PROBE, cache).split()
    assert int(first[0]) > 20 and first[1:] == ["0", "True"]  # no table yet: all compiled
    tables = list((tmp_path / "cache").glob("re-code-*.marshal"))
    assert len(tables) == 1
    second = _fresh(PROBE, cache).split()
    assert second == [first[0], first[0], "True"]  # all from the table, the same patterns
    tables[0].write_bytes(b"damaged")
    assert _fresh(PROBE, cache).split() == [first[0], "0", "True"]  # compiled as before


def test_without_a_cache_nothing_is_kept(tmp_path):
    assert _fresh(PROBE, "off").split()[1:] == ["0", "True"]


COUNTED = (
    "import re, sys\n"
    "import re._compiler as compiler\n"
    "made = []\n"
    "real = compiler.compile\n"
    "compiler.compile = lambda p, flags=0: made.append(p) or real(p, flags)\n")
#: the table's reader needs `pathlib`, so what its import compiles (urllib.parse's pattern, unless
#: the interpreter's start imported it already, as an editable install's finder does) comes first
BEFORE_THE_TABLE = COUNTED + "import pathlib\nprint(len(made), file=sys.stderr)\n"
COMMAND = (
    COUNTED +
    "from textlint_news.__main__ import run\n"
    "sys.argv = ['textlint-news', 'lint', '--no-progress', {path!r}]\n"
    "try:\n"
    "    run()\n"
    "except SystemExit:\n"
    "    pass\n"
    "print(len(made), file=sys.stderr)\n")


def test_the_command_keeps_every_pattern_it_compiled_and_compiles_none_the_next_time(tmp_path, seeds_dir):
    """The command's process adds every pattern `re` compiled (the standard library's at import,
    the package's inside functions) to the table; a library caller's own patterns are not kept."""
    cache = str(tmp_path / "cache")
    code = COMMAND.format(path=str(seeds_dir / "000.txt"))
    env = {**os.environ, "TEXTLINT_NEWS_MODEL_CACHE": cache}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=env)
            for _ in range(3)]
    compiled = [int(run.stderr.split()[-1]) for run in runs]
    before = subprocess.run([sys.executable, "-c", BEFORE_THE_TABLE], capture_output=True, text=True,
                            timeout=60, env=env)
    assert compiled[0] > 30, compiled  # the first start compiles them all
    assert compiled[2] == int(before.stderr.split()[-1]), compiled  # later ones only pathlib's
    library = ("import re, textlint_news\n"
               "from textlint_news import re_code\n"
               "re.compile('caller[0-9]+ own')\n"
               "re_code.save()\n"
               "print(('caller[0-9]+ own', 0) in re_code._known)\n")
    assert _fresh(library, cache).split() == ["False"]

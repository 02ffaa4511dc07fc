"""--fix and --diff: which suggestions are applied, how deletions are tidied, and safe writing."""
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from textlint_news.baseline import fingerprint
from textlint_news.cli import main
from textlint_news.document import Document
from textlint_news.file_fixes import NO_NEWLINE, FileFixer, unified_diff
from textlint_news.results import FileResult
from textlint_news.text_fixes import fix_text, is_fixable


def issue(text, needle, suggestion="", rule="boilerplate.ad-slot", category="boilerplate",
          severity="warning", confidence=0.95, nth=0, suggestions=None):
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Document(text, path="t.txt").issue(
        rule, category, severity, "m", start, start + len(needle),
        suggestions=(suggestion,) if suggestions is None else suggestions, confidence=confidence,
    )


def test_deleting_a_line_between_paragraphs_leaves_one_blank_line():
    text = "Title\n\nFirst paragraph.\n\nAdvertisement\n\nSecond paragraph.\n"
    assert fix_text(text, [issue(text, "Advertisement")]).text == "Title\n\nFirst paragraph.\n\nSecond paragraph.\n"


def test_deleting_a_line_inside_a_block_takes_only_its_line_break():
    text = "One line.\nRead more\nNext line.\n"
    assert fix_text(text, [issue(text, "Read more")]).text == "One line.\nNext line.\n"


def test_header_and_footer_deletions_leave_no_blank_edges():
    text = "Wrapper header\n\nTitle\n\nBody text.\n\nPromo one\nPromo two\n"
    issues = [issue(text, "Wrapper header"), issue(text, "Promo one"), issue(text, "Promo two")]
    assert fix_text(text, issues).text == "Title\n\nBody text.\n"


@pytest.mark.parametrize("ending", ["", "\n", "\r\n"])
def test_deleting_the_last_block_keeps_the_texts_own_ending(ending):
    """A text without a final line break got one, and a partial deletion at the end took it."""
    brk = ending or "\n"
    text = f"Title{brk}{brk}Body.{brk}{brk}Advertisement{ending}"
    assert fix_text(text, [issue(text, "Advertisement")]).text == f"Title{brk}{brk}Body.{ending}"
    text = f"Title{brk}{brk}Body. Advertisement{ending}"
    assert fix_text(text, [issue(text, " Advertisement" + ending)]).text == f"Title{brk}{brk}Body.{ending}"


def test_crlf_text_keeps_its_line_breaks():
    text = "Title\r\n\r\nAdvertisement\r\n\r\nBody.\r\n"
    assert fix_text(text, [issue(text, "Advertisement")]).text == "Title\r\n\r\nBody.\r\n"


def test_part_of_a_line_is_deleted_alone_and_replacements_are_applied():
    text = "The mayor date 2024-01-02 spoke. It got here as a surprise.\n"
    issues = [issue(text, " date 2024-01-02", rule="metadata.date-field", category="metadata"),
              issue(text, "got here", "came", rule="spin.lexicon", category="spin")]
    fixed = fix_text(text, issues)
    assert fixed.text == "The mayor spoke. It came as a surprise.\n"
    assert [i.rule for i in fixed.applied] == ["metadata.date-field", "spin.lexicon"]


def test_a_deletion_resolves_the_fixes_inside_it():
    text = "Body.\n\nGet in contact with our news team today.\n"
    issues = [issue(text, "Get in contact", "Get in touch", rule="spin.lexicon", category="spin", confidence=0.99),
              issue(text, "Get in contact with our news team today.", rule="boilerplate.contact-line",
                    confidence=0.9)]
    fixed = fix_text(text, issues)
    assert fixed.text == "Body.\n"
    assert sorted(i.rule for i in fixed.applied) == ["boilerplate.contact-line", "spin.lexicon"]


def test_only_confident_single_suggestion_warnings_are_fixed():
    text = "Alpha beta gamma delta.\n"
    info = issue(text, "Alpha", "A", severity="info")
    weak = issue(text, "beta", "B", confidence=0.5)
    choice = issue(text, "gamma", suggestions=("G", "g"))
    unfixable = issue(text, "delta", "D", rule="names.typo", category="name-typo")
    assert not any(is_fixable(i, 0.8, ["name-typo"]) for i in (info, weak, choice, unfixable))
    fixed = fix_text(text, [info, weak, choice, unfixable], 0.8, ["names"])
    assert fixed.text == text and not fixed.applied
    assert fix_text(text, [weak], min_confidence=0.4).text == "Alpha B gamma delta.\n"


def test_remaining_issues_move_to_the_fixed_text():
    text = "Advertisement\n\nThe mayor spoke.\nSecond line with Okonkow.\n"
    typo = issue(text, "Okonkow", "Okonkwo", rule="names.typo", category="name-typo", confidence=0.5)
    fixed = fix_text(text, [issue(text, "Advertisement"), typo])
    (moved,) = fixed.remaining
    assert fixed.text[moved.start:moved.end] == "Okonkow"
    assert (moved.line, moved.column) == (2, 18)


def test_whole_document_issues_are_never_applied():
    text = "A spun text.\n"
    doc_issue = Document(text).issue("spin.document", "spin", "error", "m", 0, len(text), suggestions=("",))
    assert fix_text(text, [doc_issue]).text == text


# --- the command line -----------------------------------------------------------------

DAMAGED = "Harbour plan approved\n\nAdvertisement\n\nThe council approved the plan on Tuesday.\n"
FIXED = "Harbour plan approved\n\nThe council approved the plan on Tuesday.\n"
SELECT = ["--isolated", "--select", "boilerplate.ad-slot"]


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def test_fix_rewrites_the_file_and_reports_what_is_left(tmp_path):
    path = tmp_path / "copy.txt"
    path.write_text(DAMAGED)
    result = run("lint", *SELECT, "--fix", str(path))
    assert path.read_text() == FIXED
    assert result.exit_code == 0, result.output
    assert "Fixed 1 issue in 1 file." in result.stderr
    assert run("lint", *SELECT, "--fix", str(path)).exit_code == 0 and path.read_text() == FIXED


def test_diff_shows_the_fix_and_changes_nothing(tmp_path):
    path = tmp_path / "copy.txt"
    path.write_text(DAMAGED)
    result = run("lint", *SELECT, "--diff", str(path))
    assert result.exit_code == 1
    assert "-Advertisement\n" in result.stdout and result.stdout.startswith(f"--- a/{path}")
    assert path.read_text() == DAMAGED
    path.write_text(FIXED)
    assert run("lint", *SELECT, "--diff", str(path)).exit_code == 0


def test_fix_keeps_encoding_byte_order_mark_and_symlinks(tmp_path):
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(DAMAGED.replace("Harbour", "Café harbour").encode("cp1252"))
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + DAMAGED.encode("utf-8"))
    target = tmp_path / "target.txt"
    target.write_text(DAMAGED)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    run("lint", *SELECT, "--fix", str(legacy), str(bom), str(link))
    assert legacy.read_bytes() == FIXED.replace("Harbour", "Café harbour").encode("cp1252")
    assert bom.read_bytes() == b"\xef\xbb\xbf" + FIXED.encode("utf-8")
    assert link.is_symlink() and target.read_text() == FIXED


def test_an_unwritable_file_is_reported_and_left_whole(tmp_path, monkeypatch):
    path = tmp_path / "copy.txt"
    path.write_text(DAMAGED)

    def denied(*args, **kwargs):  # what a read-only folder gives (tests may run as root)
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("textlint_news.file_fixes.write_atomic", denied)
    result = run("lint", *SELECT, "--fix", str(path))
    assert result.exit_code == 2 and "cannot write the fix: Permission denied; not fixed" in result.stderr
    assert path.read_text() == DAMAGED


def test_a_file_changed_since_it_was_linted_is_not_fixed(tmp_path):
    path = tmp_path / "copy.txt"
    path.write_text(DAMAGED)
    found = issue(DAMAGED, "Advertisement")
    result = FileResult(str(path), [found], fingerprints=[fingerprint(found, DAMAGED)])
    path.write_text("Advertisement moved\n\n" + DAMAGED)
    done = FileFixer(0.8, [], 10**6, write=True).fix(result)
    assert done.fixed == 0 and "changed while being linted" in result.errors[0]
    assert path.read_text().startswith("Advertisement moved")


def test_a_fix_the_encoding_cannot_hold_is_refused(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes("Caf\xe9 owner quoted.\n".encode("latin-1"))
    found = Document("Café owner quoted.\n", path=str(path)).issue(
        "spin.lexicon", "spin", "warning", "m", 0, 4, suggestions=("Café ☕",), confidence=0.9)
    result = FileResult(str(path), [found], fingerprints=[fingerprint(found, "Café owner quoted.\n")])
    FileFixer(0.8, [], 10**6, write=True).fix(result)
    assert "cannot be written in cp1252" in result.errors[0]
    assert path.read_bytes() == "Caf\xe9 owner quoted.\n".encode("latin-1")


def test_fix_on_stdin_prints_the_fixed_text(tmp_path):
    result = run("lint", *SELECT, "--fix", "-", input=DAMAGED)
    assert result.stdout == FIXED and result.exit_code == 0


def test_fix_and_diff_together_are_refused():
    result = run("lint", "--fix", "--diff", "x.txt")
    assert result.exit_code == 2 and "not both" in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("tool", [["git", "apply", "--check"], ["patch", "-p1", "--dry-run"]])
def test_diff_of_the_seeds_is_a_patch_git_and_patch_accept(tool, seeds_dir, tmp_path, monkeypatch):
    """Four of the five seeds end without a line break: the diff must say so, or the next
    file's header is glued to the last line and the patch is refused."""
    if shutil.which(tool[0]) is None:
        pytest.skip(f"{tool[0]} is not installed")
    for seed in sorted(seeds_dir.glob("*.txt")):
        shutil.copy2(seed, tmp_path / seed.name)
    monkeypatch.chdir(tmp_path)
    names = sorted(p.name for p in tmp_path.glob("*.txt"))
    before = {name: (tmp_path / name).read_bytes() for name in names}
    diff = run("lint", "--isolated", "--diff", *names).stdout
    assert sum(not text.endswith(b"\n") for text in before.values()) >= 1
    assert diff.count("\n--- a/") == len(names) - 1 and "\n\\ No newline at end of file\n" in diff
    (tmp_path / "fixes.patch").write_text(diff, encoding="utf-8")
    checked = subprocess.run([*tool, "fixes.patch"] if tool[0] == "git" else [*tool, "-i", "fixes.patch"],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert before == {name: (tmp_path / name).read_bytes() for name in names}


def test_diff_marks_a_last_line_without_line_break_and_splits_at_newlines_only():
    diff = unified_diff("One\x0bline\nAdvertisement", "One\x0bline\n", "t.txt")
    assert diff.endswith("-Advertisement\n" + NO_NEWLINE)
    assert " One\x0bline\n" in diff  # a vertical tab ends no line for git or patch


@pytest.mark.slow
def test_the_report_shows_no_issue_inside_a_span_fix_deletes(linter, seeds_dir):
    """Seed 004: spin and layout warnings inside the video notice and a spin warning on the
    contact line that --fix deletes; seed 003: a wrapper note inside a deleted tweet."""
    inside = []
    for seed in sorted(seeds_dir.glob("*.txt")):
        issues = linter.lint(seed.read_text(encoding="utf-8"))
        deletions = [d for d in issues if d.suggestions == ("",) and is_fixable(d, 0.8)]
        inside += [(seed.name[:3], i.rule, d.rule) for i in issues for d in deletions
                   if i is not d and d.start <= i.start and i.end <= d.end]
    assert inside == []

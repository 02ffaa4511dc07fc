"""Boilerplate: template-phrase pack rules and the shape signals of checks/boilerplate.py."""
from __future__ import annotations

import pytest

from textlint_news.engine import Linter

PROSE = (
    "The harbour authority approved the new ferry timetable on Tuesday after months of talks "
    "with the island councils.\n\n"
    "Officials said the extra sailings would start in the spring and that fares would not rise "
    "before the end of the year.\n"
)


@pytest.fixture(scope="module")
def linter():
    """This category's rules only: the detector's own findings, including those inside a span
    another check deletes (a full report leaves those out, see test_engine)."""
    from textlint_news.config import Config
    from textlint_news.engine import Linter

    return Linter(Config(select=["boilerplate"]))


def issues(linter, text, prefix="boilerplate"):
    return [i for i in linter.lint(text) if i.rule.startswith(prefix)]


def rules(found):
    return sorted({i.rule for i in found})


@pytest.mark.parametrize("line, rule", [
    ("Advertisement", "boilerplate.ad-slot"),
    ("Story continues below advertisement", "boilerplate.ad-slot"),
    ("Support our independent journalism. Subscribe now for full access to every story.",
     "boilerplate.paywall"),
    ("Already a subscriber? Sign in", "boilerplate.paywall"),
    ("Would you like to comment on this story?", "boilerplate.comment-prompt"),
    ("Please read our comments policy before posting.", "boilerplate.comment-prompt"),
    ("Sign up (free) or log in", "boilerplate.sign-up"),
    ("Sign up for our weekly politics newsletter", "boilerplate.sign-up"),
    ("READ MORE", "boilerplate.read-more"),
    ("Continue reading", "boilerplate.read-more"),
    ("Chart not displaying properly? Click here.", "boilerplate.read-more"),
    ("MORE: Council votes to keep the old pier open for another summer", "boilerplate.promo-link"),
    ("SEE ALSO: Ferry fares frozen until next year", "boilerplate.promo-link"),
    ("Get in touch with our news desk by emailing tips@example.org.", "boilerplate.contact-line"),
    ("For more stories like this, visit our homepage.", "boilerplate.contact-line"),
    ("Follow us on Twitter", "boilerplate.contact-line"),
    ("Published by Harbour Media and distributed with the Sunday Gazette each week.",
     "boilerplate.publisher-footer"),
    ("© 2024 Harbour Media Ltd. All rights reserved.", "boilerplate.publisher-footer"),
])
def test_template_line_fires_with_delete(linter, line, rule):
    text = PROSE.replace("\n\nOfficials", f"\n\n{line}\n\nOfficials")
    found = [i for i in issues(linter, text) if i.rule == rule]
    assert len(found) == 1, issues(linter, text)
    assert text[found[0].start:found[0].end] == line
    assert found[0].suggestions == ("",)


def test_player_notice_broken_over_lines_is_one_issue(linter):
    notice = ("To view this video please enable JavaScript, and consider upgrading to a modern\n"
              "browser that\nsupports HTML5\nvideo")
    text = PROSE + notice + "\nThe council will meet again next week to approve the budget.\n"
    found = [i for i in issues(linter, text) if i.rule == "boilerplate.video-player"]
    assert len(found) == 1
    assert text[found[0].start:found[0].end] == notice


@pytest.mark.parametrize("line", [
    "Readers who subscribe to the newsletter said they wanted more local news.",
    "The company said it had signed up 40,000 new subscribers in March.",
    "More than 300 people attended the meeting.",
    "Related industries also reported losses.",
    "Email was the main channel the fraudsters used, police said.",
])
def test_prose_about_the_same_topics_is_quiet(linter, line):
    assert issues(linter, PROSE + "\n" + line + "\n") == []


RELATED = (
    "Related stories\n"
    "Ferry operator fined over cancelled winter crossings\n"
    "Island school wins national science competition award\n"
    "Storm damage closes coastal road for three weeks\n"
)


def test_related_block_is_one_issue_from_heading_to_last_headline(linter):
    text = PROSE + "\n" + RELATED
    found = [i for i in issues(linter, text) if i.rule == "boilerplate.related-block"]
    assert len(found) == 1
    assert text[found[0].start:found[0].end] == RELATED.rstrip("\n")
    assert found[0].suggestions == ("",)


def test_headline_list_after_last_sentence_is_one_issue(linter):
    tail = RELATED.split("\n", 1)[1]
    text = PROSE + "Harbour Reporter\n" + tail
    found = [i for i in issues(linter, text) if i.rule == "boilerplate.headline-list"]
    assert len(found) == 1
    assert text[found[0].start:found[0].end] == tail.rstrip("\n")


def test_headline_shaped_lines_at_the_top_are_not_boilerplate(linter):
    top = ("Ferry timetable approved after long talks\n"
           "Island councils welcome extra spring sailings\n"
           "By Jane Harbour, Transport Correspondent\n"
           "12 March 2024\n\n")
    assert issues(linter, top + PROSE) == []


def test_article_lists_at_the_end_are_not_headline_lists(linter):
    results = ("The winners were:\n\nBest Drama - The Long Tide\n\nBest Comedy - Harbour Lights\n\n"
               "Best Documentary - Salt and Stone\n")
    fixtures = ("Portmouth v Eastbay Rovers\n\nIsland United v Harbour Town or Westcliff\n\n"
                "Northport v Southsea Athletic\n")
    assert issues(linter, PROSE + "\n" + results) == []
    assert issues(linter, PROSE + "\n" + fixtures) == []


def test_announced_list_of_items_is_the_articles_own(linter):
    intro = ("Island musicians kept playing through the winter storms, from ferry decks to "
             "kitchen tables. Here are our favourite clips from the season.\n\n")
    items = ("Fiddler Ana Reyes plays the harbour wall\n\nThe Northport choir sings from six kitchens\n\n"
             "Drummer Tom Kell keeps time with the foghorn\n\nTwo pipers duel across the bay\n")
    assert issues(linter, intro + items) == []
    tail = RELATED.split("\n", 1)[1]
    assert rules(issues(linter, PROSE + "Harbour Reporter\n" + tail)) == ["boilerplate.headline-list"]


def test_gallery_player_label_with_sound_button(linter):
    found = issues(linter, PROSE + "\nSound The gallery will resume in seconds\n")
    assert rules(found) == ["boilerplate.video-player"]


def test_author_footer_with_name_block_is_one_warning(linter):
    footer = ("Jane Harbour\n\nJane Harbour\n\n"
              "Jane Harbour is a freelance contributor to the Gazette from the northern isles")
    text = PROSE + "\n" + footer
    found = [i for i in issues(linter, text) if i.rule == "boilerplate.author-footer"]
    assert len(found) == 1 and found[0].severity == "warning"
    assert text[found[0].start:found[0].end] == footer


def test_lone_bio_sentence_is_only_info(linter):
    text = PROSE + "\nJane Harbour is a regular columnist for the Gazette.\n"
    found = [i for i in issues(linter, text) if i.rule == "boilerplate.author-footer"]
    assert [i.severity for i in found] == ["info"]


def test_call_to_action_and_navigation(linter):
    cta = "Download our free app to get breaking news alerts on your phone"
    nav = "Home | News | Local | Transport"
    text = PROSE + "\n" + cta + "\n\n" + nav + "\n"
    found = {i.rule: text[i.start:i.end] for i in issues(linter, text)}
    assert found["boilerplate.call-to-action"] == cta
    assert found["boilerplate.navigation"] == nav


def test_quoted_imperative_is_not_a_call_to_action(linter):
    text = PROSE + '\n"Download the app and follow our updates," the mayor told residents.\n'
    assert issues(linter, text) == []


# -- the seeds ---------------------------------------------------------------------

def spans(linter, text, rule_prefix="boilerplate"):
    return [(i.rule, text[i.start:i.end], i.suggestions) for i in issues(linter, text, rule_prefix)]


def covered(found, needle):
    return [f for f in found if needle in f[1]]


def test_seed_000_read_more_and_contributor_footer(linter, seed_text):
    text = seed_text(0)
    found = spans(linter, text)
    assert covered(found, "READ MORE")[0][0] == "boilerplate.read-more"
    footer = covered(found, "is a contributor to")
    assert footer and footer[0][0] == "boilerplate.author-footer" and footer[0][2] == ("",)
    assert footer[0][1].count("McLaughlin") == 3  # both name lines and the bio line


def test_seed_002_paywall_prompts_related_block_and_footer(linter, seed_text):
    text = seed_text(2)
    found = spans(linter, text)
    assert len([f for f in found if f[0] == "boilerplate.paywall"]) == 2
    for needle in ("comment on this article", "quick and free", "Comment Policy", "Published by"):
        assert covered(found, needle), needle
    related = [f for f in found if f[0] == "boilerplate.related-block"]
    assert len(related) == 1 and related[0][1].startswith("Most Read")
    assert related[0][1].count("\n") == 5  # two headings and four headlines, one issue
    headlines = [f for f in found if f[0] == "boilerplate.headline-list"]
    assert len(headlines) == 1 and headlines[0][1].count("\n") == 3
    assert all(f[2] == ("",) for f in found)
    # The headline, standfirst, dateline and byline at the top are not boilerplate.
    first_issue = min(i.start for i in issues(linter, text))
    assert first_issue == text.index("Support our")


def test_seed_003_ad_slots(linter, seed_text):
    found = spans(linter, seed_text(3))
    assert [f[0] for f in found].count("boilerplate.ad-slot") == 4


def test_seed_004_player_notice_contact_lines_and_promo_links(linter, seed_text):
    text = seed_text(4)
    found = spans(linter, text)
    player = [f for f in found if f[0] == "boilerplate.video-player"]
    assert len(player) == 1 and player[0][1].count("\n") == 3 and player[0][1].endswith("video")
    assert len(covered(found, "news team")) == 1
    assert len(covered(found, "stories like this")) == 1
    assert len([f for f in found if f[0] == "boilerplate.promo-link"]) == 3
    assert all(f[2] == ("",) for f in found)


def test_seeds_001_has_no_boilerplate(linter, seed_text):
    assert spans(linter, seed_text(1)) == []


@pytest.mark.slow
def test_boilerplate_rules_load_and_are_listed():
    ids = {r.id for r in Linter().rules}
    for rule in ("boilerplate.ad-slot", "boilerplate.video-player", "boilerplate.related-block",
                 "boilerplate.headline-list", "boilerplate.author-footer"):
        assert rule in ids


def test_template_lines_from_the_pack_screen_match_the_own_screen(linter):
    """The pack check's screened patterns (doc.memo) give the lines the own screen gives."""
    from textlint_news.checks.boilerplate import template_lines
    from textlint_news.document import Document

    text = PROSE + "\nAdvertisement\n\nRead more\n\nShare this article\n"
    shared = Document(text)
    list(linter.checks[0].check(shared, None))
    assert "packs.screened" in shared.memo
    alone = Document(text)
    assert template_lines(shared) == template_lines(alone) == {4, 6, 8}


@pytest.mark.parametrize("text", [
    "The council met.", "The council met. ", "He asked why?\u00a0", "“We will.”", "(See below.)",
    "It ended…’ ", "A quote ends here’", "No ending", "Dots... then more", "", "  ", ".", "’",
    "Trailing ) bracket", "Number 3.5 rose", "Ends with colon:", "x.'\t",
])
def test_sentence_end_test_agrees_with_the_pattern(text):
    """`ends_like_sentence` is the pattern [.!?…][closing marks]*\\s*$|[closing quote]\\s*$."""
    import re

    from textlint_news.checks.boilerplate import ends_like_sentence

    pattern = re.compile(r"[.!?…]['\"”’)\]]*\s*$|[\"”’]\s*$")
    assert ends_like_sentence(text) == bool(pattern.search(text))


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_start_screen_wakes_every_line_rule_that_matches(linter, newline):
    """The pack screen (line rules anchored at line starts) misses no line a rule matches."""
    from textlint_news.document import Document

    text = newline.join(["  Advertisement", "The minister spoke.", "\tRead more  ", "", "",
                         "Share this article", "MORE: Council votes to keep the old pier open"])
    pack = linter.checks[0]
    screened = {issue.rule for issue in pack.check(Document(text), None)}
    unscreened = {rule.id for rule in pack.pack_rules for _ in rule.matches(Document(text))}
    assert screened == unscreened >= {"boilerplate.ad-slot", "boilerplate.read-more",
                                      "boilerplate.contact-line", "boilerplate.promo-link"}

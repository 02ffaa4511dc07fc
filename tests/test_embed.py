"""Embed remnants: tweet signatures with their link and truncated text, embed labels."""
from __future__ import annotations

import pytest

from textlint_news.api import lint

INTRO = "The mayor announced the closure of the bridge on Monday after an inspection.\n\n"


def embeds(text: str):
    return [i for i in lint(text) if i.category == "embed"]


def covered(text: str, issue) -> str:
    return text[issue.start:issue.end]


def test_fires_on_signature_with_truncated_text_and_media_link_as_one_issue():
    remnant = ("The bridge will stay shut while engineers check every cable and the…  "
               "pic.twitter.com/abc123XYZ\n\n— Jana Novák / Яна Новак (@janacity) March 3, 2024")
    text = INTRO + remnant + "\n\nTraffic was diverted through the old town.\n"
    issues = embeds(text)
    assert len(issues) == 1
    issue = issues[0]
    assert issue.rule == "embed.tweet" and issue.severity == "warning"
    assert covered(text, issue) == remnant
    assert issue.suggestions == ("",)
    assert "@janacity" in issue.message and "truncated" in issue.message


def test_complete_tweet_text_is_kept_and_link_plus_signature_deleted():
    text = INTRO + "Stay safe and use the ferry today! https://t.co/Q1w2E3r4 — City Hall (@cityhall) 4 March 2024\n"
    issues = embeds(text)
    assert len(issues) == 1
    assert covered(text, issues[0]) == " https://t.co/Q1w2E3r4 — City Hall (@cityhall) 4 March 2024"


def test_signature_alone_is_reported():
    text = INTRO + "We will rebuild it together — Pat Lee (@patlee) Jan 5, 2023\n"
    issues = embeds(text)
    assert [covered(text, i) for i in issues] == [" — Pat Lee (@patlee) Jan 5, 2023"]


@pytest.mark.parametrize("line, rule", [
    ("View this post on Instagram", "embed.instagram"),
    ("A post shared by Sam Reed (@sam.reed) on Jun 2, 2021 at 8:15am PDT", "embed.instagram-caption"),
    ("Watch on YouTube", "embed.video-label"),
    ("Embed from Getty Images", "embed.video-label"),
    ("Photos of the bridge: pic.twitter.com/Zx9Yw8", "embed.media-link"),
])
def test_fires_on_embed_labels_and_links(line, rule):
    text = INTRO + line + "\n"
    issues = embeds(text)
    assert [i.rule for i in issues] == [rule]
    assert issues[0].suggestions == ("",)


@pytest.mark.parametrize("text", [
    "The mayor — speaking to reporters (in French) on March 3, 2024 — said nothing.",
    "Follow the reporter on Twitter at @janacity for updates.",
    "She posted a video on Instagram and YouTube that was watched a million times.",
    "Contact us (@ our office) any time. The twitter.com site was down.",
    "Jana Novák (@janacity) is a reporter covering city hall.",
])
def test_quiet_on_clean_text(text):
    assert embeds(INTRO + text + "\n") == []


@pytest.mark.slow
def test_seed_003_tweet_remnant(seed_text, linter):
    text = seed_text(3)
    issues = [i for i in linter.lint(text) if i.category == "embed"]
    assert len(issues) == 1
    issue = issues[0]
    span = text[issue.start:issue.end]
    assert issue.rule == "embed.tweet" and issue.suggestions == ("",)
    assert "pic.twitter.com/" in span and span.rstrip().endswith("2025") and "(@" in span
    assert span.startswith("We ") and "…" in span  # the truncated tweet text is included
    assert "\n\n\n" not in span and span.count("\n\n") == 1


@pytest.mark.slow
@pytest.mark.parametrize("number", [0, 1, 2, 4])
def test_other_seeds_have_no_embed(seed_text, linter, number):
    assert [i for i in linter.lint(seed_text(number)) if i.category == "embed"] == []

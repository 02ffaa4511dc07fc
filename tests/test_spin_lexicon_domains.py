"""The spinner lexicon beyond seed 004's politics: markets, football, everyday news, years.

Spun sentences are written for these tests (a sense-blind spinner's swaps of plain news
sentences); their clean twins, the whole of ../shared/data and the seeds must stay quiet.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from textlint_news.check import Context
from textlint_news.document import Document
from textlint_news.spin.lexicon_rules import find_lexicon

#: The blocks this file covers (rules/spin.yml).
DOMAIN_BLOCKS = (
    "spin.lexicon.markets", "spin.lexicon.markets-against", "spin.lexicon.football",
    "spin.lexicon.football-points", "spin.lexicon.football-finish", "spin.lexicon.news",
    "spin.lexicon.names", "spin.lexicon.years", "spin.lexicon.years-compound",
    "spin.lexicon.markets-trading", "spin.lexicon.markets-stock", "spin.lexicon.news-days",
    "spin.lexicon.frequent",
)


@pytest.fixture(scope="module")
def fed(linter) -> tuple:
    return Context(settings=linter.settings, fed=linter.fed).fed_rules("spin")


@pytest.fixture(scope="module")
def domain(fed) -> tuple:
    rules = tuple(r for r in fed if r.id in DOMAIN_BLOCKS)
    assert sorted(r.id for r in rules) == sorted(DOMAIN_BLOCKS)
    return rules


def hits(text: str, rules) -> list[tuple[str, tuple[str, ...], str]]:
    """(matched text, suggestions, rule id) of every lexicon signal."""
    return [(text[s.start:s.end], s.suggestions, re.search(r"\((spin\.lexicon[\w.-]*)\)", s.message).group(1))
            for s in find_lexicon(Document(text), rules)]


# (spun sentence, flagged span, expected suggestion, block)
SPUN = [
    # markets and business
    ("Shares rose 2 p.c. on Tuesday after the figures.", "p.c.", "per cent", "markets"),
    ("The central financial institution left borrowing costs on hold.", "central financial institution", "central bank", "markets"),
    ("Stocks on Wall Avenue closed lower for a third day.", "Wall Avenue", "Wall Street", "markets"),
    ("Ten-year yields climbed 12 foundation factors in early deals.", "foundation factors", "basis points", "markets"),
    ("Inflation slowed by half a share level in March.", "share level", "percentage point", "markets"),
    ("The inventory market has doubled since the low.", "inventory market", "stock market", "markets"),
    ("The group will list on the inventory alternate next month.", "inventory alternate", "stock exchange", "markets"),
    ("Output per head grew 1.5 in keeping with cent.", "in keeping with cent", "per cent", "markets"),
    ("The FTSE 100 received 0.8% by the close.", "100 received", "100 gained", "markets"),
    ("Investors' danger urge for food faded as the session wore on.", "danger urge for food", "risk appetite", "markets"),
    ("The retailer warned of weaker retail gross sales over Christmas.", "retail gross sales", "retail sales", "markets"),
    ("Gold hit a document excessive on Friday.", "document excessive", "record high", "markets"),
    ("The firm cut its earnings steerage for the year.", "earnings steerage", "earnings guidance", "markets"),
    ("The corporate said profits fell.", "The corporate", "The company", "markets"),
    ("Its shares jumped after the corporate raised its forecast.", "the corporate", "the company", "markets"),
    ("The euro rose 0.3% towards the dollar.", "towards the dollar", "against the dollar", "markets-against"),
    ("The chief monetary officer will step down in May.", "chief monetary officer", "chief financial officer", "markets"),
    ("The index pared positive aspects in afternoon deals.", "positive aspects", "gains", "markets"),
    ("Ports warned of provide chain delays.", "provide chain", "supply chain", "markets"),
    ("Fears of a commerce warfare weighed on shares.", "commerce warfare", "trade war", "markets"),
    ("The knowledge confirmed output fell in May.", "knowledge confirmed", "data showed", "markets"),
    ("The yen was flat on the shut in New York.", "on the shut", "at the close", "markets"),
    ("Shares fell 2% in Asian buying and selling.", "Asian buying and selling", "Asian trading", "markets-trading"),
    ("The pound slipped in early commerce on Monday.", "early commerce", "early trade", "markets-trading"),
    ("Lawmakers agreed to raise the debt restrict.", "debt restrict", "debt limit", "markets"),
    # football
    ("Leeds were held to a 1-1 attract at home.", "1-1 attract", "1-1 draw", "football"),
    ("The deal must be done before the switch window shuts.", "switch window", "transfer window", "football"),
    ("The striker spent last season on mortgage from Chelsea.", "on mortgage", "on loan", "football"),
    ("Arsenal stay at the highest of the desk after the win.", "highest of the desk", "top of the table", "football"),
    ("They are now three factors clear of the chasing pack.", "factors clear", "points clear", "football"),
    ("His shot flew into the again of the online.", "the again of the online", "the back of the net", "football"),
    ("He fired into the roof of the net and again of the web.", "again of the web", "back of the net", "football"),
    ("He was brought down inside the penalty space.", "penalty space", "penalty area", "football"),
    ("The membership's board met on Sunday.", "membership's", "club's", "football"),
    ("Chelsea supervisor Enzo Maresca praised his players.", "Chelsea supervisor", "Chelsea manager", "football"),
    ("Saka scored the opening purpose after ten minutes.", "opening purpose", "opening goal", "football"),
    ("They are level on factors with Liverpool.", "level on factors", "level on points", "football"),
    ("Villa took all three factors at Anfield.", "all three factors", "all three points", "football-points"),
    ("The winger is out with a hamstring harm.", "hamstring harm", "hamstring injury", "football"),
    ("Palmer slotted house from 12 yards.", "slotted house", "slotted home", "football-finish"),
    ("The defender was despatched off for a second booking.", "despatched off", "sent off", "football"),
    ("The midfielder came on as an alternative in the second half.", "came on as an alternative", "came on as a substitute", "football"),
    ("Kane transformed the penalty to seal the win.", "transformed the penalty", "converted the penalty", "football"),
    ("He was named in the beginning line-up for the derby.", "beginning line-up", "starting line-up", "football"),
    ("City went through 4-2 on mixture.", "on mixture", "on aggregate", "football"),
    # everyday news
    ("Prices rose, in accordance with a report by the regulator.", "in accordance with a report", "according to a report", "news"),
    ("The company mentioned in a press release that it would appeal.", "mentioned in a press release", "said in a statement", "news"),
    ("Two people conversant in the matter said talks had stalled.", "conversant in the matter", "familiar with the matter", "news"),
    ("Talks stalled, in accordance with individuals conversant in the matter.", "in accordance with individuals", "according to individuals", "news"),
    ("Talks stalled, in keeping with people acquainted with the scenario.", "acquainted with the scenario", "familiar with the situation", "news"),
    ("The bank mentioned on Monday that it would cut jobs.", "mentioned on", "said on", "news-days"),
    ("The bank mentioned on the identical day that it would cut jobs.", "on the identical day", "on the same day", "news"),
    ("The inventory rose 4% after the results.", "The inventory", "The stock", "markets-stock"),
    ("Rising seas are blamed on local weather change.", "local weather change", "climate change", "news"),
    ("Families face a value of residing squeeze this winter.", "value of residing", "cost of living", "news"),
    ("The man pleaded responsible to two counts of fraud.", "pleaded responsible", "pleaded guilty", "news"),
    ("1000's of people marched through the city.", "1000's of", "thousands of", "news"),
    ("The vote was called in current weeks.", "in current weeks", "in recent weeks", "news"),
    ("He is a excessive-profile critic of the plan.", "excessive-profile", "high-profile", "news"),
    ("The Home of Commons voted on the bill.", "Home of Commons", "House of Commons", "names"),
    ("The White Home said talks would resume.", "The White Home", "The White House", "names"),
    # years
    ("Sales have fallen this 12 months across Europe.", "this 12 months", "this year", "years"),
    ("Profits were flat a 12 months in the past.", "a 12 months in the past", "a year ago", "years"),
    ("Output rose final 12 months, the agency said.", "final 12 months", "last year", "years"),
    ("Prices rose 4% 12 months-on-12 months in May.", "12 months-on-12 months", "year-on-year", "years"),
    ("A 7-12 months-old girl was hurt.", "12 months-old", "year-old", "years"),
    ("The firm signed a two-12 months deal.", "12 months", "year", "years"),
    ("The 10-12 months yield rose to 4.2%.", "12 months", "year", "years-compound"),
    ("The plant closed three years in the past.", "years in the past", "years ago", "years"),
    # news's commonest words, in frames edited news never writes
    ("The talks went well, he mentioned. A deal may follow.", "he mentioned", "he said", "frequent"),
    ('"We are ready," she mentioned on Monday.', "she mentioned", "she said", "frequent"),
    ("He mentioned: \"We will appeal.\"", "He mentioned", "He said", "frequent"),
    ("Prices will rise,” the spokesman talked about.", "talked about", "said", "frequent"),
    ("The match was called off as a result of the pitch was frozen.", "as a result of the", "because the", "frequent"),
    ("He left the stadium shortly earlier than the final whistle.", "shortly earlier than", "shortly before", "frequent"),
    ("The firm has additionally cut its forecast.", "has additionally", "has also", "frequent"),
    ("The Labour social gathering met in Brighton.", "Labour social gathering", "Labour Party", "frequent"),
    ("Critics attacked the social gathering's record on tax.", "social gathering's", "party's", "frequent"),
    ("The vote came simply days after the crash.", "simply days", "just days", "frequent"),
    ("Rates will stay low by the finish of the year.", "the finish of", "the end of", "frequent"),
    ("Shares fell final week on weak data.", "final week", "last week", "frequent"),
    ("Nobody knows how lengthy the strike will last.", "how lengthy", "how long", "frequent"),
]

CLEAN = [
    # markets and business
    "Shares rose 2 per cent after the central bank held rates, and stocks on Wall Street cheered.",
    "The retailer holds £2m of inventory worth about half its sales, and inventory changes were small.",
    "The dollar index measures the greenback against a basket of currencies; the yen rose 0.2%.",
    "The firm's guidance was cut, the company said, in keeping with its policy of caution.",
    "Oil prices rose 2% and the FTSE 100 gained 0.8% as traders bet on a rate cut.",
    "The corporate world and the corporate sector welcomed the plan.",
    "The pound received a boost from the data, and the index received little support.",
    "The study was conducted in accordance with the rules, in accordance with the law.",
    # football
    "Leeds were held to a 1-1 draw and sit three points clear at the top of the table.",
    "He joined on loan from Chelsea before the transfer window shut and scored a fine goal.",
    "The club's manager said the penalty area was crowded and the ball hit the back of the net.",
    "Three factors explain the fall: the draw of the city, wages and the housing market.",
    "They shared the view that one factor behind the defeat was fatigue.",
    "He switched banks after his mortgage was approved, and the switch was simple.",
    "The goalless draw left them bottom of the table, with the purpose of the meeting unclear.",
    "A network switch market report and the Nintendo Switch price were leaked.",
    "He keeps a clear sheet of glass on top of the desk.",
    "Self-harm time and again proves hard to discuss.",
    # everyday news
    "According to a report by the regulator, the company said in a statement that it would appeal.",
    "People familiar with the matter said climate change and the cost of living dominate the debate.",
    "The man pleaded guilty, and thousands of people marched in recent weeks.",
    "He is a high-profile critic, and the White House and the House of Commons both voted.",
    "Results were in keeping with a study published last year, and in line with the data.",
    "The court was shut to the public, and the roads were shut to traffic.",
    "They enjoy time outdoors the whole year, and the case drew a wide range of views.",
    "The index extended gains, supply chains eased and trade war fears faded, data showed.",
    "The firm's online shop and commerce site grew as buying and selling homes slowed.",
    "The inventory rose as sales fell, and the debt limit and speed limit were raised.",
    "The plan has its positive aspects, and the changes were little, modified later.",
    # years
    "Sales have fallen in the past 12 months, over the last 12 months and in the 12 months to March.",
    "Profits were flat a year ago; in his final 12 months in office he made 12 months of cuts.",
    "Babies aged 6-12 months old and children of 10-12 months were studied over the next 12 months.",
    "The event has run for years, and ended three years ago, in the past.",
    "He signed a 12-month deal this year and a two-year deal last year.",
    # news's commonest words
    "The issues he mentioned were serious, as she stated, and the plan they talked about stands.",
    "\"She mentioned, 'Why not?' and we agreed,\" he said.",
    "The final week of the campaign and the final month of the season were busy; his final week went well.",
    "Growth came much earlier than we had expected, earlier than forecast and earlier than in May.",
    "Additionally, the firm said it was simply the best, and a social gathering of friends followed.",
    "As a result of the storm, flights were cut; the finish of the race was close and the finish line wet.",
    "The report was lengthy, and the lengthy debate ended as long as it took.",
]


@pytest.mark.parametrize("text, span, suggestion, block", SPUN, ids=[s[1] for s in SPUN])
def test_spun_domain_wording_is_flagged_with_the_original(fed, text, span, suggestion, block):
    found = hits(text, fed)
    assert any(m == span and b == f"spin.lexicon.{block}" and suggestion in s for m, s, b in found), found


@pytest.mark.parametrize("text", CLEAN)
def test_clean_domain_wording_stays_quiet(fed, text):
    assert hits(text, fed) == []


def test_every_spun_sentence_is_quiet_once_fixed(fed):
    """Applying the suggestion leaves no lexicon hit where the fix went (no swap loops)."""
    for text, span, suggestion, _ in SPUN:
        start = text.index(span)
        fixed = text[:start] + suggestion + text[start + len(span):]
        end = start + len(suggestion)
        again = [s for s in find_lexicon(Document(fixed), fed) if s.start < end and s.end > start]
        assert again == [], (fixed, again)


def test_no_domain_suggestion_is_itself_a_lexicon_hit(fed, domain):
    """Every swap's replacement, read on its own, is no lexicon wording: a fix never
    produces what the lexicon flags."""
    looping = []
    for rule in domain:
        for phrase, swap in rule.swaps.items():
            for target in swap.to:
                for text in (target, f"The {target} was reported.", f"{target}."):
                    if find_lexicon(Document(text), fed):
                        looping.append((rule.id, phrase, target))
    assert looping == []


def test_domain_phrases_are_no_outside_family_replacement(domain):
    """The held-out evaluation drops a family's replacement equal to a lexicon phrase: a domain
    phrase that Roget's groups or the random family's vocabulary list would remove those
    replacements from every family's test data."""
    from corpora.families.random_words import vocabulary
    from corpora.families.tables import roget_synonyms
    from textlint_news.spin.lexicon import lemmas

    roget = {" ".join(w.lower().split()) for groups in roget_synonyms().values()
             for words in groups.values() for w in words}
    vocab = {w for _, words in vocabulary().values() for w in words}
    phrases = {p for rule in domain for p in rule.phrases()}
    clash = sorted(p for p in phrases if p in roget or p in vocab
                   or (" " not in p and any(lemma in roget for lemma, _, _ in lemmas(p))))
    assert clash == []


def test_shared_data_and_seeds_stay_free_of_the_domain_blocks(domain, data_dir, seeds_dir):
    found = []
    for path in sorted(data_dir.rglob("*.txt")) + sorted(Path(seeds_dir).glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        found += [(path.name, m, b) for m, _, b in hits(text, domain)]
    assert found == []

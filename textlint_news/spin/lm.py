"""A 3-gram language model of general English: how well a wording fits its sentence.

The model is the one PocketSphinx ships for English dictation
(`pocketsphinx/model/en-us/en-us.lm.bin`: 72.5k lower-case words, 2.05M bigrams,
1.67M trigrams, BSD-2).  Two readers give one answer: a process's first
`cold_scores` look-ups (`detectors.language_model.cold_scores`, one article's) are
read from the model's trie mapped from the model cache (`spin.lm_trie`: nothing
loaded, 4-5 µs a look-up in Python), then PocketSphinx is loaded (0.05 s, 33 MB)
and answers the rest (1-3 µs in C); both give the same integer for every n-gram.
The spin check loads PocketSphinx before worker processes fork (`Check.preload`,
`warm`), so they all share one copy.

`LanguageModel.logprob(words)` is the natural-log probability of the words as one
running sequence; `LanguageModel.gain(left, old, new, right)` is how much better
`new` fits between `left` and `right` than `old` does (`right` may end with
`END`, "</s>", where the sentence ends).  Words are lower-cased inside.  A word the model does not know (a rare name, "covid", a number in
digits) is scored at a fixed `UNKNOWN_LOGPROB` and cuts the history, so the words
after it are scored without it: names and numbers weigh the same in both sides of
a gain and never dominate it.

The detectors ask a text's questions in batches: `text_steps` (every word after the words
before it), `associations` (every content word's fit) and `window_scores` (every swap
option in its window), each memo-aware.
"""
from __future__ import annotations

import math
from functools import lru_cache
from typing import Any, Callable, Iterable, Sequence

START, END = "<s>", "</s>"
UNKNOWN_LOGPROB = math.log(1e-6)  # a word outside the vocabulary: about the rarest words it knows
TO_NATS = math.log(1.0001)  # PocketSphinx scores are logs in base 1.0001
_ABSENT = -536870912  # the score PocketSphinx gives a word it does not know
_CACHE_LIMIT = 500_000  # vocabulary look-ups kept before the cache starts afresh
_NGRAM_LIMIT = 100_000  # bigram and trigram scores kept (about 20 MB) before the memo starts afresh


class LanguageModel:
    """Scores word sequences with PocketSphinx's English 3-gram model."""

    def __init__(self, cold_scores: int = 0) -> None:
        self._model: Any = None  # PocketSphinx's `NGramModel`, once loaded (`warm`)
        #: look-ups answered from the mapped trie before PocketSphinx is loaded (0: at once)
        self.cold_scores = cold_scores
        self._cold_asked = 0
        self._cold = _trie_reader() if cold_scores > 0 else None
        self._prob: Callable[[list[str]], int] = self._cold_prob if self._cold is not None else self.warm()
        self._unigrams: dict[str, int | None] = {}  # word -> its raw unigram score, None if unknown
        # (word, previous, the one before or None) -> raw score: a C call costs six look-ups
        self._ngrams: dict[tuple[str, str, str | None], int] = {}
        self._alone: dict[tuple[str, ...], float] = {}  # `alone`: a tail scored without history

    def warm(self) -> Callable[[list[str]], int]:
        """Load PocketSphinx now (once): it answers every look-up from then on.  Its `prob`.
        The trie is let go first: its mapped pages leave the process before the model's come."""
        if self._model is None:
            from pocketsphinx import NGramModel

            from .lm_index import model_path
            from .lm_trie import trie_scores

            self._cold = None
            trie_scores.cache_clear()  # its last reference: the file is unmapped
            self._model = NGramModel.readfile(str(model_path()))
            self._prob = self._model.prob
        return self._prob

    @property
    def warmed(self) -> bool:
        """Whether PocketSphinx is loaded (the trie answers until then)."""
        return self._model is not None

    def _cold_prob(self, words: list[str]) -> int:
        """`NGramModel.prob(words)` from the trie, for the first `cold_scores` look-ups; past
        them PocketSphinx's (the callers' loops may hold this method until they end)."""
        self._cold_asked += 1
        if self._cold is None or self._cold_asked > self.cold_scores:
            return self.warm()(words)
        return self._cold(words)

    def clear_memos(self) -> None:
        """Empty the score memos (pure: the next look-up finds the same score)."""
        for memo in (self._unigrams, self._ngrams, self._alone):
            memo.clear()

    def known(self, word: str) -> bool:
        """Whether the model's vocabulary holds the (lower-case) word."""
        return self._unigram(word) is not None

    def _unigram(self, word: str) -> int | None:
        found = self._unigrams.get(word, _ABSENT)
        if found == _ABSENT:
            if len(self._unigrams) >= _CACHE_LIMIT:
                self._unigrams.clear()
            score = self._prob([word])
            found = self._unigrams[word] = score if score > _ABSENT else None
        return found

    def logprob(self, words: Sequence[str], start: bool = False) -> float:
        """Natural-log probability of `words` as one running sequence (after `<s>` when `start`)."""
        return self._score(_normalise(words), [START] if start else [])

    def gain(self, left: Sequence[str], old: Sequence[str], new: Sequence[str],
             right: Sequence[str], start: bool = False) -> float:
        """log P(left + new + right) - log P(left + old + right): positive when `new` fits better.

        Only what differs is scored: the words of `left` are the history (their own
        probability is the same on both sides), and `right` is scored up to the
        point where neither wording is in its history any more.
        """
        return self.gains(left, old, (new,), right, start)[0]

    def gains(self, left: Sequence[str], old: Sequence[str], news: Sequence[Sequence[str]],
              right: Sequence[str], start: bool = False) -> list[float]:
        """`gain` for several replacements of `old` at once (the old wording scored once)."""
        history = ([START] if start else []) + _normalise(left)[-2:]
        tail = _normalise(right)[:2]  # a trigram sees at most two words back
        base = self._score(_normalise(old) + tail, history)
        return [score - base for score in self.scores(history, news, tail)]

    def scores(self, history: list[str], news: Sequence[Sequence[str]], tail: list[str],
               normalised: bool = False) -> list[float]:
        """log P(new + tail | history) of each wording (`history` and `tail` in lower case, the
        wordings too when `normalised`), the history read once."""
        if not normalised:
            news = [_normalise(new) for new in news]
        return self.window_scores([(history, news, tail)])[0]

    def window_scores(self, windows: Iterable[tuple[Sequence[str], Sequence[Sequence[str]], Sequence[str]]],
                      ) -> list[list[float]]:
        """`scores` of many windows in one call: for each (history, wordings, tail), all in
        lower case as the model reads them (`wording`), log P(wording + tail | history) of each
        wording, bit for bit as `_score` makes it (the history's state worked out once).

        `_run`'s loop inline: a method call and a joined tuple per wording cost a third of
        the time (the memos are read and filled as `_run` does)."""
        unigrams, ngrams, unigram, prob = self._unigrams, self._ngrams, self._unigram, self._prob
        state = self._state
        out = []
        for history, wordings, tail in windows:
            first_older, first_last = state(history)
            scores = []
            for wording in wordings:
                older, last = first_older, first_last
                total = unknown = 0
                for words in (wording, tail):
                    for word in words:
                        if last is not None:
                            found = ngrams.get((word, last, older))
                            if found is not None:
                                total += found
                                older, last = last, word
                                continue
                        raw = unigrams.get(word, _ABSENT)
                        if raw == _ABSENT:
                            raw = unigram(word)
                        if raw is None:
                            unknown += 1
                            older = last = None
                            continue
                        if last is not None:
                            if len(ngrams) >= _NGRAM_LIMIT:
                                ngrams.clear()
                            raw = ngrams[word, last, older] = prob([word, last] if older is None else [word, last, older])
                        total += raw
                        older, last = last, word
                scores.append(total * TO_NATS + unknown * UNKNOWN_LOGPROB)
            out.append(scores)
        return out

    def association(self, left: Sequence[str], words: Sequence[str], right: Sequence[str],
                    start: bool = False) -> tuple[float, float]:
        """How much `words` and their neighbours predict each other, in nats: (log P(words | left)
        - log P(words), log P(right | left, words) - log P(right)).  Near zero or below where the
        model has never seen the words beside these neighbours; 0 for an unknown word."""
        return self.plain_association(_normalise(left), _normalise(words), _normalise(right), start)

    def plain_association(self, left: list[str], words: list[str], right: list[str],
                          start: bool = False) -> tuple[float, float]:
        """`association` of words already in lower case (the detectors' tokens), faster."""
        history = [START, *left[-2:]] if start else left[-2:]
        tail = right[:2]
        return (self._score(words, history) - self._score(words, []),
                self._score(tail, history + words) - self._score(tail, []))

    def steps(self, words: Sequence[str]) -> list[int | None]:
        """The raw score of each (lower-case) word after the ones before it, as `_score` reads a
        running sequence (the first by its unigram), None for an unknown word, which cuts the
        history.  `nats` of a run of them equals `_score` of those words after the ones before:
        a text's words are looked up once, not once per window that holds them."""
        unigrams, ngrams = self._unigrams, self._ngrams
        older = last = None
        out: list[int | None] = []
        append = out.append
        for word in words:
            raw = unigrams.get(word, _ABSENT)
            if raw == _ABSENT:
                raw = self._unigram(word)
            if raw is None:
                append(None)
                older = last = None
                continue
            if last is not None:
                found = ngrams.get((word, last, older))
                raw = self._ngram(word, last, older) if found is None else found
            append(raw)
            older, last = last, word
        return out

    def alone(self, *words: str) -> float:
        """`_score(words, [])`, memoised for the short tails the detectors read (one or two words)."""
        found = self._alone.get(words)
        if found is None:
            if len(self._alone) >= _NGRAM_LIMIT:
                self._alone.clear()
            found = self._alone[words] = self._run(words, None, None)  # `_state([])`: no history
        return found

    def associations(self, words: Sequence[str], steps: Sequence[int | None],
                     at: Iterable[int]) -> list[tuple[float, float]]:
        """`plain_association` of each word i of `at` with up to two words either side within
        its sentence (`context_window`), read from the text's `text_steps` (`steps`): each
        word's score after its history is looked up once for the whole text; only the scores
        without history (`alone`, memo read inline) are asked per word.  `words` are a text's
        words in lower case with "<s>" where a sentence starts."""
        alone, memo = self.alone, self._alone
        n = len(words)
        out = []
        for i in at:
            raw = steps[i]  # `nats(steps[i:i + 1])`, as `nats` makes it
            own = UNKNOWN_LOGPROB if raw is None else raw * TO_NATS
            j = i + 1  # the words after it as `right_of` reads them, and their `nats` slice
            if j >= n or words[j] == START:
                right: tuple[str, ...] = (END,)
                raw = steps[j]
                after = UNKNOWN_LOGPROB if raw is None else raw * TO_NATS
            else:
                right = (words[j], END) if j + 1 == n or words[j + 1] == START else (words[j], words[j + 1])
                raw, second = steps[j], steps[j + 1]
                if raw is not None and second is not None:
                    after = (raw + second) * TO_NATS
                else:
                    after = nats((raw, second))
            word = (words[i],)
            before = memo.get(word)
            if before is None:
                before = alone(*word)
            later = memo.get(right)
            if later is None:
                later = alone(*right)
            out.append((own - before, after - later))
        return out

    def text_steps(self, words: Sequence[str]) -> list[int | None]:
        """`steps` of each sentence of a text's words (lower case, "<s>" where a sentence
        starts), by word index: the raw score of word i after the words before it in its
        sentence, and at each "<s>" and at `len(words)` that of the "</s>" ending the sentence
        before (None for an empty sentence or an unknown word).

        One pass over the words with the memos read and filled inline, as `_ngram` does
        (`steps` per sentence built a list of its words first)."""
        unigrams, ngrams, unigram, prob = self._unigrams, self._ngrams, self._unigram, self._prob
        first = START if unigram(START) is not None else None  # the history a sentence starts with
        out: list[int | None] = [None] * (len(words) + 1)
        older, last, count = None, first, 0
        for k, word in enumerate([*words, START]):
            ending = word == START
            if ending:
                if not count:
                    continue  # an empty sentence: nothing scored, as `steps` never sees it
                word = END
            raw = None if last is None else ngrams.get((word, last, older))  # remembered: a known word
            if raw is None:
                raw = unigrams.get(word, _ABSENT)
                if raw == _ABSENT:
                    raw = unigram(word)
                if raw is not None and last is not None:  # not remembered (looked up above)
                    if len(ngrams) >= _NGRAM_LIMIT:
                        ngrams.clear()
                    raw = ngrams[word, last, older] = prob([word, last] if older is None else [word, last, older])
            if raw is None:
                older = last = None
            else:
                older, last = last, word
            out[k] = raw
            if ending:
                older, last, count = None, first, 0
            else:
                count += 1
        return out

    def _ngram(self, word: str, last: str, older: str | None) -> int:
        """The raw score of `word` after `last` (and `older` before it), memoised."""
        key = (word, last, older)
        found = self._ngrams.get(key)
        if found is None:
            if len(self._ngrams) >= _NGRAM_LIMIT:
                self._ngrams.clear()
            found = self._ngrams[key] = self._prob([word, last] if older is None else [word, last, older])
        return found

    def _score(self, words: Sequence[str], history: Sequence[str]) -> float:
        """Sum of log P(word | the two words before it), the first ones after `history`."""
        return self._run(words, *self._state(history))

    def _state(self, history: Sequence[str]) -> tuple[str | None, str | None]:
        """The two words a trigram sees after `history`, None past an unknown word."""
        older = last = None
        for word in history[-2:]:
            raw = self._unigrams.get(word, _ABSENT)
            if raw == _ABSENT:
                raw = self._unigram(word)
            older, last = (last, word) if raw is not None else (None, None)
        return older, last

    def _run(self, words: Sequence[str], older: str | None, last: str | None) -> float:
        """`_score` of `words` after the state `_state` gives.

        The memos are read and filled inline, as `_ngram` does (a method call per word cost
        more than the look-up); a new word goes through `_unigram`."""
        unigrams, ngrams = self._unigrams, self._ngrams
        total = unknown = 0
        for word in words:
            if last is not None:  # a remembered n-gram: the word is known (only known words are kept)
                found = ngrams.get((word, last, older))
                if found is not None:
                    total += found
                    older, last = last, word
                    continue
            raw = unigrams.get(word, _ABSENT)
            if raw == _ABSENT:
                raw = self._unigram(word)
            if raw is None:
                unknown += 1
                older = last = None
                continue
            if last is not None:  # not remembered (looked up above): ask the model
                if len(ngrams) >= _NGRAM_LIMIT:
                    ngrams.clear()
                raw = ngrams[word, last, older] = self._prob([word, last] if older is None else [word, last, older])
            total += raw
            older, last = last, word
        return total * TO_NATS + unknown * UNKNOWN_LOGPROB


def _trie_reader() -> Callable[[list[str]], int] | None:
    """`NGramModel.prob` from the trie mapped from the model cache (`spin.lm_trie`), word ids
    from the bigram index's vocabulary (same model file); None when the trie cannot be had."""
    from .lm_trie import trie_scores

    trie = trie_scores()
    if trie is None:
        return None
    from .lm_index import bigram_index

    one, lookup = trie.one, bigram_index().id
    ids: dict[str, int] = {}

    def prob(words: list[str]) -> int:
        key = []
        for word in words:
            found = ids.get(word)
            if found is None:
                found = lookup(word.split("\0", 1)[0])  # PocketSphinx reads a word as a C string
                found = ids[word] = -1 if found is None else found
            key.append(found)
        return _ABSENT if key[0] < 0 else one(*key)

    return prob


def nats(raws: Sequence[int | None]) -> float:
    """Natural-log probability of a run of `LanguageModel.steps`, bit-equal to `_score`'s sum."""
    total = unknown = 0
    for raw in raws:
        if raw is None:
            unknown += 1
        else:
            total += raw
    return total * TO_NATS + unknown * UNKNOWN_LOGPROB


@lru_cache(maxsize=65_536)
def wording(phrase: str) -> tuple[str, ...]:
    """A phrase's words as the model reads them (`_normalise` of its split; cached)."""
    return tuple(_normalise(phrase.split()))


def _normalise(words: Sequence[str]) -> list[str]:
    """Lower case, typographic apostrophes made plain, empty words dropped."""
    return [w.lower().replace("\u2019", "'") for w in words if w]


def context_window(tokens: Sequence[tuple[int, int, str]], i: int, j: int, boundary: str = START,
                   skip: str | None = None) -> tuple[list[str], list[str], bool]:
    """Up to two words before token i and after token j-1 within the sentence (tokens
    `boundary` end it; "</s>" where it ends; names and numbers stay the language model's
    unknown words; tokens `skip` are passed over), and whether the words before reach the
    sentence's start."""
    left: list[str] = []
    k = i - 1
    while k >= 0 and len(left) < 2 and tokens[k][2] != boundary:
        if tokens[k][2] != skip:
            left.insert(0, tokens[k][2])
        k -= 1
    at_start = k < 0 or tokens[k][2] == boundary
    right: list[str] = []
    k = j
    while len(right) < 2:
        if k >= len(tokens) or tokens[k][2] == boundary:
            right.append(END)
            break
        if tokens[k][2] != skip:
            right.append(tokens[k][2])
        k += 1
    return left, right, at_start


def token_steps(lm: LanguageModel, tokens: Sequence[tuple[int, int, str]]) -> list[int | None]:
    """`LanguageModel.text_steps` of the tokens' words ("<s>" at each sentence start), by token
    index.  A window's words and the words after it (`context_window`) are then one slice:
    `nats(steps[i:j + len(right)])` is `_score(words i..j-1 + right, history)`."""
    return lm.text_steps([t[2] for t in tokens])


def right_of(tokens: Sequence[tuple[int, int, str]], j: int) -> tuple[str, ...]:
    """The words after token j-1 as `context_window` reads them: up to two, "</s>" where the
    sentence ends."""
    n = len(tokens)
    if j >= n or tokens[j][2] == START:
        return (END,)
    if j + 1 == n or tokens[j + 1][2] == START:
        return tokens[j][2], END
    return tokens[j][2], tokens[j + 1][2]


@lru_cache(maxsize=1)
def language_model() -> LanguageModel:
    """The shared model, made on first use: the trie answers its first look-ups
    (`LmThresholds.cold_scores`; the spin check preloads PocketSphinx before forking)."""
    from .settings import LmThresholds

    return LanguageModel(LmThresholds.cold_scores)


def clear_memos() -> None:
    """Empty the shared model's score memos, if it is loaded."""
    if language_model.cache_info().currsize:
        language_model().clear_memos()

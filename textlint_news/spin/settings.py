"""The spin check's settings (rules/settings/spin.yml): one frozen dataclass per table.

Kept apart from the detectors so that reading and validating them imports none of the
detectors' word tables or patterns.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RarityThresholds:
    """The detector's thresholds (rules/settings/spin.yml, `detectors.rare_synonym`)."""

    enabled: bool = True
    collocations: str = "data/collocations.tsv"
    max_word_zipf: float = 5.5
    min_word_length: int = 4
    min_zipf_gap: float = 0.5
    min_synonym_zipf: float = 3.5
    max_synonym_zipf: float = 6.3
    min_synonym_familiarity: float = -1.5
    smoothing: float = 50.0
    min_gain: float = 2.0
    gain_scale: float = 4.0
    max_score: float = 0.6
    general: bool = True
    general_smoothing: float = 1e7


@dataclass(frozen=True)
class LmThresholds:
    """The detector's thresholds (rules/settings/spin.yml, `detectors.language_model`)."""

    enabled: bool = True
    min_word_length: int = 4
    max_word_zipf: float = 5.5
    min_zipf_gap: float = 0.0
    min_synonym_zipf: float = 3.3
    max_synonyms: int = 8
    min_gain: float = 4.0
    max_screen_association: float = 3.0
    max_association: float = -1.5
    gain_scale: float = 6.0
    max_score: float = 0.6
    fill_candidates: int = 15
    min_fill_gain: float = 4.0
    cold_scores: int = 5000


@dataclass(frozen=True)
class SpinnerMapSettings:
    """Thresholds of `detectors.spinner_map` (rules/settings/spin.yml)."""

    enabled: bool = True
    table: str = "data/spinner_map.tsv"
    number_word: str = "two"
    tell_zipf: float = 2.0
    min_gain_tell: float = 4.0
    min_fit_tell: float = 4.0
    min_gain_phrase: float = 6.0
    min_fit_phrase: float = 10.0
    min_gain_word: float = 13.0
    min_fit_word: float = 8.0
    min_word_entries: int = 3
    min_together: int = 3
    together_gain_tell: float = 4.0
    together_fit_tell: float = 2.0
    together_gain_phrase: float = 4.0
    together_fit_phrase: float = 4.0
    together_gain_word: float = 6.0
    together_fit_word: float = 4.0
    together_word_entries: int = 2
    gain_scale: float = 4.0
    max_score: float = 0.9


@dataclass(frozen=True)
class ArtifactThresholds:
    """Scores and switches (rules/settings/spin.yml, `detectors.artifacts`)."""

    article_score: float = 0.85
    each_score: float = 0.85
    digit_score: float = 0.6
    digit_after_determiner_score: float = 0.8
    digit_time_unit_factor: float = 0.5
    digit_mixed_style_score: float = 0.85
    modal_score: float = 0.6
    min_word_zipf: float = 2.5  # the word after an article must be ordinary English


@dataclass(frozen=True)
class NameSettings:
    """Thresholds of `detectors.names` (rules/settings/spin.yml)."""

    enabled: bool = True
    gazetteer: str = "data/spin_names.txt"
    news_gazetteer: str = "data/spin_names_news.txt"
    vectors: str = "data/spin_name_vectors"
    contrast: str = "data/spin_names_contrast.txt"
    case: str = "data/spin_name_case.tsv"
    person_titles: str = "data/spin_name_person_titles.txt"
    min_cosine: float = 0.6
    min_cosine_shared: float = 0.45
    min_word_zipf: float = 3.0
    min_familiarity: float = -1.5
    max_slot_words: int = 2
    max_context_words: int = 3
    max_name_share: float = 0.5
    min_lookalike_zipf: float = 2.0
    min_plain_zipf: float = 3.5
    max_lookalike_share: float = 0.1
    max_entity_share: float = 0.9
    max_association: float = 1.0
    min_model_gain: float = 6.0
    min_model_gain_alone: float = 12.0
    max_title_share: float = 0.02
    max_surname_zipf: float = 4.0
    confidence: float = 0.85


@dataclass(frozen=True)
class CopySettings:
    """Thresholds of the cross-copy comparison (rules/settings/spin.yml, `copies`)."""

    enabled: bool = True
    min_similarity: float = 0.5
    max_swap_words: int = 4
    max_spelling_similarity: float = 75.0
    min_swaps: int = 5
    min_sentences: int = 3
    min_share: float = 0.25
    whole_copy: float = 0.9
    whole_copy_min_swaps: int = 2
    whole_copy_min_sentences: int = 2
    rarity_weight: float = 1.0
    min_direction: float = 0.6
    min_evidence: float = 2.0
    document_share: float = 0.3
    document_min_sentences: int = 3
    confidence: float = 0.8
    known_word_zipf: float = 3.0
    titles: str = "mr mrs ms miss dr sir prof"
    pronouns: str = "he she it they him her them his hers its their theirs"
    editing_words: str = "said says saying told tells telling added adds adding"
    figure_words: str = ("first second third fourth fifth sixth seventh eighth ninth tenth monday tuesday "
                         "wednesday thursday friday saturday sunday january february march april may june "
                         "july august september october november december")
    spelling_changes: str = "our:or ise:ize isa:iza yse:yze ence:ense tre:ter ogue:og ll:l ae:e oe:e mme:m"

    def __post_init__(self) -> None:
        if self.max_swap_words < 1 or not 0 < self.min_similarity <= 1:
            raise ValueError("max-swap-words and min-similarity: need max-swap-words >= 1 and "
                             f"0 < min-similarity <= 1, got {self.max_swap_words} and {self.min_similarity}")


@dataclass(frozen=True)
class ClassifierSettings:
    """How the classifier's probabilities become issues (rules/settings/spin.yml, `classifier`)."""

    model: str = "models/spin.json"
    span_report: float = 0.2
    span_warning: float = 0.5
    rare_synonym_warning: float = 0.62
    rare_synonym_document: float = 0.96
    document_warning: float = 0.9
    document_error: float = 0.99
    document_min_sentences: int = 2
    document_rare_synonym: float = 0.9
    document_rare_sentences: int = 4
    corroborating: tuple[str, ...] = ("spin.artifact.digit",)
    screen_rare_density: float = 1.5
    min_span_warnings: int = 2
    rare_synonym_misfit_share: float = 0.08
    rare_synonym_misfit_density: float = 1.75
    languagetool: bool = True


@dataclass(frozen=True)
class DetectorSettings:
    """The detectors' thresholds (rules/settings/spin.yml, `detectors`)."""

    rare_synonym: RarityThresholds = field(default_factory=RarityThresholds)
    language_model: LmThresholds = field(default_factory=LmThresholds)
    spinner_map: SpinnerMapSettings = field(default_factory=SpinnerMapSettings)
    artifacts: ArtifactThresholds = field(default_factory=ArtifactThresholds)
    names: NameSettings = field(default_factory=NameSettings)


@dataclass(frozen=True)
class SpinSettings:
    """The spin check's settings (rules/settings/spin.yml): one nested table each."""

    classifier: ClassifierSettings = field(default_factory=ClassifierSettings)
    detectors: DetectorSettings = field(default_factory=DetectorSettings)
    copies: CopySettings = field(default_factory=CopySettings)

"""Whether a text is English: the NLP pipeline (spaCy's English model) and the embedded model are English-only.

The share of a text's words that are English function words (spaCy's English stop-word list) is about 0.4-0.5
in English prose and under 0.1 in French, Spanish, German or Russian text, whose function words differ. A long
text far below English levels is refused rather than analysed into invented claims; a short one is let through
(too few words to tell).
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
MIN_WORDS = 40  # below this, no verdict
MIN_SHARE = 0.2  # English prose: 0.4-0.5; other languages: under 0.1


def english_share(text: str) -> tuple[float, int]:
    """The share of the text's words that are English function words, and the number of words."""
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text)]
    if not words:
        return 0.0, 0
    return sum(w in STOP_WORDS for w in words) / len(words), len(words)


def not_english(text: str) -> str:
    """Why the text does not look like English ("" when it does, or is too short to tell)."""
    share, n = english_share(text)
    if n >= MIN_WORDS and share < MIN_SHARE:
        return (f"only {share:.0%} of its {n} words are English function words (English prose: 40-50%); the NLP "
                "pipeline and the embedded model are English-only, and claims made from it would be invented")
    return ""

"""A second reading of a claim the judge rejects for its wording alone, and the code that checks it.

The judge's rules (numbers, dates, names, roles, negation, conditions, hedges, attributions) are code. Whether
"beefed up its presence" says "increased its presence" is meaning, which word overlap reads poorly and a capable
model reads well; a claim the rules clear but the content score rejects may therefore be read again by the model
(``service.analysis.claims_model``, when ``claims_review`` is on). The model must account for every content word
of the claim that its passage lacks, with the passage's own words it stands for; code accepts the account only
when every such word is accounted for, every claim phrase is the claim's and every passage phrase is verbatim in
the passage. The model never overrides a rule, and the account is shown to the reader as a warning on the
claim's grounding.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from service.schemas import Grounding
from service.text import lexical
from service.text.analysed import Unit
from service.text.evidence import HARD
from service.text.grounding import SourceIndex, anchored_verdict, grounding_of

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


@dataclass(frozen=True)
class Rewording:
    """A claim the rules clear and the content score rejects: what a second reading must account for."""

    missing: tuple[str, ...]  # the claim's content words its passage does not have (lower case)
    start: int  # the passage a phrase may be taken from: the quote's own sentence(s)
    end: int


def ground_for_review(index: SourceIndex, unit: Unit, start: int, end: int, quote: str,
                      attributed_to: str | None) -> tuple[Grounding, Rewording | None]:
    """The claim's grounding (as ``grounding.ground_unit``) and, when it fails for its wording alone (no finding
    of a rule, the quote exact), what a second reading must account for."""
    exact, verdict = anchored_verdict(index, unit, start, end, quote, attributed_to)
    grounding = grounding_of(index, exact, verdict, start, end)
    if not exact or verdict is None or verdict.supported or not verdict.missing_words \
            or any(f.kind in HARD for f in verdict.findings):
        return grounding, None
    own = index.units_near(start, end, context=0)
    units = index.units
    return grounding, Rewording(tuple(verdict.missing_words), units[own[0]].start, units[own[-1]].end)


def accept(index: SourceIndex, claim: str, grounding: Grounding, rewording: Rewording,
           pairs: Sequence[tuple[str, str]]) -> Grounding | None:
    """The grounding of a claim whose wording a second reading accounts for, or None when the account does not
    hold: a missing word it leaves out, a claim phrase that is not the claim's, or a passage phrase that is not
    word for word in the passage."""
    passage = _normal(index.text[rewording.start : rewording.end])
    stated = _normal(claim)
    accounted: set[str] = set()
    shown: list[str] = []
    for mine, theirs in pairs:
        a, b = _normal(mine), _normal(theirs)
        if not a or not b or a not in stated or b not in passage or not lexical.words(b):
            return None
        accounted.update(lexical.words(a))
        shown.append(f"\u201c{mine.strip()}\u201d for \u201c{theirs.strip()}\u201d")
    if not all(w.replace("’", "'") in accounted for w in rewording.missing):
        return None
    note = ("supported on the model's reading of its wording (the judge's rules found nothing against it): "
            + "; ".join(shown))
    return grounding.model_copy(update={"status": "supported", "reasons": [], "warnings": [*grounding.warnings,
                                                                                            note]})


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(_QUOTES).lower()).strip()

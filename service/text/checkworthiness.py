"""How much a fact-checker would want a claim checked (0-1): the claim's ``checkworthiness``.

Fitted on the hand-labelled claims' levels (high: specific, consequential, verifiable; medium: verifiable but less
central; low: trivial or background; ``evals/data/LABELS_FORMAT.md``) by ``python -m evals.fit_checkworthiness``,
which reports cross-validated figures. Two logistic models over the same features, one for "medium or high", one
for "high" (an ordinal model in two steps); the score is their mean, so 0 is surely low, 1 surely high, and the
expected level (1 low, 3 high) is 1 + 2 x score: the page's tiers, high from 0.67 and low under 0.34, are an
expected level from 2 1/3 and under 1 2/3.

Features: where the claim's sentence stands (its position, the lead) and how central it is
(``salience.placement``: the news comes first and is what the article keeps returning to; background is old
years), and what the claim itself holds: figures (not years), names, its length, and the share of its sentence it
takes. The claim selector's probability (what
``checkworthiness`` was before) ranked the labelled levels at Spearman 0.10; it says whether a sentence holds
something to check, not how much it matters.
"""

from __future__ import annotations

import bisect
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from service.text import lexical
from service.text.analysed import Analysed
from service.text.logistic import Logistic
from service.text.salience import placement

MODEL = Path(__file__).parent / "data" / "checkworthiness.json"
# (its position only, not also the log of its rank: the two, fitted together, pulled opposite ways and put a claim
# in the 25th sentence of 50 above one in the third; alone, position orders an article's claims better, Spearman
# within an article 0.289 -> 0.297, over all claims 0.349 -> 0.302)
FEATURES = ("position", "lead", "centrality", "old_year", "figures", "names", "log_words", "share")


@dataclass(frozen=True)
class Scorer:
    at_least_medium: Logistic
    high: Logistic

    def score(self, values: dict[str, float]) -> float:
        return (self.at_least_medium.probability(values) + self.high.probability(values)) / 2


@lru_cache(maxsize=4)
def load_scorer(path: Path = MODEL) -> Scorer:
    data = json.loads(path.read_text("utf-8"))
    return Scorer(*(Logistic(version=str(data["version"]), features=tuple(data["features"]),
                             weights=tuple(float(w) for w in m["weights"]), bias=float(m["bias"]),
                             means=tuple(float(x) for x in data["means"]),
                             scales=tuple(float(x) for x in data["scales"]), threshold=0.5)
                    for m in (data["at_least_medium"], data["high"])))


def features(analysed: Analysed, starts: list[int], spans: list[tuple[int, int]]) -> list[dict[str, float] | None]:
    """Each span's features (None for a span outside the body sentences the analysis has: a caption)."""
    where = placement(analysed, starts)
    units = {u.start: u for u in analysed.units}
    out: list[dict[str, float] | None] = []
    for start, end in spans:
        i = _sentence(starts, start)
        unit = units.get(starts[i]) if i is not None else None
        if i is None or i not in where or unit is None:
            out.append(None)
            continue
        text = analysed.text[start:end]
        figures = [n for n in lexical.numbers(text) if not (len(n) == 4 and n.startswith(("19", "20")))]
        out.append({**where[i], "figures": float(min(len(figures), 2)),
                    "names": float(min(sum(start <= m.start < end for m in unit.mentions), 4)),
                    "log_words": math.log1p(len(text.split())),
                    "share": min((end - start) / max(len(unit.text), 1), 1.0)})
    return out


def scores(analysed: Analysed, starts: list[int], spans: list[tuple[int, int]],
           scorer: Scorer | None = None) -> list[float | None]:
    scorer = scorer or load_scorer()
    return [None if f is None else round(scorer.score(f), 3) for f in features(analysed, starts, spans)]


def _sentence(starts: list[int], offset: int) -> int | None:
    """The index of the sentence an offset falls in (the last that starts at or before it)."""
    i = bisect.bisect_right(starts, offset) - 1
    return i if i >= 0 else None

"""How likely a body sentence is to state one of the article's key facts: what a summary should cover first.

Check-worthiness (``service.text.selection``) says whether a sentence holds something to check, stated rather
than quoted or argued; a summary needs the article's *main* facts, which are also where the story is told (its
lead, its opening sentences) and what the rest of the article keeps returning to (its words shared with the other
sentences, weighted by rarity: centrality). Each sentence is described by its check-worthiness, its position, the
lead, its rank and its centrality, and scored by a small logistic model (``data/summary_ranker.json``), fitted by
``python -m evals.fit_salience`` on the hand-labelled key facts (a sentence is positive when it states one) with
cross-validated figures.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

from service.text import selection
from service.text.analysed import Analysed
from service.text.framing import Lexicon
from service.text.logistic import Logistic, load

MODEL = Path(__file__).parent / "data" / "summary_ranker.json"
# The selector's own features reach the ranker through its check-worthiness only: with all 21 of them beside it the
# fit followed the labelled articles' particulars (cross-validated top-6 coverage 0.582 against 0.626 with these
# five; evals/README.md).
FEATURES = ("checkworthiness", "position", "lead", "log_rank", "centrality")


@lru_cache(maxsize=4)
def load_ranker(path: Path = MODEL) -> Logistic:
    return load(path)


def features(analysed: Analysed, starts: list[int], parties: list[str], lexicon: Lexicon,
             selector: selection.Selector | None = None) -> dict[int, dict[str, float]]:
    """Each body sentence's features, by its index in the document (``starts``: the document's sentence
    offsets, ``parties`` aligned with them; sentences the analysis has no unit for are left out)."""
    selector = selector or selection.load_selector()
    units = analysed.units
    by_start = {u.start: k for k, u in enumerate(units)}
    n = max(len(starts), 1)
    weight = [sum(analysed.idf.get(f, 0.0) for f in u.word_forms) or 1.0 for u in units]
    out: dict[int, dict[str, float]] = {}
    for i, start in enumerate(starts):
        k = by_start.get(start)
        if k is None or units[k].caption:
            continue
        f = selection.features(units[k], parties[i], i / n, lexicon)
        forms = units[k].word_forms
        shared = [sum(analysed.idf.get(w, 0.0) for w in forms & u.word_forms) / weight[k]
                  for j, u in enumerate(units) if j != k]
        f["lead"] = 1.0 if i < 2 else 0.0
        f["log_rank"] = math.log1p(i)
        f["centrality"] = sum(shared) / len(shared) if shared else 0.0
        f["checkworthiness"] = selector.probability(f)
        out[i] = f
    return out


def salience(analysed: Analysed, starts: list[int], parties: list[str], lexicon: Lexicon,
             ranker: Logistic | None = None) -> dict[int, float]:
    """Each body sentence's probability of stating a key fact, by its index in the document."""
    ranker = ranker or load_ranker()
    return {i: ranker.probability(f) for i, f in features(analysed, starts, parties, lexicon).items()}

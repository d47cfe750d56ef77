"""How likely a body sentence is to state one of the article's key facts: what a summary should cover first.

Check-worthiness (``service.text.selection``) says whether a sentence holds something to check, stated rather
than quoted or argued; a summary needs the article's *main* facts, which are also where the story is told (its
lead, its opening sentences) and what the rest of the article keeps returning to (its words shared with the other
sentences, weighted by rarity: centrality). Each sentence is described by its check-worthiness, its position, the
lead, its rank and its centrality, and scored by a small logistic model (``data/summary_ranker.json``), fitted by
``python -m evals.fit_salience`` on the hand-labelled key facts (a sentence is positive when it states one) with
cross-validated figures.

Several sentences often state one key fact ("Turkey deployed approximately 1,000 units of equipment" and, next
to it, "the number of Turkish troops ... is now between 2,500 and 3,000"), and the best-ranked six then tell
fewer facts than six. A second small model (``data/summary_redundancy.json``, fitted by the same script on pairs
of sentences that both state a labelled key fact) gives the probability that two sentences state the same one,
from the words they share (weighted by rarity), how far apart they stand, and the names and numbers they share;
a summary picks its sentences one by one by their chance of stating a new key fact, ``Ranking.novel``: a
sentence's salience times the chance that no sentence already picked states a key fact and the same one.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from service.text import selection
from service.text.analysed import Analysed
from service.text.framing import Lexicon
from service.text.logistic import Logistic, load

MODEL = Path(__file__).parent / "data" / "summary_ranker.json"
REDUNDANCY = Path(__file__).parent / "data" / "summary_redundancy.json"
# The selector's own features reach the ranker through its check-worthiness only: with all 21 of them beside it the
# fit followed the labelled articles' particulars (cross-validated top-6 coverage 0.582 against 0.626 with these
# five; evals/README.md).
# ``old_year``: the sentence names only years before the article's (its publication's, else the latest it names):
# background ("was inducted into the Hall of Fame in 1987"), rarely the news (cross-validated top-6 coverage
# 0.675 -> 0.707, leave-one-article-out 0.691 -> 0.727; evals/README.md).
FEATURES = ("checkworthiness", "position", "lead", "log_rank", "centrality", "old_year")
# What two sentences share, for whether they state the same key fact (``pair_features``).
PAIR_FEATURES = ("overlap", "adjacent", "two_apart", "log_distance", "shared_names", "shared_number")


@lru_cache(maxsize=4)
def load_ranker(path: Path = MODEL) -> Logistic:
    return load(path)


@lru_cache(maxsize=4)
def load_redundancy(path: Path = REDUNDANCY) -> Logistic:
    return load(path)


@dataclass(frozen=True)
class Told:
    """What a body sentence tells, for comparing it with another: its place, its content words weighted by
    rarity, the names it mentions (long forms for short ones) and its numbers."""
    index: int
    weights: dict[str, float]
    names: frozenset[str]
    numbers: frozenset[float]

    @property
    def weight(self) -> float:
        return sum(self.weights.values())


def told(analysed: Analysed, starts: list[int]) -> dict[int, Told]:
    """Each body sentence the analysis has a unit for, by its index in the document."""
    by_start = {u.start: u for u in analysed.units}
    out: dict[int, Told] = {}
    for i, start in enumerate(starts):
        u = by_start.get(start)
        if u is not None:
            out[i] = Told(i, {f: analysed.idf.get(f, 0.0) for f in u.word_forms},
                          frozenset(k for m in u.mentions for k in analysed.expand(m.keys)),
                          frozenset(q.value for q in u.quantities))
    return out


def pair_features(a: Told, b: Told) -> dict[str, float]:
    """What two sentences share: the rarity-weighted share of the shorter one's words the other has, whether they
    stand side by side or one apart, how far apart they are, the share of the fewer names both mention, and
    whether a number is in both."""
    shared = sum(w for f, w in a.weights.items() if f in b.weights)
    d = abs(a.index - b.index)
    fewer = min(len(a.names), len(b.names))
    return {"overlap": shared / (min(a.weight, b.weight) or 1.0), "adjacent": float(d == 1),
            "two_apart": float(d == 2), "log_distance": math.log1p(d),
            "shared_names": len(a.names & b.names) / fewer if fewer else 0.0,
            "shared_number": float(bool(a.numbers & b.numbers))}


@dataclass
class Ranking:
    """An article's body sentences ranked for a summary: each one's salience (by index in the document), and the
    expected new fact a sentence brings to those already picked (``novel``)."""
    salient: dict[int, float]
    sentences: dict[int, Told] = field(default_factory=dict)
    redundancy: Logistic | None = None
    _same: dict[tuple[int, int], float] = field(default_factory=dict)

    def get(self, i: int, default: float = 0.0) -> float:
        return self.salient.get(i, default)

    @property
    def lead(self) -> int:
        """The index of the article's first body sentence the ranking has (-1: none)."""
        return min(self.salient, default=-1)

    def same_fact(self, i: int, j: int) -> float:
        """The probability that sentences ``i`` and ``j`` state the same key fact (0 without the model or either
        sentence's words; 1 for a sentence and itself)."""
        if i == j:
            return 1.0
        key = (min(i, j), max(i, j))
        if key not in self._same:
            a, b = self.sentences.get(i), self.sentences.get(j)
            self._same[key] = 0.0 if self.redundancy is None or a is None or b is None \
                else self.redundancy.probability(pair_features(a, b))
        return self._same[key]

    def novel(self, i: int, picked: Iterable[int]) -> float:
        """The probability that sentence ``i`` states a key fact no picked sentence states: its salience, times one
        less the largest chance that a picked sentence states a key fact (its salience) and the same one."""
        return self.get(i) * (1.0 - max((self.get(j) * self.same_fact(i, j) for j in picked), default=0.0))


def features(analysed: Analysed, starts: list[int], parties: list[str], lexicon: Lexicon,
             selector: selection.Selector | None = None) -> dict[int, dict[str, float]]:
    """Each body sentence's features, by its index in the document (``starts``: the document's sentence
    offsets, ``parties`` aligned with them; sentences the analysis has no unit for are left out)."""
    selector = selector or selection.load_selector()
    by_start = {u.start: k for k, u in enumerate(analysed.units)}
    out: dict[int, dict[str, float]] = {}
    for i, where in placement(analysed, starts).items():
        f = selection.features(analysed.units[by_start[starts[i]]], parties[i], where["position"], lexicon)
        f.update(where)
        f["checkworthiness"] = selector.probability(f)
        out[i] = f
    return out


def placement(analysed: Analysed, starts: list[int]) -> dict[int, dict[str, float]]:
    """Where each body sentence stands in its article and how central it is, by its index in the document:
    its position (0 first, towards 1 last), whether it is in the lead (the first two), the log of its rank, its
    centrality (the rarity-weighted share of its words the other sentences have, on average) and whether it
    names only years before the article's (background). Read once per analysis (kept with it)."""
    key = ("placement", tuple(starts))
    cached: dict[int, dict[str, float]] | None = analysed.cache.get(key)
    if cached is not None:
        return cached
    units = analysed.units
    by_start = {u.start: k for k, u in enumerate(units)}
    n = max(len(starts), 1)
    weight = [sum(analysed.idf.get(f, 0.0) for f in u.word_forms) or 1.0 for u in units]
    now = analysed.published.year if analysed.published else max((y for u in units for y in u.years), default=None)
    out: dict[int, dict[str, float]] = {}
    for i, start in enumerate(starts):
        k = by_start.get(start)
        if k is None or units[k].caption:
            continue
        forms = units[k].word_forms
        shared = [sum(analysed.idf.get(w, 0.0) for w in forms & u.word_forms) / weight[k]
                  for j, u in enumerate(units) if j != k]
        out[i] = {"position": i / n, "lead": 1.0 if i < 2 else 0.0, "log_rank": math.log1p(i),
                  "centrality": sum(shared) / len(shared) if shared else 0.0,
                  "old_year": 1.0 if now is not None and units[k].years and max(units[k].years) < now else 0.0}
    analysed.cache[key] = out
    return out


def salience(analysed: Analysed, starts: list[int], parties: list[str], lexicon: Lexicon,
             ranker: Logistic | None = None, redundancy: Logistic | None = None) -> Ranking:
    """Each body sentence's probability of stating a key fact, by its index in the document, and what it shares
    with the others."""
    ranker = ranker or load_ranker()
    return Ranking({i: ranker.probability(f) for i, f in features(analysed, starts, parties, lexicon).items()},
                   told(analysed, starts), redundancy or load_redundancy())

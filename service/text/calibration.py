"""The judge's final decision on a statement's content: a small logistic model over content features (how much
of the statement the support covers, how much is left unmatched, ...), with its weights and threshold in a
versioned data file (``data/judge_model.json``) written by ``python -m evals.fit_judge`` from labelled data.

It decides only what the rules leave open: a statement with a hard finding (a number, date, name, role,
negation or certainty the support does not bear out) is unsupported whatever the model says.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MODEL = Path(__file__).parent / "data" / "judge_model.json"


@dataclass(frozen=True)
class Calibration:
    version: str
    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    means: tuple[float, ...]
    scales: tuple[float, ...]
    threshold: float

    def probability(self, values: dict[str, float]) -> float:
        """P(supported) for one statement's feature values (standardised as at fitting)."""
        z = self.bias
        for name, w, mu, sd in zip(self.features, self.weights, self.means, self.scales, strict=True):
            z += w * (values.get(name, 0.0) - mu) / (sd or 1.0)
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))


@lru_cache(maxsize=4)
def load_calibration(path: Path = MODEL) -> Calibration:
    data = json.loads(path.read_text("utf-8"))
    return Calibration(version=str(data["version"]), features=tuple(data["features"]),
                       weights=tuple(float(w) for w in data["weights"]), bias=float(data["bias"]),
                       means=tuple(float(m) for m in data["means"]), scales=tuple(float(s) for s in data["scales"]),
                       threshold=float(data["threshold"]))

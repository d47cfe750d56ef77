"""A small logistic model over named features, standardised as at fitting, read from a versioned JSON file: the
judge's calibration (``data/judge_model.json``) and the claim selector (``data/claim_selector.json``) are two."""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Logistic:
    version: str
    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    means: tuple[float, ...]
    scales: tuple[float, ...]
    threshold: float

    def probability(self, values: dict[str, float]) -> float:
        """P(positive) for one item's feature values (a missing feature counts as 0)."""
        z = self.bias
        for name, w, mu, sd in zip(self.features, self.weights, self.means, self.scales, strict=True):
            z += w * (values.get(name, 0.0) - mu) / (sd or 1.0)
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))


def load(path: Path) -> Logistic:
    data = json.loads(path.read_text("utf-8"))
    return Logistic(version=str(data["version"]), features=tuple(data["features"]),
                    weights=tuple(float(w) for w in data["weights"]), bias=float(data["bias"]),
                    means=tuple(float(m) for m in data["means"]), scales=tuple(float(s) for s in data["scales"]),
                    threshold=float(data["threshold"]))


def to_json(model: Logistic, about: str, **extra: object) -> dict[str, object]:
    """A fitted model as its file holds it: rounded parameters, a version from their digest, what it is, and
    whatever the fitting measured (``extra``)."""
    body = {"features": list(model.features), "weights": [round(w, 6) for w in model.weights],
            "bias": round(model.bias, 6), "means": [round(m, 6) for m in model.means],
            "scales": [round(s, 6) for s in model.scales], "threshold": model.threshold}
    version = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:12]
    return {"version": version, "about": about, **body, **extra}

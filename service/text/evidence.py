"""What the judge's checks share: a finding (what is wrong, in plain words) and the passage a statement is
checked against (its support, and the context around it)."""

from __future__ import annotations

from dataclasses import dataclass

from service.text.analysed import Unit
from service.text.clauses import Role

# The kinds of finding that make a statement unsupported whatever its content ("content" is the calibration's).
HARD = ("number", "date", "name", "role", "negation", "certainty", "aside", "report", "form")
# Kinds that never make a statement unsupported, reported to the reader as warnings.
WARNINGS = ("attribution", "year")


@dataclass(frozen=True)
class Finding:
    kind: str  # one of HARD, of WARNINGS, or "content"
    detail: str  # in plain words, for a fact-checker
    party: str | None = None  # for an attribution: who the source says it (what a summary must attribute it to)
    swapped: bool = False  # for a name: a person or a place put where the support names another


@dataclass
class Passage:
    """A support and its context, flattened for the checks."""

    units: list[Unit]
    context: list[Unit]
    anchored: bool = False
    # Whom the code says asserts the passage (the claims path: read from the sentence, never the model's word).
    speaker: str | None = None

    def __post_init__(self) -> None:
        self.forms = frozenset().union(*(u.word_forms for u in self.units)) if self.units else frozenset()
        # The neutral wording of the loaded terms the passage uses ("Islamist militants" for "jihadists").
        self.neutral = frozenset().union(*(u.extra_forms for u in self.units)) if self.units else frozenset()
        self.mentions = [m for u in self.units for m in u.mentions]
        self.context_mentions = [m for u in self.context for m in u.mentions]
        self.quantities = [q for u in self.units for q in u.quantities]
        self.clauses = [c for u in self.units for c in u.clauses]
        self.refers = any(u.pronouns for u in self.units) or any(
            r.referring in ("pronoun", "definite") for c in self.clauses for r in (c.agent, c.patient) if r)



def where(p: Passage) -> str:
    return "sentence" if len(p.units) == 1 else "passage"


def show(role: Role) -> str:
    return f"\"{role.text}\""

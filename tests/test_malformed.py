"""The judge's check that a statement is a whole sentence (``service/text/malformed.py``): garbled and hanging
sentences are flagged, well-formed ones of every shape a review helper tried are not (session 42)."""

from __future__ import annotations

import pytest

from service.text import malformed
from service.text.grounding import SourceIndex

SOURCE = ("Manager Daniel Farke said the performance was very, very good. The site known as Chan Chan was the capital "
          "of the Chimu empire. Judge Susan Clarke said Hartley had had every chance to repay the money.")


def _flags(statement: str) -> list[str]:
    unit = SourceIndex(SOURCE).statements([statement])[0]
    return [f.detail for f in malformed.findings(unit, SOURCE)]


@pytest.mark.parametrize(("statement", "said"), [
    ("The women' tv debate debate it was the women.", "\u201cdebate debate\u201d"),
    ("Lopez announced announced that she will run for governor.", "\u201cannounced announced\u201d"),
    ("She would focus on water policy and and housing costs.", "\u201cand and\u201d"),
    ("Leeds moved top of the Championship the Championship.", "\u201cthe Championship the Championship\u201d"),
    ("Hartley Hartley will be sentenced on 14 March.", "\u201cHartley Hartley\u201d"),
    ("But when her father tells her to clean up her mess at one point.", "\u201cwhen ...\u201d"),
    ("But that he worships his wife diane von furstenberg.", "\u201cthat ...\u201d"),
    ("If the appeal fails.", "\u201cIf ...\u201d"),
    ("Because the incumbent is term-limited and Lopez is popular.", "\u201cBecause ...\u201d"),
    ("Although bookings for winter are strong.", "\u201cAlthough ...\u201d"),
    ("Chief executive Anna Berg blamed higher fuel prices and.", "breaks off after \u201cand\u201d"),
])
def test_a_garbled_or_hanging_sentence_is_flagged_with_what_is_wrong(statement: str, said: str) -> None:
    flags = _flags(statement)
    assert any(said in f for f in flags), flags


@pytest.mark.parametrize("statement", [
    "When the verdict was read, Hartley showed no emotion.",
    "When the verdict was read Hartley showed no emotion.",
    "If the appeal fails Hartley faces up to ten years in prison.",
    "But when the verdict was read, Hartley showed no emotion.",
    "Unless Sheffield win on Sunday, Leeds will stay top.",
    "While Norwich pulled one back, Leeds lose.",
    "While in Phoenix, Lopez spoke about water.",
    "Whether the results hold in the wild is unclear.",
    "That his team lost surprised nobody.",
    "That next flight will be the seventh mission, NASA said.",
    "'When will the water be fixed?' Lopez asked.",
    "When will the primary be held",
    "Did Hartley show emotion? No.",
    "Farke said the performance was very very good.",  # (the source writes "very, very")
    "Chan Chan was the capital of the Chimu empire.",
    "Judge Susan Clarke said Hartley had had every chance.",
    "Prosecutors said that that scheme ran for six years.",
    "Leeds 3, Norwich 1.",
    "Piroe scores twice as Leeds go top.",
    "The city they came from.",
])
def test_a_whole_sentence_is_not_flagged(statement: str) -> None:
    assert _flags(statement) == []

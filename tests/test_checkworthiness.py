"""Check-worthiness read at a claim's span: what the features say of a claim, and the score's range."""

from __future__ import annotations

import datetime as dt

from service.text import checkworthiness
from service.text.grounding import SourceIndex, source_index
from service.text.sentences import split_sentences

TEXT = ("Turkish troops killed 51 Syrian soldiers in Idlib on Monday, the Turkish defence ministry said. "
        "The ministry had said the same of earlier strikes. "
        "Idlib was a quiet farming province in 1990. "
        "The weather was mild.")


def _index() -> tuple[SourceIndex, list[int]]:
    sentences = split_sentences(TEXT)
    return source_index(TEXT, sentences, dt.date(2020, 2, 4)), [s.start for s in sentences]


def test_features_read_the_claims_own_span_and_its_sentences_place() -> None:
    index, starts = _index()
    lead = TEXT.index("Turkish troops")
    background = TEXT.index("Idlib was")
    first, old = checkworthiness.features(index.analysed, starts, [(lead, TEXT.index(", the Turkish")),
                                                                    (background, TEXT.index(" in 1990") + 8)])
    assert first is not None and old is not None
    assert first["lead"] == 1.0 and first["position"] == 0.0 and first["figures"] == 1.0
    assert first["names"] >= 2 and first["share"] < 1.0
    # (a year is no figure; a sentence naming only a year before the article's is background)
    assert old["figures"] == 0.0 and old["old_year"] == 1.0 and old["lead"] == 0.0


def test_a_dated_casualty_figure_in_the_lead_outranks_background_and_scores_stay_in_range() -> None:
    index, starts = _index()
    spans = [(TEXT.index("Turkish troops"), TEXT.index(", the Turkish")),
             (TEXT.index("The weather"), len(TEXT))]
    lead, weather = checkworthiness.scores(index.analysed, starts, spans)
    assert lead is not None and weather is not None
    assert 0.0 <= weather < lead <= 1.0


def test_the_placement_read_once_per_analysis_is_kept_per_list_of_sentences() -> None:
    from service.text.salience import placement

    index, starts = _index()
    whole = placement(index.analysed, starts)
    assert placement(index.analysed, starts) is whole  # (read once)
    fewer = placement(index.analysed, starts[1:])
    assert fewer is not whole and fewer[0]["lead"] == 1.0 and whole[0]["position"] == 0.0
    assert fewer[0]["position"] == 0.0 and whole[1]["position"] > 0.0

"""Grounding: what the source supports, decided by code."""

from __future__ import annotations

from service.text.grounding import SourceIndex, faithfulness, ground_claim, verify_summary

SOURCE = (
    "On Monday, five Turkish soldiers were reported killed by Syrian strikes. "
    "According to AMN News, government troops surrounded a Turkish observation post in Saraqib. "
    "Nebenzia said militants launched over 1,400 attacks in December 2019 and January 2020. "
    "Iran held joint drills with Russia and China in the Gulf of Oman. "
    "The ceasefire did not hold."
)


def _verdicts(summary: str) -> list[bool]:
    return [v.supported for v in verify_summary(SOURCE, summary)]


def test_supported_paraphrase_passes() -> None:
    assert _verdicts("Five Turkish soldiers were killed by Syrian strikes on Monday.") == [True]


def test_changed_number_fails_and_is_named() -> None:
    v = verify_summary(SOURCE, "Nebenzia said militants launched over 2,400 attacks in December 2019.")[0]
    assert not v.supported and v.missing_numbers == ["2400"]


def test_number_word_matches_digits_but_wrong_count_fails() -> None:
    assert _verdicts("5 Turkish soldiers were killed on Monday.") == [True]
    assert _verdicts("Seven Turkish soldiers were killed on Monday.") == [False]


def test_swapped_name_fails() -> None:
    v = verify_summary(SOURCE, "According to AMN News, government troops surrounded a French observation post.")[0]
    assert not v.supported and "French" in v.missing_names


def test_facts_merged_from_distant_sentences_fail() -> None:
    # Every word occurs, but "Iran ... Gulf of Oman" and "killed five Turkish soldiers" are more than a window
    # (two sentences either side) apart: no single passage supports the merge.
    filler = " ".join(f"Talks resumed in round {n}." for n in range(6))
    source = SOURCE.replace("Iran held", filler + " Iran held")
    merged = "Iran killed five Turkish soldiers in the Gulf of Oman."
    assert [v.supported for v in verify_summary(source, merged)] == [False]
    near = "Iran held joint drills in the Gulf of Oman."
    assert [v.supported for v in verify_summary(source, near)] == [True]


def test_dropped_or_added_negation_fails() -> None:
    assert _verdicts("The ceasefire held.") == [False]
    assert _verdicts("Turkish soldiers were not killed on Monday.") == [False]


def test_unrelated_and_empty_sentences_fail() -> None:
    assert _verdicts("The article discusses the ongoing conflict and its causes.") == [False]
    assert faithfulness([]) is None


def test_support_spans_slice_the_source() -> None:
    for v in verify_summary(SOURCE, "Five Turkish soldiers were killed. Iran held drills with Russia."):
        for span in v.support:
            assert SOURCE[span.start : span.end] == span.text


def test_ground_claim_requires_exact_quote_and_own_sentence_numbers() -> None:
    index = SourceIndex(SOURCE)
    quote = "According to AMN News, government troops surrounded a Turkish observation post in Saraqib."
    start = SOURCE.index(quote)
    ok = ground_claim(index, "Government troops surrounded a Turkish observation post in Saraqib.", start,
                      start + len(quote), quote)
    assert ok.status == "supported" and ok.quote_exact
    # The number five is in the previous sentence, not in this claim's own sentence: rejected.
    bad = ground_claim(index, "Government troops surrounded five Turkish posts in Saraqib.", start,
                       start + len(quote), quote)
    assert bad.status == "unsupported" and bad.missing_numbers == ["5"]
    shifted = ground_claim(index, "Government troops surrounded a post.", start + 1, start + len(quote), quote)
    assert shifted.status == "unsupported" and not shifted.quote_exact


def test_a_number_moved_to_another_thing_is_not_supported() -> None:
    from service.text.grounding import verify_summary

    source = ("During the last few days, Turkey deployed approximately 1,000 units of military equipment in Idlib. "
              "According to local sources, the number of Turkish troops in the province is now between 2,500 and "
              "3,000.")
    swapped = verify_summary(source, "Turkey deployed approximately 2,500 units of military equipment.")[0]
    assert not swapped.supported and swapped.missing_numbers == ["approximately 2,500 unit"]
    for faithful in ("Turkey deployed about 1,000 units of military equipment.",
                     "Local sources say 2,500 Turkish troops are in the province."):
        assert verify_summary(source, faithful)[0].supported, faithful
    assert verify_summary("Five Turkish soldiers were killed on Monday.", "5 killed on Monday.")[0].supported

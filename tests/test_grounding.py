"""Grounding: what the source supports, decided by code (the judge, service/text/judge.py)."""

from __future__ import annotations

from service.text.grounding import SourceIndex, faithfulness, ground_claim, verify_summary

SOURCE = (
    "On Monday, five Turkish soldiers were reported killed by Syrian strikes. "
    "According to AMN News, government troops surrounded a Turkish observation post in Saraqib. "
    "Nebenzia said militants launched over 1,400 attacks in December 2019 and January 2020. "
    "Iran held joint drills with Russia and China in the Gulf of Oman. "
    "The ceasefire did not hold."
)


def _verdicts(summary: str, source: str = SOURCE) -> list[bool]:
    return [v.supported for v in verify_summary(source, summary)]


def test_supported_paraphrase_passes() -> None:
    assert _verdicts("Five Turkish soldiers were reportedly killed by Syrian strikes on Monday.") == [True]
    assert _verdicts("Iran held joint drills in the Gulf of Oman with Russia and China.") == [True]


def test_a_report_stated_as_fact_is_flagged() -> None:
    # "were reported killed" is a hedge: the flat statement claims more than the source.
    v = verify_summary(SOURCE, "Five Turkish soldiers were killed by Syrian strikes on Monday.")[0]
    assert not v.supported and any("may be so" in r for r in v.reasons)
    # An attribution dropped: what the source reports, but said as AMN News's; a summary sentence is supported
    # with a warning (the neutral summary attributes it), a claim must carry it (test below).
    v = verify_summary(SOURCE, "Government troops surrounded a Turkish observation post in Saraqib.")[0]
    assert v.supported and not v.reasons and any("AMN News" in w for w in v.warnings)
    kept = verify_summary(SOURCE, "AMN News said government troops surrounded a Turkish observation post in Saraqib.")
    assert kept[0].supported and not kept[0].warnings


def test_changed_number_fails_and_is_named() -> None:
    v = verify_summary(SOURCE, "Nebenzia said militants launched over 2,400 attacks in December 2019.")[0]
    assert not v.supported and v.missing_numbers == ["over 2,400"]
    assert any("2,400" in r for r in v.reasons)


def test_number_word_matches_digits_but_wrong_count_fails() -> None:
    assert _verdicts("5 Turkish soldiers were reportedly killed on Monday.") == [True]
    assert _verdicts("Seven Turkish soldiers were reportedly killed on Monday.") == [False]


def test_swapped_name_fails() -> None:
    v = verify_summary(SOURCE, "According to AMN News, government troops surrounded a French observation post.")[0]
    assert not v.supported and "French" in v.missing_names


def test_roles_exchanged_fail() -> None:
    source = "The measure, approved by Congress earlier this month, was signed into law by Mr Garcia."
    assert _verdicts("Congress approved the measure.", source) == [True]
    v = verify_summary(source, "The measure approved Congress.")[0]
    assert not v.supported and any("exchanged" in r for r in v.reasons)


def test_a_condition_dropped_fails() -> None:
    source = "If the Damascus government wants to fully reopen the M5 highway, it will need to capture Nairab."
    v = verify_summary(source, "The Damascus government will need to capture Nairab.")[0]
    assert not v.supported and any("condition" in r for r in v.reasons)


def test_facts_merged_from_distant_sentences_fail() -> None:
    # Every word occurs, but "Iran ... Gulf of Oman" and "killed five Turkish soldiers" are far apart: no single
    # passage supports the merge.
    filler = " ".join(f"Talks resumed in round {n}." for n in range(6))
    source = SOURCE.replace("Iran held", filler + " Iran held")
    merged = "Iran killed five Turkish soldiers in the Gulf of Oman."
    assert [v.supported for v in verify_summary(source, merged)] == [False]
    near = "Iran held joint drills in the Gulf of Oman."
    assert [v.supported for v in verify_summary(source, near)] == [True]


def test_dropped_or_added_negation_fails() -> None:
    assert _verdicts("The ceasefire held.") == [False]
    assert _verdicts("The ceasefire did not hold.") == [True]
    assert _verdicts("Turkish soldiers were not reportedly killed on Monday.") == [False]


def test_unrelated_and_empty_sentences_fail() -> None:
    assert _verdicts("The article discusses the ongoing conflict and its causes.") == [False]
    assert _verdicts("alder_river_broke_banks_on_tuesday") == [False]
    assert faithfulness([]) is None


def test_a_short_name_and_a_pronoun_are_resolved_from_the_article() -> None:
    source = ("Syrian Deputy Foreign Minister Faisal al-Mekdad spoke to the BBC. "
              "Mr Mekdad said Syria was doing its best to meet the deadline.")
    assert _verdicts("Faisal al-Mekdad said Syria was doing its best to meet the deadline.", source) == [True]
    # Another person of the article put in his place is not resolved.
    v = verify_summary(source + " The BBC's Lyse Doucet asked him about it.",
                       "Lyse Doucet said Syria was doing its best to meet the deadline.")[0]
    assert not v.supported


def test_support_spans_slice_the_source() -> None:
    for v in verify_summary(SOURCE, "Five Turkish soldiers were killed. Iran held drills with Russia."):
        for span in v.support:
            assert SOURCE[span.start : span.end] == span.text


def test_ground_claim_requires_exact_quote_and_own_sentence_numbers() -> None:
    index = SourceIndex(SOURCE)
    quote = "According to AMN News, government troops surrounded a Turkish observation post in Saraqib."
    start = SOURCE.index(quote)
    # The claims path carries who asserts it: the attribution need not be in the claim's words.
    ok = ground_claim(index, "Government troops surrounded a Turkish observation post in Saraqib.", start,
                      start + len(quote), quote, "AMN News")
    assert ok.status == "supported" and ok.quote_exact and not ok.reasons
    as_fact = ground_claim(index, "Government troops surrounded a Turkish observation post in Saraqib.", start,
                           start + len(quote), quote, "the author")
    assert as_fact.status == "unsupported" and any("AMN News" in r for r in as_fact.reasons)
    # The number five is in another sentence, not in this claim's own: rejected.
    bad = ground_claim(index, "Government troops surrounded five Turkish posts in Saraqib.", start,
                       start + len(quote), quote, "AMN News")
    assert bad.status == "unsupported" and bad.missing_numbers == ["five"]
    shifted = ground_claim(index, "Government troops surrounded a post.", start + 1, start + len(quote), quote)
    assert shifted.status == "unsupported" and not shifted.quote_exact


def test_a_number_moved_to_another_thing_is_not_supported() -> None:
    source = ("During the last few days, Turkey deployed approximately 1,000 units of military equipment in Idlib. "
              "According to local sources, the number of Turkish troops in the province is now between 2,500 and "
              "3,000.")
    swapped = verify_summary(source, "Turkey deployed approximately 2,500 units of military equipment.")[0]
    assert not swapped.supported and any("2,500" in n for n in swapped.missing_numbers)
    for faithful in ("Turkey deployed about 1,000 units of military equipment.",
                     "Local sources say 2,500 to 3,000 Turkish troops are in the province."):
        assert verify_summary(source, faithful)[0].supported, faithful
    assert verify_summary("Five Turkish soldiers were killed on Monday.", "5 killed on Monday.")[0].supported

"""Grounding: what the source supports, decided by code (the judge, service/text/judge.py)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from service.text.facts import quantities
from service.text.grounding import SourceIndex, faithfulness, ground_claim, verify_summary

SOURCE = (
    "On Monday, five Turkish soldiers were reported killed by Syrian strikes. "
    "According to AMN News, government troops surrounded a Turkish observation post in Saraqib. "
    "Nebenzia said militants launched over 1,400 attacks in December 2019 and January 2020. "
    "Iran held joint drills with Russia and China in the Gulf of Oman. "
    "The ceasefire did not hold."
)


def _claims_path(source: str, quote: str) -> Callable[[str], str]:
    """A claim's grounding status on the claims path, against the sentence holding ``quote``."""
    index = SourceIndex(source)
    start = source.index(quote)
    return lambda claim: ground_claim(index, claim, start, start + len(quote), quote, "the author").status


def _verdicts(summary: str, source: str = SOURCE) -> list[bool]:
    return [v.supported for v in verify_summary(source, summary)]


def _rejected_saying(source: str, sentence: str, said: str) -> None:
    """The sentence is unsupported by ``source``, for a reason that says ``said``."""
    v = verify_summary(source, sentence)[0]
    assert not v.supported and any(said in r for r in v.reasons), (sentence, v.reasons)


def _caught_and_kept(source: str, told_wrong: tuple[tuple[str, str], ...], kept: list[str]) -> None:
    """Each sentence of ``told_wrong`` is rejected for a reason that says its second half; the ``kept`` sentences,
    read as one summary, are all supported."""
    for sentence, said in told_wrong:
        _rejected_saying(source, sentence, said)
    assert _verdicts(" ".join(kept), source) == [True] * len(kept)


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


def test_a_he_is_not_the_name_its_own_sentence_gives_after_it() -> None:
    # (cnndm_12893950: the claims code had resolved "He" to the girl the sentence names next, and the judge agreed)
    source = ("Jamie Silvonek, 14, and her boyfriend, Caleb Barnes, have been charged. He confessed to stabbing Cheryl "
              "Silvonek in her car, and Jamie Silvonek admitted she was there when he did it.")
    v = verify_summary(source, "Jamie Silvonek confessed to stabbing Cheryl Silvonek in her car.")[0]
    assert not v.supported and any("someone else than" in r for r in v.reasons)
    assert _verdicts("Caleb Barnes confessed to stabbing Cheryl Silvonek in her car.", source) == [True]
    # (a "he" before the name in a clause below the main one may be that name: not judged by this rule)
    source = "Reporters waited at the gate. When he arrived, Donald Trump said the talks had gone well."
    assert _verdicts("Donald Trump said the talks had gone well.", source) == [True]
    # (only the subject of the second main clause: a name elsewhere after the pronoun may be its own)
    source = ("Mark Jones, 34, was arrested on Friday. He appeared at Leeds Magistrates' Court on Monday, where Jones "
              "spoke only to confirm his name.")
    assert _verdicts("Mark Jones appeared at Leeds Magistrates' Court on Monday.", source) == [True]
    source = "Mark Jones was taken to hospital. He died on Sunday, and Jones's family paid tribute to him."
    assert _verdicts("Mark Jones died on Sunday.", source) == [True]


def test_roles_exchanged_fail_when_a_name_modifies_one_of_the_two() -> None:
    # Seed 002: "Russian-Turkish" puts Turkey's name on the meeting, which made it fill Ankara's role as well.
    source = "On February 8, Ankara hosted a Russian-Turkish meeting on the situation in Idlib."
    assert _verdicts("On 8 February, Ankara hosted a Russian-Turkish meeting on Idlib.", source) == [True]
    v = verify_summary(source, "On 8 February, a Russian-Turkish meeting hosted Ankara on the situation in Idlib.")[0]
    assert not v.supported and any("exchanged" in r for r in v.reasons), v.reasons


def test_a_condition_dropped_fails() -> None:
    source = "If the Damascus government wants to fully reopen the M5 highway, it will need to capture Nairab."
    v = verify_summary(source, "The Damascus government will need to capture Nairab.")[0]
    assert not v.supported and any("condition" in r for r in v.reasons)


def test_a_condition_or_a_hedge_the_statement_keeps_is_kept_however_the_parse_hangs_it() -> None:
    source = ('The law allows for the procedure if "necessary to protect the life or health of the mother," '
              "according to a statement on Brownback's website.")
    assert _verdicts("The procedure remains allowed if necessary to protect the life or health of the mother, "
                     "according to Brownback's website.", source) == [True]
    assert _verdicts("The procedure remains allowed, according to Brownback's website.", source) == [False]
    # "others wounded" hangs from "soldiers" here and from "reported" in the source: both are reported.
    source = "On Monday, five Turkish soldiers were reported killed, others wounded by Syrian strikes."
    assert _verdicts("Five Turkish soldiers were reported killed and others wounded by Syrian strikes on Monday.",
                     source) == [True]
    assert _verdicts("Five Turkish soldiers were killed and others wounded by Syrian strikes on Monday.",
                     source) == [False]


def test_of_two_subjects_the_parser_gives_a_verb_the_named_one_acts() -> None:
    # "Activist group" and "The Aleppo Media Centre" are both the parser's subjects of "claims".
    source = ("Activist group The Aleppo Media Centre claims 14 people were killed in barrel bomb attacks on the "
              "Masaken Hanano district on Thursday.")
    assert _verdicts("The Aleppo Media Centre claims 14 people were killed in barrel bomb attacks on the Masaken "
                     "Hanano district on Thursday.", source) == [True]


def test_a_name_swapped_into_a_role_is_caught_when_both_parties_share_a_description() -> None:
    source = ("Nathan Hall, a Canadian citizen, was arrested by the Abbotsford Police Department on Wednesday. "
              "The backpacks Mr Hall and Mr Laviolette were carrying contained 58lb of ecstasy.")
    assert _verdicts("Nathan Hall, a Canadian citizen, was arrested by the Abbotsford Police Department on "
                     "Wednesday.", source) == [True]
    v = verify_summary(source, "Laviolette, a Canadian citizen, was arrested by the Abbotsford Police Department "
                               "on Wednesday.")[0]
    assert not v.supported and any("Nathan Hall" in r for r in v.reasons)


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


@pytest.mark.parametrize(("source", "statement", "supported"), [
    ("Ticket prices rose to about 9 dollars on Monday.", "Ticket prices rose to 9 dollars on Monday.", False),
    ("More than 500,000 children already work in Bolivia.", "500,000 children already work in Bolivia.", False),
    ("At least 5 Turkish soldiers were killed on Monday.", "5 Turkish soldiers were killed on Monday.", False),
    ("The fire destroyed nearly 40 homes.", "The fire destroyed 40 homes.", False),
    ("Up to 300 people were evacuated.", "300 people were evacuated.", False),
    # (the bound kept, or said otherwise; the number also given plain; a range's ends)
    ("At least 5 Turkish soldiers were killed in the strikes.", "At least five Turkish soldiers were killed.", True),
    ("Ticket prices rose to about 9 dollars on Monday.", "Ticket prices rose to around 9 dollars on Monday.", True),
    ("Nearly 40 homes burned. The fire destroyed 40 homes in all.", "The fire destroyed 40 homes.", True),
    ("Between 2,500 and 3,000 troops are in the province.", "2,500 to 3,000 troops are in the province.", True),
])
def test_a_number_the_source_bounds_or_gives_as_a_guess_is_not_stated_as_exact(source: str, statement: str,
                                                                               supported: bool) -> None:
    v = verify_summary(source, statement)[0]
    assert v.supported is supported, v.reasons
    if not supported:
        assert any("gives the number only as" in r for r in v.reasons), v.reasons


def _claim(source: str, quote: str, text: str, party: str | None = None) -> tuple[bool, list[str], list[str]]:
    index = SourceIndex(source)
    start = source.index(quote)
    g = ground_claim(index, text, start, start + len(quote), quote, party)
    return g.status == "supported", g.reasons, g.warnings


def test_a_number_that_names_something_may_come_from_elsewhere_in_the_article() -> None:
    source = ("Russia lost contact with its Progress 59 cargo ship on Tuesday. Engineers met. Officials spoke. "
              "Reporters waited. The ship is now spinning out of control, NASA said. Five Turkish soldiers were "
              "killed. Seven Turkish trucks were hit.")
    quote = "The ship is now spinning out of control, NASA said."
    ok, reasons, _ = _claim(source, quote, "NASA said the Progress 59 ship is now spinning out of control.")
    assert ok, reasons
    # A count is not licensed so: "seven" stands next to "Turkish" elsewhere, but is no part of a name.
    quote = "Five Turkish soldiers were killed."
    ok, reasons, _ = _claim(source, quote, "Seven Turkish soldiers were killed.")
    assert not ok and any("seven" in r.lower() for r in reasons)


def test_a_year_an_undated_article_never_gives_is_flagged_not_rejected() -> None:
    undated = "On February 12, a US patrol was blocked by villagers near Qamishli."
    ok, reasons, warnings = _claim(undated, undated, "On 12 February 2020, a US patrol was blocked by villagers "
                                   "near Qamishli.")
    assert ok and reasons == [] and any("2020" in w for w in warnings)
    # An article that gives a year: another year is a wrong date, as before.
    dated = "In 2019 the talks failed. On February 12, a US patrol was blocked by villagers near Qamishli."
    quote = "On February 12, a US patrol was blocked by villagers near Qamishli."
    ok, reasons, _ = _claim(dated, quote, "On 12 February 2021, a US patrol was blocked by villagers near "
                            "Qamishli.")
    assert not ok and reasons


@pytest.mark.parametrize(("source", "quote", "good", "bad", "party", "why"), [
    pytest.param(  # an undated month changed is a wrong date
        "Authorities said Barnes and Silvonek met in October, when she was 13.", None,
        "Barnes and Silvonek met in October, when she was 13.",
        "Barnes and Silvonek met in November, when she was 13.", "authorities", "date", id="month"),
    pytest.param(  # "he" cannot stand for a place
        "Syrian troops entered Saraqib. Erdogan spoke on Monday. He vowed to hit regime forces everywhere if "
        "Turkish soldiers are harmed.", "He vowed to hit regime forces everywhere if Turkish soldiers are harmed.",
        "Erdogan vowed to hit regime forces everywhere if Turkish soldiers are harmed.",
        "Saraqib vowed to hit regime forces everywhere if Turkish soldiers are harmed.", None, "is a person",
        id="he-for-a-place"),
    pytest.param(  # a modifier put where the sentence has another, in other words than the sentence's (no
        # word-by-word replacement to see)
        "Governor Sam Brownback signed the Kansas law on Tuesday. Doctors protested. Clinics closed. Lawyers filed "
        "suits. Lawmakers in Missouri said the Missouri law would follow.",
        "Governor Sam Brownback signed the Kansas law on Tuesday.",
        "The Kansas law was signed by Sam Brownback on Tuesday.",
        "The Missouri law was signed by Sam Brownback on Tuesday.", None, "Missouri", id="modifier"),
    pytest.param(  # parties exchanged under another verb than the source's
        "Riddick Bowe was a heavyweight champion. He notched up victories over former champion Evander Holyfield "
        "in 1992 at Caesars Palace.",
        "He notched up victories over former champion Evander Holyfield in 1992 at Caesars Palace.",
        "Riddick Bowe beat former champion Evander Holyfield in 1992 at Caesars Palace.",
        "Former champion Evander Holyfield beat Riddick Bowe in 1992 at Caesars Palace.", None, "exchanged",
        id="exchanged"),
    pytest.param(  # who speaks of a person in a quotation is not that person
        "Peter O'Toole starred in the film. Director Michael Redwood paid tribute to O'Toole. He said: 'Peter was "
        "not the type to let illness decide, and he remained full-on 10 hours a day.'",
        "He said: 'Peter was not the type to let illness decide, and he remained full-on 10 hours a day.'",
        "Director Michael Redwood said Peter O'Toole remained full-on 10 hours a day.",
        "Director Peter O'Toole said Peter O'Toole remained full-on 10 hours a day.", None, "in a quotation",
        id="speaker-of-a-quotation"),
    pytest.param(  # the patient of an agentless passive made to act on another party the passage names
        "At least five Turkish soldiers were killed in the retaliatory strikes by the Syrian Army.", None,
        "At least five Turkish soldiers were killed in retaliatory strikes by the Syrian Army.",
        "The Syrian Army were killed in retaliatory strikes by at least five Turkish soldiers.", None, "exchanged",
        id="passive-exchanged"),
    pytest.param(  # "it" stands for no person
        "Nick Loeb sued Sofia Vergara. The complaint was long. He filed it in August in Santa Monica.",
        "He filed it in August in Santa Monica.",
        "Nick Loeb filed the complaint in August in Santa Monica.",
        "The complaint against Sofia Vergara filed Nick Loeb in August in Santa Monica.", None, "not a person",
        id="it-for-a-person"),
    pytest.param(  # a thing made to own the party the passage has own it
        "Evander Holyfield fought until 2011. Most of Holyfield's fortune went on some of his 11 children.",
        "Most of Holyfield's fortune went on some of his 11 children.",
        "Evander Holyfield has 11 children.",
        "11 children has Evander Holyfield.", None, "who has what", id="possession"),
    pytest.param(  # a description the statement uses for one thing, taken as another's name
        "The Royal China Club was reported by Bite-Back. Its manager boasted that it sold the soup.",
        "Its manager boasted that it sold the soup.",
        "The manager of the Royal China Club boasted that it sold the soup.",
        "The manager boasted that the soup sold The Royal China Club.", None, "this statement's", id="definite"),
    pytest.param(  # named parties of a clause the other way round in a clause outside the quote
        "Jamie Silvonek was arrested. 'She told me she was afraid,' John Waldron told The Associated Press.",
        "She told me she was afraid",
        "John Waldron told The Associated Press that Jamie Silvonek told him she was afraid.",
        "The Associated Press told John Waldron that Jamie Silvonek told him she was afraid.", None, "exchanged",
        id="exchanged-by-name"),
    pytest.param(  # a gerund after "after" is its verb's subject's: who posted is who apologised, "he"
        "Riddick Bowe beat Evander Holyfield in 1992. Bowe retired in 1997. The boxing champion has a history with "
        "Twitter - being forced to apologise last year after he posted a message saying he wanted all Liverpool fans "
        "to die.",
        "being forced to apologise last year after he posted a message saying he wanted all Liverpool fans to die.",
        "Riddick Bowe apologised after posting a message saying he wanted all Liverpool fans to die.",
        "Evander Holyfield apologised after posting a message saying he wanted all Liverpool fans to die.",
        "the author", "most likely points to", id="gerund-after"),
    pytest.param(  # a gerund after "despite" is its verb's subject's too: who pledged is who kept them there
        "Erdogan sent troops into Idlib. Despite pledging to withdraw US forces from Syria, Trump kept them there.",
        "Despite pledging to withdraw US forces from Syria, Trump kept them there.",
        "Trump pledged to withdraw US forces from Syria.",
        "Erdogan pledged to withdraw US forces from Syria.", None, "the one acting", id="gerund-despite"),
    pytest.param(  # "she" is not a person the article calls "Mr", however often it names him
        "Governor Sam Brownback signed the law on Tuesday. Mr Brownback said the law protects life. Mr Brownback is a "
        "Republican. Ms Burkhart runs a clinic in Wichita. \"This law puts women at risk and ties doctors' hands,\" "
        "she said.",
        "\"This law puts women at risk and ties doctors' hands,\" she said.",
        "Ms Burkhart said the law puts women at risk and ties doctors' hands.",
        "Sam Brownback said the law puts women at risk and ties doctors' hands.", None, "most likely points to",
        id="she-not-mr"),
    pytest.param(  # "Mr Buckingham's charity" is the charity the article says Mr Buckingham works for
        "The charity Bite-Back believes restaurants sell the soup. Graham Buckingham, campaign director at "
        "Bite-Back, told The Times that restaurants sell it. While conducting research for a recent report, Mr "
        "Buckingham's charity discovered a legal loophole.",
        "While conducting research for a recent report, Mr Buckingham's charity discovered a legal loophole.",
        "Bite-Back discovered a legal loophole while conducting research for a report.",
        "The Times discovered a legal loophole while conducting research for a report.", None,
        "Mr Buckingham's charity", id="possessor-tied"),
    pytest.param(  # "He" after a sentence naming one person only, as the object: that person
        "Ian Wright will present AP McCoy with his trophy. Another famous Arsenal name expected at Sandown is Liam "
        "Brady, one of McCoy’s sporting heroes. Family commitments will keep McCoy away from the Emirates on Sunday. "
        "He told Racemail: ‘I have a kind invitation from the chairman.’",
        "Family commitments will keep McCoy away from the Emirates on Sunday. He told Racemail: ‘I have a kind "
        "invitation from the chairman.’",
        "AP McCoy told Racemail he has an invitation from the chairman.",
        "Liam Brady told Racemail he has an invitation from the chairman.", "AP McCoy",
        "another party than", id="he-after-one-person"),
    pytest.param(  # "can't get round to analysing it" does not analyse it
        "Yevhen Dokukin leads the Ukrainian Cyber Troops. \"I gave all this data to Ukraine's security service, but "
        "they still can't get round to analysing it,\" he wrote.", None,
        "Yevhen Dokukin said Ukraine's security service had not analysed the data.",
        "Yevhen Dokukin said Ukraine's security service had analysed the data.", "Yevhen Dokukin", "opposite",
        id="cannot-get-round-to"),
    pytest.param(  # a number's noun is the party: "70% of children" have the access, not the reverse
        "The study looked at 671 schools. It showed about 70% of five to 15-year-olds had access to a tablet at "
        "home.", "It showed about 70% of five to 15-year-olds had access to a tablet at home.",
        "The study showed about 70% of five to 15-year-olds had access to a tablet at home.",
        "The study showed access to a tablet at home had about 70% of five to 15-year-olds.", None, "exchanged",
        id="percent-of-a-noun"),
    pytest.param(  # "one in five restaurants" offer the dish; the dish does not offer them
        "Graham Buckingham campaigns against shark fin soup. He said as many as one in five Chinese restaurants "
        "could be offering the dish.", "He said as many as one in five Chinese restaurants could be offering the "
        "dish.", "Graham Buckingham said as many as one in five Chinese restaurants could be offering shark fin soup.",
        "Graham Buckingham said shark fin soup could be offering as many as one in five Chinese restaurants.",
        "Graham Buckingham", "exchanged", id="one-in-five-of-a-noun"),
])
def test_a_claim_faithful_in_its_own_words_passes_and_its_swapped_twin_does_not(
        source: str, quote: str | None, good: str, bad: str, party: str | None, why: str) -> None:
    assert _claim(source, quote or source, good, party)[0]
    ok, reasons, _ = _claim(source, quote or source, bad, party)
    assert not ok and any(why in r for r in reasons)


def test_a_common_word_capitalised_for_opening_a_statement_is_no_name() -> None:
    # "Weapons" is part of a name in the article (the OPCW's) but a common word too ("chemical weapons"): opening
    # a statement, its capital names nobody, and the statement stands on what the sentence says.
    source = ("Syria missed the deadline to hand over its chemical weapons. The Organisation for the Prohibition of "
              "Chemical Weapons (OPCW) is overseeing the destruction. Mr Mekdad spoke to the BBC. He accused the US "
              "of supporting rebels. Rebels seized the central prison. State television denied it. The Observatory "
              "says barrels containing explosives were dropped by military helicopters.")
    assert _verdicts("Weapons were dropped by military helicopters.", source) == [True]
    assert _verdicts("Weapons were dropped by military aircraft.", source) == [False]


def test_names_that_differ_in_what_both_give_are_two_parties() -> None:
    from service.text import names

    assert not names.same_party(names.keys("Ukrainian Cyber Troops"), names.keys("Washington Cyber Troops"))
    assert not names.same_party(names.keys("Jamie Silvonek"), names.keys("Cheryl Silvonek"))
    assert names.same_party(names.keys("Recept Tayip Erdogan"), names.keys("Recep Tayyip Erdogan"))
    assert names.same_party(names.keys("President Erdogan"), names.keys("Recep Tayyip Erdogan"))
    # A long name misspelt keeps its start and end ("Azabaijan", as cnndm_0a4e9118 writes it); two such names
    # that differ there are two places.
    assert names.same_party(names.keys("Azerbaijan"), names.keys("Azabaijan"))
    assert not names.same_party(names.keys("Slovenia"), names.keys("Slovakia"))
    assert not names.same_party(names.keys("Pakistan"), names.keys("Kazakhstan"))


def test_a_number_finds_its_sentence_among_those_sharing_more_names() -> None:
    # The search path tries the sentence holding the statement's number, though three others name Vergara.
    source = ("Sofia Vergara's ex-fiance is speaking out about their dispute over frozen embryos. Vergara declined "
              "to comment. Vergara is now reportedly engaged to actor Joe Manganiello. Vergara and Loeb met in 2010. "
              "Vergara starred in Modern Family. Nick Loeb said he filed a complaint against the 42-year-old actress "
              "in Santa Monica.")
    assert _verdicts("Sofia Vergara is 42 years old.", source) == [True]
    assert _verdicts("Sofia Vergara is 43 years old.", source) == [False]


def test_a_description_the_article_gives_another_person_is_not_borrowed_by_a_sentence_naming_this_one() -> None:
    # The search path: the sentence naming Jason Chan and Bite-Back covers the statement best, but the article says
    # "campaign director" of Graham Buckingham only.
    source = ("Charity Bite-Back, which campaigns to protect sharks, reported the eatery after Jason Chan, the "
              "restaurant's manager, boasted that it sold the soup. The soup costs £50. Graham Buckingham, campaign "
              "director at Bite-Back, told The Times he was disappointed that the restaurant was not fined.")
    wrong = verify_summary(source, "Jason Chan is campaign director at Bite-Back.")[0]
    assert not wrong.supported and any("says that of Graham Buckingham" in r for r in wrong.reasons)
    assert _verdicts("Graham Buckingham is campaign director at Bite-Back.", source) == [True]


def test_a_person_swapped_in_a_sentence_does_not_escape_by_pairing_it_with_the_next() -> None:
    # The next sentence names Steven Berkoff; the pair of the two would have every name of the statement, but the
    # sentence that says it has O'Toole where the statement has Berkoff.
    source = ("A series of images of the late actor Peter O’Toole on set have been released. In the pictures O’Toole, "
              "the star of 1962 classic film Lawrence of Arabia, can be seen laughing with fellow cast members. Fall "
              "of an Empire features Steven Berkoff, Edward Fox and Joss Ackland alongside O’Toole. The film is out "
              "on DVD.")
    wrong = verify_summary(source, "Steven Berkoff starred in the 1962 film Lawrence of Arabia.")[0]
    assert not wrong.supported and any("Steven Berkoff where the sentence names O’Toole" in r for r in wrong.reasons)
    assert _verdicts("Peter O’Toole starred in the 1962 film Lawrence of Arabia.", source) == [True]


def test_the_sources_may_be_the_party_that_spoke_before() -> None:
    # "according to the sources" points back to a party the article has speak earlier: a claim that says that
    # party asserts it keeps the attribution; one stated as the author's, or another party's, does not.
    source = ("Decision makers in Damascus said Turkey has offered Russia the protection of its base. The weather was "
              "fine. Furthermore, according to the sources, Turkey promised to include Jabhat al-Nusra within one "
              "army in Idlib.")
    quote = ("Furthermore, according to the sources, Turkey promised to include Jabhat al-Nusra within one army in "
             "Idlib.")
    claim = "Turkey promised to include Jabhat al-Nusra within a single army in Idlib."
    assert _claim(source, quote, claim, "decision makers in Damascus")[0]
    for party in ("the author", "Russian officials"):
        ok, reasons, _ = _claim(source, quote, claim, party)
        assert not ok and any("stated as fact" in r for r in reasons)


def test_a_claim_keeps_the_attribution_its_quote_carries() -> None:
    source = ("Investigators arrested Kali Henifin, who they say planned to pick the two men up at the border. "
              "The weather was fine.")
    quote = "who they say planned to pick the two men up at the border"
    ok, reasons, _ = _claim(source, quote, "Kali Henifin planned to pick the two men up at the border.",
                            "the author")
    assert not ok and any("stated as fact" in r for r in reasons)
    assert _claim(source, quote, "Kali Henifin planned to pick the two men up at the border.", "investigators")[0]
    assert _claim(source, quote, "Investigators say Kali Henifin planned to pick the two men up at the border.",
                  "the author")[0]


def test_not_only_is_no_negation_and_without_is_one() -> None:
    source = "Planned Parenthood said Kansas is now not only the sole state with this atrocious law."
    assert _claim(source, source, "Kansas is now the sole state with this law.", "Planned Parenthood")[0]
    source = "Video showed jihadists firing a US missile at a Syrian tank, failing to pierce its heavy armor."
    ok, reasons, _ = _claim(source, source, "Video showed jihadists firing a US missile at a Syrian tank without "
                            "piercing its armor.")
    assert ok, reasons
    ok, reasons, _ = _claim(source, source, "Video showed jihadists firing a US missile at a Syrian tank, piercing "
                            "its armor.")
    assert not ok and any("opposite" in r for r in reasons)


def test_a_claim_may_place_its_event_where_the_lead_sets_the_story() -> None:
    source = ("A magnitude-4.8 earthquake has struck northern Italy near the city of Lucca. Phone lines were "
              "down. Power was cut. Schools closed. The earthquake was felt as far away as Florence. Trains ran "
              "late. Shops shut early. Officials later met in Rome.")
    quote = "The earthquake was felt as far away as Florence."
    ok, reasons, _ = _claim(source, quote, "The earthquake near Lucca was felt as far away as Florence.")
    assert ok, reasons
    # A place the lead does not give, put there, is still another party.
    ok, reasons, _ = _claim(source, quote, "The earthquake near Rome was felt as far away as Florence.")
    assert not ok and reasons


def test_a_summary_sentence_that_drops_an_attribution_is_kept_with_the_speaker_to_attribute_it_to() -> None:
    source = ('Fighting continued in the north. "Kansas is now not only the sole state with this atrocious law; it '
              'also has more restrictions than any state," the advocacy group said in a Facebook post.')
    verdict = SourceIndex(source).check("Kansas is now the sole state with this atrocious law.")
    # Supported (it is what the source reports), with a warning, and the speaker the summary attributes it to.
    assert verdict.supported and verdict.warnings and verdict.speaker == "the advocacy group"
    assert SourceIndex(source).check("The advocacy group said Kansas is now the sole state with this law.").speaker \
        is None


def test_cannot_wait_to_do_something_is_eagerness_not_a_negation() -> None:
    source = "She said that she can't wait to teach them about tennis."
    assert _verdicts("She said she can't wait to teach them about tennis.", source) == [True]
    v = verify_summary(source, "She said that she can't teach them about tennis.")[0]
    assert not v.supported and any("opposite" in r for r in v.reasons)
    v = verify_summary("She said that she can't try to teach them.", "She said that she tried to teach them.")[0]
    assert not v.supported and any("opposite" in r for r in v.reasons)  # another governor still negates


def test_words_given_to_another_speaker_of_the_passage_are_misattributed_however_quoted() -> None:
    for q in ("'", "`"):  # a grave accent opening the quotation, as detokenised copy writes it
        source = (f"Professor Ninian Peckitt claimed he had simply {q}digitally manipulated' the patient's face, but "
                  "witnesses said that he had been hitting him.")
        assert _verdicts(f"Peckitt claimed he had {q}digitally manipulated' the patient's face.", source) == [True]
        v = verify_summary(source, f"Witnesses said he had {q}digitally manipulated' the patient's face.")[0]
        assert not v.supported and any("attributes it to" in r and "Witnesses" in r for r in v.reasons), v.reasons


def test_a_span_of_years_must_be_the_passages_span() -> None:
    source = "Between 2014 and 2016, the number of tablets in schools is expected to rise to almost 900,000."
    assert _verdicts("The number of tablets in schools is expected to rise to almost 900,000 between 2014 and 2016.",
                     source) == [True]
    for wrong in ("between 2014 and 2014", "between 2016 and 2014", "in 2014-2015"):
        v = verify_summary(source, f"The number of tablets in schools is expected to rise to 900,000 {wrong}.")[0]
        assert not v.supported and any("date" in r for r in v.reasons), (wrong, v.reasons)


def test_a_double_negation_is_no_negation() -> None:
    source = "The quake struck near Lucca. There were no immediate reports of injuries or damage."
    quote = "There were no immediate reports of injuries or damage."
    assert _claim(source, quote, "There were no immediate reports of injuries or damage after the quake.")[0]
    ok, reasons, _ = _claim(source, quote, "There were not no immediate reports of injuries or damage.")
    assert not ok and any("opposite" in r for r in reasons)


def test_a_leaders_regime_is_his_state_and_a_name_swapped_within_the_sentence_is_not_its_own() -> None:
    source = ("Turkish President Recep Tayyip Erdogan met his generals. "
              "The Erdogan regime sent tanks into Idlib and Aleppo provinces.")
    assert _verdicts("Turkey sent tanks into Idlib and Aleppo provinces.", source) == [True]
    # A party the sentence has, put word for word where the sentence names another one.
    v = verify_summary(source, "The Erdogan regime sent tanks into Aleppo and Aleppo provinces.")[0]
    assert not v.supported
    v = verify_summary(source, "Turkey sent tanks into Damascus and Aleppo provinces.")[0]
    assert not v.supported and any("Damascus" in r for r in v.reasons)


def test_a_name_opening_a_statement_is_checked_though_the_parser_misses_it() -> None:
    source = "Earlier, Russia and Iran met in Geneva. Turkish artillery units supported both of the attacks."
    assert _verdicts("Turkish artillery units supported both of the attacks.", source) == [True]
    v = verify_summary(source, "American artillery units supported both of the attacks.")[0]
    assert not v.supported and "American" in v.missing_names


def test_he_points_to_the_last_person_who_acted_not_to_anyone_named_before() -> None:
    source = ("Riddick Bowe met Andrew Golota in 1996. Bowe beat Golota, who was disqualified. "
              "Evander Holyfield watched from the ring side. Holyfield said Bowe was ready. "
              "He returned to the ring in 2004 and won three bouts.")
    assert _verdicts("Evander Holyfield returned to the ring in 2004 and won three bouts.", source) == [True]
    assert _verdicts("Andrew Golota returned to the ring in 2004 and won three bouts.", source) == [False]


def test_the_first_day_of_a_pair_is_a_date_not_a_count() -> None:
    source = ("Militants attacked Syrian positions on February 10 and February 12. "
              "Turkish artillery units supported both of the attacks.")
    assert _verdicts("Turkish artillery units supported both the 10 and 12 February attacks.", source) == [True]
    assert _verdicts("Turkish artillery units supported both the 11 and 12 February attacks.", source) == [False]


def test_what_the_source_says_of_its_speaker_is_the_authors_not_the_speakers_word() -> None:
    source = ("Charities campaigned for years. Graham Buckingham, campaign director at Bite-Back, told The Times he "
              "was disappointed. Pupils used tablets in 68% of schools, according to the study headed by Barbie "
              "Clarke.")
    quote = "Graham Buckingham, campaign director at Bite-Back"
    assert _claim(source, quote, "Graham Buckingham is campaign director at Bite-Back.", "the author")[0]
    quote = "the study headed by Barbie Clarke"
    assert _claim(source, quote, "The study was headed by Barbie Clarke.", "the author")[0]
    # What the speaker says stays the speaker's.
    ok, reasons, _ = _claim(source, "he was disappointed", "Graham Buckingham was disappointed.", "the author")
    assert not ok and any("attributes it to" in r for r in reasons)
    ok, reasons, _ = _claim(source, "Pupils used tablets in 68% of schools", "Pupils used tablets in 68% of "
                            "schools.", "the author")
    assert not ok and any("attributes it to" in r for r in reasons)


def test_a_sentence_glued_to_a_caption_takes_no_condition_from_it() -> None:
    source = ("Restaurants offer the soup to Mandarin speaking customers if they ask More than 70 million sharks "
              "are killed each year for their fins. Campaigners want a ban.")
    quote = "More than 70 million sharks are killed each year for their fins"
    assert _claim(source, quote, "More than 70 million sharks are killed each year for their fins.")[0]
    ok, reasons, _ = _claim(source, "Restaurants offer the soup to Mandarin speaking customers if they ask",
                            "Restaurants offer the soup to Mandarin speaking customers.")
    assert not ok and any("condition" in r for r in reasons)


def test_a_place_the_article_gives_the_thing_may_be_added_to_it_but_not_another() -> None:
    source = ("The magnitude-4.8 quake struck 35km north of the city of Lucca, officials said. In Milan, top floors "
              "shook and the quake was also felt in Bologna. Ansa reported the news from Florence and Modena. Schools "
              "closed in Florence and Modena. Officials met in Florence. Several aftershocks were felt across a large "
              "area.")
    quote = "Several aftershocks were felt across a large area."
    # The name is checked on its own (the short sentence's content score is another matter): Lucca and Bologna are
    # said of the quake, Milan of the floors that shook.
    for place, said_of_the_quake in (("Lucca", True), ("Bologna", True), ("Milan", False)):
        _, reasons, _ = _claim(source, quote, f"Several aftershocks were felt across a large area after the quake "
                               f"near {place}.")
        assert any(place in r for r in reasons) is not said_of_the_quake, (place, reasons)


def test_a_verb_of_saying_lines_up_with_the_speakers_own_not_anothers() -> None:
    source = ('Sana insisted on Monday that soldiers had "thwarted an attack by terrorist groups". The Observatory '
              "says fighting is still going on.")
    assert _verdicts('Sana said soldiers had "thwarted an attack by terrorist groups".', source) == [True]
    assert _verdicts('The Observatory said soldiers had "thwarted an attack by terrorist groups".', source) == [False]
    assert _verdicts("The Turkish ministry claimed on Twitter that hundreds were killed.",
                     "The Turkish ministry claimed on Twitter that hundreds were killed.") == [True]


def test_a_not_the_parser_hung_elsewhere_still_negates_and_a_requirement_is_not_a_fact() -> None:
    source = ("The underlying trend is for more tablets in schools - among those not using them at present, 45% "
              "reported that they would soon be likely to introduce them.")
    assert _verdicts("Among schools not yet using tablets, 45% reported they would soon be likely to introduce "
                     "them.", source) == [True]
    assert _verdicts("Among schools using tablets, 45% reported they would soon be likely to introduce them.",
                     source) == [False]
    source = ('Loeb said the couple signed a form. "The form did not specify -- as California law requires -- what '
              'would happen if we separated," he said.')
    quote = "The form did not specify -- as California law requires -- what would happen if we separated"
    assert _claim(source, quote, "Loeb said California law requires such a form to specify what would happen if "
                  "the couple separated.", "Loeb")[0]
    ok, reasons, _ = _claim(source, quote, "Loeb said the form specified what would happen if the couple "
                            "separated.", "Loeb")
    assert not ok and any("opposite" in r for r in reasons)


def test_a_date_keeps_its_month_and_the_weekday_the_source_gives_it() -> None:
    source = ("Caleb Barnes joined the military in February of 2012. AMN News reported on Tuesday, 11 February 2020, "
              "that government troops had surrounded a Turkish observation post.")
    assert _verdicts("Caleb Barnes joined the military in February 2012.", source) == [True]
    assert _verdicts("Caleb Barnes joined the military in March 2012.", source) == [False]
    stated = "AMN News reported on {}, 11 February 2020, that government troops had surrounded a Turkish post."
    assert _verdicts(stated.format("Tuesday"), source) == [True]
    assert _verdicts(stated.format("Friday"), source) == [False]


def test_the_us_is_a_name_and_another_partys_word_on_the_same_noun_is_a_swap() -> None:
    # (the meeting named first, as the seed names it: "at the meeting" is then no word the source lacks)
    source = ("On February 8, Ankara hosted a Russian-Turkish meeting on the situation in Idlib. The Turkish "
              "government claimed to have delivered devastating blows to the Syrian army in Idlib. The Russian "
              "delegation was chaired by Deputy Foreign Minister Sergey Vershinin and special envoy on Syria "
              "Alexander Lavrentiev.")
    assert _verdicts("The Turkish government claimed to have delivered devastating blows to the Syrian army in "
                     "US.", source) == [False]
    assert _verdicts("The Russian delegation at the meeting was chaired by Sergey Vershinin.", source) == [True]
    v = verify_summary(source, "The Syrian delegation at the meeting was chaired by Sergey Vershinin.")[0]
    assert not v.supported and any("Russian" in r for r in v.reasons)


def test_what_an_active_verb_acts_on_cannot_be_made_to_act() -> None:
    source = 'On Twitter, Brownback said he was proud to sign a law "protecting life at its most vulnerable stage."'
    assert _verdicts("Brownback said he was proud to sign a law protecting life.", source) == [True]
    v = verify_summary(source, "A law protecting life signed Brownback.")[0]
    assert not v.supported and any("exchanged" in r for r in v.reasons)


def test_a_name_of_the_passage_must_still_be_whom_its_he_points_to() -> None:
    # A quote over three sentences: "Gibson" is in the passage, but not in the sentence whose "He" it stands for.
    source = ("B.B. King, 89, has used various models of Gibson guitars over the years, and named each one of them "
              "Lucille. Several of the guitars are on show in a museum. He was inducted into the Rock and Roll Hall "
              "of Fame in 1987, and has 30 Grammy nominations.")
    index = SourceIndex(source)
    quote = (0, len(source))
    king, gibson = index.statements(["B.B. King has 30 Grammy nominations.", "Gibson has 30 Grammy nominations."])
    assert index.judge.check_anchored(king, [0, 1, 2], "the author", quote).supported
    v = index.judge.check_anchored(gibson, [0, 1, 2], "the author", quote)
    assert not v.supported and any("is a person" in r for r in v.reasons)


def test_a_claim_naming_another_speaker_than_the_one_the_article_gives_its_quote_is_rejected() -> None:
    # cnndm_0a4e9118: the quote names no speaker; the article gives it to the Sandown spokesman.
    source = ("A Sandown spokesman said: 'Tony cannot come. Tony's wife will be at Sandown on Saturday along with Ian "
              "and his wife.' Chelsea play at home on Sunday.")
    index = SourceIndex(source)
    start = source.index("Tony's")
    quote = (start, source.index("wife.'") + 5)
    right, wrong = index.statements([
        "A Sandown spokesman said Tony's wife would be at Sandown on Saturday along with Ian and his wife.",
        "A Chelsea spokesman said Tony's wife would be at Sandown on Saturday along with Ian and his wife."])
    assert index.judge.check_anchored(right, [1], "Sandown spokesman", quote).supported
    v = index.judge.check_anchored(wrong, [1], "Sandown spokesman", quote)
    assert not v.supported and v.reasons.count(
        'the source attributes it to Sandown spokesman, not to "A Chelsea spokesman"') == 1, v.reasons


def test_a_one_word_name_of_the_source_is_a_name_where_a_statement_capitalises_it() -> None:
    # The tagger reads "Aleppo" opening this statement as an adjective; the source gives it as a name.
    index = SourceIndex("Russian jets bombed Aleppo on Monday. Syrian pro-government forces captured Al-Eis.")
    unit = index.statements(["Aleppo pro-government forces captured Al-Eis, a rebel base."])[0]
    assert "Aleppo" in [m.text for m in unit.mentions]


def test_a_relative_clause_inside_what_someone_said_is_theirs_to_attribute() -> None:
    source = ("That next flight, which will be the seventh SpaceX commercial resupply mission to the space station, "
              "is not scheduled to take off before June 19, NASA said.")
    quote = "That next flight, which will be the seventh SpaceX commercial resupply mission to the space station"
    assert _claim(source, quote, "NASA said the next flight to the space station will be the seventh SpaceX "
                  "commercial resupply mission.", "NASA")[0]
    ok, reasons, _ = _claim(source, quote, "The next flight to the space station will be the seventh SpaceX "
                            "commercial resupply mission.", "the author")
    assert not ok and any("NASA" in r for r in reasons)


def test_a_party_may_be_named_where_the_sentence_gives_what_the_article_says_it_is() -> None:
    source = ("The spacecraft will re-enter the atmosphere, Roscosmos, the Russian Federal Space Agency, said "
              "Wednesday. Tass, Russia's state news agency, reported the loss. The Russia space agency said it is "
              "working on its next supply flight to the ISS.")
    quote = "The Russia space agency said it is working on its next supply flight to the ISS."
    assert _claim(source, quote, "Roscosmos said it is working on its next supply flight to the ISS.",
                  "Roscosmos")[0]
    ok, reasons, _ = _claim(source, quote, "Tass said it is working on its next supply flight to the ISS.", "Tass")
    assert not ok and any("Tass" in r for r in reasons)


def test_what_a_statement_spells_out_or_says_the_thing_is_is_not_counted_missing() -> None:
    from service.text.grounding import body_index

    source = ("The first shipment reached the port. Syria has shipped two shipments of chemical weapons, Faisal "
              "al-Mekdad said. The second shipment was intercepted by fire from terrorist groups. Later, Idlib "
              "groups launched dozens of ATGM strikes.")
    index = body_index(source)
    missing = index.check("Idlib groups launched dozens of anti-tank guided missile (ATGM) strikes.").missing_words
    assert not {"anti", "tank", "guided", "missile"} & set(missing)
    missing = index.check("Faisal al-Mekdad said Syria has shipped two shipments of weapons.").missing_words
    assert "al" not in missing
    # what the article says the shipments are counts; which shipment it is must be the passage's
    missing = index.check("The chemical-weapons shipment was intercepted by fire from terrorist groups.").missing_words
    assert "chemical" not in missing
    v = index.check("The first shipment was intercepted by fire from terrorist groups.")
    assert not v.supported and "first" in v.missing_numbers
    # an expansion whose initials are not the acronym's is not its spelling out
    assert "tank" in index.check("Idlib groups launched dozens of anti-tank missile (ATGM) strikes.").missing_words


def test_a_hedged_report_a_claimed_thing_and_there_is_read_as_the_source_reads_them() -> None:
    from service.text.grounding import body_index

    source = ("Police also arrested Ryan Lambert, who allegedly told officers he was to be paid $11,000 to drive the "
              "drugs to San Francisco. Ukrainian officials appear to admit that their forces downed flight MH17. "
              "The claim has never been verified. \"I think that implementation is secure, and so there is no "
              "workaround,\" Vladimir Katalov said. \"There is no plan to attack the city of Idlib for now\", say "
              "the sources.")
    index = body_index(source)
    # the statement's own "allegedly told" hedges all he told; without it, the source's hedge is dropped
    said = "Ryan Lambert allegedly told officers he was to be paid $11,000 to drive the drugs to San Francisco."
    assert index.check(said).supported
    dropped = index.check("Ryan Lambert told officers he was to be paid $11,000 to drive the drugs to San Francisco.")
    assert not dropped.supported and any("may be so" in r for r in dropped.reasons)
    # what "the claim that ..." says is a claim, as "appear to" makes it
    assert index.check("The claim that Ukrainian officials admitted downing MH17 has never been verified.").supported
    # "there is no workaround" has no subject to borrow from the clause before it
    assert index.check("Vladimir Katalov said the implementation is secure and there is no workaround.").supported
    swapped = "Vladimir Katalov said the implementation is not secure and there is a workaround."
    assert not index.check(swapped).supported
    # "no plan to attack": the infinitive is the plan's, however the parser hangs it
    v = index.check("There was no plan (as of September 2018) to attack the city of Idlib itself.")
    assert v.coverage == 1.0 and not [f for f in v.findings if f.kind == "negation"]


def test_a_plural_demonym_is_its_state_and_a_lower_case_word_is_no_name() -> None:
    from service.text.grounding import body_index

    index = body_index("The US, Israel, the Saudis, and their allies support the groups. In most cases, the mother "
                       "is given power of attorney, Tourgeman said.")
    assert index.check("The US, Israel, Saudi Arabia and their allies support the groups.").supported
    v = index.check("Tourgeman said that in most cases the mother is given power of attorney over embryos.")
    assert "embryos" not in v.missing_names


def test_an_age_in_apposition_may_come_from_where_the_article_gives_it_beside_the_same_name() -> None:
    from service.text.grounding import body_index

    index = body_index("Jamie Silvonek (left), 14, and her boyfriend, Caleb Barnes, 20, were arrested. The case drew "
                       "national attention. Neighbours described a quiet street. Jamie Silvonek was charged as an "
                       "adult with homicide, the attorney announced Thursday.")
    charged = "was charged as an adult with homicide, the attorney announced."
    assert index.check(f"Jamie Silvonek, 14, {charged}").supported
    assert not index.check(f"Jamie Silvonek, 15, {charged}").supported


def test_a_name_put_word_for_word_where_the_passage_names_another_is_a_swap_whatever_its_kind() -> None:
    from service.text.grounding import body_index

    index = body_index("The quake struck at 15:48, INGV said, with its epicentre in Garfagnana. Phone lines were down "
                       "and power supplies were cut in the Garfagnana area after the quake.")
    assert index.check("Phone lines were down and power supplies were cut in the Garfagnana area after the quake.") \
        .supported
    v = index.check("Phone lines were down and power supplies were cut in the INGV area after the quake.")
    assert not v.supported and "INGV" in v.missing_names


def test_a_place_of_the_article_put_right_after_the_words_the_passage_has_before_another_place_is_a_swap() -> None:
    from service.text.grounding import body_index

    index = body_index("President Morales was travelling to Brazil. The law was signed by his deputy. More than "
                       "500,000 children already work to supplement family income in Bolivia according to the United "
                       "Nations Children's Fund (Unicef). Many clean shoes in La Paz.")
    assert not index.check("More than 500,000 children already work to supplement family income in Brazil.").supported
    v = index.check("More than 500,000 children already work to supplement family income in Bolivia.")
    assert "Bolivia" not in v.missing_names


def test_a_statement_cannot_escape_who_did_what_by_matching_a_sentence_that_borrows_the_names() -> None:
    from service.text.grounding import body_index

    index = body_index("The law, signed by Kansas Gov. Sam Brownback on Tuesday, bans the procedure. Julie Burkhart, "
                       "of a Wichita clinic, said on Twitter that the signing of the law marked a sad day for Kansas.")
    assert index.check("Kansas Gov. Sam Brownback signed the law on Tuesday.").supported
    v = index.check("The law signed Kansas Gov. Sam Brownback on Tuesday.")
    assert not v.supported and any("exchanged" in r or "acting" in r for r in v.reasons)


def test_a_name_the_statement_gives_as_a_modifier_does_not_answer_for_the_argument_it_displaced() -> None:
    from service.text.grounding import body_index

    index = body_index("Syrian Deputy Foreign Minister Faisal al-Mekdad told the BBC that Syria is doing its best to "
                       "comply with the timetable. Turkey and Russia agreed on a ceasefire in Idlib.")
    said = "Syrian Deputy Foreign Minister Faisal al-Mekdad told the BBC that {} is doing its best to comply."
    assert index.check(said.format("Syria")).supported
    assert not index.check(said.format("Mekdad")).supported
    assert index.check("Russia and Turkey agreed on a ceasefire in Idlib.").supported  # two names reordered


def test_a_place_from_elsewhere_in_the_place_of_the_sentences_is_caught() -> None:
    source = ("Britain has sent no troops to the region. Officials in Tehran spoke on Monday. Talks went on. "
              "Nothing was agreed. Iranian military advisors are in Syria, not frontline combat troops.")
    assert _verdicts("Iranian military advisors are in Syria, not frontline combat troops.", source) == [True]
    v = verify_summary(source, "Iranian military personnel in Britain are advisors, not frontline combat troops.")[0]
    assert not v.supported and any("Britain where the sentence names Syria" in r for r in v.reasons), v.reasons


def test_a_party_moved_into_the_other_role_is_caught() -> None:
    # "US" is a name here, not the pronoun "us": the coordinated subject is compared party by party.
    source = "The US and NATO vowed to support Turkey, but so far they have limited this support to words."
    assert _verdicts("The US and NATO vowed to support Turkey.", source) == [True]
    v = verify_summary(source, "Turkey and NATO vowed to support Turkey.")[0]
    assert not v.supported and any("The US and NATO" in r for r in v.reasons), v.reasons


def test_an_actor_the_source_leaves_out_of_a_passive_is_not_supplied() -> None:
    source = ("Canadian police searched the woods on Tuesday. Two men crossed the border with backpacks. "
              "One of the men dropped his backpack, fired a weapon at the agents, and ran, according to a criminal "
              "complaint filed in US federal court in Washington on Wednesday.")
    v = verify_summary(source, "According to a criminal complaint filed by Canadian police, one of the men dropped "
                               "his backpack and fired a weapon at the agents.")[0]
    assert not v.supported and any("does not say who" in r for r in v.reasons), v.reasons


def test_a_supported_sentence_joining_two_facts_shows_the_evidence_of_each() -> None:
    filler = " ".join(f"Talks resumed in round {n}." for n in range(6))
    source = f"Turkey deployed 1,000 units of military equipment in Idlib. {filler} On February 8, Ankara hosted a " \
             "Russian-Turkish meeting on Idlib."
    v = verify_summary(source, "Turkey deployed 1,000 units of military equipment in Idlib, and Ankara hosted a "
                               "Russian-Turkish meeting on Idlib on February 8.")[0]
    assert v.supported
    assert [s.text[:14] for s in v.support] == ["Turkey deploye", "On February 8,"]


def test_the_place_a_paragraph_set_may_name_a_later_sentence_s_event() -> None:
    source = ("Fighting in Aleppo went on. Shelling hit Aleppo and Homs. Aid reached Aleppo and Homs. "
              "Talks in Geneva ended without a deal.\n\n"
              "On February 12, a US patrol was blocked by angry locals in the province of Qamishli. "
              "US troops found themselves in an intense firefight with the villagers. "
              "A teenager was shot during the protest. "
              "The incident happened near a checkpoint of the Syrian Army.")
    grounded = _claims_path(source, "The incident happened near a checkpoint of the Syrian Army.")
    assert grounded("The Qamishli incident happened near a checkpoint of the Syrian Army.") == "supported"
    # A place the paragraph never named is another party's.
    assert grounded("The Geneva incident happened near a checkpoint of the Syrian Army.") == "unsupported"


def test_a_denial_reported_with_another_verb_is_the_same_denial() -> None:
    source = "But the study says there is no clear evidence of academic improvement for pupils using tablets."
    assert _verdicts("The study found no clear evidence of academic improvement for pupils using tablets.",
                     source) == [True]
    v = verify_summary(source, "The study found clear evidence of academic improvement for pupils using tablets.")[0]
    assert not v.supported and any("opposite" in r for r in v.reasons)


def test_forgetting_to_do_something_is_not_doing_it() -> None:
    source = "The Pentagon forgot to mention the role of the Syrian Army in its statement on the encounter."
    v = verify_summary(source, "The Pentagon's statement on the encounter did mention the role of the Syrian Army.")[0]
    assert not v.supported and any("opposite" in r for r in v.reasons)


def test_roles_read_right_in_a_causative_a_copula_and_an_including_list() -> None:
    source = ("Waldron said he will petition to have the case moved to juvenile court. "
              "The liberation of rural Hama, Latakia and Idlib are the main objectives. "
              "Turkey deployed approximately 1,000 units of military equipment, including self-propelled howitzers "
              "and Leopard 2A4 battle tanks, in the Syrian province of Idlib.")
    # "have the case moved": the case is moved, it does not move anything.
    assert _verdicts("Waldron said he will petition to move the case to juvenile court.", source) == [True]
    # A copula's two sides may be given either way round.
    assert _verdicts("The main objectives are the liberation of rural Hama, Latakia and Idlib.", source) == [True]
    # "Turkish equipment" is deployed by Turkey: a name on a thing does not make the thing Turkey.
    assert _verdicts("The Turkish military equipment deployed to Idlib included self-propelled howitzers and "
                     "Leopard 2A4 battle tanks.", source) == [True]
    # What "including" lists is part of the noun it hangs on, not the reverse.
    v = verify_summary(source, "Self-propelled howitzers and Leopard 2A4 battle tanks included the Turkish military "
                               "equipment deployed to Idlib.")[0]
    assert not v.supported and any("exchanged" in r for r in v.reasons)


def test_a_first_word_the_source_only_writes_in_lower_case_is_no_name() -> None:
    source = "The government denied reports that rebels had seized most of the central prison in Aleppo."
    v = verify_summary(source, "Rebels had seized most of the central prison in Aleppo, reports said.")[0]
    assert not v.missing_names and not any("Rebels" in r for r in v.reasons)
    # A capitalised first word the source never has is still a name it lacks.
    v = verify_summary(source, "Kurds had seized most of the central prison in Aleppo, reports said.")[0]
    assert not v.supported and "Kurds" in v.missing_names


def test_a_party_the_source_equates_with_a_copula_is_the_same_party() -> None:
    source = ("Another famous Arsenal name expected at Sandown is Liam Brady, one of McCoy's sporting heroes from his "
              "childhood. Tony Adams manages Gabala.")
    index = SourceIndex(source)
    quote = source.split(" Tony")[0]

    def grounded(claim: str) -> str:
        return ground_claim(index, claim, 0, len(quote), quote, "the author").status

    assert grounded("Liam Brady, one of McCoy's sporting heroes, is expected at Sandown.") == "supported"
    assert grounded("Tony Adams, one of McCoy's sporting heroes, is expected at Sandown.") == "unsupported"


def test_the_name_before_a_persons_is_who_the_article_says_the_person_is() -> None:
    source = ("US Defence Secretary Chuck Hagel said the plan was falling behind schedule. "
              "Brownback, a Republican, announced the signing on Twitter. Kansas Gov. Sam Brownback signed it. "
              "Turkish troops crossed the border. Erdogan said the Syrians should withdraw.")
    # The epithet the article gives a person elsewhere makes a claim about them self-contained.
    assert _verdicts("Kansas Gov. Sam Brownback is a Republican.", source) == [True]
    # Another state's or place's: not who the article says the person is.
    v = verify_summary(source, "Syrian Defence Secretary Chuck Hagel said the plan was falling behind schedule.")[0]
    assert not v.supported and any('calls Chuck Hagel "US Defence Secretary"' in r for r in v.reasons)
    assert _verdicts("Wichita Gov. Sam Brownback is a Republican.", source) == [False]
    # No epithet in the article, but a leader is his state's ("Syrian President Erdogan" is not Turkey's).
    v = verify_summary(source, "Syrian President Erdogan said the Syrians should withdraw.")[0]
    assert not v.supported and any("the leader of Turkey" in r for r in v.reasons)
    assert _verdicts("Turkish President Erdogan said the Syrians should withdraw.", source) == [True]


def test_two_titled_names_run_together_are_two_parties_and_a_person_is_no_place() -> None:
    source = ("Two men were arrested near Sumas, Washington, by border agents. The other man was identified as "
              "Jeffrey Laviolette. According to border patrol agents, the backpacks Mr Hall and Mr Laviolette were "
              "carrying contained a total of 58lb (26kg) of ecstasy. The arrests followed a long investigation. "
              "Officials declined to comment. The wooded area a few miles east of a highway "
              "border crossing is a well-known smuggling route.")
    # The tagger reads "Mr Hall and Mr Laviolette" as one name: each is a party of its own.
    v = verify_summary(source, "The backpacks Jeffrey Laviolette was carrying contained a total of 58lb (26kg) of "
                               "ecstasy.")[0]
    assert not v.missing_names and not any("Laviolette" in r for r in v.reasons)
    grounded = _claims_path(source, "The wooded area a few miles east of a highway border crossing is a well-known "
                                    "smuggling route.")
    assert grounded("The wooded area a few miles east of a highway border crossing near Sumas is a well-known "
                    "smuggling route.") == "supported"
    # A person of the article where a claim places a thing is no place the article gives.
    assert grounded("The wooded area a few miles east of a highway border crossing near Mr Hall is a well-known "
                    "smuggling route.") == "unsupported"


def test_a_name_put_where_the_sentence_names_another_is_caught_whatever_else_the_statement_names() -> None:
    source = ("Iran backs the government. Turkish and Russian delegations met in Ankara on February 8. From the "
              "Turkish side, the meeting was attended by Deputy Foreign Minister Sedat Onal. Thousands of Pentagon "
              "troops, paramilitaries, and private military contractors remain in northern and southern parts of "
              "the country. "
              "Mr Mekdad said a shipment of weapons came under attack twice on its way from Damascus to the port of "
              "Latakia. Access to Anonymous International's website is currently blocked in Russia.")
    assert _verdicts("The Turkish side at the Ankara meeting was led by Deputy Foreign Minister Sedat Onal.",
                     source) == [True]
    # A capital names its city, not the state another name displaced ("the Ankara meeting", "Turkish side").
    v = verify_summary(source, "The Syrian side at the Ankara meeting was led by Deputy Foreign Minister Sedat "
                               "Onal.")[0]
    assert not v.supported and any("names Turkish" in r for r in v.reasons)
    # A proper noun the tagger missed is displaced all the same.
    v = verify_summary(source, "Thousands of Iran troops, paramilitaries and private military contractors remain in "
                               "northern and southern parts of the country.")[0]
    assert not v.supported and any("names Pentagon" in r for r in v.reasons)
    # "Syrian weapons" does not answer for the "Damascus" a person was put in place of.
    assert _verdicts("Mr Mekdad said a shipment of Syrian weapons came under attack twice on its way from Damascus "
                     "to the port of Latakia.", source) == [True]
    v = verify_summary(source, "Mr Mekdad said a shipment of Syrian weapons came under attack twice on its way from "
                               "Mekdad to the port of Latakia.")[0]
    assert not v.supported and any("names Damascus" in r for r in v.reasons)
    # A swap at the end of the sentence is bounded by the end of both.
    v = verify_summary(source, "Access to Anonymous International's website is blocked in Anonymous International.")[0]
    assert not v.supported and any("names Russia" in r for r in v.reasons)


def test_a_name_around_the_sentence_gives_whose_a_thing_is_only_if_it_owns_or_places_it() -> None:
    source = ("Bolivia has become the first nation to legalise child labour from the age of 10. Child labour is "
              "common in Bolivia, Peru and Paraguay, though Peru and Paraguay ban it. The measure was signed into "
              "law by Mr Garcia in the absence of President Evo Morales, who was "
              "travelling to Brazil. The law permits 12-year-olds to work. It also sets harsher punishment for "
              "violence against children.")
    grounded = _claims_path(source, "It also sets harsher punishment for violence against children.")
    assert grounded("Bolivia's new law sets harsher punishment for violence against children.") == "supported"
    # Brazil is only where someone travelled: the law is not Brazil's.
    assert grounded("Brazil's new law sets harsher punishment for violence against children.") == "unsupported"


def test_a_things_place_is_one_the_article_gave_it_before_the_sentence_that_refers_to_it() -> None:
    source = ("A quake struck Tuscany, Umbria and Lazio on Monday. The quake was felt in Milan and Turin. Umbria and "
              "Lazio reported no damage, nor did Tuscany or Turin. Milan and Turin closed schools. Officials in "
              "Milan, Turin, Umbria and Lazio met. In 1980, a quake near Naples killed thousands.")
    grounded = _claims_path(source, "The quake was felt in Milan and Turin.")
    assert grounded("The quake in Tuscany was felt in Milan and Turin.") == "supported"
    # "The quake" points back: not to the quake near Naples the article tells of later.
    assert grounded("The quake near Naples was felt in Milan and Turin.") == "unsupported"


def test_an_event_is_placed_where_the_article_set_it_before_not_by_a_place_named_after() -> None:
    source = ("The magnitude-4.8 quake struck at a depth of 15.5km, 35km north of the city of Lucca, officials said. "
              "The tremor was felt as far away as Milan and Florence. There were no immediate reports of injuries or "
              "damage. Italy is prone to earthquakes. In 2009 almost 300 people died in a quake in L'Aquila in the "
              "central Abruzzo region. L'Aquila is still rebuilding.")
    grounded = _claims_path(source, "There were no immediate reports of injuries or damage.")
    assert grounded("There were no immediate reports of injuries or damage from the quake near Lucca.") == "supported"
    assert grounded("There were no immediate reports of injuries or damage from the quake near L'Aquila.") \
        == "unsupported"


def test_a_participle_after_a_verb_of_saying_says_what_its_subject_says() -> None:
    source = ("Elcomsoft makes software that recovers passwords. \"I think that implementation is secure, and so there "
              "is no workaround,\" Vladimir Katalov told the BBC, adding that his program could no longer even get a "
              "list of devices linked to a user's account. Elcomsoft sells it to police.")
    assert _verdicts("Vladimir Katalov said his program could no longer get a list of devices linked to a user's "
                     "account.", source) == [True]
    # "adding that ..." is Katalov's word: not Elcomsoft's.
    v = verify_summary(source, "Elcomsoft said his program could no longer get a list of devices linked to a user's "
                               "account.")[0]
    assert not v.supported and any("Vladimir Katalov" in r for r in v.reasons)


def test_a_month_the_sentences_around_give_is_the_sentences_month_in_an_undated_article() -> None:
    source = ("The quake struck on Friday. Last May, two earthquakes in the same area left more than 20 people dead. "
              "The strongest tremor was magnitude-6 and caused significant damage. Italy is prone to earthquakes. "
              "Scientists had said a major quake was unlikely. In June, they were tried for their advice.")
    grounded = _claims_path(source, "The strongest tremor was magnitude-6 and caused significant damage.")
    assert grounded("The strongest of the previous May's earthquakes was magnitude-6 and caused significant "
                    "damage.") == "supported"
    assert grounded("The strongest of the previous June's earthquakes was magnitude-6 and caused significant "
                    "damage.") == "unsupported"


def test_a_description_in_apposition_is_the_named_partys_and_a_statement_is_whose_its_modifier_says() -> None:
    source = ("CNN could not reach the agency. Kansas Gov. Sam Brownback signed the law on Tuesday. Julie Burkhart, "
              "CEO of Wichita-based South Wind Women's Center, said on Twitter that the signing marked a sad day for "
              "Kansas. NASA said the spacecraft was spinning. \"The spacecraft was not carrying any critical "
              "supplies,\" a statement said.")
    assert _verdicts("Julie Burkhart is CEO of South Wind Women's Center.", source) == [True]
    v = verify_summary(source, "Sam Brownback is CEO of South Wind Women's Center.")[0]
    assert not v.supported and any("says that of Julie Burkhart" in r for r in v.reasons)
    # Whose statement: a modifier the article never puts on it is another party's.
    v = verify_summary(source, "A CNN statement said the spacecraft was not carrying any critical supplies.")[0]
    assert not v.supported and any("never says it of the statement" in r for r in v.reasons)


def test_a_person_from_elsewhere_in_place_of_the_one_the_sentence_names_is_a_swap() -> None:
    source = ("The film stars Peter O'Toole, Steven Berkoff and Joss Ackland. Joss Ackland plays the emperor. "
              "In the pictures O'Toole, the star of 1962 classic film Lawrence of Arabia, can be seen laughing and "
              "joking with fellow cast members despite suffering from a long-term illness that would eventually prove "
              "fatal.")
    grounded = _claims_path(source, "despite suffering from a long-term illness that would eventually prove fatal")
    assert grounded("Peter O'Toole was suffering from a long-term illness that eventually proved fatal.") == "supported"
    assert grounded("Joss Ackland was suffering from a long-term illness that eventually proved fatal.") \
        == "unsupported"


def test_a_condition_may_be_kept_as_a_restriction_on_the_party() -> None:
    source = ("Apple's two-step verification asks for a four-digit code. If the person does not enter the code, they "
              "are refused access to iCloud.")
    index = SourceIndex(source)
    quote = "If the person does not enter the code, they are refused access to iCloud."
    start = source.index(quote)

    def grounded(claim: str) -> tuple[str, list[str]]:
        g = ground_claim(index, claim, start, start + len(quote), quote, "the author")
        return g.status, g.reasons

    # "a person who does not enter the code" restricts the person as the "if" does. (Not "a user": since the
    # content threshold keeps 93 % of the hand-written claims, 0.351, one word of six the sentence lacks is too many
    # here.)
    assert grounded("A person who does not enter the code is refused access to iCloud.")[0] == "supported"
    status, reasons = grounded("A person is refused access to iCloud.")
    assert status == "unsupported" and any("condition" in r for r in reasons)


def test_finding_oneself_somewhere_reports_nobodys_word_finding_that_does() -> None:
    source = ("On February 12, a US military patrol was blocked by villagers near Qamishli. At some moment, US troops "
              "found themselves in an intense firefight with the villagers. A study found that tablets help pupils.")
    index = SourceIndex(source)

    def grounded(quote: str, claim: str) -> tuple[str, list[str]]:
        start = source.index(quote)
        g = ground_claim(index, claim, start, start + len(quote), quote, "the author")
        return g.status, g.reasons

    assert grounded("At some moment, US troops found themselves in an intense firefight with the villagers.",
                    "US troops were in an intense firefight with the villagers.") == ("supported", [])
    status, reasons = grounded("A study found that tablets help pupils.", "Tablets help pupils.")
    assert status == "unsupported" and any("A study" in r for r in reasons)


def test_many_stands_for_the_plural_noun_before_it() -> None:
    source = ("Shark fin soup is banned in many countries. Graham Buckingham said as many as one in five Chinese "
              "restaurants could be offering the dish, but many disguised it as 'fish fin soup'.")
    assert _verdicts("Many Chinese restaurants disguised the dish as 'fish fin soup', Graham Buckingham said.",
                     source) == [True]
    v = verify_summary(source, "The dish disguised many Chinese restaurants as 'fish fin soup', Graham Buckingham "
                               "said.")[0]
    assert not v.supported and any("exchanged" in r for r in v.reasons)


def test_a_rank_the_article_gives_another_person_is_that_persons() -> None:
    source = ("Nick Loeb wants to keep the embryos. Their fertility doctor, Dr. David Tourgeman, said the clinic "
              "stores them. Dr. David Tourgeman said that if there is a disagreement, the courts usually decide who "
              "owns the embryos.")
    grounded = _claims_path(source, "Dr. David Tourgeman said that if there is a disagreement")
    claim = "{} said that if there is a disagreement, the courts usually decide who owns the embryos."
    assert grounded(claim.format("Dr. David Tourgeman")) == "supported"
    # The doctor's title kept, the name swapped for another person's: the article never calls Loeb a doctor.
    assert grounded(claim.format("Dr. Nick Loeb")) == "unsupported"
    verdict = SourceIndex(source).check_many([claim.format("Dr. Nick Loeb")])[0]
    assert not verdict.supported and any("never calls Nick Loeb" in r for r in verdict.reasons), verdict.reasons


def test_an_office_the_article_gives_another_person_beside_the_name_is_that_persons() -> None:
    """Tried as a user would (a fraud trial): the small model's "Doyle's barrister, Helen Marsh, has remanded him"
    was supported, where the article's barrister is Richard Amos and Helen Marsh the judge. An office set off by
    commas beside a name is read as a title before the name is; one the article never uses is left alone."""
    source = ("Doyle's barrister, Richard Amos KC, had argued that his client was the victim of a scheme run by "
              'Walsh. "This was a calculated betrayal," Anne Kessler, the prosecutor, told the jury. Judge Helen '
              "Marsh remanded Doyle in custody.")
    index = SourceIndex(source)
    wrong = ["Doyle's barrister, Helen Marsh, remanded Doyle in custody.",
             "Helen Marsh, the prosecutor, remanded Doyle in custody.",
             "Anne Kessler, the judge, told the jury it was a calculated betrayal."]
    right = ["Judge Helen Marsh remanded Doyle in custody.",
             "Richard Amos, Doyle's lawyer, had argued that his client was the victim of a scheme run by Walsh.",
             "Anne Kessler, the prosecutor, told the jury it was a calculated betrayal.",
             "Helen Marsh, the judge, remanded Doyle in custody."]
    for v in index.check_many(wrong):
        assert not v.supported and any("never calls" in r for r in v.reasons), v.reasons
    assert [v.supported for v in index.check_many(right)] == [True] * len(right)


@pytest.mark.parametrize(("source", "statement"), [
    # (a review's probes: an office word before a name without the commas, an office made another by its
    # adjective, an office in a relative clause or a list, are no one's)
    ("Judge Aileen Cannon, whom Donald Trump appointed, dismissed the case on Monday.",
     "The judge Trump appointed, Aileen Cannon, dismissed the case on Monday."),
    ("Kamala Harris, the vice president, met voters. President Joe Biden stayed in Washington.",
     "President Joe Biden stayed in Washington."),
    ("Walsh pleaded guilty. Doyle's barrister, Richard Amos, argued for bail.",
     "Walsh, whose lawyer, Richard Amos, argued for bail, pleaded guilty."),
])
def test_an_office_word_that_names_no_ones_office_rejects_nothing(source: str, statement: str) -> None:
    verdict = SourceIndex(source).check_many([statement])[0]
    assert not any("never calls" in r for r in verdict.reasons), verdict.reasons


def test_a_verb_of_saying_of_the_claims_own_is_not_the_passages_other_one_and_denying_it_is_caught() -> None:
    source = ("Nick Loeb said he filed a complaint against Sofia Vergara to keep their two embryos. \"We signed a "
              "form stating that any embryos could be brought to term only with both parties' consent. The form did "
              "not say what would happen if we separated,\" he said.")
    quote = "We signed a form stating that any embryos could be brought to term only with both parties' consent."
    index = SourceIndex(source)
    start = source.index(quote)

    def grounded(claim: str) -> tuple[str, list[str]]:
        g = ground_claim(index, claim, start, start + len(quote), quote, "Nick Loeb")
        return g.status, g.reasons

    claim = ("{} he and Sofia Vergara signed a form stating that any embryos could be brought to term only with both "
             "parties' consent.")
    # "said" is Loeb's (the sentence after gives it), not the form's "stating", which the claim has too
    assert grounded(claim.format("Nick Loeb said")) == ("supported", [])
    status, reasons = grounded(claim.format("Nick Loeb did not say"))
    assert status == "unsupported" and any("denies that it was said" in r for r in reasons), reasons
    status, reasons = grounded(claim.format("Sofia Vergara said"))
    assert status == "unsupported" and any("not to" in r and "Sofia Vergara" in r for r in reasons), reasons


def test_an_it_after_a_description_of_the_named_group_points_to_the_group() -> None:
    source = ("Russian activist group Anonymous International made its name by publishing leaked documents from the "
              "Kremlin. It is otherwise known as Shaltay Boltay. Cyber Berkut leaked files. Cyber Berkut hacked "
              "billboards. Reuters reported it, and Reuters said so. The group focuses on Russia's domestic "
              "affairs. In "
              "November it published a letter from a Russian fighter in eastern Ukraine suggesting that locals did "
              "not support the separatist forces.")
    grounded = _claims_path(source, "In November it published a letter")
    claim = ("In November, {} published a letter from a Russian fighter in eastern Ukraine suggesting that locals did "
             "not support the separatist forces.")
    # "The group" of the sentence before is "activist group Anonymous International", though other groups were named
    # since; the claim keeps the letter's "suggesting", which the parser leaves without its subject
    assert grounded(claim.format("Anonymous International")) == "supported"
    assert grounded("In November, Anonymous International published a letter from a Russian fighter in eastern "
                    "Ukraine. Locals did not support the separatist forces.") == "unsupported"


def test_an_acronym_spelt_like_a_function_word_is_a_name_and_the_islamic_state_has_its_press_names() -> None:
    source = ("Evidence supplied by Kurdish sources showed detailed invoices used by IS to calculate daily revenues "
              "from its oil fields. 'SHE IS LYING ABOUT MY AGE,' she wrote.")
    grounded = _claims_path(source, "Evidence supplied by Kurdish sources")
    assert grounded("Evidence supplied by Kurdish sources showed detailed invoices that ISIS used to calculate daily "
                    "revenues from its oil fields.") == "supported"
    assert grounded("Evidence supplied by Kurdish sources showed detailed invoices that Turkey used to calculate "
                    "daily revenues from its oil fields.") == "unsupported"


def test_a_state_is_the_regime_named_after_any_of_its_leaders() -> None:
    # The aliases table gives the US two leaders (Trump and Obama): "the Trump regime" is the US all the same.
    source = ("Nebenzia quoted Pompeo saying: The Trump regime condemns the ruthless assaults on the people of Idlib "
              "by Russia and Iran.")
    grounded = _claims_path(source, "Nebenzia quoted Pompeo")
    assert grounded("Nebenzia quoted Pompeo as saying the US condemns the ruthless assaults on the people of Idlib by "
                    "Russia and Iran.") == "supported"
    assert grounded("Nebenzia quoted Pompeo as saying Iran condemns the ruthless assaults on the people of Idlib by "
                    "Russia and the US.") == "unsupported"


def test_another_state_put_on_the_noun_a_name_of_the_sentence_gives_to_a_state_is_a_swap() -> None:
    source = ("The talks in Ankara ended without a deal. The Syrian Air Force celebrated the Ankara negotiations with "
              "over 120 airstrikes on positions of Hayat Tahrir al-Sham in the provinces of Idlib and Aleppo.")
    grounded = _claims_path(source, "The Syrian Air Force celebrated")
    claim = "{} carried out over 120 airstrikes on positions of Hayat Tahrir al-Sham in Idlib and Aleppo provinces."
    assert grounded(claim.format("Syrian forces")) == "supported"
    # Turkey is the passage's (Ankara), but not on the forces: the sentence's air force is Syria's
    assert grounded(claim.format("Turkish forces")) == "unsupported"
    assert grounded(claim.format("The Turkish Forces")) == "unsupported"


def test_on_the_search_path_parties_exchanged_around_another_verb_are_caught() -> None:
    source = ("Fighting went on near Saraqib. In the past two weeks, government forces liberated 46 Idlib province "
              "towns and villages, Tass reported.")
    assert _verdicts("Government forces took 46 towns and villages in Idlib province, Tass reported.", source) == [True]
    v = verify_summary(source, "46 towns and villages in Idlib province took government forces, Tass reported.")[0]
    assert not v.supported and any("exchanged" in r for r in v.reasons), v.reasons


def test_a_place_put_for_the_sentences_does_not_escape_by_pairing_with_a_sentence_that_names_it() -> None:
    source = ("Tehran has sent soldiers before. Iranian military advisors are in Syria, not frontline combat troops. "
              "The US, Britain, France, Turkey, Israel and their allies actively support anti-Syria jihadists.")
    assert _verdicts("Iranian military advisors are in Syria, not frontline combat troops.", source) == [True]
    v = verify_summary(source, "Iranian military personnel in Britain are advisors, not frontline combat troops.")[0]
    assert not v.supported and any("Britain where the" in r for r in v.reasons), v.reasons


def test_a_place_put_after_the_preposition_of_the_sentences_place_does_not_escape_by_pairing() -> None:
    source = ("The quake struck 35km north of the city of Lucca. In Milan, top floors of tall office blocks shook and "
              "the quake was also felt in Bologna. In Lucca, people poured out into the streets, Ansa said.")
    assert _verdicts("In Milan, top floors of tall office blocks shook during the quake.", source) == [True]
    v = verify_summary(source, "In Lucca, top floors of tall office blocks shook during the quake.")[0]
    assert not v.supported and any("Lucca where the" in r for r in v.reasons), v.reasons
    # a place the article gives elsewhere, not after the same preposition, is not held against the pair
    assert _verdicts("The quake struck north of Lucca and was also felt in Bologna.", source) == [True]


def test_roles_exchanged_where_the_clauses_line_up_do_not_escape_to_a_passage_that_only_shares_words() -> None:
    source = ("Wright, who had seven seasons at Arsenal, will hand over the trophy. The weather was fine. Wright was a "
              "player for Arsenal as a striker for seven years.")
    assert _verdicts("Wright had seven seasons at Arsenal.", source) == [True]
    v = verify_summary(source, "Seven seasons had Wright at Arsenal.")[0]
    assert not v.supported and any("exchanged" in r for r in v.reasons), v.reasons


def test_the_source_of_what_a_party_gave_out_is_that_party_not_whom_it_was_given_to() -> None:
    source = ("Talks went on. According to recent information provided by Turkish intelligence to Russia and Iran, "
              "the Turkish army is prepared to attack any group refusing to submit to Turkey.")
    quote = source[len("Talks went on. "):]
    told = "{} told {} that the Turkish army is prepared to attack any group refusing to submit to Turkey."
    assert _claims_path(source, quote)(told.format("Turkish intelligence", "Russia and Iran")) == "supported"
    ok, reasons, _ = _claim(source, quote, told.format("Russia and Iran", "Turkish intelligence"))
    assert not ok and any('attributes it to "Turkish intelligence"' in r for r in reasons), reasons
    v = verify_summary(source, told.format("Russia and Iran", "Turkish intelligence"))[0]
    assert not v.supported, v.reasons


def test_markdown_emphasis_does_not_hide_who_acts() -> None:
    source = ("While Turkey aggressively increasing its military presence near Idlib city and **working to convince "
              "leaders of local groups to not hurry up with fleeing the area**, Syria and its allies are using the "
              "window of opportunities.")
    v = verify_summary(source, "Damascus is working to convince leaders of local groups not to leave the area.")[0]
    assert not v.supported and any('it names "Turkey"' in r for r in v.reasons), v.reasons


def test_a_place_where_something_is_may_come_from_the_sentences_before_not_after() -> None:
    # (Idlib and Aleppo are what the article is about; Jordan is named once, in the sentence after)
    story = "Fighting raged in Idlib and Aleppo. Idlib and Aleppo were shelled again. "
    after = story + ("Pro-government forces encircled another Turkish observation point. Rebels fled north. The "
                     "highway runs from the border with Jordan to Aleppo.")
    v = verify_summary(after, "Pro-government forces encircled another Turkish observation point in Jordan.")[0]
    assert not v.supported and any("Jordan" in r for r in v.reasons), v.reasons
    before = story + ("The highway runs from the border with Jordan to Aleppo. Rebels fled north. Pro-government "
                      "forces encircled another Turkish observation point.")
    assert _verdicts("Pro-government forces encircled another Turkish observation point in Jordan.", before) == [True]


def test_a_name_put_word_for_word_where_the_sentence_has_one_the_tagger_missed_is_a_swap() -> None:
    source = ("Thousands of Pentagon troops remain in northern and southern parts of the country, including in most "
              "Syrian oil-producing areas.")
    v = verify_summary(source, "Thousands of Damascus troops remain in northern and southern parts of Syria, "
                               "including in most Syrian oil-producing areas.")[0]
    assert not v.supported and any("Damascus where the sentence names Pentagon" in r for r in v.reasons), v.reasons


def test_a_place_in_a_list_after_a_preposition_is_a_place_not_a_party_acting() -> None:
    # "southwestern Aleppo" is the second place "in" which the army advanced: it does not give "Aleppo forces".
    source = ("A few Turkish troops missed the Syrian Army advance in western Idlib and southwestern Aleppo. "
              "Pro-government forces captured the key rebel base of Al-Eis.")
    assert _verdicts("Pro-government forces captured Al-Eis, a key rebel base.", source) == [True]
    v = verify_summary(source, "Aleppo pro-government forces captured Al-Eis, a key rebel base.")[0]
    assert not v.supported and any("Aleppo" in r for r in v.reasons), v.reasons


def test_a_place_put_after_the_words_before_the_sentences_place_does_not_escape_by_pairing() -> None:
    source = ("Both Russia and Iran sustain a strategic relationship with Syria. “There is no plan to attack the city "
              "of Idlib for now”, say the sources.")
    v = verify_summary(source, "There was no plan to attack the city of Russia itself.")[0]
    assert not v.supported and any("Russia where the" in r for r in v.reasons), v.reasons


def test_a_speakers_name_put_word_for_word_for_another_is_a_swap() -> None:
    source = ("Ansa reported damage to churches. Schools were closed. Alessandro Amato of the INGV said the latest "
              "tremor came out of nowhere.")
    assert _verdicts("Alessandro Amato of the INGV said the latest tremor came out of nowhere.", source) == [True]
    v = verify_summary(source, "Alessandro Amato of the Ansa said the latest tremor came out of nowhere.")[0]
    assert not v.supported and any("Ansa where the" in r for r in v.reasons), v.reasons


def test_a_state_written_as_an_adjective_or_with_its_last_dot_taken_is_a_name() -> None:
    source = ("The cargo spacecraft launched early Tuesday from the Baikonur Cosmodrome in Kazakhstan. Meanwhile, "
              "Russian flight controllers continue their efforts to make contact with it. NASA said so.")
    for wrong in ("The cargo spacecraft launched early Tuesday from the Baikonur Cosmodrome in U.S..",
                  "American flight controllers continue their efforts to make contact with the spacecraft."):
        v = verify_summary(source, wrong)[0]
        assert not v.supported and v.missing_names, (wrong, v.reasons)


def test_a_town_has_no_government_forces() -> None:
    source = ("The army was reinforced. Government forces reportedly advanced to about two miles from Maaret "
              "al-Numan on the M5 highway, linking Damascus with Aleppo.")
    grounded = _claims_path(source, "Government forces reportedly advanced")
    claim = "{} government forces reportedly advanced to about two miles from Maaret al-Numan on the M5 highway."
    assert grounded(claim.format("Syrian")) == "supported"
    ok, reasons, _ = _claim(source, "Government forces reportedly advanced", claim.format("Aleppo"))
    assert not ok and any("Aleppo (the sentence never says it of the government)" in r for r in reasons), reasons


def test_he_is_a_person_however_near_a_club_is_named() -> None:
    source = ("Family commitments will keep McCoy away on Sunday when his team host Chelsea. He told Racemail: 'I "
              "have a kind invitation from the chairman to attend any home game.'")
    v = verify_summary(source, "Chelsea told Racemail he has an invitation from the chairman to attend any home "
                               "game.")[0]
    assert not v.supported and any("is a person" in r for r in v.reasons), v.reasons


def test_a_count_the_source_gives_vaguely_is_not_made_precise_with_another_things_number() -> None:
    source = ("Holyfield beat Bowe the following year in a rematch and also scored several victories over Mike Tyson. "
              "But his fortune has gone, frittered away on gambling, funding three expensive divorces.")
    assert _verdicts("Holyfield scored several victories over Mike Tyson.", source) == [True]
    v = verify_summary(source, "Holyfield scored three victories over Mike Tyson.")[0]
    assert not v.supported and any("counts something else" in r for r in v.reasons), v.reasons


def test_a_region_may_have_a_ministry_a_person_tagged_a_place_may_be_he_and_a_noun_may_say_the_verb() -> None:
    # (the limits of three rules above, from a review: each statement is faithful)
    assert _verdicts("The Gaza health ministry said 30 people had been killed in the strikes.",
                     "In Gaza, the health ministry said 30 people had been killed in the strikes.") == [True]
    assert _verdicts("Mekdad said Damascus would not negotiate with the rebels.",
                     "Mekdad arrived in Moscow on Monday. He said Damascus would not negotiate with the rebels.") \
        == [True]
    assert _verdicts("Israel accused Iran after a second blast.",
                     "Iran accused Israel of the attack on Monday. Israel's accusation against Iran followed on "
                     "Tuesday, after a second blast.") == [True]


def test_a_denied_main_clause_the_passage_denies_nothing_of_is_a_negation_added() -> None:
    # The verbs differ ("used" for "publicly employed"), so the clauses do not line up; the denial is still the
    # statement's own.
    source = ("On February 10, militants launched an attack near Saraqib. Militants publicly employed "
              "Turkish-supplied military equipment and weapons.")
    v = verify_summary(source, "The militants did not use Turkish-supplied military equipment and weapons.")[0]
    assert not v.supported and any("negates" in r for r in v.reasons), v.reasons
    denied = "Rana did not speak during the 10-minute appearance."
    assert _verdicts("Rana did not speak during the appearance.", denied) == [True]


def test_a_person_put_where_the_event_is_told_does_not_escape_to_a_passage_that_shares_other_words() -> None:
    # With the content check out of the way (threshold 0): the selection of the passage alone must not let the
    # credit line that names her stand for the sentence that tells who named the guitars.
    source = ("B.B. is short for Blues Boy, part of the name he used as a Memphis disc jockey, the Beale Street Blues "
              "Boy. He was inducted into the Rock and Roll Hall of Fame in 1987, and has 30 Grammy nominations. King, "
              "89, has used various models of Gibson guitars over the years, and named each one of them Lucille. In "
              "the 1980s, Gibson officially dropped the model number on the guitar he used last and most. It became "
              "a custom-made signature model named Lucille, manufactured exclusively for the \"King of the Blues.\" "
              "Some of his hits include \"The Thrill Is Gone,\" which won him his first Grammy in 1970, \"There Must "
              "be a Better World Somewhere\" and \"When Love Comes to Town,\" a collaboration with U2. Last year, the "
              "bluesman suffered from dehydration and exhaustion after a show in Chicago, forcing him to cancel the "
              "remainder of his tour. CNN's Greg Botelho and Sonya Hamasaki contributed to this report.")
    index = SourceIndex(source)
    index.judge.calibration = dataclasses.replace(index.judge.calibration, threshold=0.0)
    assert index.check("King named each of his Gibson guitars Lucille.").supported
    v = index.check("Sonya Hamasaki named each of his Gibson guitars Lucille.")
    assert not v.supported and any("names King" in r for r in v.reasons), v.reasons


def test_a_loaded_verb_lines_up_with_its_neutral_wording_so_its_roles_are_checked() -> None:
    # "liberated" is the lexicon's loaded word for "captured": a statement in the neutral word lines up with the
    # clause, and a description set beside a name ("Saraqib, a former stronghold liberated ...") is the name's.
    # The content check is out of the way (threshold 0): the roles alone must decide.
    index = SourceIndex("According to AMN News, government troops surrounded a Turkish observation post in Saraqib, "
                        "a former major jihadist stronghold liberated last week by the Syrian Army.")
    index.judge.calibration = dataclasses.replace(index.judge.calibration, threshold=0.0)
    assert index.check("Last week the Syrian Army captured Saraqib.").supported
    v = index.check("Last week Saraqib captured the Syrian Army.")
    assert not v.supported and any("exchanged" in r for r in v.reasons), v.reasons


def test_the_place_of_another_event_of_the_same_kind_told_just_before_does_not_place_the_articles_event() -> None:
    source = ("The magnitude-4.8 quake struck 35km north of the city of Lucca, officials said. In 2009 almost 300 "
              "people died in a quake in L'Aquila in the central Abruzzo region. Italy is prone to earthquakes. The "
              "quake was also felt in the cities of Bologna and Modena.")
    grounded = _claims_path(source, "The quake was also felt in the cities of Bologna and Modena.")
    assert grounded("The quake near Lucca was also felt in the cities of Bologna and Modena.") == "supported"
    # "a quake in L'Aquila" is another quake (2009): neither the sentences before nor the article place this one there
    assert grounded("The quake near L'Aquila was also felt in the cities of Bologna and Modena.") == "unsupported"
    v = verify_summary(source, "The quake near L'Aquila was also felt in the cities of Bologna and Modena.")[0]
    assert not v.supported and any("L'Aquila" in r for r in v.reasons), v.reasons


@pytest.mark.parametrize(("source", "statement"), [
    ("The president skipped the summit in Brussels, where leaders agreed a new climate target.",
     "The president did not attend the summit in Brussels, where leaders agreed a new climate target."),
    ("The bank left interest rates on hold at 5.25 percent, as markets had expected.",
     "The bank did not change interest rates, which it held at 5.25 percent as markets had expected."),
    ("The senator, who chairs the committee, abstained in Tuesday's vote.",
     "The senator, who chairs the committee, did not vote on Tuesday."),
])
def test_a_denial_that_paraphrases_a_verb_that_denies_is_no_negation_added(source: str, statement: str) -> None:
    # "skipped", "unchanged", "abstained": the passage denies without "not"; the statement's "did not" says the same.
    assert not any("negates" in r for r in verify_summary(source, statement)[0].reasons)


def test_the_articles_event_told_again_with_an_article_is_still_the_articles_event() -> None:
    # "A suicide attack in Peshawar" re-tells the lede's attack: it places it. Only one set at another time ("in
    # 2009", "last year") is another event.
    source = ("The attack shocked the country. A suicide attack in Peshawar on Monday targeted a police mosque. "
              "Officials counted the dead. Hospitals appealed for blood donors after the attack.")
    grounded = _claims_path(source, "Hospitals appealed for blood donors after the attack.")
    assert grounded("Hospitals appealed for blood donors after the attack in Peshawar.") == "supported"


def test_an_event_told_with_another_verb_of_the_same_parties_is_where_the_event_is_told() -> None:
    source = ("Gunmen attacked a police checkpoint in Kandahar province on Monday night. On Tuesday night, gunmen "
              "stormed a police checkpoint in Helmand province.")
    assert _verdicts("Gunmen attacked a police checkpoint in Helmand province on Tuesday night.", source) == [True]


@pytest.mark.parametrize(("source", "statement"), [
    ("The president skipped the summit in Brussels, where leaders agreed on new sanctions.",
     "The president did not attend the summit in Brussels."),
    ("The bank left interest rates unchanged at 5.25 percent on Thursday.",
     "The bank did not change interest rates on Thursday."),
    ("Biden stayed away from the ceremony, which Trump attended.", "Biden did not go to the ceremony."),
])
def test_a_denial_where_nothing_lines_up_is_no_negation_added_when_the_partys_verb_denies(source: str,
                                                                                        statement: str) -> None:
    # Nothing of the statement lines up ("attend" for "skipped"), but the passage's clause with the same party
    # denies without "not", in its verb or the words on it: the content check decides, not a negation.
    assert not any("negates" in r for r in verify_summary(source, statement)[0].reasons)


def test_a_speaker_the_source_names_with_it_is_attributed_by_name_never_as_it() -> None:
    source = ("The employers' association VRS said the demands would cost 40 million euros a year. "
              "It said it had offered a 4.5% increase over two years.")
    verdict = SourceIndex(source).check("A 4.5% increase over two years was offered.")
    assert verdict.supported and verdict.speaker == "VRS"
    # An "it" that points at no party before: no speaker to name (no "According to It, ...").
    verdict = SourceIndex("It said it had offered a 4.5% increase over two years.").check(
        "A 4.5% increase over two years was offered.")
    assert verdict.speaker is None


def test_a_fact_added_in_passing_in_a_relative_clause_must_be_in_the_source() -> None:
    # (the source's count given plain: "about 1,200" would be a reason of its own, the "about" dropped)
    source = ("1,200 lashers and crane operators joined the 48-hour strike after talks over a new collective "
              "labour agreement broke down on Friday, FNV spokesman Niek Stam said. The union is demanding a 7% pay "
              "rise and early retirement for workers in physically demanding jobs.")
    summary = ("According to FNV spokesman Niek Stam, the union, which represents 1,200 workers, has demanded a 7% "
               "pay rise and early retirement for workers in physically demanding jobs.")
    [made_up] = verify_summary(source, summary)
    assert not made_up.supported and any("in passing" in r and "represents 1,200 workers" in r
                                         for r in made_up.reasons)
    # Without the aside it is supported; so is an aside the source states.
    assert _verdicts(summary.replace(", which represents 1,200 workers,", ""), source) == [True]
    source += " The union, which has 20,000 members, called the strike."
    assert _verdicts(summary.replace("represents 1,200 workers", "has 20,000 members"), source) == [True]
    # The aside is a noun's, up to its closing comma: not a clause the parse ran into it.
    from service.text import nlp
    from service.text.atomic import relative_parts_of
    for text, asides in (
            ("Heavy rain flooded parts of Nairobi, which has a population of about 4.4 million, on Tuesday.", []),
            ("The government said it would extend the law, which bans single-use plastic bags, to plastic cups.",
             ["The law bans single-use plastic bags."])):
        assert relative_parts_of(nlp.parse([text])[0], text) == asides


def test_a_hedge_said_with_another_hedge_word_is_not_missing_content() -> None:
    # 003_f27ca1a4a2b2b138 c15 (a labelled claim both paths rejected): "appear to" for "it seems that". The
    # certainty check compares the hedges; the content check no longer counts the claim's hedge as a missing word.
    from tests.conftest import SEEDS, read

    source = read(SEEDS[3])
    quote = "Moreover, it seems that hundreds of jihadists have left Syria for another destination."
    claim = "Hundreds of jihadists appear to have left Syria for another destination (September 2018)."
    assert _claims_path(source, quote)(claim) == "supported"
    verdict = SourceIndex(source).check(claim)
    assert verdict.supported and verdict.coverage == 1.0 and "appear" not in verdict.missing_words
    # Where the passage does not hedge, the hedge word is the statement's own, and missing.
    plain = "Hundreds of jihadists have left Syria for another destination, Russia said on Monday."
    assert "appear" in SourceIndex(plain).check(claim).missing_words


def test_a_time_told_from_when_the_article_was_written_must_be_the_passages_in_an_undated_article() -> None:
    # (f0 of a trial on FRANK's CNN/DM articles: the embedded model moved "last week" from the road trip to the
    # death, and added "a couple of months ago" to the wedding)
    text = ("A newlywed has died of cancer while on a honeymoon road trip just weeks after his wedding. "
            "John Sims died on Saturday, with his new wife Lindsey Sims by his side. "
            "The pair married March 21 at a cancer centre. Lindsey said they loved the mountains. "
            "They were happy. After the wedding they set off on a cross-country road trip last week. "
            "Last May, two earthquakes in the same area left more than 20 people dead.")
    index = SourceIndex(text)
    assert not index.check("John Sims died of cancer while on a honeymoon road trip last week.").supported
    moved = index.check("Lindsey Sims married John Sims a couple of months ago.")
    assert not moved.supported and any("a couple of months ago" in r for r in moved.reasons)
    assert index.check("After the wedding they set off on a cross-country road trip last week.").supported
    # "the previous May" says "last May"; "the next morning" counts from the story, not from the writing
    assert index.check("Two earthquakes in the same area the previous May left more than 20 people dead.").supported
    text = ("Border agents stopped a man on Tuesday morning. The man was arrested by police in British Columbia "
            "early on Wednesday morning.")
    assert SourceIndex(text).check("The man was arrested by police in British Columbia the next morning.").supported


def test_a_time_said_in_other_words_is_the_same_time_and_this_is_not_last() -> None:
    source = ("Shop owners said trade had collapsed. The council raised business rates last year. Critics said the "
              "rise was unfair. Storms hit the coast overnight. The mayor resigned a month ago. Rates rose on "
              "Tuesday.")
    index = SourceIndex(source)
    for same in ("The council raised business rates a year ago.", "Storms hit the coast last night.",
                 "The mayor resigned last month.", "The mayor resigned last Tuesday."):
        assert index.check(same).supported, same
    for moved in ("The council raised business rates this year.", "Storms hit the coast this week.",
                  "The mayor resigned a couple of months ago."):
        assert not index.check(moved).supported, moved


STORM = ("More than 190,000 homes were left without power on Wednesday after Storm Ellen swept across Ireland, the "
         "electricity company ESB Networks said. Critics said the government's reckless failure to invest in the "
         "grid had left rural communities exposed. The energy minister, Eamon Ryan, rejected that claim, saying "
         "€1bn had been spent on the network since 2015.")


@pytest.mark.parametrize("statement", [
    # What the minister asserts, made what he denies (a small model's summary sentence, and a "denied" for "said").
    "The energy minister Eamon Ryan rejected the claim of €1bn spent on the grid.",
    "Eamon Ryan denied that €1bn had been spent on the network since 2015.",
    # What the critics deny ("failure to invest"), made what they assert.
    "Critics said the government had invested €1bn in the grid.",
])
def test_what_a_verb_denies_is_not_what_the_source_asserts(statement: str) -> None:
    v = verify_summary(STORM, statement)[0]
    assert not v.supported and any("opposite" in r for r in v.reasons), v.reasons


def test_a_verb_of_saying_is_not_one_of_denying() -> None:
    # The parser hangs "the U.S. supplies" on "denied" as its object: the verbs lined up say it.
    source = 'The U.S. supplies on board include spare parts, "all of which are replaceable," NASA said.'
    v = verify_summary(source, "NASA denied the U.S. supplies on board are replaceable.")[0]
    assert not v.supported and any("opposite" in r for r in v.reasons), v.reasons
    # Where the parse leaves the denied clause out of reach ("Faisal al-Mekdad denied" is read as three subjects),
    # the verbs lined up, the same speaker's, still say it.
    source = ("Deputy Foreign Minister Faisal al-Mekdad spoke to the BBC. Mr Mekdad said a shipment of weapons came "
              "under attack twice on its way to the port.")
    v = verify_summary(source, "Faisal al-Mekdad denied a shipment of weapons came under attack twice on its way to "
                               "the port.")[0]
    assert v.reasons == ['the source says the opposite: it has "said" where this has "denied"'], v.reasons
    # A paraphrase of a denial has the "not" the denial stands for.
    denial = "Officials denied that the data was used to direct artillery fire."
    assert _verdicts("Officials said the data was not used to direct artillery fire.", denial) == [True]


def test_a_denial_that_answers_another_sentence_or_shares_only_its_verb_is_no_negation() -> None:
    # "rejected that claim" answers the critics' sentence: the minister rejecting what they said is what it says.
    assert not any("opposite" in r for r in verify_summary(
        STORM, "Eamon Ryan rejected the critics' claim that the government's failure to invest in the grid had left "
               "rural communities exposed.")[0].reasons)
    # "deny using hacker-obtained information" and "We only use data obtained by people we trust": the same verb,
    # other things used.
    source = ('Some say the troops use hacked data to direct artillery fire. But officials deny this. "We only use '
              'data obtained by people we trust and know," a military spokesman said.')
    v = verify_summary(source, "Officials deny using hacker-obtained information to direct artillery fire.")[0]
    assert not any("opposite" in r for r in v.reasons), v.reasons
    # "a dispute over frozen embryos" is a quarrel, not a denial of the embryos.
    quarrel = ("Sofia Vergara's ex-fiance is speaking out about their dispute over frozen embryos created while they "
               "dated.")
    v = verify_summary(quarrel, "Sofia Vergara's ex-fiance is speaking out about their dispute over the frozen embryos "
                                "they created.")[0]
    assert not any("opposite" in r for r in v.reasons), v.reasons


def test_a_named_speaker_of_the_passage_is_not_the_group_that_said_it() -> None:
    v = verify_summary(STORM, "Eamon Ryan said the government's failure to invest in the grid had left rural "
                              "communities exposed.")[0]
    assert not v.supported and any("attributes it to \"Critics\", not to \"Eamon Ryan\"" in r for r in v.reasons)
    # Whom the statement has deny it is not its speaker.
    assert not any("not to" in r for r in verify_summary(
        STORM, "Eamon Ryan denied that the government's failure to invest in the grid had left rural communities "
               "exposed.")[0].reasons)
    assert _verdicts("Critics said the government's failure to invest in the grid had left rural communities "
                     "exposed.", STORM) == [True]


def test_two_parties_of_different_kinds_put_in_apposition_are_not_one() -> None:
    # The small model's sentence for STORM: the place and the company that reported the outage made one. (Read on
    # the parse: without "national" the parser makes no apposition of it, and the rule does not see it.)
    v = verify_summary(STORM, "The Storm Ellen swept across Ireland, the national electricity company ESB Networks, "
                              "on Wednesday, leaving thousands without power.")[0]
    assert not v.supported and any("makes Ireland and ESB Networks one" in r for r in v.reasons), v.reasons
    # The article's own apposition ("Eamon Ryan, the energy minister") and a bracket (a region, an alias) are not.
    assert not any("one;" in r for r in verify_summary(
        STORM, "The energy minister, Eamon Ryan, rejected that claim.")[0].reasons)
    source = "Government forces made militants near Jarjanaz, in southeast Idlib, retreat."
    assert not any("one;" in r for r in verify_summary(
        source, "Government forces made militants near Jarjanaz (Idlib) retreat.")[0].reasons)


def test_whose_a_noun_is_by_a_possessive_must_be_the_passages_of() -> None:
    # The small model's lead for a court report: the man became the owner of the office he held.
    source = ("A former mayor of Eastbrook was jailed for six years on Tuesday after a jury found him guilty of "
              "defrauding the town's housing fund of £2.3m. Peter Lang, 61, had denied four counts of fraud. Lang's "
              "lawyer said his client would appeal.")
    v = verify_summary(source, "Lang's former mayor was jailed for six years for defrauding the town's housing fund "
                               "of £2.3m.")[0]
    assert not v.supported and any("Lang where the passage names Eastbrook" in r for r in v.reasons), v.reasons
    assert _verdicts("Eastbrook's former mayor was jailed for six years on Tuesday.", source) == [True]
    assert _verdicts("Lang's lawyer said his client would appeal.", source) == [True]


ACME = ("Acme Corp said on Tuesday that its net profit fell 20% to $1.2bn in the three months to December. Revenue "
        "rose 4% to $15.3bn, helped by higher prices. Chief executive Maria Lopez said the shortage would ease in the "
        "second half of the year. Analysts at Barclays were less optimistic, warning that supply problems could last "
        "into 2023.")


def test_a_clause_lined_up_with_another_partys_is_still_compared_with_its_own() -> None:
    # "rose" lines up with the revenue's "rose" in the next sentence; the profit's own verb is "fell".
    v = verify_summary(ACME, "Acme's net profit rose 20% to $1.2bn in the three months to December.")[0]
    assert not v.supported and any("opposite" in r for r in v.reasons), v.reasons
    assert _verdicts("Revenue rose 4% to $15.3bn.", ACME) == [True]


def test_a_group_named_with_a_name_in_a_phrase_is_not_a_named_speaker() -> None:
    v = verify_summary(ACME, "Analysts at Barclays said the shortage would ease in the second half of the year.")[0]
    assert not v.supported and any("not to \"Analysts at Barclays\"" in r for r in v.reasons), v.reasons
    assert _verdicts("Maria Lopez said the shortage would ease in the second half of the year.", ACME) == [True]


def test_a_wire_dateline_is_not_who_acts_in_the_first_sentence() -> None:
    # (the place and the agency had been read as the subject: "the one acting is not who the source says: it names
    # 'COPENHAGEN, March 4 (Reuters'")
    source = ("Rail strike halts trains across Denmark\n\nCOPENHAGEN, March 4 (Reuters) - Train drivers across "
              "Denmark walked out on Wednesday after talks with the state operator DSB broke down late on Tuesday.")
    assert _verdicts("Train drivers across Denmark walked out on Wednesday after talks with DSB broke down.",
                     source) == [True]
    assert _verdicts("Train drivers across Denmark walked out on Thursday.", source) == [False]


def test_a_word_that_opens_a_sentence_of_the_source_as_no_name_opens_a_statement_as_none() -> None:
    # (cnndm_2c05ddcc: "Blues" is a name in "Blues Boy", and the statement that copies the opening sentence had
    # been read as naming a party "Blues" the sentence does not name)
    source = ("Blues legend B.B. King was hospitalized for dehydration, though the ailment didn't keep him out for "
              "long. B.B. is short for Blues Boy, the name he used as a Memphis disc jockey.")
    assert _verdicts("Blues legend B.B. King was hospitalized for dehydration, though the ailment didn't keep him "
                     "out for long.", source) == [True]


RAIL = ("Train drivers walked out on Wednesday after talks with the state operator DSB broke down. The union "
        "said fewer than 10% of scheduled trains ran in the morning. DSB said the union had rejected an offer that "
        "was higher than those accepted by other public-sector workers. Roads into the capital were more congested "
        "than usual, and traffic was 30% heavier than on a normal Wednesday. Earlier in the dispute, Jesper Lund "
        "said the union had been patient.")


def test_a_comparison_turned_round_is_the_opposite_and_a_converse_paraphrase_is_not() -> None:
    turned = ["More than 10% of scheduled trains ran in the morning, the union said.",
              "Train drivers walked out on Wednesday before talks with DSB broke down.",
              "DSB said the union had rejected an offer that was lower than those accepted by other public-sector "
              "workers.",
              "Roads into the capital were less congested than usual.",
              "Traffic was 30% lighter than on a normal Wednesday.",
              "Later in the dispute, Jesper Lund said the union had been patient."]
    for sentence in turned:
        _rejected_saying(RAIL, sentence, "the source says the opposite")
    kept = ["Fewer than 10% of scheduled trains ran in the morning, the union said.",
            "Under 10% of scheduled trains ran in the morning, the union said.",  # the same bound in other words
            "Talks with DSB broke down before the train drivers walked out on Wednesday.",  # the order, told the
            "Roads into the capital were more congested than usual."]                      # other way round
    assert _verdicts(" ".join(kept), RAIL) == [True] * len(kept)


def test_what_a_party_can_do_is_not_stated_as_done() -> None:
    source = ("The new scanner can detect tumours as small as two millimetres, the hospital said on Monday. "
              "Parliament can end a strike by law, as it did in a nurses' dispute in 2021. Doctors at St Mary's "
              "will begin using it in June.")
    for sentence in ("The new scanner detected tumours as small as two millimetres, the hospital said.",
                     "The new scanner has detected tumours as small as two millimetres.",
                     "Doctors at St Mary's began using the scanner in June."):
        v = verify_summary(source, sentence)[0]
        assert not v.supported and any("only that it can or will be done" in r for r in v.reasons), (sentence,
                                                                                                 v.reasons)
    # (what the passage says was done once may be stated as done)
    assert _verdicts("The new scanner can detect tumours as small as two millimetres, the hospital said. "
                     "Parliament ended a nurses' dispute by law in 2021.", source) == [True, True]


VOTE = ("The lower house voted 212 to 187 on Thursday to reject the budget, the first such defeat in nearly three "
        "decades. Eleven members of the Liberal Party voted against the plan. Her finance minister, Karl Holm, "
        "warned that without a budget the state could run out of money by the end of May.")


def test_a_bound_a_side_and_a_hedge_turned_are_caught() -> None:
    for sentence, why in (("It was the first such defeat in more than three decades.", "the opposite"),
                          ("Eleven members of the Liberal Party voted for the plan.", "the opposite"),
                          ("Karl Holm said the state would run out of money by the end of May.", "may be so")):
        _rejected_saying(VOTE, sentence, why)
    kept = ["It was the first such defeat in almost three decades.",
            "Eleven members of the Liberal Party voted against the plan.",
            "Karl Holm said the state might run out of money by the end of May."]
    assert _verdicts(" ".join(kept), VOTE) == [True] * len(kept)


def test_a_quotation_carried_over_from_the_sentence_before_is_its_speakers_on_the_search_path() -> None:
    # (cnndm_30d6fa71: Loeb's quotation goes on past "he said" into sentences that name no speaker)
    source = ('Loeb says he met the actress in 2010. After two attempts failed, they created two more embryos. '
              '"Should we not define them as life?," he said. "... A woman is entitled to bring a pregnancy to term '
              'even if the man objects. Shouldn\'t a man be entitled too?" Sofia Vergara declined to comment.')
    v = verify_summary(source, "Sofia Vergara said a woman is entitled to bring a pregnancy to term even if the man "
                               "objects.")[0]
    assert not v.supported and any("attributes it to Loeb" in r for r in v.reasons), v.reasons
    assert _verdicts("Loeb said a woman is entitled to bring a pregnancy to term even if the man objects.",
                     source) == [True]


def test_most_made_few_is_the_opposite() -> None:
    source = "The union said fewer than 10% of trains ran, most of them on the airport line."
    v = verify_summary(source, "Few of the trains that ran were on the airport line.")[0]
    assert not v.supported and any('it has "most" where this has "few"' in r for r in v.reasons), v.reasons
    assert _verdicts("Most of the trains that ran were on the airport line.", source) == [True]


def test_an_order_counted_in_time_or_told_by_sequence_is_compared_with_before_and_after() -> None:
    # (cnndm_30d6fa71, cnndm_2cbe1cf5, cnndm_3c2040c6: "two years later", "the following year", "went on to" and a
    # "then" after the sentence before order the events without "before" or "after")
    source = ("Loeb says he met the actress in 2010 and they got engaged two years later. Bowe's victory over "
              "Holyfield came in 1992. Holyfield beat Bowe the following year in a rematch. Bowe retired in 1997 "
              "and went on to join the Marine Corps Reserves. "
              "The three drove back to the house, and Barnes allegedly stabbed Cheryl Silvonek. The couple then "
              "ate at a restaurant, authorities said. The storm hit the coast on Monday. Two days later, the "
              "government declared an emergency.")
    for sentence in ("Loeb says he and the actress got engaged two years before they met.",
                     "The government declared an emergency two days before the storm hit the coast.",
                     "Holyfield beat Bowe in a rematch the year before Bowe's 1992 victory.",
                     "Before retiring, Bowe joined the Marine Corps Reserves.",
                     "Before the stabbing, Barnes and the others ate at a restaurant, authorities said."):
        _rejected_saying(source, sentence, "the source says the opposite")
    kept = ["Loeb says he and the actress got engaged two years after they met.",
            "Holyfield beat Bowe in a rematch the year after Bowe's 1992 victory.",
            "After retiring, Bowe joined the Marine Corps Reserves.",
            "Bowe retired before joining the Marine Corps Reserves.",  # (the converse, as the next)
            "The storm hit the coast two days before the government declared an emergency."]
    assert _verdicts(" ".join(kept), source) == [True] * len(kept)


def test_an_order_told_the_other_way_round_is_read_as_its_converse() -> None:
    # (cnndm_12893950: the source orders the stabbing after the concert; "hours after she was killed, she had
    # taken them to a concert" turns it round with the same word)
    source = ("Cheryl Silvonek was fatally stabbed in the driveway of her home early March 15, hours after taking "
              "her daughter Jamie to a concert. Bite-Back reported the eatery after Jason Chan, its marketing "
              "manager, boasted that it sold the soup.")
    v = verify_summary(source, "Hours after she was killed, Cheryl Silvonek had taken her daughter Jamie to a "
                               "concert.")[0]
    assert not v.supported and any('"take" after' in r for r in v.reasons), v.reasons
    # (the parser hangs "after" on "Chan" in the source, and on "boasted" in the statement: read as the same event)
    v = verify_summary(source, "Bite-Back reported the eatery before its marketing manager, Jason Chan, boasted "
                               "that it sold the soup.")[0]
    assert not v.supported and any("the source says the opposite" in r for r in v.reasons), v.reasons
    assert _verdicts("Hours before she was stabbed, Cheryl Silvonek had taken her daughter Jamie to a concert. "
                     "Bite-Back reported the eatery after its marketing manager, Jason Chan, boasted that it sold "
                     "the soup.", source) == [True, True]


def test_a_time_after_the_article_was_written_is_not_what_it_tells_as_past() -> None:
    # (004_c5189b488046250e, published 30 December 2019: "last week" is the week before it, not after)
    import datetime as dt

    from service.text.grounding import source_index
    index = source_index("Last week ISIS fighters shelled southeastern Deir Ezzor. A year ago, Putin and Erdogan "
                         "agreed on a demilitarized zone in Idlib.", published=dt.date(2019, 12, 30))
    after, before, year = index.check_many([
        "ISIS fighters shelled southeastern Deir Ezzor in the week after 30 December 2019.",
        "ISIS fighters shelled southeastern Deir Ezzor in the week before 30 December 2019.",
        "About a year after December 2019, Putin and Erdogan agreed on a demilitarized zone in Idlib."])
    assert not after.supported and any('before the article was written ("Last week")' in r for r in after.reasons), \
        after.reasons
    assert before.supported, before.reasons
    assert not year.supported, year.reasons


def test_a_warning_is_given_once_however_many_clauses_raise_it() -> None:
    source = ("Two days later, the government declared an emergency. Officials then began evacuating the island, "
              "the interior ministry said.")
    v = SourceIndex(source).check("After the government declared an emergency, officials began evacuating the "
                                  "island.")
    assert v.supported and v.warnings == ['the source attributes it to "the interior ministry"; stated as fact here']


OUTBREAK = ("Cholera cases in Kenya's second city have more than doubled in a week, health officials said on Tuesday. "
            "Most of the cases were in the informal settlements of Likoni and Kisauni. County health chief Amina "
            "Were said a vaccination campaign would begin on Thursday, but that the county had received only half "
            "the doses it requested. Peter O'Toole kept working despite an illness that would eventually prove "
            "fatal.")


def test_a_share_may_be_told_as_less_but_not_as_more_or_another() -> None:
    for sentence, said in (("All of the cases were in Likoni and Kisauni.", '"most", which is not "all"'),
                           ("Half of the cases were in Likoni and Kisauni.", '"most", which is not "half"'),
                           ("The county received all the doses it requested, Amina Were said.",
                            '"half", which is not "all"')):
        _rejected_saying(OUTBREAK, sentence, said)
    kept = ["Some of the cases were in Likoni and Kisauni.",  # (less than the passage says, and so true)
            "Amina Were said the county had received only half the doses it requested."]
    assert _verdicts(" ".join(kept), OUTBREAK) == [True, True]


def test_a_verb_that_multiplies_is_bounded_as_a_number_is() -> None:
    v = verify_summary(OUTBREAK, "Cholera cases in Kenya's second city nearly doubled in a week, health officials "
                                 "said.")[0]
    assert not v.supported and any('it has "more" where this has "nearly"' in r for r in v.reasons), v.reasons
    assert _verdicts("Cholera cases in Kenya's second city more than doubled in a week, health officials said.",
                     OUTBREAK) == [True]


def test_a_speakers_would_is_not_stated_as_done_and_a_narrators_is() -> None:
    v = verify_summary(OUTBREAK, "A vaccination campaign began on Thursday, Amina Were said.")[0]
    assert not v.supported and any("only that it can or will be done" in r for r in v.reasons), v.reasons
    # (cnndm_236c65a5's "an illness that would eventually prove fatal": the narrator's, told of what came)
    assert _verdicts("Peter O'Toole kept working despite an illness that eventually proved fatal.",
                     OUTBREAK) == [True]


def test_a_suspected_thing_is_not_told_as_sure() -> None:
    source = ("The county health department recorded 412 suspected cases and nine deaths by Monday. Turkey pressed "
              "the Europeans to intervene to prevent a possible flood of refugees.")
    for sentence, said in (("The county health department recorded 412 confirmed cases by Monday.", '"confirmed"'),
                           ("The county health department recorded 412 cases by Monday.", "it as sure")):
        _rejected_saying(source, sentence, f'the source says "suspected cases"; this says {said}')
    # (003_f27ca1a4a2b2b138#c18: a thing only named, not said to be)
    assert _verdicts("The county health department recorded 412 suspected cases by Monday. Turkey pressed the "
                     "Europeans to intervene to prevent a flood of refugees.", source) == [True, True]


def test_what_is_warned_of_is_the_warners_word() -> None:
    source = ("Cholera cases have more than doubled in a week, health officials said on Tuesday, as aid groups "
              "warned that heavy rains could spread the disease to neighbouring counties.")
    v = verify_summary(source, "Health officials warn of heavy rains that could spread the disease to neighbouring "
                               "counties.")[0]
    assert not v.supported and any('attributes it to "aid groups", not to "Health officials"' in r
                                   for r in v.reasons), v.reasons
    assert _verdicts("Aid groups warn of heavy rains that could spread the disease to neighbouring counties.",
                     source) == [True]


BANK = ("Central bank holds rates, signals cut as inflation eases\n\nWELLINGTON, Aug 14 (Reuters) - New Zealand's "
        "central bank kept its official cash rate at 5.5% on Wednesday, but said it expected to begin cutting in "
        "the first quarter of next year. Annual inflation fell to 3.3% in the second quarter from 4.0% in the "
        "first, though it remains above the bank's 1% to 3% target band. Governor Adrian Orr said the bank would "
        "not hesitate to tighten again if price pressures returned. Opposition finance spokesperson Barbara "
        "Edmonds accused the bank of acting too slowly. The bank last cut rates in March 2020.")


def test_a_rate_report_told_otherwise_is_caught_and_told_right_is_kept() -> None:
    # (a fresh wire report: its lead had been rejected, "the one acting is not who the source says: it names
    # 'WELLINGTON'", the dateline under a headline the ingest did not set aside)
    turned = {"New Zealand's central bank raised its official cash rate to 5.5% on Wednesday.": 'this has "raise"',
              "The central bank began cutting rates in the first quarter.": "planned, wanted, considered or expected",
              "Annual inflation fell to 4.0% in the second quarter from 3.3% in the first.": "go from 4.0",
              "Inflation is within the bank's 1% to 3% target band.": '"above"',
              "Barbara Edmonds accused the bank of acting too quickly.": '"slowly"',
              "Adrian Orr said the bank would not tighten again if price pressures returned.": "negat"}
    _caught_and_kept(BANK, tuple(turned.items()),
                     ["New Zealand's central bank kept its official cash rate at 5.5% on Wednesday.",
                      "New Zealand's central bank said it expected to begin cutting rates in the first quarter of next "
                      "year.",
                      "Annual inflation fell from 4.0% to 3.3% in the second quarter.",
                      "Adrian Orr said the bank would tighten again if price pressures returned.",
                      "Barbara Edmonds accused the bank of acting too slowly."])


def test_first_is_not_last() -> None:
    source = "The bank last cut rates in March 2020, at the start of the pandemic."
    v = verify_summary(source, "The bank first cut rates in March 2020.")[0]
    assert not v.supported and any('it has "last" where this has "first"' in r for r in v.reasons), v.reasons
    assert _verdicts("The bank last cut rates in March 2020.", source) == [True]


def test_a_share_given_as_a_count_is_read_as_that_share() -> None:
    source = ("Eight of the 11 economists polled by Reuters had expected no change; the other three had forecast a "
              "cut of 25 basis points.")
    for sentence, said in (("All economists polled by Reuters had expected no change.",
                            '"8 of 11", which is not "all"'),
                           ("Three of the 11 economists polled by Reuters had expected no change.",
                            '"8 of 11", which is not "3 of 11"')):
        _rejected_saying(source, sentence, said)
    assert _verdicts("Most economists polled by Reuters had expected no change. Eight of the 11 economists polled by "
                     "Reuters had expected no change.", source) == [True, True]


def test_a_planning_report_told_otherwise_is_caught() -> None:
    source = ("Residents said the new design would double traffic on their streets. Construction is due to start in "
              "April and take about 18 months. The state will cover 60% of the cost.")
    for sentence, said in (("Residents said the new design would halve traffic on their streets.", '"double"'),
                           ("Construction started in April.", "planned, wanted, considered or expected"),
                           ("The state will cover all of the cost.", '"60%", which is not "all"')):
        _rejected_saying(source, sentence, said)
    assert _verdicts("Construction is due to start in April. The state will cover most of the cost.",
                     source) == [True, True]


def test_the_opposite_its_own_sentence_says_is_not_escaped_by_the_sentence_before() -> None:
    # (the sentence before counts cases and takes the places from its neighbour's context)
    source = ("The county health department recorded 412 suspected cases and nine deaths by Monday, up from 190 cases "
              "and four deaths a week earlier. Most of the cases were in the informal settlements of Likoni and "
              "Kisauni, where many households lack piped water.")
    v = verify_summary(source, "All of the cases were in Likoni and Kisauni.")[0]
    assert not v.supported and any('"most", which is not "all"' in r for r in v.reasons), v.reasons
    assert _verdicts("Most of the cases were in Likoni and Kisauni.", source) == [True]


def test_what_the_source_names_only_to_reject_it_is_not_what_it_says() -> None:
    source = ("Mayor Lena Ortiz called the vote a setback, not a defeat, for her plan. The fire that destroyed the "
              "warehouse was caused by a faulty heater, not arson, investigators said.")
    _caught_and_kept(source, (("Mayor Lena Ortiz called the vote a defeat for her plan.", "\u201cnot a defeat\u201d"),
                              ("Investigators said the warehouse fire was caused by arson.", "\u201cnot arson\u201d")),
                     ["Mayor Lena Ortiz called the vote a setback for her plan.",
                      "Mayor Lena Ortiz called the vote a setback rather than a defeat.",
                      "Investigators said the warehouse fire was caused by a faulty heater."])


def test_what_is_only_weighed_or_asked_is_not_stated_as_done() -> None:
    source = ("The council was considering whether to sue the state over its share of the cost. The jury will "
              "decide whether Tsarnaev will be executed.")
    for sentence, said in (("The council has sued the state over its share of the cost.", "considered"),
                           ("Tsarnaev will be executed.", "only asks whether it is so")):
        _rejected_saying(source, sentence, said)
    # (a "whether" on a verb's complement asks; it is no condition, "if ...", that a paraphrase must keep)
    assert _verdicts("The council considered suing the state over its share of the cost.", source) == [True]


def test_a_word_made_its_opposite_by_a_prefix_is_the_opposite() -> None:
    source = ("Police opened fire on unarmed protesters in Harlow on Friday, witnesses said. The interior ministry "
              "said the gathering was illegal. An inquiry found that the police report was inaccurate.")
    _caught_and_kept(source, (("Police opened fire on armed protesters in Harlow on Friday, witnesses said.",
                               "it has \u201cunarmed\u201d where this has \u201carmed\u201d"),
                              ("The interior ministry said the gathering was legal.", "\u201cillegal\u201d"),
                              ("An inquiry found that the police report was accurate.", "\u201cinaccurate\u201d")),
                     ["Police opened fire on protesters who were not armed, witnesses said.",
                      "The interior ministry said the gathering was illegal."])
    # (the other sentence of a pair may have the word of something else: "affordable homes")
    pair = ("Weiss campaigned on building 2,000 affordable homes. Critics said her plans were unaffordable.")
    _rejected_saying(pair, "Critics said her plans were affordable.", "\u201cunaffordable\u201d")
    # (a prefix that makes another word, not an opposite: "informed" is no "formed" denied)
    assert _verdicts("The committee was formed in May.", "The committee, formed in May, informed the mayor.") == [True]


def test_a_word_swapped_for_its_opposite_is_the_opposite() -> None:
    # (holes listed since the judge rounds: an antonym without a prefix passed, word overlap and all)
    source = ("City engineers said the Elm Street bridge is structurally deficient and must close for repairs. "
              "Firefighters said the blaze was under control by Tuesday evening. The ruling party won a majority of "
              "seats in the election. A jury found that the contractor was guilty.")
    _caught_and_kept(source, (("City engineers said the Elm Street bridge is structurally sound.",
                               "it has \u201cdeficient\u201d where this has \u201csound\u201d"),
                              ("Firefighters said the blaze was out of control by Tuesday evening.",
                               "\u201cunder\u201d"),
                              ("The ruling party won a minority of seats in the election.", "\u201cmajority\u201d"),
                              ("A jury found that the contractor was innocent.", "\u201cguilty\u201d")),
                     ["City engineers said the Elm Street bridge is structurally deficient.",
                      "Firefighters said the blaze was under control by Tuesday evening.",
                      "The ruling party won most seats in the election.",
                      "A jury found the contractor guilty."])
    # (the opposite word on something else is not the opposite: "a minority of voters" beside a majority of seats)
    seats = "The ruling party won a majority of seats, although only a minority of voters backed it."
    assert _verdicts("Only a minority of voters backed the ruling party.", seats) == [True]


COURT = ("Former mayor jailed for four years over bribery\n\nA former mayor of Dunmore was sentenced to four years in "
         "prison on Thursday after a jury found him guilty of taking bribes from a building contractor.\n\nPeter "
         "Hale, 61, who led the town council from 2015 to 2021, was convicted of three counts of bribery but "
         "acquitted of money laundering.\n\nProsecutors said Hale accepted about 120,000 pounds in cash and gifts in "
         "exchange for steering contracts to Kerr Construction.")


def test_a_court_report_told_otherwise_is_caught_and_told_right_is_kept() -> None:
    turned = {"Peter Hale was convicted of money laundering.": "\u201cacquitted of money laundering\u201d",
              "Peter Hale was acquitted of bribery.": "\u201cconvicted of three counts of bribery\u201d",
              "The jury found Hale not guilty of taking bribes.": "the source says the opposite",
              "Kerr Construction accepted about 120,000 pounds from Hale, prosecutors said.":
                  'in the source "Hale" acts',
              "Prosecutors said Hale was sentenced to five years in prison.": "numbers not in"}
    # (the lead's unnamed "former mayor of Dunmore" is the Peter Hale the next sentence opens with)
    _caught_and_kept(COURT, tuple(turned.items()),
                     ["Peter Hale was sentenced to four years in prison.",
                      "Former Mayor Peter Hale was sentenced to four years in prison for bribery.",
                      "Peter Hale was convicted of three counts of bribery.",
                      "Peter Hale was acquitted of money laundering.",
                      "Hale accepted about 120,000 pounds from Kerr Construction, prosecutors said."])


def test_a_deal_told_from_the_other_side_is_kept_and_the_same_party_doing_the_other_is_not() -> None:
    source = ("Nordlys bought rival Vestkyst for 2 billion crowns in 2023. It sold its tanker division to a Greek "
              "buyer last year. Chief executive Ingrid Solberg said the job cuts would save about 300 million "
              "crowns a year.")
    _caught_and_kept(source, (("Nordlys sold rival Vestkyst for 2 billion crowns in 2023.", 'it has "bought"'),
                              ("Nordlys bought its tanker division from a Greek buyer last year.",
                               'where this has "bought"'),
                              ("Ingrid Solberg said the job cuts would cost about 300 million crowns a year.",
                               'it has "save"')),
                     ["A Greek buyer bought the tanker division from Nordlys last year.",
                      "Vestkyst was sold to Nordlys for 2 billion crowns in 2023."])


def test_what_is_only_considered_or_threatened_is_not_stated_as_done_with_another_verb() -> None:
    source = "Residents group Save Elm Street was considering a legal challenge to the plan, its chairman said."
    _rejected_saying(source, "Save Elm Street has filed a legal challenge to the plan.",
                     "only that it was considering")
    assert _verdicts("Save Elm Street was weighing a legal challenge to the plan.", source) == [True]


def test_an_outbreak_report_told_otherwise_is_caught_and_told_right_is_kept() -> None:
    source = ("NCDC director Ifedayo Adetifa blamed the outbreak on missed routine immunisations during a health "
              "workers' strike last year, not on vaccine shortages. The World Health Organization said it had sent "
              "500,000 doses to Lagos.")
    _caught_and_kept(source, (("Ifedayo Adetifa blamed the outbreak on vaccine shortages.",
                               "\u201cnot on vaccine shortages\u201d"),
                              ("The World Health Organization received 500,000 doses from Lagos.",
                               'where this has "receive"'),
                              ("Lagos sent 500,000 doses to the World Health Organization.",
                               "\u201cit\u201d (World Health Organization) acts")),
                     ["Ifedayo Adetifa blamed the outbreak on missed routine immunisations.",
                      "Lagos received 500,000 doses from the World Health Organization."])


def test_a_change_whose_two_ends_are_swapped_is_the_opposite() -> None:
    source = "Turnout was 61%, up from 48% in the last election in 2019."
    _rejected_saying(source, "Turnout was 48%, down from 61% in 2019.",
                     "it has the change go from 48% to 61%, where this has it go from 61% to 48%")
    assert _verdicts("Turnout was 61%, up from 48% in 2019.", source) == [True]


def test_a_name_the_source_runs_together_is_the_same_name_and_its_number_the_same() -> None:
    # (cnndm_0a4e9118 writes "his BBC5Live radio phone in"; a claim's "BBC 5 Live" was another party, its 5 missing)
    source = ("Wright will hand over the trophy before travelling back into London to present his BBC5Live radio "
              "phone in. McCoy retires on Saturday.")
    v = verify_summary(source, "Wright will travel back to London to present his BBC 5 Live radio phone-in.")[0]
    assert v.supported, v.reasons
    wrong = verify_summary(source, "Wright will travel back to London to present his BBC 7 Live radio phone-in.")[0]
    assert not wrong.supported and "7" in wrong.missing_numbers
    # (only a number in digits: a number word is found inside words, "sen-ten-ced")
    court = "A court in Leeds sentenced the former teacher to 12 years in prison on Friday for fraud."
    ten = verify_summary(court, "A court in Leeds sentenced the former teacher to ten years in prison on Friday.")[0]
    assert not ten.supported and "ten" in ten.missing_numbers


def test_who_concedes_defeat_is_the_one_defeated() -> None:
    # (a user's report: "Clara Weiss defeated Jonas Pfeil" was rejected as exchanged, and "Jonas Pfeil defeated
    # Clara Weiss" accepted, from "Pfeil conceded defeat late on Sunday and congratulated Weiss")
    source = ("Opposition candidate Clara Weiss won the mayoral election in Vellmar on Sunday, according to official "
              "results. Weiss took 52.4% of the vote against 44.1% for incumbent mayor Jonas Pfeil. Pfeil conceded "
              "defeat late on Sunday and congratulated Weiss. He did not say whether he would remain leader of the "
              "Civic Union.")
    assert _verdicts("Clara Weiss defeated Jonas Pfeil.", source) == [True]
    _rejected_saying(source, "Jonas Pfeil defeated Clara Weiss.", "is the one it is done to")


def test_losing_control_is_the_opposite_of_controlling_and_a_count_says_majority_or_minority() -> None:
    # (a user's report on the same election story: "lost control" and "a minority of the seats" both passed)
    source = ("Opposition candidate Clara Weiss won the mayoral election in Vellmar on Sunday. The Civic Union still "
              "controls the city council, where it holds 21 of the 37 seats.")
    assert _verdicts("The Civic Union controls the city council.", source) == [True]
    _rejected_saying(source, "The Civic Union lost control of the city council.", "the source says the opposite")
    assert _verdicts("The Civic Union holds a majority of the seats on the city council.", source) == [True]
    _rejected_saying(source, "The Civic Union holds a minority of the seats on the city council.",
                     "more than half, not a minority")
    lost = "The Civic Union lost control of the city council on Sunday. It now holds 15 of the 37 seats."
    assert _verdicts("The Civic Union lost control of the city council.", lost) == [True]
    _rejected_saying(lost, "The Civic Union controls the city council.", "the source says the opposite")
    _rejected_saying(lost, "The Civic Union holds a majority of the seats.", "less than half, not a majority")


def test_what_an_attempt_that_failed_was_to_do_is_not_done() -> None:
    source = "Efforts to reach a ceasefire deal in Idlib failed on Monday, officials said."
    assert _verdicts("Officials said efforts to reach a ceasefire deal in Idlib failed.", source) == [True]
    _rejected_saying(source, "A ceasefire deal in Idlib was reached on Monday.", "the source says the opposite")
    _rejected_saying(source, "Officials reached a ceasefire deal in Idlib on Monday.", "the source says the opposite")
    # (an attempt whose verb is merely negated says nothing of whether it was done)
    assert _verdicts("The company said attempts to rescue the miners had not been abandoned.",
                     "Attempts to rescue the miners have not been abandoned, the company said.") == [True]


def test_what_a_statement_says_its_subject_is_the_source_may_say_of_another_party() -> None:
    # (a match report tried as a user would: "Rovers are top of the table" passed from "The defeat leaves City top
    # of the table, two points ahead of Rovers", and the captain's armband went to the defender)
    source = ("Harbour Rovers beat Northgate City 2-1 on Saturday. City had taken the lead through captain Marco Silva "
              "in the 23rd minute, but Rovers equalised when defender Ben Okafor scored from a corner. The defeat "
              "leaves City top of the table, two points ahead of Rovers, who have won their last four games.")
    assert _verdicts("Northgate City is top of the table.", source) == [True]
    _rejected_saying(source, "Harbour Rovers are top of the table.", "the source says it of")
    assert _verdicts("Marco Silva is the City captain.", source) == [True]
    _rejected_saying(source, "Ben Okafor is the City captain.", "the source says it of \u201cMarco Silva\u201d")
    assert _verdicts("Ben Okafor is a defender.", source) == [True]
    _rejected_saying(source, "Marco Silva is a defender.", "the source says it of \u201cBen Okafor\u201d")


@pytest.mark.parametrize(("source", "statement"), [
    # (a review of rules 92-93 found each of these rejected; each is what its source says)
    ("The Civic Union kept its majority on the city council, winning 21 of the 37 seats, while the Greens won 9 of "
     "the 37 seats.", "The Civic Union kept its majority on the city council."),
    ("Senate Majority Leader Chuck Schumer said the bill would pass. Only 3 of the 10 Republican senators backed it.",
     "Senate Majority Leader Chuck Schumer said the bill would pass."),
    ("The Conservatives lost their majority and now hold 280 of the 650 seats.",
     "The Conservatives lost their majority."),
    ("The rebels lost control of the airport on Monday but still control the city centre.",
     "The rebels control the city centre."),
    ("The rebels lost control of the airport on Monday but still control the city centre.",
     "The rebels lost control of the airport on Monday."),
    ("The party controlled the council for 40 years until it lost control in 2019.",
     "The party lost control of the council in 2019."),
    ("Senator Elizabeth Warren and Senator Bernie Sanders spoke at the rally.", "Sanders is a senator."),
    ("Prime Minister Keir Starmer met Irish Prime Minister Simon Harris in London.", "Keir Starmer is prime minister."),
    ("The bank said John Smith would replace former chairman Peter Brown next year.",
     "John Smith will become chairman of the bank."),
    ("A 25-year-old man admitted the murder of his neighbour at Leeds Crown Court.",
     "A 25-year-old man murdered his neighbour."),
    ("Rovers suffered a defeat against Chelsea on Saturday.", "Chelsea defeated Rovers on Saturday."),
    ("Attempts to rescue the miners have not been abandoned, the company said.",
     "The company said attempts to rescue the miners had not been abandoned."),
    ("Wellington's defeat of Napoleon at Waterloo ended the war.", "Wellington defeated Napoleon at Waterloo."),
    ("Napoleon's defeat at Waterloo ended his rule.", "Napoleon lost at Waterloo."),
    ("City's 3-0 loss to United on Sunday was their worst of the season.", "United beat City 3-0 on Sunday."),
    ("Leeds secured a 2-0 win over Hull on Friday. Hull had beaten Leeds in August.", "Hull beat Leeds in August."),
    ("Police said the attack on the convoy by gunmen killed three people.",
     "Gunmen attacked the convoy, police said."),
])
def test_the_new_rules_leave_what_the_source_says_supported(source: str, statement: str) -> None:
    assert _verdicts(statement, source) == [True]


def test_a_verb_or_a_shared_surname_gives_no_gender() -> None:
    from service.text.grounding import body_index

    # "miss" the verb is no "Miss"; "Mr Obama" may be Barack, not Michelle Obama
    assert body_index("Manchester City will miss Kevin De Bruyne for six weeks. He injured his hamstring.").analysed \
        .gender(("kevin", "de", "bruyne")) is None
    analysed = body_index("Mr Obama spoke on Monday. Michelle Obama and Barack Obama visited the school.").analysed
    assert analysed.gender(("michelle", "obama")) is None and analysed.gender(("obama",)) == "he"


def test_above_a_level_the_source_says_a_value_is_below_is_the_opposite() -> None:
    # (an earnings report tried as a user would: the parser makes "below" a clause's mark there)
    source = ("Net profit fell to 1.2 billion crowns from 1.7 billion a year earlier, below the 1.5 billion analysts "
              "had expected.")
    assert _verdicts("Net profit was below what analysts had expected.", source) == [True]
    _rejected_saying(source, "Net profit was above analysts' expectations.", 'it has "below" where this has "above"')
    _rejected_saying(source, "Net profit was above what analysts had expected.", 'it has "below"')


def test_who_won_told_by_a_noun_of_the_outcome() -> None:
    # (a match report tried as a user would: "City won 2-1" and "Northgate City defeated Harbour Rovers" passed, and
    # the true "Harbour Rovers beat Northgate City 2-1" was rejected, from "Rovers ended City's run with a 2-1 win")
    source = ("Harbour Rovers ended Northgate City's 14-match unbeaten run with a 2-1 win at the Riverside Stadium on "
              "Saturday. City had taken the lead in the 23rd minute. Ellery, 19, scored his first senior goal. City "
              "manager Anna Kowalski refused to blame the referee. The defeat leaves City top of the table, two "
              "points ahead of Rovers, who have won their last four games.")
    assert _verdicts("Harbour Rovers beat Northgate City 2-1.", source) == [True]
    assert _verdicts("Rovers won 2-1 at the Riverside Stadium.", source) == [True]
    _rejected_saying(source, "City won 2-1 at the Riverside Stadium.", "\u201cHarbour Rovers\u201d is the one that won")
    _rejected_saying(source, "Harbour Rovers lost 2-1 to Northgate City.", "is the one that won")
    # ("the defeat" is the contest the lead told of)
    _rejected_saying(source, "Northgate City defeated Harbour Rovers on Saturday.", "is the one that won")
    # (a bare name the tagger reads as a common word is the party all the same)
    _rejected_saying(source, "City have won their last four games.", 'it names "Rovers"')


def test_victories_over_a_party_make_it_the_one_beaten() -> None:
    source = ("He notched up victories over former champion Evander Holyfield in 1992 at Caesars Palace and Andrew "
              "Golota, who was disqualified for low blows. Spain's victory over Portugal in the semi-final sent it "
              "to the final.")
    assert _verdicts("Spain beat Portugal in the semi-final.", source) == [True]
    assert _verdicts("Portugal lost the semi-final.", source) == [True]
    _rejected_saying(source, "Portugal beat Spain in the semi-final.", "\u201cPortugal\u201d is the one beaten")
    _rejected_saying(source, "Spain lost the semi-final.", "\u201cSpain\u201d is the one that won")
    # (the parser hangs Golota on "Caesars Palace": a person joined after "over" in the clause)
    _rejected_saying(source, "Andrew Golota beat Evander Holyfield.", "\u201cAndrew Golota\u201d is the one beaten")


def test_an_event_told_by_a_noun_keeps_who_did_it_to_whom() -> None:
    # (xsum_26065545's roles perturbation passed: "The Syrian government's use of barrel bombs ... condemned US
    # Secretary of State John Kerry" from "Kerry's recent condemnation of the government's use of barrel bombs")
    source = ("He described as unacceptable US Secretary of State John Kerry's recent condemnation of the "
              "government's use of barrel bombs. Diplomats met after Israel's accusation against Iran of arming "
              "militias. Norway welcomed Germany's criticism of the blockade. Officials said the arrest of the mayor "
              "by federal agents had surprised residents.")
    _rejected_saying(source, "The government's use of barrel bombs condemned John Kerry.",
                     "\u201cJohn Kerry's recent condemnation of the government's use\u201d")
    _rejected_saying(source, "Iran accused Israel of arming militias.", "\u201cIsrael's accusation against Iran\u201d")
    _rejected_saying(source, "The mayor arrested federal agents.", "the arrest of the mayor by federal agents")
    assert _verdicts("Israel accused Iran of arming militias.", source) == [True]
    assert _verdicts("Federal agents arrested the mayor.", source) == [True]
    # (the verb is the noun's event: not a missing word)
    assert _verdicts("Germany criticised the blockade.", source) == [True]
    _rejected_saying(source, "The blockade criticised Germany.", "\u201cGermany's criticism of the blockade\u201d")


def test_a_run_on_caption_is_not_an_apposition_and_the_first_to_beat_is_the_subject() -> None:
    # (cnndm_2cbe1cf5: "... became the first person to beat the undefeated boxer Bowe (left) is pictured in 2004"
    # glues two captions; "Bowe" is the second one's, not the boxer beaten)
    source = ("Bowe (right) faced Evander Holyfield (left) in 1992 and became the first person to beat the undefeated "
              "boxer Bowe (left) is pictured in 2004, having beaten his opponent Marcus Rhode at Fire Lake Casino")
    assert _verdicts("Riddick Bowe beat Evander Holyfield in 1992.", source) == [True]
    _rejected_saying(source, "Evander Holyfield beat Riddick Bowe in 1992.", "who did what to whom is exchanged")


def test_a_closing_verb_of_saying_read_as_a_noun_still_attributes() -> None:
    # (cnndm_7036146e: "..., a charity claims." - the tagger reads "claims" as a plural noun, and the claim that
    # dropped the attribution passed on the claims path)
    from service.text.grounding import body_index

    source = ("One in five Chinese restaurants are believed to be serving shark fin soup, a charity claims. The "
              "soup is sold in London.")
    index = body_index(source)
    unit = index.statements(["One in five Chinese restaurants are believed to be serving shark fin soup."])[0]
    own = index.units_near(0, 10, context=0)
    v = index.judge.check_anchored(unit, own, "the author", (0, 60))
    assert not v.supported and any('attributes it to "a charity"' in f.detail for f in v.findings), v.findings
    kept = index.statements(["A charity claims that one in five Chinese restaurants are believed to be serving "
                             "shark fin soup."])[0]
    assert index.judge.check_anchored(kept, own, "a charity", (0, 60)).supported


def test_a_hedge_kept_from_the_source_does_not_excuse_dropping_its_speaker() -> None:
    # (xsum_21197406's certainty perturbation passed on the claims path: the source's own "not likely" was read as
    # the claim's hedge, so dropping "they had told officials that" went unnoticed)
    from service.text.grounding import body_index

    source = ("At a meeting a few days before the deadly quake, they had told officials in L'Aquila that, while a "
              "major earthquake was not impossible, it was not likely.")
    index = body_index(source)
    own = index.units_near(0, 10, context=0)
    dropped = index.statements(["A major earthquake, while not impossible, was not likely."])[0]
    v = index.judge.check_anchored(dropped, own, "the author", (0, len(source)))
    assert not v.supported and any('attributes it to "they"' in f.detail for f in v.findings), v.findings
    kept = index.statements(["They told officials in L'Aquila that a major earthquake was not likely."])[0]
    assert index.judge.check_anchored(kept, own, "the author", (0, len(source))).supported


def test_a_possessive_name_must_be_whom_the_sources_possessive_pronoun_points_to() -> None:
    # (an election story tried as a user would: "Critics said Pfeil's plans were unaffordable" passed from "Critics
    # said her plans were unaffordable", after a sentence on Weiss's campaign; the tagger typed the bare "Weiss" an
    # organisation, so she did not count as a person "her" could point to)
    source = ("Opposition candidate Clara Weiss won the mayoral election in Vellmar on Sunday. Weiss took 52.4% of the "
              "vote against 44.1% for incumbent mayor Jonas Pfeil. Pfeil conceded defeat and congratulated Weiss. "
              "Weiss, a former teacher, campaigned on cutting bus fares. Critics said her plans were unaffordable.")
    assert _verdicts("Critics said Weiss's plans were unaffordable.", source) == [True]
    _rejected_saying(source, "Critics said Pfeil's plans were unaffordable.",
                     "Pfeil (not whom the sentence's \u201cher plans\u201d most likely points to)")
    # (a name that names the thing itself is no owner: "its Hmaymeem base")
    base = "Russia is prepared to attack rural Latakia to create a safety zone for its base."
    assert _verdicts("Russia is prepared to attack rural Latakia to create a safety zone for its Hmaymeem base.",
                     "Russia's Hmaymeem base has been attacked by drones. " + base) == [True]


def test_what_the_source_leaves_as_it_is_remains_so() -> None:
    # (the match report: "City remain top of the table after the defeat" was rejected for "remain", from "The defeat
    # leaves City top of the table"; a rate decision says it the same way)
    match = "The defeat leaves City top of the table, two points ahead of Rovers."
    assert _verdicts("City remain top of the table after the defeat.", match) == [True]
    assert _verdicts("Rovers remain top of the table after the defeat.", match) == [False]
    rates = "The central bank left interest rates unchanged at 5.25% on Thursday."
    assert _verdicts("Interest rates remain unchanged at 5.25%.", rates) == [True]
    _rejected_saying(rates, "Interest rates remain unchanged at 5.5%.", "5.5")


def test_the_side_a_player_acts_for_is_not_an_exchanged_party() -> None:
    # ("Okafor equalised for Rovers" was rejected as exchanged: "in the source Rovers acts, not Okafor")
    source = ("City had taken the lead through captain Marco Silva in the 23rd minute, but Rovers equalised shortly "
              "after half-time when defender Ben Okafor scored from a corner.")
    assert _verdicts("Ben Okafor equalised for Rovers shortly after half-time.", source) == [True]
    _rejected_saying(source, "Marco Silva equalised for Rovers.", "who did what to whom is exchanged")


def test_a_speaker_named_beside_a_description_or_described_by_an_office_is_that_speaker() -> None:
    # (a court report and a protest report tried as a user would: "David Kerr said Hale would appeal" passed where
    # "Hale's lawyer, Simon Bright, said his client would appeal"; "Maria Santos said officers had acted in
    # self-defence" passed where the interior ministry said it and she said the opposite)
    court = ("The company's owner, David Kerr, pleaded guilty last year and testified against him. Hale's lawyer, "
             "Simon Bright, said his client would appeal.")
    assert _verdicts("Simon Bright said Hale would appeal.", court) == [True]
    _rejected_saying(court, "David Kerr said Hale would appeal.", "the source attributes it to \"Hale's lawyer\"")
    protest = ("The interior ministry said the gathering was illegal and that officers had acted in self-defence. "
               "Opposition leader Maria Santos said the use of force was unjustified and unconstitutional.")
    assert _verdicts("The interior ministry said officers had acted in self-defence.", protest) == [True]
    _rejected_saying(protest, "Maria Santos said officers had acted in self-defence.",
                     'the source attributes it to "The interior ministry", not to "Maria Santos"')


def test_who_acts_on_whom_after_the_same_preposition_is_not_exchanged() -> None:
    source = "Police opened fire on unarmed protesters in the town of Harlow on Friday, killing two people."
    assert _verdicts("Police opened fire on protesters in Harlow.", source) == [True]
    _rejected_saying(source, "Protesters opened fire on police in Harlow.",
                     'in the source "Police" acts on \u201cunarmed protesters\u201d')


def test_she_where_the_source_says_he_is_another_person() -> None:
    # (the election story: "Weiss did not say whether she would remain leader" passed from "Pfeil conceded defeat and
    # congratulated Weiss. He did not say whether he would remain leader of the Civic Union.")
    source = ("Opposition candidate Clara Weiss won the mayoral election in Vellmar on Sunday. Weiss took 52.4% of the "
              "vote against 44.1% for incumbent mayor Jonas Pfeil. Pfeil conceded defeat late on Sunday and "
              "congratulated Weiss. He did not say whether he would remain leader of the Civic Union.")
    assert _verdicts("Pfeil did not say whether he would remain leader of the Civic Union.", source) == [True]
    _rejected_saying(source, "Weiss did not say whether she would remain leader of the Civic Union.",
                     "the source says \u201che\u201d where this says \u201cshe\u201d")
    # (not a subject the parser lends one verb from another it joins it to)
    affidavit = "Jamie Silvonek admitted she was there when he did it and helped dispose of the body."
    assert _verdicts("Jamie Silvonek admitted that she helped dispose of the body.", affidavit) == [True]


# The session-38 review of rules 96-97 (a helper probing each new rule with true paraphrases and false variants):
# each a wrong verdict of the first versions.
_REVIEW_38 = [
    ("Rovers' 3-0 win over United was their fifth in a row, while City's victory over Athletic lifted them to "
     "second.", "City won against Athletic.", True),
    ("Rovers' 3-0 win over United was their fifth in a row, while City's victory over Athletic lifted them to "
     "second.", "Rovers won 3-0.", True),
    ("Rovers ended City's unbeaten run with a 2-1 win on Saturday. In Sunday's late game, United thrashed Athletic "
     "4-0.", "United won 4-0.", True),
    ("The Democrats' victory in Virginia was followed by a Republican win in Ohio on Tuesday.",
     "Republicans won in Ohio.", True),
    ("Ben Okafor earned Harbour Rovers a 1-0 win on Saturday.", "Harbour Rovers won 1-0 on Saturday.", True),
    ("Harbour Rovers avenged last season's defeat by Northgate City with a 2-0 win at the Riverside on Saturday.",
     "Harbour Rovers won 2-0.", True),
    ("Hale became the first mayor of the city to be convicted of bribery by a federal jury.",
     "A federal jury convicted Hale of bribery.", True),
    ("Rishi Sunak visited a factory in Leeds on Monday. Sunak said the government would cut energy bills. The prime "
     "minister said the economy would recover by the end of the year.",
     "Sunak said the economy would recover by the end of the year.", True),
    ("Harbour Rovers inflicted a 3-0 defeat on Northgate City on Saturday.",
     "Harbour Rovers beat Northgate City 3-0.", True),
    ("Smith became the first champion to be beaten by Jones in the final.", "Smith beat Jones in the final.", False),
    ("Harbour Rovers inflicted a 3-0 defeat on Northgate City on Saturday.",
     "Northgate City beat Harbour Rovers 3-0.", False),
    ("Northgate City need a win over Harbour Rovers on Saturday to stay in the Premier League.",
     "Northgate City beat Harbour Rovers.", False),
    ("Rovers' hopes of a win over City were dashed by a late equaliser on Saturday. The match ended 1-1.",
     "Rovers beat City.", False),
    ("Prime Minister Lee hailed Tan's victory over Chen in Sunday's run-off.", "Lee defeated Chen in Sunday's run-off.",
     False),
    ("Bowe's victory over Holyfield in 1992 was watched by a crowd that included Mike Tyson and Lennox Lewis.",
     "Bowe beat Lennox Lewis.", False),
    ("The party's suspension of the MP was lifted on Monday.", "The party suspected the MP.", False),
    ("The government kept the minimum wage unchanged last year but has raised it by 10% this year.",
     "The minimum wage remains unchanged.", False),
    ("Economists expect the Bank of England to leave interest rates unchanged at 5.25% on Thursday.",
     "Interest rates remain unchanged at 5.25%.", False),
    ("Former Chelsea striker Didier Drogba played for Galatasaray in 2013. Galatasaray signed him from Shanghai "
     "Shenhua.", "Galatasaray played for Didier Drogba in 2013.", False),
]


@pytest.mark.parametrize(("source", "statement", "supported"), _REVIEW_38)
def test_the_session_38_review_cases(source: str, statement: str, supported: bool) -> None:
    assert _verdicts(statement, source) == [supported]


def test_a_closing_phrase_that_is_no_speaker_gives_none() -> None:
    # ("amid fraud claims" and "hurting trade between the two states" were read as speakers)
    for source in ("Acme shares fell 5% on Monday, amid fraud claims.",
                   "Tensions have risen sharply, hurting trade between the two states."):
        v = verify_summary(source, source.split(",")[0] + ".")[0]
        assert v.supported and not v.warnings, (source, v.reasons, v.warnings)


def test_a_pronoun_that_is_its_speaker_names_who_acts() -> None:
    # (a recall report tried as a user would: "Veltra received 37 complaints from drivers" passed from "The NHTSA
    # said in February it had received 37 complaints from drivers", Veltra being the article's main party)
    source = ("German carmaker Veltra is recalling about 210,000 vehicles, the company said on Tuesday. The National "
              "Highway Traffic Safety Administration said in February it had received 37 complaints from drivers. "
              "Veltra initially blamed driver error.")
    assert _verdicts("The National Highway Traffic Safety Administration received 37 complaints from drivers.",
                     source) == [True]
    _rejected_saying(source, "Veltra received 37 complaints from drivers.",
                     "its \u201cit\u201d is National Highway Traffic Safety Administration, who says it")
    # (not a pronoun inside words whose speaker comes after them: "after it separated ..., NASA said" - the craft)
    nasa = ("But after it separated from the booster rocket's third stage, flight controllers were unable to confirm "
            "the health of the spacecraft's systems, NASA said.")
    v = verify_summary("Progress 59 lost contact on Tuesday. " + nasa,
                       "NASA said that after Progress 59 separated from the booster rocket's third stage, flight "
                       "controllers were unable to confirm the health of the spacecraft's systems.")[0]
    assert not any("who says it" in r for r in v.reasons), v.reasons


def test_its_own_is_the_subjects() -> None:
    # (the recall report: "NHTSA engineers found the fault in January" passed from "Veltra ... changed its position
    # after its own engineers found the fault in January", the sentence before naming the NHTSA)
    source = ("The National Highway Traffic Safety Administration (NHTSA) said in February it had received 37 "
              "complaints from drivers. Veltra initially blamed driver error, but changed its position after its own "
              "engineers found the fault in January.")
    assert _verdicts("Veltra's engineers found the fault in January.", source) == [True]
    _rejected_saying(source, "NHTSA engineers found the fault in January.",
                     "\u201cits own engineers\u201d are another party's")


def test_a_party_named_by_a_description_does_not_take_the_pronouns_place() -> None:
    # (the earnings report: "A Greek buyer sold its tanker division to Nordlys" passed from "Nordlys bought rival
    # Vestkyst ... It sold its tanker division to a Greek buyer last year": only a named acting party was compared)
    source = ("Norwegian shipping group Nordlys reported a 30% drop in fourth-quarter profit on Wednesday and said it "
              "would cut 400 jobs. Shares in Nordlys fell 6% in early trading. Nordlys bought rival Vestkyst for 2 "
              "billion crowns in 2023. It sold its tanker division to a Greek buyer last year.")
    assert _verdicts("Nordlys sold its tanker division to a Greek buyer.", source) == [True]
    _rejected_saying(source, "A Greek buyer sold its tanker division to Nordlys.",
                     "in the source \u201cIt\u201d (Nordlys) acts, not \"A Greek buyer\"")


def test_the_place_an_article_is_set_in_may_place_a_claim() -> None:
    # (seed 000: "Nebenzia said the militants being fought in Idlib are recognized as terrorists ..." was rejected,
    # Idlib not named around his sentence, and less named than Syria and Turkey)
    source = ("Turkey and Syria traded fire on Monday as Syrian government forces advanced in Idlib. Turkey said Syria "
              "had broken the ceasefire, and Syria accused Turkey of arming militants. Government forces took the town "
              "of Saraqib in Idlib province. Turkey sent more troops into Idlib on Tuesday, and Syria called the move "
              "an invasion. Aid groups in Aleppo said thousands of families had fled. Talks in Geneva were postponed, "
              "diplomats in Moscow said. At a Security Council session on Wednesday, Russian envoy Vassily Nebenzia "
              "said the militants government forces are fighting are recognised as terrorists by the Security Council. "
              "The Syrian government has not commented.")
    assert _verdicts("Nebenzia said the militants being fought in Idlib are recognised as terrorists by the Security "
                     "Council.", source) == [True]
    # (a town the article names once is no setting)
    _rejected_saying(source, "Nebenzia said the militants being fought in Saraqib are recognised as terrorists by "
                     "the Security Council.", "Saraqib (neither named around the sentence")


def test_a_relative_clause_without_that_is_not_an_apposition() -> None:
    # (xsum_22021705: "the backpacks Mr Hall and Mr Laviolette were carrying contained ..." was read with the
    # backpacks carrying, "Mr Hall" set beside them)
    source = ("Border agents stopped two men near the crossing on Tuesday. According to border patrol agents, the "
              "backpacks Mr Hall and Mr Laviolette were carrying contained a total of 58lb of ecstasy.")
    assert _verdicts("The backpacks carried by Mr Hall and Mr Laviolette contained 58lb of ecstasy.", source) == [True]
    _rejected_saying(source, "The backpacks were carrying Mr Hall and Mr Laviolette.",
                     'in the source "Mr Hall and Mr Laviolette" acts on "the backpacks"')


def test_a_persons_name_where_the_source_puts_a_place_on_the_noun() -> None:
    source = ("Mr Hall was arrested on Wednesday. Also inside one backpack was a California driver's licence with the "
              "name of William Nickerson but a picture of Nathan Hall, the complaint alleges.")
    assert _verdicts("One backpack held a California driver's licence with a picture of Nathan Hall.",
                     source) == [True]
    _rejected_saying(source, "One backpack contained a Nathan Hall driver's licence bearing a picture of Nathan Hall.",
                     "Nathan Hall where the sentence names California")


def test_what_someone_is_said_to_have_said_must_be_in_the_source() -> None:
    # (the court report: "Judge Anne Moss said Hale would appeal" was supported by her other sentence, the speaker
    # and the one spoken of there and only "appeal" missing)
    source = ("A former mayor of Dunmore was sentenced to four years in prison on Thursday after a jury found him "
              "guilty of taking bribes from a building contractor.\n\nPeter Hale, 61, who led the town council from "
              "2015 to 2021, was convicted of three counts of bribery but acquitted of money laundering. Judge Anne "
              "Moss said Hale had betrayed the trust of voters and showed no remorse.\n\nProsecutors said Hale "
              "accepted about 120,000 pounds in cash and gifts in exchange for steering contracts to Kerr "
              "Construction. The company's owner, David Kerr, pleaded guilty last year and testified against him.")
    assert _verdicts("Judge Anne Moss said Hale showed no remorse.", source) == [True]
    _rejected_saying(source, "Judge Anne Moss said Hale would appeal.",
                     "does not have what is reported here: none of \u201cappeal\u201d")
    # (not a noun the parser took for a reported verb: "revealed their playlist ahead of their league clash")
    games = "Arsenal players have revealed their pre-game playlist. Olivier Giroud picked a Coldplay song."
    assert not any("reported here" in r for v in verify_summary(
        games, "Arsenal players have revealed their ultimate pre-game playlist ahead of their Premier League clash "
        "with Burnley on Saturday.") for r in v.reasons)


# The session-39 review of rules 102 (a helper probing each new rule with true paraphrases and false variants): each
# a wrong verdict of the first versions.
_SYRIA = ("Turkey and Syria traded fire on Monday as Syrian government forces advanced in Idlib. Turkey said Syria had "
          "broken the ceasefire, and Syria accused Turkey of arming militants. Government forces took the town of "
          "Saraqib in Idlib province. Turkey sent more troops into Idlib on Tuesday, and Syria called the move an "
          "invasion. Aid groups in Aleppo said thousands of families had fled. Talks in Geneva were postponed, "
          "diplomats in Moscow said. At a Security Council session on Wednesday, Russian envoy Vassily Nebenzia said "
          "the militants government forces are fighting are recognised as terrorists by the Security Council. The "
          "Syrian government has not commented.")
_SINGER = ("The singer appeared in court in Los Angeles on Tuesday charged with assault. Her lawyer Mark Geragos had "
           "said she was innocent. Prosecutors said a security guard was injured. The judge set a trial date in June.")
_BACKPACKS = ("Border agents stopped two men near the crossing on Tuesday. According to border patrol agents, the "
              "backpacks Mr Hall and Mr Laviolette were carrying contained a total of 58lb of ecstasy.")
_RANCH = ("Former President George W. Bush hosted a fundraiser on Saturday. The event took place at his Texas ranch "
          "near Crawford. About 200 donors attended, organisers said.")
_REVIEW_39 = [
    # the article's setting places what happens there, not where words are said nor a body
    (_SYRIA, "Nebenzia said in Idlib that the militants are recognised as terrorists by the Security Council.", False),
    (_SYRIA, "Russian envoy Vassily Nebenzia said at a session in Idlib that the militants are recognised as "
     "terrorists.", False),
    (_SYRIA, "The Syrian government in Idlib has not commented.", False),
    # a title beside a name before a verb of saying is an apposition
    (_SINGER, "Her lawyer said she was innocent.", True),
    (_SINGER, "The lawyer had said the singer was innocent.", True),
    (("British troops arrived in Estonia on Monday as part of a NATO deployment. The defence minister Ben Wallace has "
      "said the troops were ready to defend the alliance. Russia called the move a provocation."),
     "The defence minister said the troops were ready to defend the alliance.", True),
    # a description of another party of the passage put where its clause names the one acting
    (_BACKPACKS, "Border agents were carrying the backpacks.", False),
    (_BACKPACKS, "Border agents carried backpacks containing ecstasy.", False),
    # a person's name on a noun the passage gives a place's, where the person may own it or acts on it
    (_RANCH, "The fundraiser took place at the Bush ranch near Crawford.", True),
    (_RANCH, "The fundraiser took place at George W. Bush's ranch near Crawford.", True),
    (("Governor Gavin Newsom signed a California law on Tuesday banning the sale of new petrol cars from 2035. The "
      "law was written by state senator Lena Gonzalez."), "The Newsom law bans the sale of new petrol cars from 2035.",
     True),
    (("Elon Musk moved the headquarters of his rocket company to Texas last year. The Texas company, SpaceX, launched "
      "96 rockets in 2023."), "Elon Musk's company SpaceX launched 96 rockets in 2023.", True),
]


@pytest.mark.parametrize(("source", "statement", "supported"), _REVIEW_39)
def test_the_session_39_review_cases(source: str, statement: str, supported: bool) -> None:
    assert _verdicts(statement, source) == [supported]


def test_a_figure_told_the_other_way_and_parallel_deeds_exchanged() -> None:
    # (an earnings story and a lunar lander report tried as a user would, session 39: each of these had passed)
    deal = ("Halvern also reported second-quarter earnings on Monday. Net profit rose to $412 million, or $1.38 per "
            "share, from $365 million a year earlier. Revenue slipped 2 percent to $5.6 billion, missing analysts' "
            "estimates of $5.75 billion.\n\nBrightfield founder Tom Reyes, who owns about 12 percent of the company, "
            "has agreed to vote his shares in favour of the deal. Goldman Sachs advised Halvern, while Morgan Stanley "
            "advised Brightfield.")
    _caught_and_kept(deal, (("Halvern's second-quarter revenue rose 2 percent to $5.6 billion.", "the opposite"),
                            ("Morgan Stanley advised Halvern, while Goldman Sachs advised Brightfield.",
                             "it names \"Goldman Sachs\"")),
                     ["Revenue slipped 2 percent to $5.6 billion, missing analysts' estimates.",
                      "Goldman Sachs advised Halvern, while Morgan Stanley advised Brightfield."])
    # ("declined to comment" is no fall)
    election = ("The Civic Union gained four seats in Sunday's election, official results showed. The party declined "
                "to comment on the result. Turnout was 61%.")
    assert not any("the opposite" in r for v in verify_summary(
        election, "The party gained four seats in Sunday's election.") for r in v.reasons)
    lander = ("The European Space Agency said on Thursday its Argonaut lunar lander would launch in November 2026. The "
              "lander, built by Thales Alenia Space in Turin, Italy, will carry 1.5 tonnes of cargo to the Moon's "
              "south pole, where scientists believe water ice may be trapped in shadowed craters.")
    _caught_and_kept(lander, (("The lander will carry 1.5 tonnes of cargo to the Moon's north pole.", "the opposite"),),
                     ["The lander will carry 1.5 tonnes of cargo to the Moon's south pole."])


def test_a_figure_goes_up_or_down_by_its_own_word() -> None:
    # (the session-39 review of rules 104: "Halvern dropped its bid" was set against "Halvern Foods shares rose")
    source = ("Halvern Foods shares rose 4 percent on Tuesday after the company dropped its bid for rival Brightfield "
              "Dairy.")
    assert _verdicts("Halvern dropped its bid for Brightfield Dairy.", source) == [True]
    _rejected_saying(source, "Halvern Foods shares fell 4 percent on Tuesday.", "the opposite")


def test_a_year_and_a_deed_put_on_another_event_or_party() -> None:
    # (a court report, floods and a lunar mission tried as a user would, session 40: each of these had passed)
    court = ("Castellano, 64, was indicted in 2021 on charges that he misled investors about $800 million in bad loans "
             "before the bank collapsed in 2019.")
    # a year of the sentence put on its other event
    _caught_and_kept(court, (("Castellano was indicted in 2019 on charges that he misled investors.",
                              "says \u201cindicted\u201d in 2021"),
                             ("The bank collapsed in 2021.", "in 2019, not in 2021")),
                     ["Castellano was indicted in 2021 on charges that he misled investors.",
                      "The bank collapsed in 2019."])
    # a thing promised by another named party (not the governor's own "said", another verb of saying)
    aid = ("Governor Eduardo Leite said the state was facing \"the worst disaster in its history\" and asked the "
           "federal government for helicopters and boats. President Luiz Inacio Lula da Silva visited the state on "
           "Sunday and promised 1.5 billion reais ($290 million) in emergency aid.")
    _caught_and_kept(aid, (("Governor Eduardo Leite promised 1.5 billion reais in emergency aid.",
                            "it names \"President Luiz Inacio Lula da Silva\""),),
                     ["Lula promised 1.5 billion reais in emergency aid.",
                      "Leite said the state was facing the worst disaster in its history."])
    # two parties' deeds exchanged, the things done unnamed
    moon = ("NASA will supply a laser reflector and a radiation instrument under an agreement signed in 2023, while "
            "the Japanese space agency JAXA will provide a small rover.")
    _caught_and_kept(moon, (("JAXA will supply a laser reflector, while NASA will provide a small rover.",
                             "it names \"NASA\""),),
                     ["NASA will supply a laser reflector, while JAXA will provide a small rover.",
                      "JAXA will provide a small rover, while NASA will supply a laser reflector."])


def test_a_count_left_without_its_noun_and_a_count_put_on_another_event() -> None:
    # (the flood report, session 40: "more than 24,000 had been forced from their homes" counts people, the 74's
    # noun; before, the true statement was rejected as a number counting something else)
    floods = ("Floods have killed at least 37 people in Brazil's southern state of Rio Grande do Sul, the state's "
              "civil defence agency said on Monday. Another 74 people were missing and more than 24,000 had been "
              "forced from their homes, the agency said. Power was cut to about 400,000 homes.")
    _caught_and_kept(floods, (("Another 24,000 people were missing.", "counts 74 for \u201cwere missing\u201d"),
                              ("More than 74 people had been forced from their homes.", "counts 24,000 for "
                               "\u201cforced\u201d")),
                     ["More than 24,000 people had been forced from their homes, the agency said.",
                      "Another 74 people were missing, the agency said."])
    # (the noun is inherited only by a number that is its own verb's subject: who "381 in the group given a
    # placebo" are, the phrase says)
    assert [q.counted for q in quantities(floods)][1:3] == ["people", "people"]
    trial = ("Among those who took 75 milligrams of aspirin daily, 312 developed colorectal cancer, compared with 381 "
             "in the group given a placebo.")
    assert quantities(trial)[-1].counted == ""
    # (a score is no count of the verb's parties; nor is "one of", nor an age)
    match = ("Sinfield was powerless to prevent a defeat on his landmark occasion, with the Wolves running out 29-10 "
             "winners.")
    assert _verdicts("The Wolves ran out 29-10 winners on Sinfield's landmark occasion.", match) == [True]
    ages = "One of the boys was 16 and two were 17 when the teacher met them."
    assert _verdicts("Two of the boys were 17.", ages) == [True]


_REVIEW_40 = [
    # (a helper's probe of rules 107-108, session 40: each of these was wrong in their first version)
    # a count after "including" is part of the verb's count, not another verb's
    ("LeBron James scored 31 points, including 12 in the fourth quarter, as the Lakers beat Denver 110-102.",
     "James scored 12 points in the fourth quarter.", True),
    ("The floods have killed 83 people, including 20 children, officials said.", "The floods have killed 20 children.",
     True),
    # a year of a thing, a span of years, and the same verb twice
    ("Castellano, 58, was indicted in 2021, two years after Banco Atlas collapsed in 2019. He was arrested in Madrid "
     "in March 2021 and extradited in June over a 2019 loan scheme.", "Castellano was extradited in 2021.", True),
    ("Lula served as president from 2003 to 2010 and was re-elected in 2006.", "Lula served as president in 2006.",
     True),
    ("Vantor's sales fell 5% in 2020, rose 8% in 2021 and fell 2% in 2023.", "Vantor's sales fell 2% in 2023.", True),
    ("Vantor Motors was fined $90 million in March over emissions breaches in 2019, the regulator said in a statement "
     "dated 2023.", "Vantor Motors was fined $90 million in 2023.", True),
    # "one" in idioms, and the passage's own "one"
    ("The Los Angeles Lakers beat the Boston Celtics 112-104 on Sunday. The Lakers led by as many as 18 points in "
     "the third quarter before Boston cut the lead to four.", "At one point the Lakers led by 18 points.", True),
    ("Two Japanese astronauts will fly on later Artemis missions, and one will walk on the Moon.",
     "One Japanese astronaut will walk on the Moon.", True),
    # another speaker's same verb of another thing
    ("Lula visited the region on Sunday and promised federal aid, and Finance Minister Fernando Haddad announced a "
     "credit line of 50 billion reais for farmers.", "Lula announced federal aid for the region.", True),
    ("Governor Leite said on Monday that the state would build 2,000 temporary homes. President Lula announced 50 "
     "billion reais in aid.", "Leite announced 2,000 temporary homes.", True),
    # a noun a later number leaves out is inherited only from a count, not a measure
    ("The siege of the town lasted 12 days, and about 300 were killed.", "The siege lasted 300 days.", False),
    # a part counted apart is told by what the passage says of it
    ("Officials said 40 people were injured, and 12 were taken to hospital.",
     "Twelve people were injured and taken to hospital.", True),
    ("The company delivered 1.5 million vehicles in the quarter, and 420,000 were electric.",
     "The company delivered 420,000 electric vehicles in the quarter.", True),
    ("The storm destroyed 400 homes, and 120 were in the town of Ormoc.", "The storm destroyed 120 homes.", False),
    ("A total of 41 patients left the trial and 3 were hospitalised.", "Three patients left the trial.", False),
    ("Another 111 people were missing and more than 121,000 had been forced from their homes, while 4,600 were in "
     "public shelters.", "4,600 people were missing.", False),
]


_REVIEW_40.extend([
    # (a second helper's probe of rules 107-109, session 40: each was rejected by a first version)
    ("Sales rose 5% in 2022 and 8% in 2023.", "Sales rose 8% in 2023.", True),
    ("Turnout was 48 percent in 2024, down from 55 percent in 2019.", "Turnout was 55 percent in 2019.", True),
    ("The incumbent, Maria Kovac, took 23,400 votes, while her challenger won 18,200.", "Maria Kovac won 23,400 votes.",
     True),
    ("The company employs 5,000 people in Ohio and plans to hire 800 more next year.",
     "The company plans to employ 800 more people next year.", True),
    ("Labour voted against the amendment, while the Liberal Democrats voted in favour of the amendment.",
     "The Liberal Democrats voted in favour of the amendment.", True),
    ("Perrin was sentenced to 12 months in prison and Morel to three years.",
     "Perrin was sentenced to one year in prison.", True),
])


@pytest.mark.parametrize(("source", "statement", "supported"), _REVIEW_40)
def test_the_session_40_review_cases(source: str, statement: str, supported: bool) -> None:
    assert _verdicts(statement, source) == [supported]


def test_paid_in_and_a_possessor_moved() -> None:
    # (the acquisition report tried as a user would, session 40: each of these had passed)
    deal = ("Halvern Foods to buy snack maker Brightfield for $4.2 billion\n\nNEW YORK, June 12 (Reuters) - "
            "Halvern Foods Inc said on Monday it would buy Brightfield Snacks for $4.2 billion in cash, as the "
            "packaged-food maker looks to expand beyond its core cereal business.\n\nHalvern will pay $58 per "
            "share, a premium of 31 percent to Brightfield's closing price on Friday. The deal is expected to "
            "close in the first quarter of 2025, subject to regulatory approval.\n\nBrightfield, based in Denver, "
            "makes Crunchwell crackers and Summit pretzels and reported net sales of $1.1 billion last year. Its "
            "shares jumped 27 percent to $56.10 in morning trading, while Halvern's stock fell 3 "
            "percent.\n\nHalvern also reported second-quarter earnings on Monday. Net profit rose to $412 "
            "million, or $1.38 per share, from $365 million a year earlier. Revenue slipped 2 percent to $5.6 "
            "billion, missing analysts' estimates of $5.75 billion.\n\n\"Brightfield gives us a strong position in "
            "the fastest-growing part of the aisle,\" Halvern Chief Executive Maria Delgado said on a call with "
            "analysts.\n\nBrightfield founder Tom Reyes, who owns about 12 percent of the company, has agreed to "
            "vote his shares in favour of the deal. Goldman Sachs advised Halvern, while Morgan Stanley advised "
            "Brightfield.\n\nHalvern said it expects the acquisition to add to its adjusted earnings in the "
            "second full year after closing.")
    _caught_and_kept(deal, (("Halvern said it would buy Brightfield Snacks for $4.2 billion in stock.",
                             "paid in cash, not in stock"),
                            ("Halvern's shares jumped 27 percent in morning trading, while Brightfield's stock fell 3 "
                             "percent.", "Brightfield where the sentence names Halvern")),
                     ["Halvern Foods said it would buy Brightfield Snacks for $4.2 billion in cash.",
                      "Brightfield's shares jumped 27 percent in morning trading, while Halvern's stock fell 3 "
                      "percent."])
    # ("in shares" is "in stock"; and a party named on a thing the statement calls otherwise is no swap)
    assert _verdicts("Halden will pay $18 in shares for each Norvik share.",
                     "Halden will pay $18 in stock and $30 in cash for each Norvik share.") == [True]
    assert _verdicts("Brightfield's stock rose 27 percent, while Halvern's shares fell 3 percent.",
                     "Halvern's stock fell 3 percent, and Brightfield shares rose 27 percent.") == [True]


def test_a_finding_hedged_by_its_own_modal_is_reported_with_it() -> None:
    # (the medical study, session 40: the study found aspirin *may* reduce the risk)
    study = ("Taking a low dose of aspirin every day may reduce the risk of colorectal cancer in adults over 60 by "
             "about 18 percent, according to a study published on Tuesday in The Lancet Oncology.")
    _caught_and_kept(study, (("A study published in The Lancet Oncology found that daily aspirin reduces colorectal "
                              "cancer risk in adults over 60 by about 18 percent.", "may be so"),),
                     ["A study published in The Lancet Oncology suggests that a daily low dose of aspirin may reduce "
                      "colorectal cancer risk in adults over 60 by about 18 percent."])


def test_a_garbled_sentence_or_a_clause_with_no_main_clause_is_not_supported() -> None:
    # (QAGS CNN/DM's unsupported sentences, session 42: a word written twice, a "that"/"when" clause left hanging)
    source = ("Farage was diminished during this debate, and it was the women who finally took him down. When her "
              "father tells her to clean up her mess, Catalina throws a tantrum. He said that he worships his wife. "
              "The site known as Chan Chan was the capital of the Chimu empire. That next flight will be the seventh "
              "mission, NASA said.")
    _caught_and_kept(source, (("Farage was diminished during this debate debate.", "debate debate"),
                              ("But when her father tells her to clean up her mess.", "not a whole sentence"),
                              ("But that he worships his wife.", "not a whole sentence")),
                     # (a name the source writes twice, a main clause the parser may hang on the "when" one)
                     ["Chan Chan was the capital of the Chimu empire.",
                      "When her father tells her to clean up her mess, Catalina throws a tantrum.",
                      "He said that he worships his wife.",
                      "That next flight will be the seventh mission, NASA said."])  # ("that" a determiner)


def test_an_order_hung_on_the_adverb_beside_it_is_compared_on_its_verb() -> None:
    # (cnndm_12893950: "later" made "earlier", which the parser hangs on "allegedly")
    source = "Jamie Silvonek then texted Barnes about her mother. Later, she allegedly wrote to him: 'Just do it.'"
    v = ground_claim(SourceIndex(source), "Jamie Silvonek earlier allegedly wrote to Barnes: 'Just do it.'",
                     source.index("Later"), len(source), source[source.index("Later"):], "the author")
    assert v.status != "supported" and any("the opposite" in r for r in v.reasons), v.reasons
    assert _claims_path(source, source[source.index("Later"):])(
        "Jamie Silvonek later allegedly wrote to Barnes: 'Just do it.'") == "supported"


def test_a_scale_adverb_turned_round_is_the_opposite() -> None:
    # (a review helper's probes of the judge at the 0.98 keep rate, session 42: one word changed, the rest the
    # source's, which the content check alone no longer rejects)
    source = ("Schools in the region were temporarily closed after the storm. A trial date was provisionally set for "
              "January. Unions welcomed the announcement, saying the increase should come sooner. The bridge was "
              "partially reopened on Monday.")
    _caught_and_kept(source, (("Schools in the region were closed permanently.", "\u201cpermanently\u201d"),
                              ("A trial date was definitively set for January.", "\u201cdefinitively\u201d"),
                              ("The bridge was fully reopened on Monday.", "\u201cfully\u201d")),
                     ["Schools in the region were closed for a while after the storm.",
                      "Unions welcomed the announcement.", "The bridge was partially reopened on Monday."])


def test_a_win_only_needed_is_not_one_had() -> None:
    source = "Northgate City need a win over Harbour Rovers on Saturday to stay in the Premier League."
    _rejected_saying(source, "Northgate City beat Harbour Rovers.", "only that a win is wanted")
    _rejected_saying(source, "Harbour Rovers lost to Northgate City on Saturday.", "only that a win is wanted")
    assert _verdicts("Northgate City need to beat Harbour Rovers on Saturday to stay in the Premier League.",
                     source) == [True]


def test_a_number_joined_to_its_word_is_that_number() -> None:
    # (xsum_29237469's "two-step verification" made "four-step", which a "four-digit code" in the passage had
    # licensed once the content check kept 98 % of the human claims)
    source = ("Apple has expanded its two-step verification security facility. A user logging in on a new device "
              "must also enter a four-digit code texted to a trusted mobile number. The 12-year-old was found.")
    _caught_and_kept(source, (("Under Apple's four-step verification, a user logging in on a new device must also "
                               "enter a four-digit code.", "\u201cfour-step\u201d"),
                              ("The 13-year-old was found.", "\u201c13-year\u201d")),
                     ["Under Apple's two-step verification, a user logging in on a new device must also enter a "
                      "4-digit code.", "The twelve-year-old was found."])

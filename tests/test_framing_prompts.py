"""Loaded-term lexicon, attribution rules and prompt files: data validated at start-up."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.errors import ConfigError
from service.llm.prompts import default_prompts_dir, load_prompts
from service.text.framing import AUTHOR, UNATTRIBUTED, attribution, load_lexicon


def test_lexicon_finds_terms_with_offsets_and_neutralizes() -> None:
    lx = load_lexicon()
    text = "The regime's forces liberated two villages from terrorists."
    found = lx.find(text)
    assert [(t.term, text[t.start : t.end]) for t in found] == [
        ("regime", "regime"), ("liberated", "liberated"), ("terrorists", "terrorists")]
    neutral, edits = lx.neutralize(text)
    assert neutral == "The government's forces captured two villages from armed groups."
    assert len(edits) == 3
    assert lx.find(neutral) == []


@pytest.mark.parametrize(("sentence", "neutral"), [
    # A singular form gets a singular wording (was "a captured ISIS Islamist militants").
    ("According to a captured ISIS jihadist at the time, it was easy.",
     "According to a captured ISIS Islamist militant at the time, it was easy."),
    ("An occupier entered the town.", "A foreign force entered the town."),  # the article follows the new word
    ("The regimes fell.", "The governments fell."),
    ("These terrorists attacked a terrorist base.", "These armed groups attacked a militant base."),
    ("The massacre of civilians.", "The killing of civilians."),
    # cnndm_7036146e's labelled loaded verbs, which its summary used to state as the author's own words.
    ("Jason Chan boasted that it sold the soup.", "Jason Chan said that it sold the soup."),
    ("It was raided after boasting of selling the soup.", "It was raided after mentioning selling the soup."),
    ("Many disguised it as 'fish fin soup'.", "Many listed it as 'fish fin soup'."),
    ("Restaurants are disguising the soup as fish fin soup.", "Restaurants are listing the soup as fish fin soup."),
    # A noun gets a noun, a verb a verb in the same form (was "the taken of photos", "areas present by", "the
    # government says of", "civilians are civilians in the area").
    ("The move follows the theft of photos.", "The move follows the taking of photos."),
    ("Areas infested by jihadists were shelled.", "Areas held by Islamist militants were shelled."),
    ("The regime boasts of its victory.", "The government mentions its victory."),
    ("Civilians are held hostage by terrorists.", "Civilians are held by armed groups."),
    ("combatting the scourge of terrorist invaders", "combatting the threat of foreign fighters"),
    # Session 44's words from news other than the seeds; "rigged" only before the vote it qualifies.
    ("The minister lambasted the union.", "The minister criticised the union."),
    ("The president's cronies won the contracts.", "The president's associates won the contracts."),
    ("A thug attacked him.", "An attacker attacked him."),
    ("The paper is the party's mouthpiece.", "The paper is the party's outlet."),
    ("He won the rigged election in 2020.", "He won the disputed election in 2020."),
    ("They rigged the scales.", "They rigged the scales."),
])
def test_neutral_wording_keeps_the_sentence_grammatical(sentence: str, neutral: str) -> None:
    assert load_lexicon().neutralize(sentence)[0] == neutral


def test_a_replacement_the_parse_says_breaks_agreement_is_not_made(monkeypatch: pytest.MonkeyPatch) -> None:
    from service.text import framing

    lx = load_lexicon()
    # A lexicon entry whose wording is plural where the form is singular: the parse catches "a … groups".
    form = dict(lx.by_form)
    form["terrorist"] = (form["terrorist"][0], "armed groups")
    broken = framing.Lexicon(version=lx.version, pattern=lx.pattern, by_form=form)
    assert broken.neutralize("He met a terrorist yesterday.") == ("He met a terrorist yesterday.", [])
    assert framing.disagrees("He met an armed groups yesterday.")
    assert not framing.disagrees("He met armed groups yesterday.")


def test_a_replacement_that_would_play_another_part_of_speech_is_not_made() -> None:
    # "plunder" is a noun in the lexicon ("the taking of oil"); used as a verb, its wording would read "to taking
    # oil": the parse tells the two apart, and that term is left as written (the caller attributes it); the
    # sentence's other terms are still replaced.
    lx = load_lexicon()
    assert lx.neutralize("They plan to plunder Syrian oil.") == ("They plan to plunder Syrian oil.", [])
    assert lx.neutralize("They plan to plunder oil from the regime.") == (
        "They plan to plunder oil from the government.", ["'regime' -> 'government'"])
    # A participle with no auxiliary describes, as the noun phrase that replaces it does.
    assert lx.neutralize("Infested with jihadists, the town fell.")[0] == "Home to Islamist militants, the town fell."
    assert lx.neutralize("The plunder of Syrian oil continues.")[0] == "The taking of Syrian oil continues."
    # Each word of a group is compared by its head: "held" of "held hostage" (a verb), "groups" of "armed groups".
    from service.text import framing, nlp

    was, now = nlp.parse(["Civilians are held hostage here.", "Civilians are armed groups here."])
    assert framing._part(was, 14, 26) == "verb:VBD"
    assert framing._part(now, 14, 26) == "nominal"


@pytest.mark.parametrize(("sentence", "party"), [
    ("According to Lebanon’s Al Mayadeen television, tanks crossed the border.", "Lebanon’s Al Mayadeen television"),
    ("Southfront reported that fighters attacked Syrian forces.", "Southfront"),
    ("“Let me clarify,” said Nebenzia.", "Nebenzia"),
    ("The Turkish Defense Ministry even announced that forces had fled.", "Turkish Defense Ministry"),
    ("On Monday, five Turkish soldiers were reported killed.", "unattributed reports"),
    ("Government troops captured four villages on Monday.", None),
    # an unnamed source is still a source; a long subject right before a quotation is the speaker
    ("Furthermore, according to the sources, Turkey “promised to include al-Nusra.", "the sources"),
    ("The quake struck 35km north of Lucca, officials said.", "officials"),
    ("Syrians forced against their will to aid ISIS’ oil trade said “extracted oil was refined.”",
     "Syrians forced against their will to aid ISIS’ oil trade"),
    ("They showed ISIS “kept very professional records.”", None),
    ("He said “no”.", None),
    # an aside between the speaker and the verb is set aside; a government is a source, "the" kept when unnamed
    ("The Syrian government, via state media, also denied reports that rebels had seized the prison.",
     "Syrian government"),
    ("Russia - a key ally of Syria - has said Damascus should complete the transfer.", "Russia"),
    ("Kerry, who was in Jakarta, said the plan was late.", "Kerry"),
    ("The government said the plan was on track.", "the government"),
    ("Police said three people died.", "Police"),
    # a speech tag between commas is the speaker, not an aside
    ("Five people were killed in the blast, the Interior Ministry said, adding that the toll could rise.",
     "Interior Ministry"),
    ("The strike, a union official said, will go ahead on Friday.", "a union official"),
    ("The attack, the ministry said, killed 12.", "the ministry"),
    ("Twelve people were killed, the army said.", "the army"),
    # a speaker who acts, then speaks, in one sentence ("and said" has no subject of its own)
    ("Transport minister Thomas Danielsen urged both sides to return to talks and said the government would not "
     "intervene before the weekend.", "Transport minister Thomas Danielsen"),
    ("Police arrested the man on Friday and said he had confessed.", "Police"),
    ("Turkey deployed 1,000 units and the army said it was ready.", None),
])
def test_attribution_rules(sentence: str, party: str | None) -> None:
    assert attribution(sentence) == party


def test_real_prompts_load_with_versions() -> None:
    prompts = load_prompts(default_prompts_dir())
    assert {"claims", "summary"} <= set(prompts)
    messages = prompts["summary"].render(title="T", body="B", max_sentences=3)
    assert "B" in messages[1]["content"] and prompts["summary"].ref.startswith("summary@")
    with pytest.raises(KeyError):
        prompts["summary"].render(title="T", body="B")


def _write(directory: Path, name: str, body: str) -> None:
    (directory / f"{name}.toml").write_text(body, encoding="utf-8")


GOOD = 'name = "{n}"\nversion = "1"\nvariables = ["x"]\nsystem = "s"\nuser = "u $x"\n'


@pytest.mark.parametrize("broken", [
    'name = "summary"\nversion = "1"\nvariables = []\nsystem = "s"\nuser = "u $x"\n',  # undeclared variable
    'name = "summary"\nversion = "1"\nvariables = ["x"]\nsystem = "s"\nuser = "u $x"\nextra = 1\n',  # unknown key
    'name = "other"\nversion = "1"\nvariables = ["x"]\nsystem = "s"\nuser = "u $x"\n',  # name != file
    'name = "summary"\nversion = \n',  # not TOML
])
def test_broken_prompt_fails_at_load(tmp_path: Path, broken: str) -> None:
    _write(tmp_path, "claims", GOOD.format(n="claims"))
    _write(tmp_path, "summary", broken)
    load_prompts.cache_clear()
    with pytest.raises(ConfigError):
        load_prompts(tmp_path)


def test_missing_prompt_fails_at_load(tmp_path: Path) -> None:
    _write(tmp_path, "claims", GOOD.format(n="claims"))
    load_prompts.cache_clear()
    with pytest.raises(ConfigError, match="summary"):
        load_prompts(tmp_path)


def test_only_the_clause_that_says_reportedly_is_the_reports() -> None:
    # rp_latimes: "Police condemned the building, but owners reportedly ordered workers back" was attributed whole
    # to "unattributed reports", and the summary wrote "According to unattributed reports, police condemned ...".
    from service.analysis.claim_building import party_of
    from service.text.atomic import atoms
    from service.text.grounding import body_index

    text = ("Police condemned the eight-story building, but some factory owners reportedly ordered workers back to "
            "their sewing machines.")
    found = {a.text: party_of(a, attribution(text) or AUTHOR)[0] for a in atoms(body_index(text).judge.source, 0)}
    assert found == {"Police condemned the eight-story building.": AUTHOR,
                     "Some factory owners reportedly ordered workers back to their sewing machines.": UNATTRIBUTED}


def test_a_speaker_named_with_and_without_the_is_one_speaker_in_the_chain() -> None:
    from service.analysis.claim_building import party_of
    from service.text.atomic import atoms
    from service.text.grounding import body_index

    text = "The employers' association VRS said the union's demands would cost the terminals 40 million euros a year."
    atom = atoms(body_index(text).judge.source, 0)[0]
    party, chain = party_of(atom, "employers' association VRS")
    assert party == "employers' association VRS" and chain == ["The employers' association VRS"]


def test_a_speaker_before_a_colon_is_a_name_never_a_pronoun() -> None:
    # FRANK's Newcastle article: "He added: 'Let's not start a war here ...'" was "asserted by: He".
    from service.analysis.claim_building import party_of
    from service.text.atomic import atoms
    from service.text.grounding import body_index

    for text, speaker in (("Bowe said: 'I will tweet anything to anyone.'", "Bowe"),
                          ("He added: ‘Let’s not start a war here.’", AUTHOR)):
        atom = atoms(body_index(text).judge.source, 0)[0]
        assert party_of(atom, AUTHOR)[0] == speaker, text

"""Names by language: the data names a fact in any known language (`name: {en: ..., fr: ...}`, or the older
`name_ru`), the model keeps them in a frozen `Names` mapping, and renderers and look-ups ask for a language.

tests/fixtures/names/lingua is a small organisation written in the mapping form, with French names."""

from __future__ import annotations

import pickle
from dataclasses import FrozenInstanceError, replace
from pathlib import Path

import pytest

from timeline.core.across import find_member
from timeline.core.audit import unnamed_in
from timeline.core.names import Names
from timeline.core.query import Timeline
from timeline.load import load_organisation, parse
from timeline.load.fields import Entry
from timeline.render.ical.text import names as feed_names
from timeline.render.json import event_dict, org_names, person_dict
from timeline.render.lang import EN, Language, language
from timeline.render.lang import en as en_catalogue

LINGUA = Path(__file__).parent / "fixtures" / "names" / "lingua"
FRENCH = Language("fr", en_catalogue.WORDS)
"""A renderer's language that asks for French names (with the English catalogue: only the names are French)."""


@pytest.fixture(scope="module")
def lingua() -> Timeline:
    return Timeline(load_organisation(LINGUA))


def test_names_are_a_frozen_hashable_picklable_mapping_whatever_the_order_given():
    names = Names(ru="Женева", fr="Genève", ar=None, de="")
    assert dict(names) == {"fr": "Genève", "ru": "Женева"}, "languages without a name are left out"
    assert names == Names({"ru": "Женева", "fr": "Genève"}) == {"fr": "Genève", "ru": "Женева"}
    assert hash(names) == hash(Names([("ru", "Женева"), ("fr", "Genève")]))
    assert pickle.loads(pickle.dumps(names)) == names
    assert names.get("es") is None and "fr" in names and len(names) == 2
    with pytest.raises(FrozenInstanceError):
        names._pairs = ()  # type: ignore[misc]


def test_every_kind_of_named_fact_is_named_in_french_and_falls_back_to_english(lingua):
    org = lingua.org
    assert (org.name_in("fr"), org.short_in("fr")) == ("Union des États de test", "UÉT")
    assert lingua.members["xa"].name_in("fr") == "Alandie"
    assert lingua.bodies["assembly"].name_in("fr") == "Conférence des chefs d'État"
    assert lingua.bodies["assembly"].short_in("fr") == "CCE"
    assert lingua.offices["chair"].name_in("fr") == "Présidence de l'Union"
    assert lingua.places["geneva"].name_in("fr") == "Genève"
    assert lingua.events_by_id["ahs-2025-05-12"].name_in("fr") == "Session ordinaire"
    assert lingua.members["xb"].name_in("fr") == "Borland", "no French name: the English one"
    assert lingua.offices["chair"].name_in("ar") == "Chairmanship of the Union"
    assert lingua.offices["chair"].name_in("en") == "Chairmanship of the Union"
    assert org.short_in("ru") is None, "an abbreviation does not fall back to English"


def test_the_older_russian_field_and_the_mapping_read_alike(lingua):
    assert lingua.members["xb"].names == {"ru": "Борландия"}, "name_ru, as the existing data writes it"
    errors: list = []
    older = parse.place(Entry("f.yaml", {"id": "g", "city": "Geneva", "city_ru": "Женева", "country": "CH",
                                         "tz": "Europe/Zurich"}, "place", errors))  # fmt: skip
    mapping = parse.place(Entry("f.yaml", {"id": "g", "city": {"en": "Geneva", "ru": "Женева"}, "country": "CH",
                                           "tz": "Europe/Zurich"}, "place", errors))  # fmt: skip
    assert errors == [] and older == mapping


def test_a_renderer_asking_for_french_writes_the_french_names(lingua):
    geneva, body = lingua.places["geneva"], lingua.bodies["assembly"]
    assert feed_names(geneva, FRENCH) == "Genève (Geneva)", "a feed in French, the English name in brackets"
    assert FRENCH.short(body) == "CCE" and FRENCH.name(lingua.org) == "Union des États de test"
    assert FRENCH.short(replace(body, shorts=Names())) == "Conférence des chefs d'État", "no abbreviation: the name"
    assert EN.name(geneva) == "Geneva" and feed_names(geneva) == "Geneva (Женева)"
    assert language("ru").name(geneva) == "Женева" and language("ru").short(body) == "Ассамблея глав государств"


def test_the_json_keeps_its_russian_keys_read_from_the_mapping(lingua):
    assert org_names(lingua) == {
        "org": "lingua", "name": "Union of Test States", "name_ru": "Союз тестовых государств", "short": "UTS",
        "short_ru": None,
    }  # fmt: skip
    event = event_dict(lingua, lingua.events_by_id["ahs-2025-05-12"])
    assert (event["body_name_ru"], event["title_ru"], event["place"]["city_ru"]) == (
        "Ассамблея глав государств",
        None,
        "Женева",
    )
    assert person_dict(lingua, "p-durand")["name_ru"] == "Жан Дюран"


def test_look_ups_by_name_match_a_name_in_any_language(lingua):
    assert lingua.office("présidence de l'union").id == "chair"
    assert lingua.body("CCE").id == lingua.body("Conférence des chefs d'État").id == "assembly"
    assert find_member([lingua], "alandie") == "xa" and find_member([lingua], "Борландия") == "xb"


def test_the_audit_finds_facts_unnamed_in_a_language_the_organisation_works_in(lingua):
    unnamed = [what for what, _ in unnamed_in(lingua.org, "fr")]
    assert unnamed == ["member 'xb' has no name_fr"]
    assert unnamed_in(lingua.org, "ru") == [], "the organisation does not work in Russian"
    assert [what for what, _ in unnamed_in(lingua.org, "fr", named=lambda fact, lang: fact.id == "xb")] == []


def test_names_come_back_from_a_pickle_equal_and_frozen():
    """The load cache pickles tens of thousands of Names: each comes back equal (same hash, same lookups) and still
    frozen, without its pairs checked again."""
    import pickle

    names = Names(ru="Минск", fr="Minsk")
    again = pickle.loads(pickle.dumps(names))
    assert again == names and hash(again) == hash(names) and again["ru"] == "Минск" and list(again) == ["fr", "ru"]
    with pytest.raises(FrozenInstanceError):
        again._pairs = ()
    assert pickle.loads(pickle.dumps(Names(ru=None))) == Names()

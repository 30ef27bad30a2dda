"""The outlet table: lookups by name, alias, slug, domain, URL; reliability merged from OpenSources."""
from sitrep.outlets import domain_of, outlet_table


def test_lookup_by_slug_alias_domain_and_url():
    t = outlet_table()
    assert t.lookup("dailysabah")["name"] == "Daily Sabah"
    assert t.lookup("OffG")["name"] == "OffGuardian"
    assert t.lookup("https://www.sputniknews.com/middleeast/1")["name"] == "Sputnik"
    assert t.lookup("english.alarabiya.net")["name"] == "Al Arabiya"
    assert t.lookup("The New Arab")["name"] == "Al-Araby Al-Jadeed"
    assert t.lookup("no such outlet") is None and t.lookup("") is None


def test_fakes_outlets_are_all_known():
    for slug in ("ahram", "manar", "alalam", "alaraby", "dailysabah", "sana", "sputnik", "etilaf", "trt",
                 "arabiya", "reuters", "jordantimes", "asharqalawsat", "nna", "tass"):
        assert outlet_table().lookup(slug), slug


def test_reliability_and_state_affiliation():
    t = outlet_table()
    sputnik = t.lookup("Sputnik")
    assert sputnik["reliability"] == ["bias", "state", "fake"] and "Russian state" in sputnik["state_affiliation"]
    assert t.lookup("rt.com")["reliability"] == ["state"]
    assert t.lookup("Reuters")["reliability"] is None
    # domains only in the OpenSources list are outlets too
    assert t.lookup("breitbart.com")["reliability"]


def test_lookup_returns_a_copy():
    rec = outlet_table().lookup("SANA")
    rec["name"] = "changed"
    assert outlet_table().lookup("SANA")["name"] == "SANA"


def test_domain_of():
    assert domain_of("https://www.rt.com/news/1") == "rt.com"
    assert domain_of("Press TV") is None


def test_agency_credits_come_from_the_table():
    credits = outlet_table().agency_credits()
    assert {"AFP", "Reuters", "SANA", "TASS", "Sputnik"} <= set(credits)
    assert "Daily Sabah" not in credits and "Sabah" not in credits  # a newspaper, not a wire

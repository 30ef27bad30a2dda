"""Places: the shipped gazetteer, phrase matching, modifiers, disambiguation, dominant place."""
import csv
import gzip
import time
from pathlib import Path

import pytest

from sitrep.extract.gazetteer import DATA, bare_key, name_key
from sitrep.extract.places import dominant_country, dominant_place, find_places, gazetteer

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def places_in(text, **kw):
    return [(m.text, m.location.name, m.location.admin1, m.location.country, m.location.precision)
            for m in find_places(text, **kw)]


def test_name_key_folds_spelling():
    assert name_key("Deir ez-Zor") == name_key("Deir Ez Zor") == "deir ez zor"
    assert name_key("Ma‘arrat an Nu‘mān") == "maarrat an numan"
    assert bare_key("al bab") == "bab" and bare_key("aleppo") is None


def test_gazetteer_loads_fast_and_once():
    gazetteer.cache_clear()
    t0 = time.perf_counter()
    gaz = gazetteer()
    assert time.perf_counter() - t0 < 2.0  # 0.2 s on a quiet machine; CI is noisy
    assert gazetteer() is gaz


@pytest.mark.parametrize("name,admin1,country,shown", [
    ("Deir Ezzor", "Deir ez-Zor", "Syria", "Deir ez-Zor"),
    ("Deir al-Zour", "Deir ez-Zor", "Syria", "Deir ez-Zor"),
    ("Khan Sheikhoun", "Idlib", "Syria", "Khan Shaykhun"),
    ("Duma", "Rif Dimashq", "Syria", "Douma"),
    ("Raqa", "Raqqa", "Syria", "Raqqa"),
    ("Hasakeh", "Hasakah", "Syria", "Hasakah"),
    ("Lattakia", "Latakia", "Syria", "Latakia"),
    ("Mosul", "Nineveh", "Iraq", "Mosul"),
    ("Palmyra", "Homs", "Syria", "Palmyra"),
    ("Eastern Ghouta", "Rif Dimashq", "Syria", "Eastern Ghouta"),
])
def test_lookup_news_spellings(name, admin1, country, shown):
    loc = gazetteer().lookup(name)
    assert (loc.name, loc.admin1, loc.country) == (shown, admin1, country)
    assert loc.lat is not None and loc.precision in ("point", "admin2")


def test_lookup_prefers_country_context_then_population():
    gaz = gazetteer()
    assert gaz.lookup("Tripoli").country == "Libya"
    assert gaz.lookup("Tripoli", country="Lebanon").country == "Lebanon"
    assert gaz.lookup("Jordan").precision == "country"
    assert gaz.lookup("Anbar").precision == "admin1"
    assert gaz.lookup("no such place anywhere") is None


def test_every_alias_row_resolves():
    """Each place_aliases.tsv row must attach to a GeoNames entry or carry coordinates."""
    gaz = gazetteer()
    for line in open(DATA / "place_aliases.tsv", encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        name, _aliases, country, admin1 = line.rstrip("\n").split("\t")[:4]
        loc = gaz.lookup(name, country)
        assert loc is not None and loc.name == name and loc.country == country, line
        assert not admin1 or loc.admin1 == admin1, line


def test_shipped_file_has_admin1_and_country_rows():
    with gzip.open(DATA / "gazetteer.tsv.gz", "rt", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    kinds = {r["kind"] for r in rows}
    assert kinds == {"point", "admin1", "country"}
    syrian_admin1 = {r["name"] for r in rows if r["kind"] == "admin1" and r["cc"] == "SY"}
    assert {"Aleppo", "Idlib", "Rif Dimashq", "Deir ez-Zor", "Hasakah", "Raqqa", "Latakia"} <= syrian_admin1


def test_find_places_offsets_and_modifiers():
    text = "Russian jets struck northern Aleppo, the Aleppo countryside and rural Damascus."
    found = find_places(text)
    for m in found:
        assert text[m.start:m.end] == m.text == m.location.span.text
    got = places_in(text)
    assert ("northern Aleppo", "northern Aleppo", "Aleppo", "Syria", "point") in got
    assert ("Aleppo countryside", "Aleppo countryside", "Aleppo", "Syria", "admin1") in got
    assert ("rural Damascus", "rural Damascus", "Rif Dimashq", "Syria", "admin1") in got


def test_province_suffix_gives_admin1():
    got = places_in("Clashes in Idlib province and Deir Ezzor province.")
    assert [g[2] for g in got] == ["Idlib", "Deir ez-Zor"]
    assert all(g[4] == "admin1" for g in got)


def test_common_words_and_lowercase_are_not_places():
    assert places_in("More than one of them said the police hit a human march.") == []
    assert places_in("the aleppo offensive") == []


def test_context_only_names_need_a_locative():
    assert places_in("The Hit list was long.") == []
    assert [g[1] for g in places_in("Fighting in Hit, Anbar.")][0] == "Hit"


def test_ambiguous_name_follows_the_text_country():
    got = places_in("Strikes hit Homs and Hama. Later Tripoli was shelled near Homs.")
    assert ("Tripoli", "Tripoli", "North Lebanon", "Lebanon", "point") not in got
    got = places_in("In Beirut and Sidon, officials said Tripoli was calm.")
    assert [g[3] for g in got if g[0] == "Tripoli"] == ["Lebanon"]


def test_dominant_place_and_country():
    text = ("Aleppo bomb blast kills six. A bomb blast killed six people in Aleppo, the US said. "
            "Russia and Turkey discussed Idlib. Fighting also went on in Aleppo's east.")
    ms = find_places(text)
    assert dominant_country(ms) == "Syria"
    place = dominant_place(ms)
    assert (place.name, place.admin1) == ("Aleppo", "Aleppo")
    assert dominant_place([]) is None and dominant_country([]) is None


@pytest.mark.skipif(not (SHARED / "corpus" / "fakes" / "fakes_dev.csv").exists(), reason="no shared corpus")
@pytest.mark.slow
def test_fakes_governorate_baseline():
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        "governorate_baseline", Path(__file__).resolve().parents[1] / "bench" / "governorate_baseline.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    out, _ = mod.measure(SHARED)
    assert out["gold_admin1_resolved"] >= 0.95
    assert out["fakes_dominant_admin1_accuracy"] >= 0.80


def test_spacy_entities_filter_and_add():
    analyze = pytest.importorskip("sitrep.analyze")
    text = "Rebels attacked Shaykh Najjar. Jordan Times reporters and Bashar al-Assad visited Aleppo."
    doc = analyze.parse(text)
    with_doc = {m.text: m.rule for m in find_places(text, doc=doc)}
    assert "Aleppo" in with_doc
    assert "Jordan" in {m.text for m in find_places(text)}
    if {e.text: e.label_ for e in doc.ents}.get("Jordan Times") == "ORG":
        # Inside a longer ORG/PERSON entity a name is not a place.
        assert "Jordan" not in with_doc


def test_possessive_and_article_variants():
    got = places_in("Aleppos eastern districts and al-Rai were hit; Syrias army advanced at Hama.")
    assert [g[1] for g in got] == ["Aleppo", "Al-Rai", "Syria", "Hama"]
    assert not any(g[0].startswith("at ") for g in got)
    assert places_in("Ahrar al-Sham and US-led jets.") == []


def test_builder_helpers():
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        "build_gazetteer", Path(__file__).resolve().parents[1] / "scripts" / "build_gazetteer.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    assert build.display_name("Ḩalfāyā") == "Halfaya"
    assert build.display_name("‘Afrīn") == "Afrin"
    assert build.is_latin_name("Deir ez-Zor")
    assert not build.is_latin_name("ALP") and not build.is_latin_name("حلب") and not build.is_latin_name("aleppo")
    assert build.alternates_of("Aleppo", ["Alep", "ALP", "Halab", "حلب", "Alep"]) == ["alep", "halab"]
    assert build.key_columns("Al Bab", ["al bab city"]) == ["al bab", "al bab city", "bab|bab city"]

from sitrep.analyze import nlp, parse


def test_model_loads_once_with_line_break_boundaries():
    assert nlp() is nlp()
    assert "line_break_boundaries" in nlp().pipe_names
    assert nlp().pipe_names.index("line_break_boundaries") < nlp().pipe_names.index("parser")


def test_a_title_line_is_its_own_sentence():
    doc = parse("Airstrikes Kill 60 Civilians In Mosul\n\nOver 60 civilians have been killed, the military said.")
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences[0] == "Airstrikes Kill 60 Civilians In Mosul"
    assert sentences[-1] == "Over 60 civilians have been killed, the military said."

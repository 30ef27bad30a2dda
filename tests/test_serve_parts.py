"""The pieces behind the pages: span highlighting, the timeline, the map."""
from __future__ import annotations

from sitrep.serve.charts import build_timeline, normalise_rows
from sitrep.serve.geo import MIDDLE_EAST, country_paths, incident_map, project
from sitrep.serve.highlight import Mark, highlight, kinds_present, marks_for


def test_highlight_escapes_every_piece_and_marks_overlaps():
    text = "A <b> said 6 killed"
    out = str(highlight(text, [Mark(0, 19, "claim", "claim 1"), Mark(11, 12, "figure", "killed: 6 <x>")]))
    assert out.startswith('<mark class="hl k-claim" title="claim 1">A &lt;b&gt; said </mark>')
    assert '<mark class="hl k-claim k-figure" title="claim 1\nkilled: 6 &lt;x&gt;">6</mark>' in out
    assert out.endswith('<mark class="hl k-claim" title="claim 1"> killed</mark>')


def test_highlight_ignores_spans_outside_the_text_and_unknown_kinds():
    out = str(highlight("short", [Mark(2, 99, "figure", "x"), Mark(-1, 2, "place", "y"), Mark(0, 2, "nonsense", "z")]))
    assert out == "short"


def test_anchor_goes_on_the_first_piece_of_a_trigger_only():
    out = str(highlight("air strike on Aleppo", [Mark(0, 10, "trigger", "event 1", anchor="ev-0"),
                                                 Mark(4, 10, "figure", "f")]))
    assert out.count('id="ev-0"') == 1 and out.index('id="ev-0"') < out.index("air")


def test_marks_for_reads_event_claim_and_document_spans():
    article = {
        "published": "2016-10-25",
        "spans": {"published": {"start": 0, "end": 4, "text": "Tues", "rule": "dateline"}},
        "events": [{"type": "shelling", "trigger": {"start": 5, "end": 13, "rule": "trigger:shelling"},
                    "location": {"name": "Homs", "span": {"start": 17, "end": 21, "rule": "gazetteer"}},
                    "killed": {"value": 4, "qualifier": "exact", "span": {"start": 29, "end": 33, "rule": "num"}},
                    "quantities": {"missiles": {"value": 2, "span": {"start": 40, "end": 43, "rule": "num"}}},
                    "spans": {"actor1": {"start": 50, "end": 55, "rule": "alias"}}}],
        "claims": [{"speaker": "X", "span": {"start": 60, "end": 70}, "cue_span": {"start": 71, "end": 75},
                    "speaker_span": {"start": 56, "end": 59}}],
    }
    kinds = sorted(m.kind for m in marks_for(article))
    assert kinds == ["actor", "claim", "cue", "date", "figure", "figure", "place", "speaker", "trigger"]
    assert [k for k, _ in kinds_present(marks_for(article))][:2] == ["claim", "speaker"]
    assert any("rule gazetteer" in m.note for m in marks_for(article))


def test_timeline_daily_and_monthly_bars():
    daily = build_timeline([{"date": "2016-10-22", "type": "air_strike", "events": 2, "killed": 60},
                            {"date": "2016-10-24", "type": "shelling", "events": 1, "killed": 3}])
    assert not daily["monthly"] and daily["types"] == ["air_strike", "shelling"]
    events, killed = daily["panels"]
    assert events["total"] == 3 and killed["total"] == 63
    # three days from the 22nd to the 24th, the empty 23rd included
    assert len({b["x"] for b in events["bars"]}) == 2 and len(daily["xlabels"]) == 3
    tallest = max(events["bars"], key=lambda b: b["h"])
    assert tallest["type"] == "air_strike" and "2 air strike" in tallest["title"]
    monthly = build_timeline([{"date": "2015-01-03", "type": "other", "events": 1},
                              {"date": "2016-06-30", "type": "other", "events": 1}])
    assert monthly["monthly"]
    assert build_timeline([{"date": None, "type": "other"}]) is None
    assert normalise_rows([{"month": "2016-10", "type": "x", "count": 4}])[0][2] == 4


def test_map_places_markers_sized_by_toll():
    incidents = [{"id": "a", "type": "air_strike", "place": {"name": "Mosul", "lat": 36.34, "lon": 43.13},
                  "figures": {"killed": {"best": 100}}, "contested": True},
                 {"id": "b/c", "type": "shelling", "place": {"name": "Tal Afar", "lat": 36.37, "lon": 42.45}},
                 {"id": "d", "type": "shelling", "place": {"name": "Nowhere", "lat": None, "lon": None}}]
    m = incident_map(incidents)
    assert len(m["markers"]) == 2 and m["unplaced"] == 1 and m["outside"] == 0
    small, big = m["markers"]  # the contested one is drawn last, on top
    assert (big.x, big.y) == tuple(round(v, 3) for v in project(43.13, 36.34))
    assert big.contested and not small.contested and big.r > 2 * small.r
    assert small.href == "/incidents/b%2Fc"
    x0, y0, w, h = map(float, m["view_box"].split())
    assert x0 < big.x < x0 + w and y0 < big.y < y0 + h
    assert abs(w / h - 1.6) < 0.01
    names = {name for name, _ in m["countries"]}
    assert {"Syria", "Iraq"} <= names and "Brazil" not in names
    assert [label["text"] for label in m["labels"]] == ["Mosul", "Tal Afar"] or len(m["labels"]) == 1
    assert len(country_paths()) > 150


def test_map_frames_the_middle_east_when_nothing_is_placed():
    m = incident_map([])
    x0, y0, w, h = map(float, m["view_box"].split())
    left, _ = project(MIDDLE_EAST[0], MIDDLE_EAST[1])
    right, _ = project(MIDDLE_EAST[2], MIDDLE_EAST[3])
    assert x0 <= left and x0 + w >= right


def test_map_leaves_a_stray_geocode_out_of_the_frame():
    syria = [{"id": str(i), "place": {"name": f"town {i}", "lat": 33 + i * 0.1, "lon": 36 + i * 0.1}} for i in range(30)]
    stray = {"id": "x", "place": {"name": "Rio", "lat": -22.9, "lon": -43.2}}
    m = incident_map(syria + [stray])
    assert m["outside"] == 1
    assert "Brazil" not in {name for name, _ in m["countries"]}


def test_place_labels_do_not_overlap():
    crowd = [{"id": str(i), "place": {"name": f"Place number {i}", "lat": 36.2, "lon": 37.1 + i * 0.01}} for i in range(5)]
    m = incident_map(crowd)
    assert len(m["labels"]) == 1


def test_contradiction_sides_group_the_voices_of_one_value():
    from sitrep.serve.templating import group_sides

    sides = group_sides([
        {"value": 6, "source": "Russian Ministry of Defence", "outlet": "OffGuardian", "article_id": "a"},
        {"value": 6, "source": "Russian Ministry of Defence", "outlet": "OffGuardian", "article_id": "a"},
        {"value": 6, "source": "Russian Ministry of Defence", "outlet": "FNA", "article_id": "b"},
        {"value": 8, "source": "TASS", "outlet": "OffGuardian", "article_id": "a"},
    ])
    assert [s["value"] for s in sides] == [6, 8]
    assert [v["outlet"] for v in sides[0]["voices"]] == ["OffGuardian", "FNA"]

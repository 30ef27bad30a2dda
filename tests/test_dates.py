"""Relative and absolute dates resolved against the publication date (the guide's examples)."""
import datetime as dt

import pytest

from sitrep.extract.dates import find_dates

TUESDAY = dt.date(2016, 10, 25)
D = dt.date


@pytest.mark.parametrize("text,start,end,precision", [
    ("on Tuesday", D(2016, 10, 25), None, "day"),
    ("last Friday", D(2016, 10, 21), None, "day"),
    ("on Friday", D(2016, 10, 21), None, "day"),
    ("yesterday", D(2016, 10, 24), None, "day"),
    ("overnight", D(2016, 10, 24), None, "day"),
    ("in the past day", D(2016, 10, 24), D(2016, 10, 25), "range"),
    ("over the past 24 hours", D(2016, 10, 24), D(2016, 10, 25), "range"),
    ("in the past three days", D(2016, 10, 22), D(2016, 10, 25), "range"),
    ("since last Tuesday", D(2016, 10, 18), D(2016, 10, 25), "range"),
    ("earlier this week", D(2016, 10, 24), D(2016, 10, 25), "range"),
    ("last week", D(2016, 10, 17), D(2016, 10, 23), "range"),
    ("since October 18", D(2016, 10, 18), D(2016, 10, 25), "range"),
    ("on Oct. 18", D(2016, 10, 18), None, "day"),
    ("on December 30", D(2015, 12, 30), None, "day"),
    ("24 Oct 2016", D(2016, 10, 24), None, "day"),
    ("November 3, 2015", D(2015, 11, 3), None, "day"),
    ("in March 2011", D(2011, 3, 1), None, "month"),
    ("in August", D(2016, 8, 1), None, "month"),
    ("last November", D(2015, 11, 1), None, "month"),
    ("in 2015", D(2015, 1, 1), None, "year"),
    ("last year", D(2015, 1, 1), None, "year"),
    ("a year ago", D(2015, 1, 1), None, "year"),
    ("two years ago", D(2014, 1, 1), None, "year"),
    ("Friday's raid", D(2016, 10, 21), None, "day"),
    ("Fridays raid", D(2016, 10, 21), None, "day"),  # texts stripped of apostrophes
])
def test_resolves_against_publication(text, start, end, precision):
    [d] = find_dates(text, TUESDAY)
    assert (d.date, d.date_end, d.precision) == (start, end, precision)
    assert d.rule.startswith("date:")


def test_without_publication_only_self_contained_dates_resolve():
    assert find_dates("on Tuesday", None)[0].precision == "unknown"
    assert find_dates("on Tuesday", None)[0].date is None
    assert find_dates("24 Oct 2016", None)[0].date == D(2016, 10, 24)


def test_modal_may_is_not_a_month_and_offsets_are_article_offsets():
    assert find_dates("the offensive may force hundreds to flee", TUESDAY) == []
    [d] = find_dates("Strikes on Monday", TUESDAY, offset=100)
    assert (d.start, d.end, d.text) == (111, 117, "Monday")

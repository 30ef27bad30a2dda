"""`sitrep bench`: arguments, inputs, and (slow) a real timing run on two small documents."""
import argparse
import json

import pytest

from sitrep.cli import bench


def parse(argv):
    parser = argparse.ArgumentParser()
    bench.configure(parser)
    return parser.parse_args(argv)


def test_arguments():
    args = parse(["--json", "--input", "a", "--input", "b", "--limit", "3"])
    assert args.json and args.input == ["a", "b"] and args.limit == 3


def test_documents_come_from_any_readable_input(tmp_path):
    (tmp_path / "one.txt").write_text("Strike on town\n\nAir strikes hit the town of Saraqib on Monday.")
    (tmp_path / "two.txt").write_text("Clashes\n\nClashes broke out near Aleppo on Tuesday.")
    docs = bench.load_documents([str(tmp_path)])
    assert sorted(d.id for d in docs) == ["one", "two"]
    assert len(bench.load_documents([str(tmp_path)], limit=1)) == 1


def test_run_without_documents_says_what_to_do(tmp_path, capsys):
    assert bench.run(parse(["--input", str(tmp_path)])) == 2
    assert "no readable documents" in capsys.readouterr().err


def test_peak_rss_is_megabytes():
    assert 10 < bench.peak_rss_mb() < 100_000


@pytest.mark.slow
def test_measure_reports_rates_and_ratio(tmp_path, capsys):
    for i in range(3):
        (tmp_path / f"d{i}.txt").write_text(
            "Strikes on Saraqib\n\nAir strikes killed six civilians in Saraqib in Idlib province on Monday, "
            "a monitor said. Rebels shelled government-held districts of Aleppo.")
    assert bench.run(parse(["--json", "--input", str(tmp_path), "--min-articles", "3", "--rounds", "2"])) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["articles"] == 3 and result["events"] >= 3 and result["rounds"] == 2
    assert result["articles_per_s"] > 0 and result["baseline_articles_per_s"] > 0
    assert result["ratio"] == pytest.approx(result["articles_per_s"] / result["baseline_articles_per_s"], rel=0.01)
    assert result["peak_rss_mb"] > 0 and result["cpu_ratio"] > 0


def test_small_inputs_are_cycled_with_distinct_ids(tmp_path):
    (tmp_path / "one.txt").write_text("Strike\n\nAir strikes hit Saraqib on Monday.")
    docs = bench.cycle_to(bench.load_documents([str(tmp_path)]), 5)
    assert len(docs) == 5 and len({d.id for d in docs}) == 5

"""``sitrep extract``: records on stdout, one error line per bad document, a summary, exit codes."""
import json
from pathlib import Path

import pytest

from sitrep.cli import main

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture
def no_models(monkeypatch):
    """Run the CLI without spaCy and the extractors: this tests reading, cleaning and output."""
    class FakeNlp:
        def pipe(self, texts, batch_size=16):
            return (None for _ in texts)

    monkeypatch.setattr("sitrep.pipeline.nlp", lambda: FakeNlp())
    monkeypatch.setattr("sitrep.pipeline.run_components", lambda article, doc: article)


def test_good_and_bad_documents(tmp_path, capsys, no_models):
    (tmp_path / "good.txt").write_text("Shelling in Hama\n\nWed 05 Apr 2017 Shelling killed two people in "
                                       "Hama on Wednesday, state news agency SANA said.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "junk.txt").write_bytes(b"\x00\x01\x02" * 100)
    code = main(["extract", str(tmp_path)])
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert [r["id"] for r in records] == ["good"]
    rec = records[0]
    assert rec["published"] == "2017-04-05" and rec["cited_sources"] == ["SANA"] and rec["events"] == []
    lines = err.strip().splitlines()
    assert any(line.startswith("error: empty") and "empty document" in line for line in lines)
    assert any(line.startswith("error: junk") and "binary" in line for line in lines)
    assert "1 article(s) extracted, 2 failed" in lines[-1]


def test_all_good_exits_0_and_json_format(tmp_path, capsys, no_models):
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "a1", "title": "T", "text": "Body of the article."}) + "\n",
                                      encoding="utf-8")
    assert main(["extract", str(tmp_path / "a.jsonl"), "--format", "json", "--no-text"]) == 0
    out, _ = capsys.readouterr()
    data = json.loads(out)
    assert data[0]["id"] == "a1" and "text" not in data[0]


def test_usage_errors_exit_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["extract", "--format", "xml", str(tmp_path)])
    assert exc.value.code == 2
    assert main(["extract", "--max-bytes", "0", str(tmp_path)]) == 2


def test_too_large_against_flag(tmp_path, capsys, no_models):
    (tmp_path / "a.txt").write_text("Title\n\n" + "word " * 400, encoding="utf-8")
    assert main(["extract", str(tmp_path / "a.txt"), "--max-bytes", "1000"]) == 1
    assert "too large" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "corpus" / "fakes" / "fakes_dev.csv").exists(), reason="no ../shared")
def test_fakes_csv_command_line(capsys, no_models):
    code = main(["extract", str(SHARED / "corpus" / "fakes" / "fakes_dev.csv"), "--id-col", "unit_id",
                 "--title-col", "article_title", "--text-col", "article_content", "--outlet-col", "source",
                 "--date-col", "none", "--no-text"])
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(records) + len(errors) == 582 and len(errors) <= 3
    assert all("no article text" in line for line in errors) and code == (1 if errors else 0)
    dated = sum(1 for r in records if r["published"])
    assert dated / len(records) > 0.9
    assert all(r["outlet"] for r in records)


def test_demo_writes_jsonl_for_every_sample(tmp_path, capsys, no_models):
    from sitrep.cli.demo import sample_paths

    assert any(p.endswith(".jsonl") for p in sample_paths())
    assert main(["demo", "--out", str(tmp_path)]) == 0
    records = [json.loads(line) for line in (tmp_path / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) == 10
    by_id = {r["id"]: r for r in records}
    assert by_id["000_66a26beed339d9a6"]["outlet"] == "OffGuardian"
    assert sum(1 for r in records if r["published"]) >= 8
    assert "articles.jsonl" in capsys.readouterr().out

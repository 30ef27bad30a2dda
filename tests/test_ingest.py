"""Readers: every format, stable ids, and bad input as DocumentError, never an exception."""
import io
import json

import pytest

from sitrep.ingest import ReadOptions, read_sources
from sitrep.ingest.sources import decode, InputError, sniff_format
from sitrep.records import DocumentError, RawDocument


def docs_and_errors(paths, **kw):
    items = list(read_sources([str(p) for p in paths], **kw))
    return ([i for i in items if isinstance(i, RawDocument)], [i for i in items if isinstance(i, DocumentError)])


def test_txt_id_is_file_stem(tmp_path):
    (tmp_path / "a1.txt").write_text("Title\n\nBody text here.", encoding="utf-8")
    docs, errors = docs_and_errors([tmp_path / "a1.txt"])
    assert not errors and docs[0].id == "a1" and docs[0].format == "txt"
    assert docs[0].raw.startswith("Title")


def test_directory_is_recursive_and_sorted(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("B body", encoding="utf-8")
    (tmp_path / "sub" / "a.txt").write_text("A body", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    docs, errors = docs_and_errors([tmp_path])
    assert [d.id for d in docs] == ["b", "a"] and not errors


def test_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    docs, errors = docs_and_errors([tmp_path / "empty.txt"])
    assert not docs and "empty" in errors[0].reason and errors[0].id == "empty"


def test_binary_junk(tmp_path):
    (tmp_path / "junk.txt").write_bytes(bytes(range(256)) * 20)
    docs, errors = docs_and_errors([tmp_path / "junk.txt"])
    assert not docs and "binary" in errors[0].reason


def test_invalid_utf8_is_read_with_a_warning(tmp_path):
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 bombed in Aleppo, 5 killed.".encode("latin-1"))
    docs, errors = docs_and_errors([tmp_path / "latin.txt"])
    assert not errors
    assert "Café" in docs[0].raw
    assert any("invalid UTF-8" in w for w in docs[0].meta["warnings"])


def test_forced_encoding_failure_is_an_error(tmp_path):
    (tmp_path / "x.txt").write_bytes("Caf\xe9".encode("latin-1"))
    docs, errors = docs_and_errors([tmp_path / "x.txt"], encoding="utf-8")
    assert not docs and "cannot decode" in errors[0].reason


def test_too_large_file_against_the_limit(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:  # sparse-ish 40 MB without building it in memory
        fh.seek(40_000_000 - 1)
        fh.write(b"a")
    docs, errors = docs_and_errors([big])
    assert not docs and "too large" in errors[0].reason and "40.0 MB" in errors[0].reason
    docs, errors = docs_and_errors([big], max_bytes=50_000_000)
    assert not any("too large" in e.reason for e in errors)


def test_missing_path(tmp_path):
    docs, errors = docs_and_errors([tmp_path / "nope.txt"])
    assert "no such file" in errors[0].reason


def test_jsonl_truncated_line_keeps_the_others(tmp_path):
    p = tmp_path / "batch.jsonl"
    p.write_text(json.dumps({"id": "x1", "title": "T", "text": "Body one."}) + "\n"
                 + '{"id": "x2", "text": "Body tw\n'
                 + json.dumps({"content": "Body three, no id."}) + "\n", encoding="utf-8")
    docs, errors = docs_and_errors([p])
    assert [d.id for d in docs][0] == "x1" and docs[0].meta["title"] == "T"
    assert docs[1].id.startswith("sha1-")  # no id field: content hash
    assert len(errors) == 1 and "line 2" in errors[0].reason and "truncated" in errors[0].reason


def test_json_field_mapping(tmp_path):
    p = tmp_path / "a.json"
    p.write_text(json.dumps({"articles": [{"doc": "d1", "headline": "H", "story": "The story."}]}), encoding="utf-8")
    docs, errors = docs_and_errors([p], id_col="doc", text_col="story", title_col="headline")
    assert not errors and docs[0].id == "d1" and docs[0].raw == "The story." and docs[0].meta["title"] == "H"


def test_csv_broken_quoting_and_ragged_rows(tmp_path):
    p = tmp_path / "rows.csv"
    p.write_text('id,title,text\n'
                 '1,Good,"Body one."\n'
                 '2,Bad,"Unclosed quote body\n'
                 '3,Good again,"Body three."\n'
                 '4,Ragged,"Body four.",extra\n'
                 '5,Short\n', encoding="utf-8")
    docs, errors = docs_and_errors([p])
    assert [d.id for d in docs] == ["1", "3", "4"]
    assert any("line 3" in e.reason and "quoting" in e.reason for e in errors)
    assert any("line 6" in e.reason and "no text" in e.reason for e in errors)
    assert any("fields" in w for w in docs[2].meta["warnings"])


def test_csv_unknown_column_is_one_clear_error(tmp_path):
    p = tmp_path / "rows.csv"
    p.write_text("a,b\n1,2\n", encoding="utf-8")
    docs, errors = docs_and_errors([p], text_col="body_text")
    assert not docs and "body_text" in errors[0].reason


def test_duplicate_ids_are_renamed(tmp_path):
    p = tmp_path / "rows.csv"
    p.write_text("id,text\n7,First body.\n7,Second body.\n", encoding="utf-8")
    docs, _ = docs_and_errors([p])
    assert [d.id for d in docs] == ["7", "7~2"]


def test_html_with_no_body(tmp_path):
    p = tmp_path / "page.html"
    p.write_text("<html><head><title>Nothing</title></head></html>", encoding="utf-8")
    docs, errors = docs_and_errors([p])
    assert not docs and "no article text" in errors[0].reason


def test_html_text_and_metadata(tmp_path):
    p = tmp_path / "page.html"
    p.write_text('<html><head><title>Strike - Example</title><meta property="og:site_name" content="Reuters">'
                 '<meta property="article:published_time" content="2016-10-25T10:00:00Z"></head><body><article>'
                 "<h1>Strike</h1><p>Air strikes killed 12 people in Idlib on Tuesday, the Syrian Observatory "
                 "for Human Rights said, adding that the raids hit a market and a school.</p></article></body></html>",
                 encoding="utf-8")
    docs, errors = docs_and_errors([p])
    assert not errors and "killed 12 people" in docs[0].raw
    assert docs[0].meta["published"] == "2016-10-25" and docs[0].meta["outlet"] == "Reuters"


def test_rss_feed(tmp_path):
    p = tmp_path / "feed.rss"
    p.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title>'
                 "<item><title>Blast kills 5</title><link>https://example.com/a</link>"
                 "<pubDate>Tue, 25 Oct 2016 10:00:00 GMT</pubDate>"
                 "<description>A blast killed five people in Aleppo on Tuesday.</description></item>"
                 "</channel></rss>", encoding="utf-8")
    docs, errors = docs_and_errors([p])
    assert not errors and docs[0].meta["title"] == "Blast kills 5" and docs[0].meta["published"] == "2016-10-25"
    assert docs[0].id.startswith("url-") and "five people" in docs[0].raw


def test_stdin(monkeypatch):
    data = "Headline\n\nBody from a pipe.".encode("utf-8")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    docs, errors = docs_and_errors(["-"])
    assert not errors and docs[0].id == "stdin" and "Body from a pipe." in docs[0].raw


def test_url_limits_are_reported_not_raised(monkeypatch):
    import httpx

    def handler(request):
        return httpx.Response(200, headers={"content-type": "text/html"}, content=b"x" * 5000)

    real_client = httpx.Client
    monkeypatch.setattr(httpx, "Client", lambda **kw: real_client(transport=httpx.MockTransport(handler), **kw))
    items = list(read_sources(["https://example.com/big"], max_bytes=1000))
    assert isinstance(items[0], DocumentError) and "too large" in items[0].reason


def test_url_redirect_limit(monkeypatch):
    import httpx

    def handler(request):
        return httpx.Response(302, headers={"location": str(request.url) + "x"})

    real_client = httpx.Client
    monkeypatch.setattr(httpx, "Client", lambda **kw: real_client(transport=httpx.MockTransport(handler), **kw))
    items = list(read_sources(["https://example.com/loop"]))
    assert isinstance(items[0], DocumentError) and "redirects" in items[0].reason


def test_sniff_and_decode_helpers():
    assert sniff_format(b"<rss version='2.0'>") == "feed"
    assert sniff_format(b'{"id": 1}\n{"id": 2}') == "jsonl"
    assert sniff_format(b"Plain words") == "txt"
    with pytest.raises(InputError):
        decode(b"\x00\x01\x02abc")
    assert decode("ok".encode("utf-8-sig")) == ("ok", [])


def test_options_accept_cli_spellings():
    opts = ReadOptions.from_kwargs(text_col="article_content", date_col="none", max_bytes=5)
    assert opts.text_field == "article_content" and opts.published_field == "none" and opts.max_bytes == 5


def test_html_outlet_from_the_page_titles_site_suffix(tmp_path):
    from sitrep.clean import clean_document
    from sitrep.ingest import read_sources

    page = tmp_path / "p.html"
    page.write_text(
        "<html><head><title>Shelling kills four in Daraa | Jordan Times</title></head><body><article>"
        "<h1>Shelling kills four in Daraa</h1><p>Shelling killed four civilians in the southern city of Daraa "
        "on Monday, a monitor said, as fighting went on around the old quarter of the city.</p>"
        "<p>Residents said the shells fell near a school in the late afternoon.</p></article></body></html>",
        encoding="utf-8")
    [raw] = list(read_sources([str(page)]))
    assert raw.meta["page_title"].endswith("| Jordan Times")
    assert clean_document(raw).outlet == "Jordan Times"

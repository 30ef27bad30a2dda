"""The shell examples of README.md and docs/*.md must match the CLI.

Every ``sitrep SUBCOMMAND ...`` invocation in a fenced shell block (and every
inline code span that starts with ``sitrep ``) is parsed, not run: the
subcommand must exist and every flag it uses must be an option string of that
subcommand's argparse parser, so a renamed or removed flag breaks this test
instead of silently breaking the docs."""
from __future__ import annotations

import argparse
import re
import shlex
from pathlib import Path

import pytest

from sitrep.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
DOC_FILES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

# Untagged blocks are included: several docs show shell commands without a tag.
SHELL_TAGS = {"", "sh", "bash", "shell", "console"}
FENCE = re.compile(r"^```([\w-]*)[^\n]*\n(.*?)^```", re.M | re.S)
INLINE_CODE = re.compile(r"(?<!`)`(sitrep [^`]+)`(?!`)")
# Separators between commands of one shell line; `|` is left alone because the
# synopses use it for alternatives (`--format jsonl|csv`), and a pipe into
# sitrep (`cat a.txt | sitrep extract -`) is found by the token scan anyway.
COMMAND_SEPARATORS = {"&&", "||", ";", "&"}


def shell_blocks(markdown: str) -> list[tuple[int, str]]:
    """(line number, body) of each fenced shell block."""
    blocks = []
    for match in FENCE.finditer(markdown):
        if match.group(1).lower() in SHELL_TAGS:
            line = markdown.count("\n", 0, match.start(2)) + 1
            blocks.append((line, match.group(2)))
    return blocks


def command_lines(block: str) -> list[tuple[int, str]]:
    """Logical lines of a block (backslash continuations joined), with the
    offset of their first physical line; prompts (`$ `) are dropped."""
    lines, current, start = [], "", 0
    for offset, raw in enumerate(block.splitlines()):
        if not current:
            start = offset
        text = raw.rstrip()
        if text.startswith("$ "):
            text = text[2:]
        # An indented line of options continues a synopsis (`sitrep export ...`
        # then `    [--type T] ...`) even without a backslash.
        if not current and lines and text[:1].isspace() and text.lstrip()[:1] in "[-":
            start, previous = lines.pop()
            current = previous + " "
        if text.endswith("\\"):
            current += text[:-1] + " "
            continue
        lines.append((start, current + text))
        current = ""
    if current:
        lines.append((start, current))
    return lines


def tokens_of(line: str) -> list[str]:
    try:
        return shlex.split(line, comments=True)
    except ValueError:  # an unbalanced quote in prose-like synopsis
        return line.split("#", 1)[0].split()


def sitrep_invocations(line: str) -> list[list[str]]:
    """Token lists starting at the subcommand, one per `sitrep` call."""
    tokens = tokens_of(line)
    calls = []
    for index, token in enumerate(tokens):
        if token.rsplit("/", 1)[-1] != "sitrep" or index + 1 >= len(tokens):
            continue
        call = []
        for arg in tokens[index + 1:]:
            if arg in COMMAND_SEPARATORS or arg.startswith(">"):
                break
            call.append(arg)
        if call:
            calls.append(call)
    return calls


def flags_of(args: list[str]) -> list[str]:
    """Option strings used in args: `--flag`, `--flag=value`, `[--flag`, `-o`."""
    flags = []
    for arg in args:
        for piece in arg.split("|"):
            piece = piece.strip("[]()")
            if re.fullmatch(r"--?[A-Za-z][\w-]*(=.*)?", piece):
                flags.append(piece.split("=", 1)[0])
    return flags


def subcommand_parsers() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("sitrep has no subcommands")


def invocations_in(markdown: str) -> list[tuple[int, list[str]]]:
    """(line number, [subcommand, args...]) for every sitrep call in markdown."""
    found = []
    for block_line, block in shell_blocks(markdown):
        for offset, line in command_lines(block):
            for call in sitrep_invocations(line):
                found.append((block_line + offset, call))
    for match in INLINE_CODE.finditer(markdown):
        line = markdown.count("\n", 0, match.start()) + 1
        found.extend((line, call) for call in sitrep_invocations(match.group(1)))
    return found


def problems_in(markdown: str, where: str, parsers: dict[str, argparse.ArgumentParser]) -> list[str]:
    problems = []
    for line, (command, *args) in invocations_in(markdown):
        if command.startswith("-"):  # `sitrep --help`, `sitrep --version`
            continue
        parser = parsers.get(command)
        if parser is None:
            problems.append(f"{where}:{line}: no subcommand `sitrep {command}`")
            continue
        for flag in flags_of(args):
            if flag not in parser._option_string_actions:
                problems.append(f"{where}:{line}: `sitrep {command}` has no flag {flag}")
    return problems


@pytest.fixture(scope="module")
def parsers():
    return subcommand_parsers()


@pytest.mark.parametrize("doc", DOC_FILES, ids=lambda p: p.name)
def test_doc_commands_match_the_cli(doc, parsers):
    problems = problems_in(doc.read_text(encoding="utf-8"), doc.relative_to(ROOT).as_posix(), parsers)
    assert not problems, "\n".join(problems)


def test_the_docs_show_sitrep_commands():
    # Guards the scanner itself: if parsing found nothing, the test above would
    # pass vacuously.
    calls = [call for doc in DOC_FILES for _, call in invocations_in(doc.read_text(encoding="utf-8"))]
    commands = {call[0] for call in calls}
    assert {"extract", "ingest", "incidents", "serve", "export", "scale"} <= commands
    assert len(calls) >= 20


def test_a_made_up_flag_or_subcommand_is_reported(parsers):
    markdown = (
        "Intro.\n\n```sh\n"
        ".venv/bin/sitrep extract corpus/ --format jsonl \\\n"
        "    --no-such-flag 3 > out.jsonl   # comment --not-a-flag\n"
        "SITREP_TOKEN=x sitrep serve --db a.db &\n"
        "sitrep frobnicate --db a.db\n"
        "sitrep export --db DB [-o FILE]\n"
        "              [--type T] [--made-up D]\n"
        "```\n\nAnd `sitrep export --db DB [--bogus-option]` inline.\n"
    )
    problems = problems_in(markdown, "x.md", parsers)
    assert problems == [
        "x.md:4: `sitrep extract` has no flag --no-such-flag",
        "x.md:7: no subcommand `sitrep frobnicate`",
        "x.md:8: `sitrep export` has no flag --made-up",
        "x.md:12: `sitrep export` has no flag --bogus-option",
    ]


def test_flags_are_read_from_synopsis_forms():
    assert flags_of(["--db", "DB", "[--what", "incidents|events]", "[-o", "FILE]", "--x=1"]) == \
        ["--db", "--what", "-o", "--x"]
    assert flags_of(["[--workers", "N", "|", "--scheduler", "ADDR]"]) == ["--workers", "--scheduler"]

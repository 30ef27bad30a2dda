"""Interim: replaced by the full extract command."""
HELP = "Extract articles, events and claims from files and print them."


def configure(parser):
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--format", default="jsonl", choices=["jsonl"])


def run(args) -> int:
    import json
    import sys

    from ..ingest import read_sources
    from ..pipeline import process_many
    from ..records import DocumentError

    for item in process_many(read_sources(args.paths)):
        if isinstance(item, DocumentError):
            print(f"{item.id}: {item.reason}", file=sys.stderr)
        else:
            print(json.dumps(item.to_gold(), ensure_ascii=False))
    return 0

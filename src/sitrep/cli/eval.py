"""``sitrep eval``: score extraction against gold records (same metrics as shared/tools/score.py)."""
HELP = "Score extracted articles against gold annotations."


def configure(parser):
    parser.add_argument("gold", nargs="+", help="gold .jsonl files (one article record a line)")
    src = parser.add_mutually_exclusive_group(required=True)
    src.add_argument("--pred", help="predictions as .jsonl (from `sitrep extract --format jsonl`)")
    src.add_argument("--input", nargs="+", metavar="PATH",
                     help="extract these documents now and score the result")
    parser.add_argument("--json", action="store_true", help="print the metrics as one JSON object")
    parser.add_argument("--detail", action="store_true", help="list every missed and spurious event")


def run(args) -> int:
    import json
    import sys

    from ..evaluate import load_records, score
    from ..evaluate.scoring import GoldFormatError, format_metrics

    try:
        gold = load_records(args.gold)
        if args.pred:
            pred = load_records([args.pred])
        else:
            pred = _extract(args.input)
    except (OSError, GoldFormatError) as exc:
        print(f"sitrep eval: {exc}", file=sys.stderr)
        return 2
    metrics, lines = score(gold, pred, detail=args.detail)
    for line in lines:
        print(line)
    print(json.dumps(metrics) if args.json else format_metrics(metrics))
    return 0


def _extract(paths) -> dict[str, dict]:
    import sys

    from ..ingest import read_sources
    from ..pipeline import process_many
    from ..records import DocumentError

    out = {}
    for item in process_many(read_sources(paths)):
        if isinstance(item, DocumentError):
            print(item.describe(), file=sys.stderr)
        else:
            out[item.id] = item.to_gold(include_text=False)
    return out

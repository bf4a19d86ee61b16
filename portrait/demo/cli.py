"""`python -m portrait.demo`: generate the demo source systems from the command line."""

import argparse
import sys
from pathlib import Path

from portrait.demo.generator import DemoArgumentError, generate


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m portrait.demo",
        description="Write demo source systems, portrait.yaml and ground truth to a folder.",
    )
    parser.add_argument("--out", type=Path, default=Path("demo_data"), help="output folder")
    parser.add_argument("--customers", type=int, default=20000, help="real persons in the CRM")
    parser.add_argument("--months", type=int, default=24, help="months of history")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--end-month", help="YYYY-MM, last month of data (default: last complete)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Generate and print a short summary; a bad argument gets one error line and exit code 2."""
    args = build_parser().parse_args(argv)
    try:
        summary = generate(args.out, args.customers, args.months, args.seed, args.end_month)
    except DemoArgumentError as exc:
        print(f"portrait demo: {exc}", file=sys.stderr)
        return 2
    print(
        f"demo data {summary['start_month']}..{summary['end_month']} in {summary['out_dir']} "
        f"({summary['seconds']} s)"
    )
    for name, rows in summary["rows"].items():
        print(f"  {rows:>10,}  {name}")
    return 0

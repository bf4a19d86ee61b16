"""`portrait`: generate the demo, run a month, open the UI, import a spreadsheet."""

import argparse
import os
import sys
from pathlib import Path

from portrait.config import ConfigError, load_project
from portrait.runner import RunFailedError, prepare_dbt, run_month, summarize

DEFAULT_DEMO_DIR = Path("demo_data")
# DuckDB has one writer: runs that write the warehouse (the monthly refresh, template
# imports) queue behind each other instead of failing on the file lock.
DAGSTER_YAML = """\
telemetry:
  enabled: false
run_queue:
  tag_concurrency_limits:
    - key: portrait/warehouse
      limit: 1
"""


def _use_config(path: Path) -> None:
    """Point the code location at a config file and keep Dagster's run history beside it."""
    project = load_project(path)
    os.environ["PORTRAIT_CONFIG"] = str(project.path)
    os.environ.setdefault("DAGSTER_HOME", str(project.var_dir / "dagster"))
    home = Path(os.environ["DAGSTER_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    if not (home / "dagster.yaml").exists():
        (home / "dagster.yaml").write_text(DAGSTER_YAML, encoding="utf-8")


def cmd_demo(args: argparse.Namespace) -> int:
    from portrait.demo import generate

    out = Path(args.out)
    summary = generate(
        out, customers=args.customers, months=args.months, seed=args.seed, end_month=args.end_month
    )
    month = summary["end_month"]
    config = out / "portrait.yaml"
    _use_config(config)
    prepare_dbt()
    run_month(month)
    print(summarize(load_project(config), month))
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    _use_config(Path(args.config))
    prepare_dbt()
    run_month(args.month, full_refresh=args.full_refresh)
    print(summarize(load_project(Path(args.config)), args.month))
    return 0


def cmd_ui(args: argparse.Namespace) -> int:
    _use_config(Path(args.config))
    prepare_dbt()
    command = [
        str(Path(sys.executable).with_name("dagster")),
        "dev",
        "-w",
        str(Path(__file__).resolve().parent.parent / "workspace.yaml"),
        "-h",
        "127.0.0.1",
        "-p",
        str(args.port),
    ]
    print(f"Dagster UI on http://127.0.0.1:{args.port} (Ctrl+C to stop)", flush=True)
    # `dagster dev` re-parses the dbt project with whatever `dbt` is on PATH: ours.
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": os.pathsep.join([bin_dir, os.environ.get("PATH", "")])}
    # Become `dagster dev`, so a signal meant for the UI reaches it and not a wrapper.
    os.chdir(Path(__file__).resolve().parent.parent)
    os.execve(command[0], command, env)


def cmd_import(args: argparse.Namespace) -> int:
    from portrait.imports import cli_main

    argv = [args.file, "--config", args.config]
    if args.template:
        argv += ["--template", args.template]
    return cli_main(argv)


def cmd_prepare(_: argparse.Namespace) -> int:
    prepare_dbt()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="portrait", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="generate demo sources and run the latest complete month")
    demo.add_argument("--out", default=str(DEFAULT_DEMO_DIR))
    demo.add_argument("--customers", type=int, default=20000)
    demo.add_argument("--months", type=int, default=24)
    demo.add_argument("--seed", type=int, default=42)
    demo.add_argument("--end-month", help="YYYY-MM; default: the last complete month")
    demo.set_defaults(func=cmd_demo)

    run = sub.add_parser("run", help="run the whole graph for one as-of month, in-process")
    run.add_argument("--config", required=True)
    run.add_argument("--month", required=True, help="YYYY-MM (as of that month's last day)")
    run.add_argument("--full-refresh", action="store_true", help="re-extract all source rows")
    run.set_defaults(func=cmd_run)

    ui = sub.add_parser("ui", help="start the Dagster UI on 127.0.0.1")
    ui.add_argument("--config", default=str(DEFAULT_DEMO_DIR / "portrait.yaml"))
    ui.add_argument("--port", type=int, default=3000)
    ui.set_defaults(func=cmd_ui)

    imp = sub.add_parser("import", help="validate and load a customer or purchase template")
    imp.add_argument("file")
    imp.add_argument("--template", choices=["customers", "purchases"])
    imp.add_argument("--config", default=str(DEFAULT_DEMO_DIR / "portrait.yaml"))
    imp.set_defaults(func=cmd_import)

    prep = sub.add_parser("prepare", help="parse the dbt project (writes its manifest)")
    prep.set_defaults(func=cmd_prepare)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ConfigError as exc:
        print(f"portrait: {exc}", file=sys.stderr)
        return 2
    except RunFailedError as exc:
        print(f"portrait: {exc}; see the run in the UI (portrait ui) for details", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())

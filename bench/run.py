"""Benchmarks: the mock vs the real openhands-agent-server 1.58.0, side by side, with targets.

    .venv/bin/python bench/run.py [--quick] [--out BENCHMARKS.md] [--load-tool auto|wrk|httpx]

Starts the mock (``ohmock serve --speed 0``, a subprocess) and the real server (a subprocess in
throwaway directories), both on 127.0.0.1 only, measures each figure on both (``measure.py``;
``servers.py`` starts them) and rewrites the generated block of BENCHMARKS.md (``render.py``).
Every load loop is bounded in count and time. Benchmarks are not tests: nothing here asserts.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import shutil
import sys
import time
from pathlib import Path

from measure import Settings, collect, wrk_version
from render import write_report
from servers import log

REPO = Path(__file__).resolve().parents[1]


def regenerate_command(args: argparse.Namespace) -> str:
    parts = [".venv/bin/python", "bench/run.py"]
    if args.quick:
        parts.append("--quick")
    out = Path(args.out)
    if out.name != "BENCHMARKS.md" or (out.is_absolute() and out.resolve().parent != REPO):
        with contextlib.suppress(ValueError):
            out = out.resolve().relative_to(REPO)
        parts += ["--out", out.as_posix() if not out.is_absolute() else out.name]
    if args.load_tool != "auto":
        parts += ["--load-tool", args.load_tool]
    return " ".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller counts and shorter windows (about 2 minutes)")
    parser.add_argument("--out", default="BENCHMARKS.md", help="markdown file whose generated block to rewrite")
    parser.add_argument(
        "--load-tool",
        choices=("auto", "wrk", "httpx"),
        default="auto",
        help="HTTP load generator (auto: wrk when installed)",
    )
    args = parser.parse_args(argv)
    settings = Settings.make(args.quick)
    if importlib.util.find_spec("openhands.agent_server") is None:
        parser.error("openhands-agent-server is not installed in this interpreter (install the 'test' extra)")
    tool = "wrk" if args.load_tool == "wrk" or (args.load_tool == "auto" and shutil.which("wrk")) else "httpx"
    if tool == "wrk" and not shutil.which("wrk"):
        parser.error("wrk is not installed (apt-get install wrk)")
    label = (
        f"wrk {wrk_version()} (`wrk -t1 -cN -dDs --latency`)"
        if tool == "wrk"
        else "a bounded asyncio httpx loop (wrk not installed)"
    )
    started = time.perf_counter()
    results = collect(settings, tool, label)
    block = write_report(Path(args.out), results, settings, regenerate_command(args))
    log(f"wrote {args.out} in {time.perf_counter() - started:.0f} s total")
    print(block)
    return 0


if __name__ == "__main__":
    sys.exit(main())

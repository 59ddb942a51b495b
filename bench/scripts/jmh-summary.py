#!/usr/bin/env python3
"""Prints a JMH JSON result file as a Markdown table: median, min and max over every measured
iteration of every fork, with the parameters, and each benchmark's ratio to the baseline named in
the same run (the benchmark whose name starts with "baseline" and has the same parameters and
suffix after the prefix, or the one given with --baseline NAME=BASELINE)."""
import argparse
import json
import statistics
import sys


def short(name):
    return name.rsplit(".", 1)[-1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("result", help="JMH -rf json output")
    parser.add_argument("--baseline", action="append", default=[],
                        help="benchmark=baseline, e.g. managerComputeSync=baselineSection")
    args = parser.parse_args()
    pairs = dict(item.split("=", 1) for item in args.baseline)
    runs = json.load(open(args.result))
    rows = {}
    for run in runs:
        values = [v for fork in run["primaryMetric"]["rawData"] for v in fork]
        params = ", ".join(f"{k}={v}" for k, v in sorted((run.get("params") or {}).items()))
        rows[(short(run["benchmark"]), params)] = (values, run["primaryMetric"]["scoreUnit"])
    print("| benchmark | params | median | min | max | unit | median ÷ baseline |")
    print("|---|---|---:|---:|---:|---|---:|")
    for (name, params), (values, unit) in rows.items():
        median = statistics.median(values)
        ratio = ""
        base = pairs.get(name)
        if base and (base, params) in rows:
            ratio = f"{median / statistics.median(rows[(base, params)][0]):.1f}×"
        elif name.startswith("baseline"):
            ratio = "1.0"
        print(f"| {name} | {params} | {median:,.3f} | {min(values):,.3f} | {max(values):,.3f} | {unit} | {ratio} |")


if __name__ == "__main__":
    sys.exit(main())

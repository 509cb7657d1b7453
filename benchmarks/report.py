#!/usr/bin/env python3
"""Summarise a `benchmark pallet --json-file` run: a pallet's figures beside `transfer_keep_alive`.

    report.py RUN.json [--consumers-per-block N] [BENCHMARK ...]

Without benchmark names it reports every benchmark of the run except balances' other than transfer_keep_alive.
For each benchmark (and each value of its component) it prints the median and range of the measured execution
time, the storage reads and writes, and the weight those make with ParityDb's database weights (read 8 us,
write 50 us, as in `frame_support::weights::constants::ParityDbWeight`).
"""
import collections
import json
import statistics
import sys

READ_US, WRITE_US = 8.0, 50.0
SLASH_DELEGATORS = [1, 1_000, 100_000]
# The case for era processing: 100 consumers, each with 1,000 keyed operators.
ERA_CONSUMERS, ERA_OPERATORS = 100, 1_000
# The runtime's block: 2 s of compute.
BLOCK_US = 2_000_000


def name(field):
    return field if isinstance(field, str) else bytes(field).decode()


def main(path, wanted, per_block):
    raw = json.load(open(path))
    runs = {name(b["benchmark"]): b for b in raw}
    if not wanted:
        wanted = ["transfer_keep_alive"] + [name(b["benchmark"]) for b in raw
                                             if name(b["pallet"]) != "pallet_balances"]
    rows = []
    for bench in wanted:
        run = runs[bench]
        times = collections.defaultdict(list)
        for result in run["time_results"]:
            key = tuple(value for _, value in result["components"])
            times[key].append(result["extrinsic_time"] / 1000)
        db = {tuple(v for _, v in r["components"]): (r["reads"], r["writes"]) for r in run["db_results"]}
        for key in sorted(times):
            samples = times[key]
            reads, writes = db.get(key, next(iter(db.values())))
            median = statistics.median(samples)
            label = bench
            if bench in ("slash", "apply_slash"):
                label = f"{bench}, {SLASH_DELEGATORS[key[0]]:,} delegators"
            elif key:
                label = f"{bench}, " + ", ".join(
                    f"{c}={v:,}" for (c, _), v in zip(run["time_results"][0]["components"], key))
            rows.append((label, median, min(samples), max(samples), len(samples), reads, writes,
                         median + reads * READ_US + writes * WRITE_US))
    base = rows[0][1]
    base_weight = rows[0][7]
    print("| benchmark | median exec (us) | min-max (us) | samples | reads | writes | weight (us) | x transfer |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for label, median, low, high, n, reads, writes, weight in rows:
        print(f"| {label} | {median:.1f} | {low:.1f}-{high:.1f} | {n} | {reads} | {writes} | {weight:.1f} "
              f"| {weight / base_weight:.2f} |")
    print(f"\nx transfer: weight relative to pallet_balances::transfer_keep_alive ({base:.1f} us exec) "
          "from the same run.")
    if "process_consumer" in runs:
        era_figures(rows, per_block)


def era_figures(rows, per_block):
    """Era processing for ERA_CONSUMERS consumers with ERA_OPERATORS keyed operators each."""
    label = f"process_consumer, k={ERA_OPERATORS:,}"
    per_consumer = next((r[7] for r in rows if r[0] == label), None)
    start = next((r[7] for r in rows if r[0] == "on_era_start"), 0.0)
    if per_consumer is None:
        print(f"\nno measurement of {label}")
        return
    total = start + ERA_CONSUMERS * per_consumer
    print(f"\nEra processing, {ERA_CONSUMERS} consumers x {ERA_OPERATORS:,} operators (measured at k={ERA_OPERATORS:,}):")
    print(f"- one consumer: {per_consumer / 1000:.2f} ms; on_era_start: {start / 1000:.3f} ms")
    print(f"- all {ERA_CONSUMERS} consumers: {total / 1000:.1f} ms = {total / BLOCK_US:.2f} blocks of 2 s compute")
    if per_block:
        blocks = -(-ERA_CONSUMERS // per_block)
        heaviest = per_block * per_consumer
        print(f"- MaxConsumersPerBlock = {per_block}: {blocks} blocks, at most {heaviest / 1000:.1f} ms "
              f"({100 * heaviest / BLOCK_US:.1f}% of a block) each")


if __name__ == "__main__":
    args = sys.argv[1:]
    per_block = None
    if "--consumers-per-block" in args:
        i = args.index("--consumers-per-block")
        per_block = int(args[i + 1])
        del args[i:i + 2]
    main(args[0], args[1:], per_block)

#!/usr/bin/env python3
"""Summarise a `benchmark pallet --json-file` run: the restaking figures beside `transfer_keep_alive`.

For each benchmark (and each value of its component) it prints the median and range of the measured execution
time, the storage reads and writes, and the weight those make with ParityDb's database weights (read 8 us,
write 50 us, as in `frame_support::weights::constants::ParityDbWeight`).
"""
import collections
import json
import statistics
import sys

READ_US, WRITE_US = 8.0, 50.0
WANTED = ["transfer_keep_alive", "delegate", "undelegate", "claim_rewards", "slash"]
SLASH_DELEGATORS = [1, 1_000, 100_000]


def name(field):
    return field if isinstance(field, str) else bytes(field).decode()


def main(path):
    runs = {name(b["benchmark"]): b for b in json.load(open(path))}
    rows = []
    for bench in WANTED:
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
            if bench == "slash":
                label = f"slash, {SLASH_DELEGATORS[key[0]]:,} delegators"
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


if __name__ == "__main__":
    main(sys.argv[1])

#!/usr/bin/python3
"""Plots of build/bench/fleet.sh: reads minutes-<N>.csv and fleet-<N>.txt in the folder given, writes PNGs there.

fleet-writes.png   central etcd writes per simulated minute, NodeMonitor against the Sensu-style baseline (log scale)
fleet-latency.png  etcd's write latency per minute (p50, p99), with the fault minutes marked
fleet-faults.png   reports waiting in the nodes' spools and failed calls per minute, etcd DB size in use
"""
import csv
import glob
import os
import re
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def load(folder):
    runs = []
    for path in sorted(glob.glob(os.path.join(folder, "minutes-*.csv")), key=lambda p: int(re.findall(r"\d+", os.path.basename(p))[0])):
        nodes = int(re.findall(r"\d+", os.path.basename(path))[0])
        with open(path, newline="") as f:
            rows = [r for r in csv.DictReader(f) if r["events"] != "drain"]
        summary = open(os.path.join(folder, f"fleet-{nodes}.txt")).read()
        baseline = re.search(r"baseline=(\d+)", summary)
        runs.append((nodes, rows, int(baseline.group(1)) if baseline else None))
    return runs


def num(row, key):
    try:
        return float(row[key])
    except ValueError:
        return float("nan")


def mark_faults(ax, rows):
    for r in rows:
        if r["fault"] == "1" and r["minute"] != "0":
            m = int(r["minute"])
            ax.axvspan(m - 0.5, m + 0.5, color="0.9", zorder=0)


def main(folder):
    runs = load(folder)
    if not runs:
        sys.exit(f"no minutes-*.csv in {folder}")

    fig, ax = plt.subplots(figsize=(9, 4.5))
    for nodes, rows, baseline in runs:
        minutes = [int(r["minute"]) for r in rows]
        line, = ax.plot(minutes, [num(r, "writes") for r in rows], label=f"NodeMonitor, {nodes:,} nodes")
        if baseline:
            ax.axhline(baseline, linestyle="--", color=line.get_color(), label=f"Sensu-style baseline, {nodes:,} nodes")
    ax.set_yscale("log")
    ax.set_xlabel("simulated minute")
    ax.set_ylabel("etcd writes per minute")
    ax.set_title("Central writes: changes only vs. keepalive + one event per check")
    ax.legend(fontsize=8)
    ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(os.path.join(folder, "fleet-writes.png"), dpi=110)

    fig, axes = plt.subplots(len(runs), 1, figsize=(9, 3.2 * len(runs)), squeeze=False)
    for ax, (nodes, rows, _) in zip(axes[:, 0], runs):
        minutes = [int(r["minute"]) for r in rows]
        mark_faults(ax, rows)
        ax.plot(minutes, [num(r, "etcd_p50_ms") for r in rows], label="etcd p50")
        ax.plot(minutes, [num(r, "etcd_p99_ms") for r in rows], label="etcd p99")
        ax.plot(minutes, [num(r, "p99_ms") for r in rows], label="client p99 (incl. simulator CPU)", alpha=0.6)
        ax.set_yscale("log")
        ax.set_ylabel("ms")
        ax.set_title(f"{nodes:,} nodes: write latency per minute (grey: fault minutes)")
        ax.legend(fontsize=8)
        ax.grid(True, which="both", alpha=0.3)
    axes[-1, 0].set_xlabel("simulated minute")
    fig.tight_layout()
    fig.savefig(os.path.join(folder, "fleet-latency.png"), dpi=110)

    fig, axes = plt.subplots(len(runs), 1, figsize=(9, 3.2 * len(runs)), squeeze=False)
    for ax, (nodes, rows, _) in zip(axes[:, 0], runs):
        minutes = [int(r["minute"]) for r in rows]
        mark_faults(ax, rows)
        ax.bar(minutes, [num(r, "pending_reports") for r in rows], label="reports spooled on nodes", color="tab:orange")
        ax.plot(minutes, [num(r, "failed_calls") for r in rows], "k.", label="failed central calls")
        ax.set_ylabel("count")
        db = ax.twinx()
        db.plot(minutes, [num(r, "db_in_use_mb") for r in rows], color="tab:green", label="etcd DB in use (MB)")
        db.set_ylabel("MB")
        ax.set_title(f"{nodes:,} nodes: faults (leader killed, quorum lost, storm) and the spool")
        lines = ax.get_legend_handles_labels()
        more = db.get_legend_handles_labels()
        ax.legend(lines[0] + more[0], lines[1] + more[1], fontsize=8, loc="upper left")
    axes[-1, 0].set_xlabel("simulated minute")
    fig.tight_layout()
    fig.savefig(os.path.join(folder, "fleet-faults.png"), dpi=110)
    print(f"plots: {', '.join(sorted(p for p in os.listdir(folder) if p.endswith('.png')))} in {folder}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "artifacts/bench/fleet")

#!/usr/bin/env python3
"""Benchmark `kubeward scan` on generated corpora, and Checkov on the 1k corpus in the same run.

    python3 bench/run.py                      # 1k, 10k, 100k objects; Checkov if installed
    python3 bench/run.py --sizes 1000 --runs 3

For each corpus it reports the median wall time and peak RSS of a full scan (every default rule, JSON report) and of
a parse-only run (`--disable all`: the same loading, no rule), and the objects per second. Prints Markdown for
bench/RESULTS.md.
"""
import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "kubeward")


def measure(cmd, runs):
    """Median wall seconds and max peak RSS (MiB) of `runs` executions."""
    times, rss = [], []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - start)
        rss.append(usage.ru_maxrss / 1024)
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            sys.exit(f"{' '.join(cmd)} exited {code}")
    return statistics.median(times), max(rss)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-checkov", action="store_true")
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "kubeward"], cwd=ROOT, check=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}")
    print(f"kubeward: {subprocess.run([BIN, '--version'], capture_output=True, text=True).stdout.strip()}\n")
    print("| objects | MB | full scan (s) | parse only (s) | scan / parse | objects/s | peak RSS (MiB) |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    results = {}
    for n in sizes:
        corpus = os.path.join(ROOT, "bench", "corpus", str(n))
        if not os.path.isdir(corpus):
            subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen_corpus.py"), str(n), corpus],
                           check=True, stdout=subprocess.DEVNULL)
        mb = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(corpus) for f in fs) / 1e6
        base = [BIN, "scan", corpus, "--format", "json", "--fail-on", "none", "-o", os.devnull]
        full, rss = measure(base, args.runs)
        parse, _ = measure(base + ["--disable", "all"], args.runs)
        results[n] = full
        print(f"| {n:,} | {mb:.1f} | {full:.3f} | {parse:.3f} | {full / parse:.2f} | {n / full:,.0f} | {rss:.0f} |")
    checkov = shutil.which("checkov")
    if checkov and not args.no_checkov and 1000 in results:
        corpus = os.path.join(ROOT, "bench", "corpus", "1000")
        t, rss = measure([checkov, "-d", corpus, "--framework", "kubernetes", "-o", "json", "--quiet"], 1)
        print(f"\nCheckov on the 1,000-object corpus: {t:.2f} s, peak RSS {rss:.0f} MiB; "
              f"kubeward {results[1000]:.3f} s: {t / results[1000]:,.0f}x faster")


if __name__ == "__main__":
    main()

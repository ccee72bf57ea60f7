"""pandas baseline for the ingest benchmarks.

    baseline_pandas.py FILE --by pairs|groups [--reps R]

pairs   read_csv(i, j, v) + groupby([i, j]).v.sum()     -> RESULT ingest.pandas.pairs
groups  read_csv(i, j, k, v) + groupby([i, j, k // 10**4]) (HS chapter)
                                                        -> RESULT ingest.pandas.groups

Only the needed columns are read, with fixed dtypes: the fastest plain pandas
a user would write. The best of R runs is printed.
"""
import argparse
import time

import pandas as pd


def run(path, by):
    if by == "pairs":
        df = pd.read_csv(path, usecols=["i", "j", "v"],
                         dtype={"i": "int32", "j": "int32", "v": "float64"})
        out = df.groupby(["i", "j"], sort=False)["v"].sum()
    else:
        df = pd.read_csv(path, usecols=["i", "j", "k", "v"],
                         dtype={"i": "int32", "j": "int32", "k": "int32", "v": "float64"})
        df["g"] = df["k"] // 10000
        out = df.groupby(["g", "i", "j"], sort=False)["v"].sum()
    return len(df), len(out), float(out.sum())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--by", choices=["pairs", "groups"], required=True)
    parser.add_argument("--reps", type=int, default=1)
    args = parser.parse_args()
    best = float("inf")
    for _ in range(args.reps):
        t0 = time.perf_counter()
        rows, cells, total = run(args.file, args.by)
        best = min(best, time.perf_counter() - t0)
    print(f"INFO pandas rows={rows} cells={cells} total_v={total:.3f}")
    print(f"RESULT ingest.pandas.{args.by} {best:.6f}", flush=True)


if __name__ == "__main__":
    main()

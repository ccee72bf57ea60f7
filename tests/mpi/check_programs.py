#!/usr/bin/python3
"""flowtool-mpi and the leontief_mpi example under mpirun, against numbers
computed here with numpy from the CSV files and the book.

    check_programs.py NP FLOWTOOL_MPI LEONTIEF_MPI DATA_DIR

* leontief_mpi: Miller & Blair (2009), Table 2.3: L = [1.2541 0.3300;
  0.2640 1.1221], output multipliers 1.5181 and 1.4521, x = L f = (1000, 2000).
* flowtool-mpi io on data/io_demo.csv: multipliers = column sums of
  (I - A)^-1; the extraction ranking against brute-force extraction
  (column j of A removed but a_jj, the system solved again: the definition,
  not the closed form); --scenarios against L dy; --leontief against L.
* Rank 0 reading the table and every rank reading its own rows
  (--parallel-read) print the same.
* A table with a non-numeric cell fails every rank with status 1 and rank 0
  names the line (read by rank 0, or by the rank whose rows hold it).
"""
import csv
import os
import subprocess
import sys
import tempfile

import numpy as np

NP, FLOWTOOL, EXAMPLE, DATA = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
MPIRUN = ["mpirun", "--oversubscribe", "-np", NP]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAILED:", what, file=sys.stderr)


def close(a, b, rel=1e-9):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return a.shape == b.shape and np.max(np.abs(a - b)) <= rel * max(1.0, np.max(np.abs(b)))


def run(args):
    return subprocess.run(MPIRUN + args, capture_output=True, text=True, timeout=280)


# ---------------------------------------------------------------- the example
out = run([EXAMPLE])
check(out.returncode == 0, "leontief_mpi exit status")
rows = {}
for line in out.stdout.splitlines():
    if ":" in line and not line.startswith("ranks"):
        key, values = line.split(":", 1)
        rows[key] = [float(v) for v in values.split()]
check(close([rows["L agriculture"], rows["L manufacturing"]],
            [[1.2541, 0.3300], [0.2640, 1.1221]], rel=1e-4), "L of Miller & Blair Table 2.3")
check(close([rows["multipliers agriculture"][0], rows["multipliers manufacturing"][0]],
            [1.5181, 1.4521], rel=1e-4), "output multipliers of Miller & Blair")
check(close([rows["x agriculture"][0], rows["x manufacturing"][0]], [1000, 2000]), "x = L f")

# ---------------------------------------------------------------- flowtool-mpi io
with open(os.path.join(DATA, "io_demo.csv")) as f:
    table = list(csv.reader(f))
header, body = table[0], table[1:]
sector_rows = [r for r in body if r[0] not in ("VA", "X")]
n = len(sector_rows)
Z = np.array([[float(v) for v in r[2:2 + n]] for r in sector_rows])
Y = np.array([[float(v) for v in r[2 + n:]] for r in sector_rows])
x = np.array([float(v) for v in next(r for r in body if r[0] == "X")[2:2 + n]])
A = Z / x
L = np.linalg.inv(np.eye(n) - A)
y = Y.sum(axis=1)
labels = [(r[0], r[1]) for r in sector_rows]


def sections(text):
    """The '# title' sections of flowtool-mpi's output as lists of CSV rows."""
    out, current = {}, None
    for line in text.splitlines():
        if line.startswith("# "):
            current = out.setdefault(line[2:].split(":")[0], [])
        elif current is not None:
            current.append(line.split(","))
    return out


with tempfile.TemporaryDirectory() as tmp:
    dy = np.array([[1.0 if i == 4 else 0.0, -0.1 * y[i]] for i in range(n)])
    scen = os.path.join(tmp, "scenarios.csv")
    with open(scen, "w") as f:
        f.write("region,sector,one_more_chn_srv,demand_minus_10pct\n")
        for (reg, sec), row in zip(labels, dy):
            f.write(f"{reg},{sec},{row[0]!r},{row[1]!r}\n")
    lfile = os.path.join(tmp, "L.csv")
    outputs = []
    for mode in ([], ["--parallel-read"]):
        out = run([FLOWTOOL, "io", "--block", "2", "--top", str(n), "--scenarios", scen,
                   "--leontief", lfile] + mode + [os.path.join(DATA, "io_demo.csv")])
        check(out.returncode == 0, "flowtool-mpi exit status: " + out.stderr)
        outputs.append(out.stdout)
    check(outputs[0] == outputs[1], "rank 0 reading and every rank reading print the same")
    s = sections(outputs[1])
    mult = s["multipliers"]
    check(mult[0] == ["region", "sector", "output", "value_added"], "multiplier header")
    check([tuple(r[:2]) for r in mult[1:]] == labels, "multiplier row labels")
    check(close([float(r[2]) for r in mult[1:]], L.sum(axis=0)), "output multipliers")

    # Brute-force backward extraction: column j of A removed except a_jj.
    xd = L @ y
    backward = {}
    for j in range(n):
        Ab = A.copy()
        Ab[:, j] = 0.0
        Ab[j, j] = A[j, j]
        backward[labels[j]] = np.sum(xd - np.linalg.solve(np.eye(n) - Ab, y))
    rank = s["hypothetical extraction"][1:]
    check(len(rank) == n, "one extraction row per sector")
    check(close([float(r[4]) for r in rank], [backward[(r[1], r[2])] for r in rank]),
          "backward extraction losses against re-solving each extracted system")
    totals = [float(r[3]) for r in rank]
    check(totals == sorted(totals, reverse=True), "ranking by total loss")

    sc = s["scenarios"]
    check(sc[0][2:] == ["one_more_chn_srv", "demand_minus_10pct"], "scenario names")
    check(close([[float(v) for v in r[2:]] for r in sc[1:]], L @ dy), "x = L dy per scenario")

    with open(lfile) as f:
        lrows = list(csv.reader(f))
    check(close([[float(v) for v in r[2:]] for r in lrows[1:]], L), "--leontief writes L")
    check(lrows[0][2:] == [sec for _, sec in labels], "L column labels")

    # A bad cell on rank 0's input: every rank fails, rank 0 names the line.
    bad = os.path.join(tmp, "bad.csv")
    with open(bad, "w") as f:
        for i, r in enumerate(table):
            f.write(",".join(r if i != 3 else r[:5] + ["n/a?"] + r[6:]) + "\n")
    for mode in ([], ["--parallel-read", "--block", "1"]):
        out = run([FLOWTOOL, "io"] + mode + [bad])
        check(out.returncode != 0, "a bad table fails")
        check("line 4" in out.stderr, "the message names the line: " + out.stderr)
        check(out.stdout == "", "nothing printed after a failure")

print(f"check_programs on {NP} ranks: {'FAILED' if failures else 'passed'}")
sys.exit(1 if failures else 0)

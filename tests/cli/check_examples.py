"""Runs one C example (examples/c) and checks the numbers it prints.

    python3 check_examples.py NAME EXAMPLE_BINARY DATA_DIR

The expected values are computed here from the demo CSV files with the
standard library only (sums, shares, a Gauss-Jordan inverse), or are the
published Miller & Blair (2009) Table 2.3 figures (DESIGN section 7); none
of them comes from libflow.
"""
import csv
import math
import re
import subprocess
import sys
from collections import defaultdict

name, binary, data = sys.argv[1:4]
errors = []


def check(ok, what):
    if not ok:
        errors.append(what)


def close(got, want, rel=1e-9, abs_=0.0):
    return abs(got - want) <= max(rel * max(abs(got), abs(want)), abs_)


def rows(file):
    with open(f"{data}/{file}", newline="") as f:
        return list(csv.DictReader(f))


def run(*args):
    done = subprocess.run([binary, *args], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{name} exited with {done.returncode}: {done.stderr}")
    return done.stdout


def inverse(m):
    """Gauss-Jordan inverse with partial pivoting of a small dense matrix."""
    n = len(m)
    a = [list(r) + [float(i == j) for j in range(n)] for i, r in enumerate(m)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(a[r][c]))
        a[c], a[p] = a[p], a[c]
        pivot = a[c][c]
        a[c] = [v / pivot for v in a[c]]
        for r in range(n):
            if r != c and a[r][c] != 0.0:
                f = a[r][c]
                a[r] = [v - f * w for v, w in zip(a[r], a[c])]
    return [r[n:] for r in a]


def flows_of(file, layer, year, product=None):
    """{(origin, destination): value} summed over products (or one product), no self-flows."""
    t = defaultdict(float)
    for r in rows(file):
        if r["layer"] == layer and r["year"] == str(year) and product in (None, r["product"]):
            if r["origin"] != r["destination"]:
                t[(r["origin"], r["destination"])] += float(r["value"])
    return t


def check_load_summary():
    out = run(data)
    for file in ("trade.csv", "energy.csv", "finance.csv"):
        n = len(rows(file))
        check(f"read {file}: {n} rows, {n} accepted, 0 rejected" in out, f"accounting of {file}")
    totals, cells, units = defaultdict(float), defaultdict(set), {}
    for file in ("trade.csv", "energy.csv", "finance.csv"):
        for r in rows(file):
            key = (r["layer"], r["year"], r["product"])
            totals[key] += float(r["value"])
            if float(r["value"]) != 0.0:  # explicit zeros are data, not flows
                cells[key].add((r["origin"], r["destination"]))
            units[key] = r["unit"]
    present = {c for key in cells for pair in cells[key] for c in pair}
    check(f"\n{len(present)} economies on the axis," in out, f"axis of the {len(present)} present")
    got = {}
    for m in re.finditer(r"^matrix (\S+) (\d+) (\S+): total (\S+) (\S+) in (\d+) flows$", out, re.M):
        got[(m[1], m[2], m[3])] = (float(m[4]), m[5], int(m[6]))
    check(set(got) == set(totals), f"matrices {sorted(got)} != {sorted(totals)}")
    for key, total in totals.items():
        if key in got:
            check(close(got[key][0], total, 1e-9), f"total of {key}: {got[key][0]} != {total}")
            check(got[key][1] == units[key], f"unit of {key}")
            check(got[key][2] == len(cells[key]), f"flows of {key}: {got[key][2]} != {len(cells[key])}")
    hs85 = defaultdict(float)
    for r in rows("trade.csv"):
        if r["year"] == "2023" and r["product"] == "85" and r["destination"] == "RUS":
            hs85[r["origin"]] += float(r["value"])
    total = sum(hs85.values())
    m = re.search(r"HS 85 in 2023: (\S+) USD_m from (\d+) suppliers", out)
    check(m is not None and close(float(m[1]), total) and int(m[2]) == len(hs85), "RUS HS 85 total")
    top = sorted(hs85, key=lambda k: -hs85[k])[:3]
    got = re.findall(r"^supplier (\d) (\w+) (\S+) \((\S+)%\)$", out, re.M)
    check([g[1] for g in got] == top, f"top suppliers {got} != {top}")
    for rank, code, value, share in got:
        check(close(float(value), hs85[code]), f"supplier {code}: {value} != {hs85[code]}")
        check(close(float(share), 100 * hs85[code] / total, 0, 0.005), f"share of {code}")


def check_leontief():
    out = run(f"{data}/io_demo.csv")
    # Miller & Blair (2009), Table 2.3, as DESIGN section 7 quotes it.
    published = {"A": [[0.15, 0.25], [0.20, 0.05]],
                 "L": [[1.2541254125, 0.3300330033], [0.2640264026, 1.1221122112]]}
    for matrix, want in published.items():
        for i, row in enumerate(want):
            m = re.search(rf"^{matrix} row {i + 1}: (\S+) (\S+)$", out, re.M)
            check(m is not None and all(close(float(g), w, 0, 1e-10) for g, w in zip(m.groups(), row)),
                  f"Miller-Blair {matrix} row {i + 1}")
    m = re.search(r"^output multipliers: (\S+) (\S+)$", out, re.M)
    want = [published["L"][0][j] + published["L"][1][j] for j in range(2)]
    check(m is not None and all(close(float(g), w, 0, 1e-9) for g, w in zip(m.groups(), want)),
          "Miller-Blair multipliers")
    m = re.search(r"^x = L f: (\S+) (\S+)$", out, re.M)
    check(m is not None and close(float(m[1]), 1000, 0, 1e-6) and close(float(m[2]), 2000, 0, 1e-6),
          "x = L f reproduces x = (1000, 2000)")
    # io_demo.csv: A = Z diag(x)^-1 from its Z block and X row, m_j = column sums of (I - A)^-1.
    with open(f"{data}/io_demo.csv", newline="") as f:
        table = list(csv.reader(f))
    header, body = table[0], table[1:]
    sectors = [r for r in body if r[0] not in ("VA", "X")]
    n = len(sectors)
    x = [float(v) for v in next(r for r in body if r[0] == "X")[2:2 + n]]
    a = [[float(sectors[i][2 + j]) / x[j] for j in range(n)] for i in range(n)]
    l = inverse([[float(i == j) - a[i][j] for j in range(n)] for i in range(n)])
    got = re.findall(r"^multiplier (\w+) (\w+) (\S+)$", out, re.M)
    check(len(got) == n, f"{len(got)} multipliers, expected {n}")
    for j, (region, sector, value) in enumerate(got):
        want = sum(l[i][j] for i in range(n))
        check(f"{region}_{sector}" == header[2 + j], f"sector {j}: {region} {sector}")
        check(close(float(value), want, 1e-8), f"multiplier {region} {sector}: {value} != {want}")


def check_asymmetry():
    out = run(data)
    specs = [("trade.csv", "trade", 2023, None, "all"), ("energy.csv", "energy", 2022, "crude_oil", None),
             ("energy.csv", "energy", 2022, "pipeline_gas", None), ("finance.csv", "finance", 2022, None, "all")]
    for file, layer, year, product, shown in specs:
        t = flows_of(file, layer, year, product)
        trade = lambda i: sum(v for (o, d), v in t.items() if i in (o, d))  # noqa: E731
        ts = lambda i, j: (t[(i, j)] + t[(j, i)]) / trade(i)  # noqa: E731
        imp = lambda i, j: (t[(j, i)] / m if (m := sum(v for (o, d), v in t.items() if d == i)) else math.nan)  # noqa: E731
        want = [ts("RUS", "CHN"), ts("CHN", "RUS"), imp("RUS", "CHN"), imp("CHN", "RUS")]
        want.append((want[0] - want[1]) / (want[0] + want[1]))
        want.append(math.sqrt(want[0] * want[1]))
        m = re.search(rf"^{layer} +{year} {product or shown} +(.*)$", out, re.M)
        check(m is not None, f"no row for {layer} {product}")
        if m:
            got = [float(v) for v in m[1].split()]
            for g, w, what in zip(got, want, ("TS RUS", "TS CHN", "imp RUS", "imp CHN", "asym", "salience")):
                check((math.isnan(g) and math.isnan(w)) or close(g, w, 0, 1e-6),
                      f"{layer} {product} {what}: {g} != {w}")


def check_shock():
    out = run(data)
    gdp = {r["code"]: float(r["gdp_usd_bn_2023"]) * 1000 for r in rows("economies.csv")
           if r["gdp_usd_bn_2023"]}
    t = flows_of("trade.csv", "trade", 2023)
    # The system: every economy with a flow to or from another; size = GDP +
    # imports (so value added = GDP), traded volume for an economy without GDP.
    codes = sorted({c for (i, j), v in t.items() if i != j and v > 0 for c in (i, j)})
    n = len(codes)
    z = [[t.get((i, j), 0.0) if i != j else 0.0 for j in codes] for i in codes]
    received = [sum(z[i][j] for i in range(n)) for j in range(n)]
    sent = [sum(z[i]) for i in range(n)]
    x = [gdp[c] + received[k] if gdp.get(c, 0) > 0 else sent[k] + received[k]
         for k, c in enumerate(codes)]
    coalition = {"USA", "JPN", "DEU", "FRA", "GBR", "ITA", "NLD", "POL", "KOR"}
    via = {"CHN", "IND", "TUR", "ARE", "KAZ", "HKG"}
    cut_pairs = [(s, r) for s in coalition for r in ("RUS",)] + [("RUS", s) for s in coalition]
    cut = sum(t.get(p, 0.0) for p in cut_pairs)
    # A pair can be rerouted when some intermediary has both legs (P_sh * P_ht > 0).
    routable = {(s, d) for s, d in cut_pairs
                if any(t.get((s, h), 0) * t.get((h, d), 0) > 0 for h in via)}
    for title, rho in (("no rerouting", 0.0), ("60% rerouted", 0.6)):
        rerouted = rho * sum(t.get(p, 0.0) for p in routable)
        m = re.search(rf"{title}.*\ncut (\S+) rerouted (\S+) lost (\S+)", out, re.I)
        check(m is not None, f"totals of '{title}'")
        if not m:
            continue
        for g, w, what in zip(map(float, m.groups()), (cut, rerouted, cut - rerouted),
                              ("cut", "rerouted", "lost")):
            check(close(g, w, 1e-9, 1e-6), f"{title}: {what} {g} != {w}")
        # Demand lens: the cut pairs lose all their direct flow; the rerouted
        # share rho travels s -> h -> t split by the path intensity P_sh P_ht
        # (unbounded here), so both legs grow by it: keep = 1 + gain / flow.
        idx = {c: k for k, c in enumerate(codes)}
        keep = [[1.0] * n for _ in range(n)]
        for s, dd in cut_pairs:
            keep[idx[s]][idx[dd]] = 0.0
        gain = {}
        for s, dd in routable:
            w = {h: t.get((s, h), 0) * t.get((h, dd), 0) for h in via}
            for h, wh in w.items():
                v = rho * t[(s, dd)] * wh / sum(w.values())
                gain[(s, h)] = gain.get((s, h), 0.0) + v
                gain[(h, dd)] = gain.get((h, dd), 0.0) + v
        for (i, j), g in gain.items():
            keep[idx[i]][idx[j]] += g / t[(i, j)] if g > 0 else 0.0
        a_cut = [[z[i][j] / x[j] * keep[i][j] for j in range(n)] for i in range(n)]
        d = [sum(z[i][j] * (1.0 - keep[i][j]) for j in range(n)) for i in range(n)]
        inv = inverse([[float(i == j) - a_cut[i][j] for j in range(n)] for i in range(n)])
        loss = [sum(inv[i][k] * d[k] for k in range(n)) for i in range(n)]
        section = out.split("\n\n")[0 if rho == 0 else 1]
        got = {m[1]: float(m[2]) for m in re.finditer(r"^loss (\w+) (\S+) USD_m", section, re.M)}
        want = {c: loss[idx[c]] for c in codes if abs(loss[idx[c]]) >= 1.0}
        check(set(got) == set(want), f"{title}: economies {sorted(got)} != {sorted(want)}")
        for c in want:
            check(c in got and close(got[c], want[c], 1e-6), f"{title}: loss of {c} {got.get(c)} != {want[c]}")


{"01_load_summary": check_load_summary, "02_leontief": check_leontief,
 "03_asymmetry": check_asymmetry, "04_shock": check_shock}[name]()
for e in errors:
    print("FAIL: " + e, file=sys.stderr)
if not errors:
    print(f"{name}: output agrees with the independent values")
sys.exit(1 if errors else 0)

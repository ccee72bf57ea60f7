#!/usr/bin/env python3
"""Writes the small MRIO fixtures of tests/data/mrio in the published layouts.

Layouts follow the databases' own documentation: OECD ICIO ReadMe (2021 and
2023 releases: CCC_SECTOR labels, CCC_HFCE ... CCC_DPABR final demand, TLS,
VA and OUT rows, OUT column, CN1/CN2 and MX1/MX2 splits with empty CHN and
MEX rows), Eurostat FIGARO IC-IO CSV (rowLabels, CC_P3_S14 final demand,
W2_* primary inputs), EXIOBASE 3 (tab-separated Z/Y/x/F/F_Y with region and
sector header rows and index columns). The numbers are made up (seeded) and
balanced: x = Z 1 + Y 1 = Z'1 + v. Run from this folder to regenerate.
"""
import gzip
import os
import random
import zipfile

rng = random.Random(12)


def system(regions, sectors, fd, empty=()):
    """Z, Y, v with positive output; regions in `empty` have no rows/columns."""
    n = len(regions) * len(sectors)
    idx = [(r, s) for r in regions for s in sectors]
    live = [r not in empty for r, _ in idx]
    z = [[round(rng.uniform(0, 40), 3) if live[i] and live[j] else 0.0 for j in range(n)]
         for i in range(n)]
    y = []
    for i in range(n):
        row = []
        for r in regions:
            for c in fd:
                if r in empty or not live[i]:
                    row.append(0.0)
                elif c in ("INVNT", "P5M"):
                    row.append(round(rng.uniform(-30, 30), 3))
                else:
                    row.append(round(rng.uniform(50, 400), 3))
        y.append(row)
    x = [sum(z[i]) + sum(y[i]) for i in range(n)]
    return idx, z, y, x


def fmt(v):
    return repr(round(v, 6)) if v != int(v) else str(int(v))


def icio(path, regions, splits, sectors, first_cell, quote):
    fd = ["HFCE", "NPISH", "GGFC", "GFCF", "INVNT", "DPABR"]
    allreg = regions + splits
    empty = {"CHN", "MEX"} if splits else set()
    idx, z, y_all, x = system(allreg, sectors, fd, empty)
    fd_regions = regions
    y = [row[:len(fd_regions) * len(fd)] for row in y_all]
    x = [sum(z[i]) + sum(y[i]) for i in range(len(idx))]
    n = len(idx)
    colsum = [sum(z[i][j] for i in range(n)) for j in range(n)]
    tls = [round(0.05 * (x[j] - colsum[j]), 3) for j in range(n)]
    tls_fd = [round(rng.uniform(0, 20), 3) for _ in range(len(fd_regions) * len(fd))]
    va = [x[j] - colsum[j] - tls[j] for j in range(n)]
    q = (lambda s: '"%s"' % s) if quote else (lambda s: s)
    cols = ["%s_%s" % rs for rs in idx] + ["%s_%s" % (r, c) for r in fd_regions for c in fd] + ["OUT"]
    lines = [",".join([q(first_cell)] + [q(c) for c in cols])]
    for i, (r, s) in enumerate(idx):
        vals = z[i] + y[i] + [x[i]]
        lines.append(",".join([q("%s_%s" % (r, s))] + [fmt(v) for v in vals]))
    fdsum = [sum(y[i][c] for i in range(n)) for c in range(len(tls_fd))]
    lines.append(",".join([q("TLS")] + [fmt(v) for v in tls + tls_fd + [sum(tls) + sum(tls_fd)]]))
    lines.append(",".join([q("VA")] + [fmt(v) for v in va + [0.0] * len(tls_fd) + [sum(va)]]))
    outrow = [colsum[j] + tls[j] + va[j] for j in range(n)]
    lines.append(",".join([q("OUT")] + [fmt(v) for v in outrow + [fdsum[c] + tls_fd[c] for c in range(len(tls_fd))] + [sum(x)]]))
    text = "\r\n".join(lines) + "\r\n"
    with open(path, "w", newline="") as f:
        f.write(text)
    return text


def figaro(path):
    regions = ["AT", "DE", "RU", "US", "FIGW1"]
    sectors = ["A01", "B", "C19", "D35"]
    fd = ["P3_S13", "P3_S14", "P3_S15", "P51G", "P5M"]
    idx, z, y, x = system(regions, sectors, fd)
    n = len(idx)
    colsum = [sum(z[i][j] for i in range(n)) for j in range(n)]
    inputs = ["W2_D21X31", "W2_OP_RES", "W2_OP_NRES", "W2_D1", "W2_D29X39", "W2_B2A3G"]
    shares = [0.04, 0.01, 0.01, 0.5, 0.02]
    rows = []
    for k, name in enumerate(inputs):
        if k < len(shares):
            rows.append([round(shares[k] * (x[j] - colsum[j]), 3) for j in range(n)])
        else:
            rows.append([x[j] - colsum[j] - sum(r[j] for r in rows) for j in range(n)])
    cols = ["%s_%s" % rs for rs in idx] + ["%s_%s" % (r, c) for r in regions for c in fd]
    lines = [",".join(["rowLabels"] + cols)]
    for i, (r, s) in enumerate(idx):
        lines.append(",".join(["%s_%s" % (r, s)] + [fmt(v) for v in z[i] + y[i]]))
    for name, row in zip(inputs, rows):
        lines.append(",".join([name] + [fmt(v) for v in row + [0.0] * len(y[0])]))
    with open(path, "w", newline="") as f:
        f.write("\n".join(lines) + "\n")


def exiobase(folder):
    regions = ["AT", "CN", "RU", "WF"]
    sectors = ["Cultivation of wheat", "Mining of coal and lignite", "Petroleum Refinery",
               "Production of electricity by coal"]
    fd = ["Final consumption expenditure by households",
          "Final consumption expenditure by non-profit organisations serving households (NPISH)",
          "Final consumption expenditure by government", "Gross fixed capital formation",
          "Changes in inventories", "Changes in valuables", "Exports: Total (fob)"]
    idx, z, y, x = system(regions, sectors, fd)
    n = len(idx)
    os.makedirs(os.path.join(folder, "satellite"), exist_ok=True)
    t = "\t"

    def write(name, text):
        with open(os.path.join(folder, name), "w", newline="") as f:
            f.write(text)

    head = ["region" + t + t + t.join(r for r, _ in idx),
            "sector" + t + t + t.join(s for _, s in idx),
            "region" + t + "sector" + t * n]
    write("Z.txt", "\n".join(head + [t.join([r, s] + [fmt(v) for v in z[i]]) for i, (r, s) in enumerate(idx)]) + "\n")
    yhead = ["region" + t + t + t.join(r for r in regions for _ in fd),
             "category" + t + t + t.join(c for _ in regions for c in fd),
             "region" + t + "sector" + t * (len(regions) * len(fd))]
    write("Y.txt", "\n".join(yhead + [t.join([r, s] + [fmt(v) for v in y[i]]) for i, (r, s) in enumerate(idx)]) + "\n")
    write("x.txt", "\n".join(["region" + t + "sector" + t + "indout"] + [t.join([r, s, fmt(x[i])]) for i, (r, s) in enumerate(idx)]) + "\n")
    write("unit.txt", "\n".join(["region" + t + "sector" + t + "unit"] + [t.join([r, s, "M.EUR"]) for r, s in idx]) + "\n")
    stressors = [("CO2 - combustion - air", "kg"), ("Employment: Low-skilled male", "1000 p.")]
    f_rows = [[round(rng.uniform(0, 5000), 2) for _ in range(n)] for _ in stressors]
    fy_rows = [[round(rng.uniform(0, 900), 2) if c == 0 and k == 0 else 0.0
                for _ in regions for c in range(len(fd))] for k, _ in enumerate(stressors)]
    fhead = ["region" + t + t.join(r for r, _ in idx), "sector" + t + t.join(s for _, s in idx),
             "stressor" + t * n]
    write("satellite/F.txt", "\n".join(fhead + [t.join([name] + [fmt(v) for v in row]) for (name, _), row in zip(stressors, f_rows)]) + "\n")
    fyhead = ["region" + t + t.join(r for r in regions for _ in fd),
              "category" + t + t.join(c for _ in regions for c in fd), "stressor" + t * (len(regions) * len(fd))]
    write("satellite/F_Y.txt", "\n".join(fyhead + [t.join([name] + [fmt(v) for v in row]) for (name, _), row in zip(stressors, fy_rows)]) + "\n")
    write("satellite/unit.txt", "\n".join(["stressor" + t + "unit"] + [t.join(s) for s in stressors]) + "\n")


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    os.chdir(here)
    icio("icio2021_extended.csv", ["AUS", "CHN", "MEX", "RUS", "ROW"], ["CN1", "CN2", "MX1", "MX2"],
         ["01T02", "05T06", "19", "35"], "V1", True)
    text = icio("icio2023_small.csv", ["CHN", "DEU", "RUS", "USA", "ROW"], [],
                ["A01_02", "B05_06", "C19", "D"], "", False)
    with gzip.GzipFile("icio2023_small.csv.gz", "wb", mtime=0) as f:
        f.write(text.encode())
    figaro("figaro_ind_by_ind.csv")
    exiobase("IOT_2022_ixi")
    with zipfile.ZipFile("IOT_2022_ixi.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        for root, _, files in sorted(os.walk("IOT_2022_ixi")):
            for name in sorted(files):
                p = os.path.join(root, name)
                info = zipfile.ZipInfo(p, date_time=(2024, 1, 1, 0, 0, 0))
                with open(p, "rb") as f:
                    zf.writestr(info, f.read(), zipfile.ZIP_DEFLATED)
    # The 45 industries of the ICIO 2023 release (its ReadMe), two regions:
    # the shipped 45 -> 10 concordance aggregates it (data/concordances).
    icio2023_45 = ["A01_02", "A03", "B05_06", "B07_08", "B09", "C10T12", "C13T15", "C16",
                   "C17_18", "C19", "C20", "C21", "C22", "C23", "C24", "C25", "C26", "C27",
                   "C28", "C29", "C30", "C31T33", "D", "E", "F", "G", "H49", "H50", "H51",
                   "H52", "H53", "I", "J58T60", "J61", "J62_63", "K", "L", "M", "N", "O", "P",
                   "Q", "R", "S", "T"]
    text = icio(os.devnull, ["DEU", "RUS"], [], icio2023_45, "", False)
    with gzip.GzipFile("icio2023_45sectors.csv.gz", "wb", mtime=0) as f:
        f.write(text.encode())

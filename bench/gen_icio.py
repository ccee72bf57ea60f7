"""Writes a synthetic MRIO in the OECD ICIO 2023 CSV layout, full size.

    gen_icio.py OUT.csv [--regions 81] [--sectors 45] [--seed 2023]

Labels CCC_SECTOR (R000_S00 ...), final demand CCC_HFCE ... CCC_DPABR per
region, rows TLS, VA and OUT, column OUT: 81 regions x 45 sectors give
3645 industries and 486 final-demand columns, about 100 MB. Values are random
(deterministic in the seed) with productive coefficients and balanced rows
and columns (x = Z 1 + Y 1 = Z'1 + TLS + VA). Never committed: bench/run_mrio.sh
regenerates it.
"""
import argparse

import numpy as np


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--regions", type=int, default=81)
    parser.add_argument("--sectors", type=int, default=45)
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    nr, ns = args.regions, args.sectors
    n = nr * ns
    fd_names = ["HFCE", "NPISH", "GGFC", "GFCF", "INVNT", "DPABR"]
    regions = ["R%03d" % r for r in range(nr)]
    sectors = ["S%02d" % s for s in range(ns)]
    labels = ["%s_%s" % (r, s) for r in regions for s in sectors]
    fd = ["%s_%s" % (r, c) for r in regions for c in fd_names]
    # Domestic blocks dense, foreign ones thinner: as in real tables.
    z = rng.random((n, n)) ** 3 * 20.0
    for r in range(nr):
        block = slice(r * ns, (r + 1) * ns)
        z[block, block] *= 30.0
    y = rng.random((n, len(fd))) * 200.0
    y[:, 4::6] -= 100.0  # inventory changes may be negative
    x = z.sum(1) + y.sum(1)
    scale = x / (z.sum(0) / rng.uniform(0.3, 0.7, n))  # column sums of A in [0.3, 0.7]
    z *= np.minimum(scale, 1.0)[None, :]
    x = z.sum(1) + y.sum(1)
    rest = x - z.sum(0)
    tls = 0.05 * rest
    va = rest - tls
    with open(args.out, "w") as f:
        f.write(",".join(["V1"] + labels + fd + ["OUT"]) + "\n")
        body = np.hstack([z, y, x[:, None]])
        for i in range(n):
            f.write(labels[i] + "," + ",".join("%.6g" % v for v in body[i]) + "\n")
        zeros = ",".join(["0"] * len(fd))
        for name, row in (("TLS", tls), ("VA", va)):
            f.write(name + "," + ",".join("%.6g" % v for v in row) + "," + zeros + "," +
                    "%.6g" % row.sum() + "\n")
        f.write("OUT," + ",".join("%.6g" % v for v in x) + "," + zeros + "," +
                "%.6g" % x.sum() + "\n")


if __name__ == "__main__":
    main()

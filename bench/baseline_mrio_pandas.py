"""The pandas/numpy baseline of the MRIO benchmark: what pymrio does.

    baseline_mrio_pandas.py ICIO.csv

read_csv, split Z, Y and the TLS/VA rows by label, x = Z 1 + Y 1, A = Z / x,
L = inv(I - A) (pymrio's calc_L), S = F / x, M = S L and the footprints
D_cba_reg = M Y_r + F_Y_r per region. pymrio itself would also form the
n x n x_diag = L Ydiag (one more n^3 product); leaving it out makes the
baseline faster, not slower. Prints RESULT lines for read and compute.
"""
import sys
import time

import numpy as np
import pandas as pd


def main():
    path = sys.argv[1]
    t0 = time.perf_counter()
    frame = pd.read_csv(path, index_col=0)
    t1 = time.perf_counter()
    labels = [c for c in frame.columns if c in frame.index and c != "OUT"]
    fd = [c for c in frame.columns if c not in frame.index and c != "OUT"]
    z = frame.loc[labels, labels].to_numpy()
    y = frame.loc[labels, fd].to_numpy()
    f = frame.loc[["TLS", "VA"], labels].to_numpy()
    f_y = frame.loc[["TLS", "VA"], fd].to_numpy()
    del frame
    x = z.sum(1) + y.sum(1)
    a = z / x[None, :]
    leontief = np.linalg.inv(np.eye(len(x)) - a)
    s = f / x[None, :]
    m = s @ leontief
    owner = np.array([c.split("_", 1)[0] for c in fd])
    regions = list(dict.fromkeys(owner))
    y_reg = np.stack([y[:, owner == r].sum(1) for r in regions], axis=1)
    fy_reg = np.stack([f_y[:, owner == r].sum(1) for r in regions], axis=1)
    d_cba_reg = m @ y_reg + fy_reg
    t2 = time.perf_counter()
    print("RESULT mrio.pandas.read %.6f" % (t1 - t0))
    print("RESULT mrio.pandas.compute %.6f" % (t2 - t1))
    print("RESULT mrio.pandas.total %.6f" % (t2 - t0))
    print("CHECK d_cba_reg_sum %.10g" % d_cba_reg.sum())


if __name__ == "__main__":
    main()

"""numpy baselines for the IO benchmarks: what pymrio does.

    baseline_numpy.py --n N --what inv|inv_matmul [--reps R]

inv         L = inv(I - A)                      -> RESULT inv.numpy.N
inv_matmul  L = inv(I - A); x = L @ y           -> RESULT inv_matmul.numpy.N

A is a dense random productive matrix (column sums 0.3-0.7), y a positive
final-demand vector. Forming I - A is part of the work, as in pymrio. The best
of R runs is printed; threads follow OPENBLAS_NUM_THREADS.
"""
import argparse
import time

import numpy as np


def technical_matrix(n, seed):
    rng = np.random.default_rng(seed)
    a = rng.random((n, n)) ** 2
    a *= (0.3 + 0.4 * rng.random(n)) / a.sum(axis=0)
    return a


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, required=True)
    parser.add_argument("--what", choices=["inv", "inv_matmul"], required=True)
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args()

    a = technical_matrix(args.n, 42)
    y = 1.0 + np.random.default_rng(7).random(args.n)
    eye = np.eye(args.n)
    best = float("inf")
    for _ in range(args.reps):
        t0 = time.perf_counter()
        leontief = np.linalg.inv(eye - a)
        if args.what == "inv_matmul":
            x = leontief @ y
        best = min(best, time.perf_counter() - t0)
    if args.what == "inv_matmul":
        # sanity: x solves (I - A) x = y
        assert np.allclose((eye - a) @ x, y)
    print(f"RESULT {args.what}.numpy.{args.n} {best:.6f}", flush=True)


if __name__ == "__main__":
    main()

"""libflow.mpi, the distributed IO engine from Python.

Runs under mpirun (tests/mpi/CMakeLists.txt: 1 and 3 ranks), every rank
running the same tests in the same order, and also as part of the plain
Python suite on a single rank; skipped when libflow_mpi is not built. The
reference is numpy on the same arrays (independent of libflow): L =
inv(I - A), multipliers = column sums of L, x = L y, and the backward
extraction loss computed by removing column j of A and solving again.
"""
import numpy as np
import pytest

from libflow import IOModel, _mpi_lib, errors

try:
    _mpi_lib.load()
except ImportError as exc:  # the default build has no libflow_mpi
    pytest.skip(str(exc), allow_module_level=True)

from libflow import mpi  # noqa: E402

N, REGIONS = 12, 3


@pytest.fixture(scope="module")
def comm():
    mpi.initialize()
    with mpi.Comm() as c:
        yield c


@pytest.fixture(scope="module")
def system():
    rng = np.random.default_rng(7)  # the same arrays on every rank
    z = rng.uniform(0.0, 1.0, (N, N))
    y = rng.uniform(1.0, 3.0, (N, REGIONS))
    x = z.sum(axis=1) + y.sum(axis=1)
    a = z / x
    return z, y, x, a, np.linalg.inv(np.eye(N) - a)


def _model(z, y):
    return IOModel(z, y, regions=["CHN", "RUS", "IRN"], sectors=["agr", "man", "srv", "ene"])


def test_scattered_model_matches_numpy(comm, system):
    z, y, x, a, L = system
    root = comm.size - 1
    model = _model(z, y) if comm.rank == root else None
    with mpi.DistributedIOModel(comm, model, root=root, block_size=2) as dm:
        assert dm.order == N
        assert dm.grid[0] * dm.grid[1] == comm.size
        mult = dm.multipliers(root=root)
        inverse = dm.leontief_inverse(root=root)
        dy = np.eye(N)[:, :3] * 10.0
        batch = dm.leontief_solve(dy if comm.rank == root else None, root=root,
                                  names=["a", "b", "c"])
        sweep = dm.extraction_sweep(root=root)
    if comm.rank != root:
        assert mult is None and inverse is None and batch is None and sweep is None
        return
    np.testing.assert_allclose(mult.to_numpy()[:, 0], L.sum(axis=0), rtol=1e-12)
    np.testing.assert_allclose(inverse.to_numpy(), L, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(batch.to_numpy(), L @ dy, rtol=1e-12, atol=1e-13)
    assert batch.col_labels == ["a", "b", "c"]
    assert mult.row_labels[5] == "man"
    xd = L @ y.sum(axis=1)
    for j in range(N):
        cut = a.copy()
        cut[:, j] = 0.0
        cut[j, j] = a[j, j]
        loss = np.sum(xd - np.linalg.solve(np.eye(N) - cut, y.sum(axis=1)))
        assert sweep.to_numpy()[j, 0] == pytest.approx(loss, rel=1e-10)


def test_read_wide_matches_numpy(comm, system):
    z, y, x, a, L = system
    path = "/tmp/libflow_py_mpi_%d.csv" % N
    if comm.rank == 0:
        codes = [(r, s) for r in ("CHN", "RUS", "IRN") for s in ("agr", "man", "srv", "ene")]
        with open(path, "w") as f:
            f.write("region,sector," + ",".join("%s_%s" % c for c in codes) + ",fd1,fd2,fd3\n")
            for (r, s), zrow, yrow in zip(codes, z, y):
                f.write("%s,%s,%s\n" % (r, s, ",".join(repr(v) for v in [*zrow, *yrow])))
    # A root without a model fails every rank alike (and, being collective,
    # also orders the reads after rank 0 has written the file).
    with pytest.raises(errors.FlowError, match="^rank 0: the root rank has no model"):
        mpi.DistributedIOModel(comm, None, root=0)
    with mpi.DistributedIOModel.read_wide(comm, path, block_size=1) as dm:
        mult = dm.multipliers(root=0)
    if comm.rank == 0:
        np.testing.assert_allclose(mult.to_numpy()[:, 0], L.sum(axis=0), rtol=1e-12)

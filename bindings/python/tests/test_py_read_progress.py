"""Progress callbacks and threaded reads through the binding.

Progress is checked against the input's own size (os.path.getsize, len of the
buffer); threaded reads against a serial read of the same file and both
against numpy sums of the generated rows.
"""
import gc
import os

import numpy as np
import pytest

import libflow

CODES = ["AUS", "BRA", "CHN", "DEU", "FRA", "IND", "JPN", "RUS", "USA", "ZAF"]
ROWS = 300_000


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """A long CSV of ROWS rows sorted by origin and destination (as BACI files
    are), with a few rows that are filtered or rejected, and the matrix
    numpy sums from the accepted rows (indexed like CODES)."""
    rng = np.random.default_rng(7)
    origin = np.sort(rng.integers(0, len(CODES), ROWS))
    destination = rng.integers(0, len(CODES), ROWS)
    order = np.lexsort((destination, origin))
    origin, destination = origin[order], destination[order]
    values = np.round(rng.uniform(0, 1000, ROWS), 3)
    years = np.where(rng.random(ROWS) < 0.05, 2021, 2022)
    lines = ["origin,destination,value,year"]
    lines += ["%s,%s,%.3f,%d" % (CODES[o], CODES[d], v, y)
              for o, d, v, y in zip(origin, destination, values, years)]
    # Rejected rows: an unknown code and a value that is not a number.
    lines.insert(1000, "XXX,CHN,5,2022")
    lines.insert(200_000, "RUS,CHN,abc,2022")
    path = tmp_path_factory.mktemp("progress") / "generated.csv"
    path.write_text("\n".join(lines) + "\n")
    kept = years == 2022
    expected = np.zeros((len(CODES), len(CODES)))
    np.add.at(expected, (origin[kept], destination[kept]), values[kept])
    return path, expected, int(np.count_nonzero(~kept))


def _recorder(calls):
    def record(done, total):
        calls.append((done, total))

    return record


def _check_progress(calls, size):
    assert calls, "the progress callable was never called"
    done = [c[0] for c in calls]
    assert all(a <= b for a, b in zip(done, done[1:])), done
    assert done[-1] == size
    assert all(c[1] == size for c in calls)


def _read(path, **options):
    dataset = libflow.Dataset(CODES)
    report = dataset.read_csv(path, years=[2022], **options)
    return dataset.matrix("trade", 2022), report


def test_progress_of_a_file_ends_at_its_size(tmp_path):
    path = tmp_path / "small.csv"
    path.write_text("origin,destination,value\n" + "RUS,CHN,1.5\nCHN,RUS,2\n" * 400)
    calls = []
    dataset = libflow.Dataset()
    report = dataset.read_csv(path, progress=_recorder(calls), buffer_size=1024)
    assert report.accepted == 800
    assert len(calls) > 5  # one per 1 KiB buffer of the ~9 KiB file
    _check_progress(calls, os.path.getsize(path))


def test_progress_of_a_buffer_ends_at_its_length():
    text = "origin,destination,value\n" + "RUS,CHN,1\n" * 300
    calls = []
    options = libflow.ReadOptions(buffer_size=256)
    options.set_progress(_recorder(calls))
    libflow.Dataset().read_buffer(text, name="mem.csv", options=options)
    assert len(calls) > 5
    _check_progress(calls, len(text.encode()))


def test_progress_of_read_table(tmp_path):
    path = tmp_path / "wide.csv"
    path.write_text("sector,agr,man\n" + "".join("s%d,1,2\n" % i for i in range(200)))
    calls = []
    table, report = libflow.read_table(path, progress=_recorder(calls), buffer_size=512)
    assert report.accepted == 200
    _check_progress(calls, os.path.getsize(path))


def test_truthy_return_cancels_the_read(tmp_path):
    path = tmp_path / "cancel.csv"
    path.write_text("origin,destination,value\n" + "RUS,CHN,1\n" * 2000)
    calls = []

    def stop_after_two(done, total):
        calls.append(done)
        return len(calls) >= 2

    with pytest.raises(libflow.CancelledError) as info:
        libflow.Dataset().read_csv(path, progress=stop_after_two, buffer_size=1024)
    assert "cancelled" in info.value.message
    assert len(calls) == 2  # not called again after cancelling


def test_exception_in_the_callable_is_raised_by_the_read():
    class Stop(Exception):
        pass

    failures = []

    def fail(done, total):
        if not failures:  # only during the first read
            failures.append(done)
            raise Stop("stop at %d" % done)

    options = libflow.ReadOptions(progress=fail, buffer_size=64)
    dataset = libflow.Dataset()
    with pytest.raises(Stop, match="stop at") as info:
        dataset.read_buffer("origin,destination,value\n" + "RUS,CHN,1\n" * 50, options=options)
    assert isinstance(info.value.__cause__, libflow.CancelledError)
    assert "cancelled" in info.value.__cause__.message
    # The exception is not raised again by the next read with the same options.
    report = dataset.read_buffer("origin,destination,value\nRUS,CHN,1\n", options=options)
    assert report.accepted == 1
    options.set_progress(None)
    assert options._progress is None


def test_options_keep_the_callback_alive():
    calls = []
    options = libflow.ReadOptions(progress=lambda done, total: calls.append(done))
    gc.collect()  # only the options refer to the ctypes function now
    libflow.Dataset().read_buffer("origin,destination,value\nRUS,CHN,1\n", options=options)
    assert calls == [len("origin,destination,value\nRUS,CHN,1\n")]


def test_progress_rejects_a_non_callable():
    with pytest.raises(TypeError):
        libflow.ReadOptions(progress=42)


def test_two_threads_equal_one_thread_and_numpy(generated):
    path, expected, filtered = generated
    serial, serial_report = _read(path, threads=1)
    parallel, parallel_report = _read(path, threads=2)
    np.testing.assert_allclose(serial, expected, rtol=1e-12)  # the axis is CODES, in order
    np.testing.assert_array_equal(parallel, serial)
    for count in ("rows", "accepted", "filtered", "rejected", "duplicates", "missing"):
        assert getattr(parallel_report, count) == getattr(serial_report, count), count
    assert serial_report.rows == ROWS + 2
    assert serial_report.filtered == filtered
    assert serial_report.rejected == 2
    assert [r.line for r in parallel_report.kept] == [r.line for r in serial_report.kept]


def test_progress_with_two_threads(generated):
    path, expected, _ = generated
    calls = []
    matrix, report = _read(path, threads=2, progress=_recorder(calls))
    _check_progress(calls, os.path.getsize(path))
    serial, _ = _read(path, threads=1)
    np.testing.assert_array_equal(matrix, serial)

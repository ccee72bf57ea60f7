"""flow_table through the binding: arrays in and out, labels, borrowed views,
errors and the lifecycle of handles."""
import gc
import threading

import numpy as np
import pytest

import libflow
from libflow import Table


def test_any_array_layout_goes_in_row_major():
    base = np.arange(24, dtype=np.int32).reshape(4, 6)
    for value in (base, base.T, np.asfortranarray(base), base[::2, 1::2], base.tolist()):
        expected = np.asarray(value, dtype=float)
        with Table(value) as table:
            assert table.shape == expected.shape
            np.testing.assert_array_equal(table.to_numpy(), expected)
            np.testing.assert_array_equal(table.values, expected)


def test_values_is_a_read_only_zero_copy_view():
    table = Table(np.eye(3))
    first, second = table.values, table.values
    assert not first.flags.writeable
    assert first.__array_interface__["data"][0] == second.__array_interface__["data"][0]
    with pytest.raises(ValueError):
        first[0, 0] = 5
    copy = table.to_numpy()
    copy[0, 0] = 5  # copies are the caller's
    assert table.values[0, 0] == 1


def test_view_keeps_the_handle_alive_and_blocks_mutation():
    gc.collect()
    before = libflow.live_handles("flow_table")
    table = Table([[1.0, 2.0], [3.0, 4.0]])
    view = table.values[1:]  # a derived view also holds the owner
    with pytest.raises(libflow.StateError, match="view"):
        table.set(0, 0, 9.0)
    table.close()
    del table
    gc.collect()
    assert libflow.live_handles("flow_table") == before + 1
    np.testing.assert_array_equal(view, [[3.0, 4.0]])
    del view
    gc.collect()
    assert libflow.live_handles("flow_table") == before


def test_mutation_after_views_are_gone():
    table = Table(np.zeros((2, 2)))
    view = table.values
    del view
    table.set(1, 0, 2.5)
    assert table.values[1, 0] == 2.5


def test_labels_groups_and_lookup():
    table = Table(np.arange(6.0).reshape(2, 3), row_labels=["CHN", "RUS"],
                  col_labels=["agri", "mining", "agri"], col_groups=["CHN", "CHN", "RUS"])
    assert table.row_labels == ["CHN", "RUS"]
    assert table.row_groups == ["", ""]
    assert table.col_labels == ["agri", "mining", "agri"]
    assert table.col_groups == ["CHN", "CHN", "RUS"]
    assert table.find_row("RUS") == 1
    assert table.find_col("agri") == 0
    assert table.find_col("agri", group="RUS") == 2
    table.set_row_label(0, "Zhōngguó")  # UTF-8 both ways
    assert table.row_labels[0] == "Zhōngguó"


def test_slice_matches_numpy():
    values = np.random.default_rng(1).random((5, 4))
    table = Table(values, row_labels=list("abcde"), col_labels=list("wxyz"))
    with table.slice(1, 3, 2, 2) as block:
        np.testing.assert_array_equal(block.to_numpy(), values[1:4, 2:4])
        assert block.row_labels == ["b", "c", "d"]
        assert block.col_labels == ["y", "z"]


def test_errors_carry_status_and_message():
    table = Table(np.zeros((2, 2)), row_labels=["CHN", "RUS"])
    with pytest.raises(libflow.NotFoundError) as info:
        table.find_row("PRK")
    assert info.value.status == libflow.STATUS_CODES["FLOW_ERR_NOT_FOUND"]
    assert info.value.status_name == "FLOW_ERR_NOT_FOUND"
    assert "PRK" in info.value.message
    assert isinstance(info.value, LookupError)
    with pytest.raises(libflow.InvalidArgumentError) as info:
        table.set(5, 0, 1.0)
    assert info.value.message  # the library names the offending index
    assert isinstance(info.value, ValueError)
    with pytest.raises(libflow.InvalidArgumentError):
        table.slice(1, 5, 0, 1)
    with pytest.raises(libflow.InvalidArgumentError):
        Table.zeros(-1, 2)


def test_non_matrix_input_is_rejected_before_the_call():
    with pytest.raises(ValueError, match="2-D"):
        Table([1.0, 2.0])
    with pytest.raises(ValueError):
        Table([[1.0, 2.0]], row_labels=["a", "b"])


def test_to_frame_uses_labels():
    pandas = pytest.importorskip("pandas")
    values = np.array([[1.0, 2.0], [3.0, 4.0]])
    table = Table(values, row_labels=["CHN", "RUS"], col_labels=["CHN", "RUS"])
    expected = pandas.DataFrame(values, index=["CHN", "RUS"], columns=["CHN", "RUS"])
    pandas.testing.assert_frame_equal(table.to_frame(), expected)
    grouped = Table(values, row_labels=["a", "b"], row_groups=["R1", "R2"])
    assert list(grouped.to_frame().index) == [("R1", "a"), ("R2", "b")]


def test_handles_are_freed_by_garbage_collection():
    gc.collect()
    before = libflow.live_handles("flow_table")
    for _ in range(200):
        Table(np.ones((3, 3)))
    assert libflow.live_handles("flow_table") == before
    cyclic = [Table(np.ones((2, 2))) for _ in range(10)]
    for table in cyclic:
        table.self_reference = table  # only the cycle collector can free these
    assert libflow.live_handles("flow_table") == before + 10
    del cyclic, table
    gc.collect()
    assert libflow.live_handles("flow_table") == before


def test_close_is_idempotent_and_closed_handles_refuse_calls():
    gc.collect()
    before = libflow.live_handles("flow_table")
    with Table(np.ones((2, 2))) as table:
        assert not table.closed
    assert table.closed
    assert libflow.live_handles("flow_table") == before
    table.close()
    assert libflow.live_handles("flow_table") == before
    with pytest.raises(libflow.StateError, match="closed"):
        table.to_numpy()


def test_separate_tables_from_threads():
    rng = np.random.default_rng(7)
    inputs = [rng.random((60, 40)) for _ in range(8)]
    results, failures = [None] * len(inputs), []

    def work(k):
        try:
            for _ in range(20):
                with Table(inputs[k]) as table:
                    with table.slice(10, 30, 5, 20) as block:
                        results[k] = block.to_numpy()
        except Exception as exc:  # reported to the main thread below
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(len(inputs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    for k, values in enumerate(inputs):
        np.testing.assert_array_equal(results[k], values[10:40, 5:25])


def test_failures_on_separate_threads_keep_their_own_messages():
    barrier = threading.Barrier(4)
    messages = {}

    def fail(label):
        table = Table(np.zeros((1, 1)), row_labels=["X"])
        barrier.wait()
        try:
            table.find_row(label)
        except libflow.NotFoundError as exc:
            messages[label] = exc.message

    labels = ["AAA", "BBB", "CCC", "DDD"]
    threads = [threading.Thread(target=fail, args=(label,)) for label in labels]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(messages) == labels
    for label, message in messages.items():
        assert label in message


def test_long_messages_are_read_whole():
    """Messages longer than the first copy-out buffer (512 bytes) are re-read
    with a buffer of the length flow_last_error_copy reported."""
    table = Table(np.zeros((1, 1)))
    label = "Q" * 700
    with pytest.raises(libflow.NotFoundError) as info:
        table.find_row(label)
    assert label in info.value.message
    assert libflow.last_error() == info.value.message

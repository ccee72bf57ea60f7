"""The package behaves like a native Python library: every public name is
documented, failures carry where they happened as attributes, and arguments
of the wrong type raise TypeError."""
import inspect
import pickle

import pytest

import libflow


def public_members():
    """(qualified name, object) of every public name and of their public
    methods and properties, as help() lists them."""
    for name in libflow.__all__:
        obj = getattr(libflow, name)
        if not (inspect.isclass(obj) or inspect.isfunction(obj)):
            continue
        yield name, obj
        if not inspect.isclass(obj):
            continue
        for klass in obj.__mro__:
            if klass.__module__.split(".")[0] != "libflow":
                continue
            for attr, member in vars(klass).items():
                if attr.startswith("_"):
                    continue
                if isinstance(member, property):
                    yield "%s.%s" % (name, attr), member
                elif isinstance(member, (staticmethod, classmethod)):
                    yield "%s.%s" % (name, attr), member.__func__
                elif inspect.isfunction(member):
                    yield "%s.%s" % (name, attr), member


def test_every_public_name_has_a_docstring():
    members = dict(public_members())
    assert len(members) > 50  # the walk found the package's names
    missing = sorted(name for name, obj in members.items()
                     if not (obj.__doc__ or "").strip()
                     and not (isinstance(obj, property) and (obj.fget.__doc__ or "").strip()))
    assert not missing, "no docstring: " + ", ".join(missing)


def test_errors_carry_file_line_column_and_status():
    text = "origin,destination,value\nRUS,CHN,10\nCHN,RUS,abc\n"
    with pytest.raises(libflow.FlowValueError) as caught:
        libflow.Dataset().read_buffer(text, name="flows.csv", strict=True)
    error = caught.value
    assert (error.file, error.line, error.column) == ("flows.csv", 3, "value")
    assert error.status == libflow.STATUS_CODES["FLOW_ERR_VALUE"]
    assert isinstance(error, ValueError)
    again = pickle.loads(pickle.dumps(error))
    assert (again.file, again.line, again.column, again.status) == \
        (error.file, error.line, error.column, error.status)
    # A failure not tied to a place in a file has no location.
    with pytest.raises(libflow.NotFoundError) as caught:
        libflow.Dataset().matrix("trade", 2023)
    assert caught.value.file is None and caught.value.line is None


def test_ragged_row_names_the_line_without_a_column():
    text = "origin,destination,value\nRUS,CHN\n"
    with pytest.raises(libflow.FlowError) as caught:
        libflow.Dataset().read_buffer(text, name="ragged.csv", strict=True)
    assert (caught.value.file, caught.value.line) == ("ragged.csv", 2)


@pytest.mark.parametrize("call, words", [
    (lambda: libflow.ReadOptions(wide_layout={"label_rows": 2}), "wide_layout"),
    (lambda: libflow.ReadOptions(wide_layout=(1, 1, 0, -1, 0)), "6 ints"),
    (lambda: libflow.ReadOptions(wide_row_filter="2014"), "wide_row_filter"),
    (lambda: libflow.Dataset(all_economies=True).matrix("trade", year="2023"),
     "flow_dataset_matrix_copy"),
    (lambda: libflow.ReadOptions(scale=object()), "option value"),
])
def test_wrong_argument_types_raise_type_error(call, words):
    with pytest.raises(TypeError, match=words):
        call()

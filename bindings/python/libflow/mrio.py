"""Multi-regional input-output databases (include/libflow/mrio.h).

``read_mrio(path, format="icio")`` reads an OECD ICIO CSV, a Eurostat FIGARO
CSV, an EXIOBASE 3 folder or zip, or a folder in pymrio's text layout in one
call. The result's blocks (Z, Y, A, output) and satellite accounts come as
pandas DataFrames indexed by (region, sector); footprints follow pymrio's
definitions (S, M, M_down, D_cba, D_pba, D_imp, D_exp and their _reg sums).
"""
import csv
import ctypes

from ._handle import Handle, _Resource
from ._lib import lib
from ._options import set_options
from ._strings import decode, encode
from .constants import C
from .io_model import IOModel
from .table import Table

ACCOUNTS = [decode(lib.flow_mrio_account_name(i)) for i in range(C["FLOW_MRIO_ACCOUNT_COUNT"])]



def _report_count(mrio, name):
    """A count (rows, accepted, ...) of the read report an MRIO handle holds."""
    report = lib.flow_mrio_report(mrio)
    with Table._create(lib.flow_read_report_table, report, C["FLOW_REPORT_COUNTS"]) as counts:
        return int(counts.scalars[name])

class _MrioOptions(Handle):
    _kind = "flow_mrio_options"

    def __init__(self, **options):
        # keep_splits, trust_given_output, tolerance: keys of flow_mrio_options_set (mrio.h).
        out = ctypes.c_void_p()
        lib.flow_mrio_options_new(ctypes.byref(out))
        super().__init__(out.value)
        set_options(lib.flow_mrio_options_set, self._h, options.items())


def _borrowed_model(owner, address):
    """An IOModel over the model an MRIO handle owns: it keeps the MRIO alive and
    frees nothing itself."""
    model = IOModel.__new__(IOModel)
    model._resource = _Resource(address, "flow_io_model (borrowed)", lambda _address: None)
    model._owner = owner
    return model


def _account_code(account):
    for code, name in enumerate(ACCOUNTS):
        if str(account).lower() == name.lower():
            return code
    raise ValueError("unknown account %r; choose from %s" % (account, ", ".join(ACCOUNTS)))


def _concordance_dict(concordance):
    """A concordance given as a CSV path (code,group after a header) as a dict."""
    if concordance is None or isinstance(concordance, dict):
        return concordance
    with open(concordance, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))[1:]
    return {row[0].strip(): row[1].strip() for row in rows if len(row) >= 2}


class MRIO(Handle):
    """An MRIO database read by read_mrio(). Attributes and methods:

    Z, Y, A: DataFrames (rows and columns (region, sector); Y's columns
    (region, category)); output: x used by the model, the table's own output
    ("given"), row sums, its output row ("given_inputs") and column sums;
    extensions: names; extension(name) -> (F, F_Y) DataFrames (F_Y None when
    absent); account(extension, "D_cba"); accounts(extension) -> dict of all;
    type_ii_multipliers(category, income_row); model: the IOModel (every IO
    analysis applies); summary; rows_read / rows_accepted.
    """

    _kind = "flow_mrio"

    @property
    def model(self):
        """The IO model of the table (borrowed: valid while this MRIO lives)."""
        return _borrowed_model(self, lib.flow_mrio_model(self._h))

    @property
    def summary(self):
        """One line on what was read: regions, sectors, categories, output check."""
        return decode(lib.flow_mrio_summary(self._h))

    def __str__(self):
        return self.summary

    @property
    def rows_read(self):
        """Data rows read from the files."""
        return _report_count(self._h, "rows")

    @property
    def rows_accepted(self):
        """Data rows accepted into the table."""
        return _report_count(self._h, "accepted")

    def _block(self, block):
        return Table._create(lib.flow_mrio_block_table, self._h, C["FLOW_MRIO_BLOCK_" + block])

    Z = property(lambda self: self._block("Z").to_frame(),
                 doc="Intermediate flows Z, labelled region_sector x region_sector.")
    Y = property(lambda self: self._block("Y").to_frame(),
                 doc="Final demand Y, region_sector x region_category.")
    A = property(lambda self: self._block("A").to_frame(),
                 doc="Technical coefficients A = Z diag(x)^-1.")
    output = property(lambda self: self._block("OUTPUT").to_frame(),
                      doc="Gross output x per region_sector.")

    @property
    def extensions(self):
        """Names of the satellite accounts (F and F_Y), e.g. "factor_inputs"."""
        out = []
        for i in range(lib.flow_mrio_extension_count(self._h)):
            name = ctypes.c_char_p()
            lib.flow_mrio_extension(self._h, i, ctypes.byref(name), None, None)
            out.append(decode(name.value))
        return out

    def _extension_index(self, extension):
        if isinstance(extension, int):
            return extension
        index = ctypes.c_int64()
        lib.flow_mrio_find_extension(self._h, encode(extension), ctypes.byref(index))
        return index.value

    def extension(self, extension):
        """(F, F_Y) of an extension as DataFrames (copies); F_Y is None when absent."""
        index = self._extension_index(extension)
        f, f_y = ctypes.c_void_p(), ctypes.c_void_p()
        lib.flow_mrio_extension(self._h, index, None, ctypes.byref(f), ctypes.byref(f_y))

        def frame(address):
            if not address:
                return None
            rows, cols = lib.flow_table_rows(address), lib.flow_table_cols(address)
            return Table._create(lib.flow_table_slice, address, 0, rows, 0, cols).to_frame()

        return frame(f.value), frame(f_y.value)

    def account(self, extension, account):
        """One of ACCOUNTS ("S", "M", "M_down", "D_cba", ..., "D_exp_reg") as a DataFrame."""
        return Table._create(lib.flow_mrio_account_table, self._h,
                             self._extension_index(extension), _account_code(account)).to_frame()

    def accounts(self, extension):
        """Every account of an extension, by name."""
        return {name: self.account(extension, name) for name in ACCOUNTS}

    def type_ii_multipliers(self, household_category, income_row=None):
        """Type I and II output multipliers by household closure (DataFrame with
        columns type_i, type_ii, ratio)."""
        return Table._create(lib.flow_mrio_type_ii_multipliers, self._h,
                             encode(household_category), encode(income_row)).to_frame()

    def aggregate(self, regions=None, sectors=None):
        """A new MRIO with regions and sectors merged. Each concordance is a
        dict {code: group} ("*" catches every unlisted code) or the path of a
        two-column CSV (code,group after a header row); None keeps the axis."""
        if any(isinstance(c, dict) for c in (regions, sectors)):
            regions, sectors = (_concordance_dict(c) for c in (regions, sectors))
        if all(c is None or isinstance(c, dict) for c in (regions, sectors)):
            def arrays(concordance):
                pairs = list((concordance or {}).items())
                codes = (ctypes.c_char_p * max(len(pairs), 1))(*[encode(k) for k, _ in pairs])
                groups = (ctypes.c_char_p * max(len(pairs), 1))(*[encode(g) for _, g in pairs])
                return len(pairs), codes, groups

            return MRIO._create(lib.flow_mrio_aggregate, self._h, *arrays(regions),
                                *arrays(sectors))
        path = lambda c: None if c is None else encode(str(c))
        return MRIO._create(lib.flow_mrio_aggregate_csv, self._h, path(regions), path(sectors))


def read_mrio(path, format="icio", keep_splits=False, trust_given_output=False, tolerance=1e-6):
    """Reads an MRIO database in one call; format is one of "icio", "exiobase",
    "figaro", "pymrio". keep_splits keeps ICIO's CN1/CN2/MX1/MX2 as regions;
    trust_given_output builds the model with the table's own gross output
    instead of the row sums Z 1 + Y 1 (the summary reports how far they are
    apart)."""
    code = ctypes.c_int()
    lib.flow_mrio_format_from_name(encode(format), ctypes.byref(code))
    options = _MrioOptions(keep_splits=bool(keep_splits),
                           trust_given_output=bool(trust_given_output), tolerance=tolerance)
    return MRIO._create(lib.flow_mrio_read, encode(str(path)), code.value, options._h)


__all__ = ["MRIO", "read_mrio", "ACCOUNTS"]

"""Financial contagion on stocks of claims (include/libflow/contagion.h):
Eisenberg–Noe clearing with Rogers–Veraart default costs, and bilateral
exposures estimated from totals (RAS, maximum entropy). Results are pandas
DataFrames labelled with the banks (or the prior's rows and columns)."""
from . import _arrays, _models
from ._lib import lib
from ._strings import encode_list


def clearing_vector(liabilities, external_assets, alpha=1.0, beta=1.0, labels=None):
    """Greatest clearing payments; liabilities[i, j] is what bank i owes bank j.

    liabilities: DataFrame (banks as index and columns), Table or n x n array;
    external_assets: vector or Series aligned by bank. alpha, beta in (0, 1]:
    fractions of external and interbank assets a defaulting bank realises
    (1, 1 = Eisenberg–Noe). Columns: liabilities, payment, recovery_rate,
    default, net_worth, round.
    """
    table = _models.table_in(liabilities, "liabilities", labels)
    e = _models.vector_in(external_assets, "external_assets", table.row_labels)
    return _models.result(lib.flow_clearing_vector, table._h, _arrays.pointer(e), alpha, beta)


def ras(prior, row_totals, col_totals, tolerance=1e-10, max_iterations=10000):
    """The biproportional (RAS) update of prior to the given row and column
    totals (IO-table updating or exposure estimation), as a DataFrame."""
    table = _models.table_in(prior, "prior")
    r = _models.vector_in(row_totals, "row_totals", table.row_labels)
    c = _models.vector_in(col_totals, "col_totals", table.col_labels)
    return _models.result(lib.flow_ras, table._h, _arrays.pointer(r), _arrays.pointer(c),
                          tolerance, max_iterations)


def max_entropy_exposures(assets, liabilities, labels=None, tolerance=1e-10,
                          max_iterations=10000):
    """Maximum-entropy bilateral exposures with a zero diagonal: entry [i, j]
    is the estimated claim of bank i on bank j, rows summing to assets (what
    each bank lent to the others) and columns to liabilities (what it owes)."""
    names = _models.pandas_labels(assets, labels)
    a = _models.vector_in(assets, "assets", names)
    l_vec = _models.vector_in(liabilities, "liabilities", names)
    if l_vec.size != a.size:
        raise ValueError("assets has %d banks, liabilities %d" % (a.size, l_vec.size))
    codes = encode_list(names) if names is not None else None
    return _models.result(lib.flow_exposures_max_entropy, a.size, codes, _arrays.pointer(a),
                          _arrays.pointer(l_vec), tolerance, max_iterations)

"""The inoperability input-output family, the mixed model and the price model
(include/libflow/iim.h, include/libflow/io_variants.h). Results are pandas
DataFrames labelled with the sectors."""
from . import _arrays, _models
from .constants import choice
from ._lib import lib


def iim_matrix(transactions, output, side="demand", labels=None):
    """Interdependency matrix: demand A* = diag(x)^-1 Z, supply diag(x)^-1 Z'."""
    table = _models.table_in(transactions, "transactions", labels)
    x = _models.vector_in(output, "output", table.row_labels)
    return _models.result(lib.flow_iim_matrix, table._h, _arrays.pointer(x),
                          choice("IIM_", side))


def iim_static(interdependency, perturbation, output=None, labels=None):
    """Equilibrium inoperability q = (I - M)^-1 c*; columns perturbation,
    inoperability and (with output) output_loss."""
    table = _models.table_in(interdependency, "interdependency", labels)
    c = _models.vector_in(perturbation, "perturbation", table.row_labels)
    x = _models.vector_in(output, "output", table.row_labels, optional=True)
    return _models.result(lib.flow_iim_static, table._h, _arrays.pointer(c), _arrays.pointer(x))


def iim_resilience(interdependency, q0, q_target, recovery_time, labels=None):
    """Resilience coefficients k_i = ln(q0_i / qT_i) / (T_i (1 - m_ii))."""
    table = _models.table_in(interdependency, "interdependency", labels)
    names = table.row_labels
    vectors = [_models.vector_in(v, n, names) for v, n in
               ((q0, "q0"), (q_target, "q_target"), (recovery_time, "recovery_time"))]
    return _models.result(lib.flow_iim_resilience, table._h,
                          *[_arrays.pointer(v) for v in vectors])


def iim_dynamic(interdependency, resilience, q0, steps, perturbation=None, labels=None):
    """Recovery path q(t + 1) = q(t) + K (M q(t) + c* - q(t)): a DataFrame
    with one row per period 0..steps and one column per sector."""
    table = _models.table_in(interdependency, "interdependency", labels)
    names = table.row_labels
    k = _models.vector_in(resilience, "resilience", names)
    q = _models.vector_in(q0, "q0", names)
    c = _models.vector_in(perturbation, "perturbation", names, optional=True)
    path = _models.result(lib.flow_iim_dynamic, table._h, _arrays.pointer(k), _arrays.pointer(q),
                          _arrays.pointer(c), steps)
    path.index = path.index.astype(int)
    path.index.name = "period"
    return path


def io_mixed(coefficients, final_demand, constrained_output, labels=None):
    """Mixed model: constrained_output maps the constrained sectors to their
    fixed outputs (a dict or Series by label, or a vector with NaN for free
    sectors); the others take final_demand. Columns output, final_demand,
    constrained."""
    import numpy as np

    table = _models.table_in(coefficients, "coefficients", labels)
    names = table.row_labels
    f = _models.vector_in(final_demand, "final_demand", names)
    if isinstance(constrained_output, dict):
        fixed = np.array([name in constrained_output for name in names])
        xbar = np.array([float(constrained_output.get(name, 0.0)) for name in names])
    else:
        xbar = _models.vector_in(constrained_output, "constrained_output", names).copy()
        fixed = ~np.isnan(xbar)
        xbar[~fixed] = 0.0
    flags, _ = _models.as_int_flags(fixed, "constrained", None)
    f = f.copy()
    f[fixed] = 0.0  # ignored for constrained sectors; keeps NaN out of the checks
    return _models.result(lib.flow_io_mixed, table._h, _arrays.pointer(f),
                          _arrays.pointer(np.ascontiguousarray(xbar)), flags)


def io_price(coefficients, value_added_change=None, import_coefficients=None,
             import_price_change=None, labels=None):
    """Leontief price model (I - A)' dp = dv + M' dpm; columns cost_push and
    price_change (relative to base prices of 1)."""
    table = _models.table_in(coefficients, "coefficients", labels)
    names = table.row_labels
    dv = _models.vector_in(value_added_change, "value_added_change", names, optional=True)
    m = dpm = None
    if import_coefficients is not None:
        if hasattr(import_coefficients, "columns") and all(names):
            import_coefficients = import_coefficients.loc[:, names]  # align sectors
        m = import_coefficients if hasattr(import_coefficients, "_h") else None
        if m is None:
            from .table import Table

            rows = _models.pandas_labels(import_coefficients, None)
            m = Table(_arrays.matrix_in(import_coefficients, "import_coefficients"),
                      row_labels=rows)
        dpm = _models.vector_in(import_price_change, "import_price_change", m.row_labels)
    return _models.result(lib.flow_io_price, table._h, m._h if m is not None else None,
                          _arrays.pointer(dpm), _arrays.pointer(dv))

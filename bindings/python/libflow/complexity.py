"""Trade-based structure (include/libflow/complexity.h): revealed comparative
advantage (Balassa, symmetric), economic complexity (ECI, PCI), product
proximity and density, and weighted betweenness of a flow network.

Inputs are economies x products export tables: a pandas DataFrame (index =
economies, columns = products), a libflow Table or any 2-D array. Results are
DataFrames labelled as the input (or Tables with ``as_table=True``)."""
import ctypes

from ._arrays import matrix_in
from ._lib import lib
from .constants import choice
from .table import Table


def table_of(data):
    """A libflow Table of a DataFrame (its index and columns as labels), a
    Table (returned as is) or an array."""
    if isinstance(data, Table):
        return data
    if hasattr(data, "index") and hasattr(data, "columns"):
        return Table(matrix_in(data, "data"), [str(i) for i in data.index],
                     [str(c) for c in data.columns])
    return Table(data)


def _result(table, as_table):
    return table if as_table else table.to_frame()


def rca(exports, kind="balassa", as_table=False):
    """Revealed comparative advantage: "balassa" (x_cp / x_c) / (x_p / x), or
    "symmetric" (RCA - 1) / (RCA + 1). NaN for an economy or product without
    exports."""
    data = table_of(exports)  # kept alive across the call
    return _result(Table._create(lib.flow_rca, data._h, choice("RCA_", kind)), as_table)


def complexity(exports, threshold=1.0, as_table=False):
    """(economies, products): diversity and ECI per economy, ubiquity and PCI
    per product, by the eigenvector method (the Atlas / CID convention; ECI
    has mean 0 and population standard deviation 1 over the economies)."""
    data = table_of(exports)
    economies, products = ctypes.c_void_p(), ctypes.c_void_p()
    lib.flow_complexity(ctypes.byref(economies), ctypes.byref(products), data._h, threshold)
    tables = [Table._adopt(handle.value) for handle in (economies, products)]
    return tuple(_result(t, as_table) for t in tables)


def proximity(exports, threshold=1.0, as_table=False):
    """Product proximity phi (products x products, diagonal 0)."""
    data = table_of(exports)
    return _result(Table._create(lib.flow_product_proximity, data._h, threshold), as_table)


def density(exports, threshold=1.0, as_table=False):
    """Density omega_cp of every economy around every product."""
    data = table_of(exports)
    return _result(Table._create(lib.flow_product_density, data._h, threshold), as_table)


def betweenness(flows, normalised=True, as_table=False):
    """Weighted betweenness of every economy of a square flow matrix (edge
    length 1 / flow), normalised by (n - 1)(n - 2) unless normalised=False."""
    data = table_of(flows)
    return _result(Table._create(lib.flow_betweenness, data._h, int(bool(normalised))), as_table)

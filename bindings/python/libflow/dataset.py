"""Bilateral flow matrices by layer, year and product group
(include/libflow/dataset.h), read from CSV files (reader.h).

Entry (i, j) of a matrix is the flow from origin i to destination j; economy
i is ``dataset.economy_codes[i]``. A matrix is selected by (layer, year,
product); product None means the dataset's ungrouped matrix ("").
"""
import ctypes
from collections import namedtuple

import numpy as np

from . import _arrays, _frames
from ._handle import Handle
from ._lib import lib
from ._strings import decode, encode, encode_list
from .constants import C
from .labels import Labels
from .reader import ReadReport, options_from, reading

MatrixKey = namedtuple("MatrixKey", "layer year product")
Totals = namedtuple("Totals", "exports imports net")
Partners = namedtuple("Partners", "codes values total nonzero")


class Dataset(Handle):
    """Flow matrices over one economy axis. ``Dataset(economies=None)`` starts
    empty with the given Labels (copied) or the ISO 3166-1 set."""

    _kind = "flow_dataset"

    def __init__(self, economies=None):
        if economies is not None and not isinstance(economies, Labels):
            economies = Labels(economies)
        out = ctypes.c_void_p()
        lib.flow_dataset_new(ctypes.byref(out), None if economies is None else economies._h)
        super().__init__(out.value)

    @classmethod
    def from_csv(cls, *paths, economies=None, options=None, **option_kwargs):
        """A new dataset with every file read; raises on a structural error or,
        in strict mode, on the first bad row. The reports are in .reports."""
        dataset = cls(economies)
        dataset.reports = [dataset.read_csv(p, options, **option_kwargs) for p in paths]
        return dataset

    # ---------------------------------------------------------------- economies
    @property
    def economy_count(self):
        return lib.flow_dataset_economy_count(self._h)

    def __len__(self):
        return self.economy_count

    @property
    def economy_codes(self):
        axis = lib.flow_dataset_economies(self._h)
        return [decode(lib.flow_labels_code(axis, i)) for i in range(self.economy_count)]

    @property
    def economy_names(self):
        axis = lib.flow_dataset_economies(self._h)
        return [decode(lib.flow_labels_name(axis, i)) for i in range(self.economy_count)]

    def economies(self):
        """A copy of the economy axis as a Labels object."""
        return Labels._create(lib.flow_labels_clone, lib.flow_dataset_economies(self._h))

    def economy_index(self, code):
        """Index of an economy code or alias (NotFoundError otherwise)."""
        index = ctypes.c_int64()
        lib.flow_labels_find(lib.flow_dataset_economies(self._h), encode(code),
                             ctypes.byref(index))
        return index.value

    def add_economy(self, code, name=None):
        self._before_mutation()
        index = ctypes.c_int64()
        lib.flow_dataset_add_economy(self._h, encode(code), encode(name), ctypes.byref(index))
        return index.value

    # ---------------------------------------------------------------- filling
    def set_product_digits(self, digits):
        lib.flow_dataset_set_product_digits(self._h, digits)

    def add_product_group(self, prefix, group):
        lib.flow_dataset_add_product_group(self._h, encode(prefix), encode(group))

    def read_product_groups(self, path, code_column="code", group_column="group"):
        """Product groups from a concordance CSV (code or prefix -> group)."""
        lib.flow_dataset_read_product_groups(self._h, encode(str(path)), encode(code_column),
                                             encode(group_column))

    def add_flow(self, layer, origin, destination, value, year=0, product=None):
        self._before_mutation()
        lib.flow_dataset_add_flow(self._h, encode(layer), year, encode(product), encode(origin),
                                  encode(destination), value)

    def read_csv(self, path, options=None, report=None, **option_kwargs):
        """Reads a long-format CSV into the dataset; returns its ReadReport.
        Options as ReadOptions keywords or options=."""
        self._before_mutation()
        options = options_from(options, option_kwargs)
        report = report if report is not None else ReadReport()
        with reading(options):
            lib.flow_dataset_read_csv(self._h, encode(str(path)),
                                      None if options is None else options._h, report._h)
        return report

    def read_buffer(self, data, name=None, options=None, report=None, **option_kwargs):
        """As read_csv for CSV text (str or bytes) in memory."""
        self._before_mutation()
        options = options_from(options, option_kwargs)
        report = report if report is not None else ReadReport()
        raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        with reading(options):
            lib.flow_dataset_read_buffer(self._h, encode(name), raw, len(raw),
                                         None if options is None else options._h, report._h)
        return report

    def read_attributes(self, path, code_column="code", add_unknown=False):
        self._before_mutation()
        lib.flow_dataset_read_attributes(self._h, encode(str(path)), encode(code_column),
                                         1 if add_unknown else 0)

    # ---------------------------------------------------------------- matrices
    @property
    def keys(self):
        """(layer, year, product) of every matrix, in order of creation."""
        out = []
        for i in range(lib.flow_dataset_matrix_count(self._h)):
            layer, product, year = ctypes.c_char_p(), ctypes.c_char_p(), ctypes.c_int64()
            lib.flow_dataset_matrix_key(self._h, i, ctypes.byref(layer), ctypes.byref(year),
                                        ctypes.byref(product))
            out.append(MatrixKey(decode(layer.value), year.value, decode(product.value)))
        return out

    def matrix(self, layer, year=0, product=None):
        """A new n x n array of one matrix."""
        n = self.economy_count
        out = _arrays.empty(n, n)
        lib.flow_dataset_matrix_copy(self._h, encode(layer), year, encode(product),
                                     _arrays.pointer(out), out.size, n)
        return out

    def matrix_view(self, layer, year=0, product=None):
        """A read-only zero-copy view of one matrix; while it exists the dataset
        refuses to be modified (reads, add_flow, add_economy)."""
        values = ctypes.POINTER(ctypes.c_double)()
        n, stride = ctypes.c_int64(), ctypes.c_int64()
        lib.flow_dataset_matrix_view(self._h, encode(layer), year, encode(product),
                                     ctypes.byref(values), ctypes.byref(n), ctypes.byref(stride))
        return _arrays.borrowed(self, _arrays.address_of(values), (n.value, n.value),
                                row_stride=stride.value)

    def matrix_unit(self, layer, year=0, product=None):
        """Unit of a matrix ("" when unknown)."""
        unit = lib.flow_dataset_matrix_unit(self._h, encode(layer), year, encode(product))
        if unit is None:
            from .errors import error_for

            raise error_for(lib.flow_last_error_code(), lib.last_error())
        return decode(unit)

    def frame(self, layer, year=0, product=None):
        """One matrix as a DataFrame labelled by economy codes."""
        codes = self.economy_codes
        return _frames.frame(self.matrix(layer, year, product), codes, codes)

    def totals(self, layer, year=0, product=None):
        """(exports, imports, net) per economy."""
        n = self.economy_count
        exports, imports, net = (_arrays.empty(n) for _ in range(3))
        lib.flow_dataset_totals(self._h, encode(layer), year, encode(product),
                                _arrays.pointer(exports), _arrays.pointer(imports),
                                _arrays.pointer(net), n)
        return Totals(exports, imports, net)

    def top_partners(self, economy, layer, year=0, product=None, k=10, direction="exports"):
        """The k largest partners of an economy: codes, values, the economy's
        whole total and its number of non-zero partners."""
        code = C["FLOW_IMPORTS"] if direction == "imports" else C["FLOW_EXPORTS"]
        if direction not in ("imports", "exports"):
            raise ValueError("direction must be 'exports' or 'imports'")
        partners = _arrays.empty(k, dtype=np.int64)
        values = _arrays.empty(k)
        count, total, nonzero = ctypes.c_int64(), ctypes.c_double(), ctypes.c_int64()
        lib.flow_dataset_top_partners(self._h, encode(layer), year, encode(product),
                                      encode(economy), code, k, _arrays.pointer(partners),
                                      _arrays.pointer(values), ctypes.byref(count),
                                      ctypes.byref(total), ctypes.byref(nonzero))
        codes = self.economy_codes
        used = count.value
        return Partners([codes[i] for i in partners[:used]], values[:used], total.value,
                        nonzero.value)

    def write_matrix_csv(self, path, layer, year=0, product=None):
        lib.flow_dataset_write_matrix_csv(self._h, encode(layer), year, encode(product),
                                          encode(str(path)))

    def aggregate(self, aggregation):
        """A new dataset with economies merged by an Aggregation (or a dict)."""
        from .labels import Aggregation

        if not isinstance(aggregation, Aggregation):
            aggregation = Aggregation(aggregation)
        return Dataset._create(lib.flow_dataset_aggregate, self._h, aggregation._h)

    # ---------------------------------------------------------------- attributes
    @property
    def attribute_names(self):
        return [decode(lib.flow_dataset_attribute_name(self._h, i)) for i in
                range(lib.flow_dataset_attribute_count(self._h))]

    def attribute(self, name):
        """One value per economy (NaN where unknown)."""
        out = _arrays.empty(self.economy_count)
        lib.flow_dataset_attribute(self._h, encode(name), _arrays.pointer(out), out.size)
        return out

    # ---------------------------------------------------------------- indices
    def dyads(self, layer, year=0, product=None, size_attribute=None, size_scale=1.0,
              all_products=False):
        """Dyads of one matrix (all_products=True: every product group summed),
        labelled by economy code; sizes from an attribute times size_scale."""
        from .indices import Dyads

        dyads = Dyads._create(lib.flow_dyads_new_from_dataset, self._h, encode(layer), year,
                              None if all_products else encode(product or ""),
                              encode(size_attribute), size_scale)
        dyads.labels = self.economy_codes
        return dyads

    def dyad_profile(self, economy, partner, selections, size_attribute=None, size_scales=None):
        """Every dyad measure of (economy, partner) in several matrices:
        selections is a list of (layer, year) or (layer, year, product); without
        products every product of each layer and year is summed ("" selects
        the ungrouped matrix). Returns an
        array (len(selections), measures), or a DataFrame indexed by layer
        when pandas is available."""
        from .indices import DYAD_MEASURES

        count = len(selections)
        layers = encode_list([s[0] for s in selections])
        years = np.array([s[1] for s in selections], dtype=np.int64)
        chosen = [s[2] if len(s) > 2 else None for s in selections]
        products = None  # NULL: every product of each layer and year summed
        if any(p is not None for p in chosen):
            if any(p is None for p in chosen):
                raise ValueError("give a product for every selection or for none")
            products = encode_list(chosen)
        scales = None if size_scales is None else _arrays.vector_in(size_scales, "size_scales")
        width = len(DYAD_MEASURES)
        out = _arrays.empty(count, width)
        lib.flow_dyad_profile_from_dataset(_arrays.pointer(out), out.size, width, self._h, count,
                                           layers, _arrays.pointer(years), products,
                                           encode(size_attribute), _arrays.pointer(scales),
                                           encode(economy), encode(partner))
        if _frames.have_pandas():
            return _frames.frame(out, ["%s %s" % (s[0], s[1]) for s in selections], DYAD_MEASURES)
        return out

    def supplier_hhi(self, layer, year=0, product=None, all_products=False):
        """Supplier concentration (HHI) of every importer in one matrix
        (all_products=True: every product summed, the overall concentration)."""
        out = _arrays.empty(self.economy_count)
        lib.flow_supplier_hhi_from_dataset(_arrays.pointer(out), out.size, self._h, encode(layer),
                                           year, None if all_products else encode(product or ""))
        return out

    def transit(self, origin, destination, layer, year=0, product=None, rule="product",
                all_products=False):
        """Two-step flow origin -> h -> destination through every economy h
        (rule "product", "bottleneck", "first_leg" or "second_leg")."""
        from .constants import choice

        out = _arrays.empty(self.economy_count)
        lib.flow_transit_from_dataset(_arrays.pointer(out), out.size, choice("TRANSIT_", rule),
                                      self._h, encode(layer), year,
                                      None if all_products else encode(product or ""),
                                      encode(origin), encode(destination))
        return out

    def dependency_flags(self, layer, options=None, **thresholds):
        """Strategic-dependency flags over every year and product of a layer."""
        from .indices import DependencyFlagOptions, DependencyFlags

        if options is None and thresholds:
            options = DependencyFlagOptions(**thresholds)
        flags = DependencyFlags._create(lib.flow_depflags_new_from_dataset,
                                        None if options is None else options._h, self._h,
                                        encode(layer))
        flags.labels = self.economy_codes
        return flags

    def centrality(self, layer, year=0, product=None, network="flows", all_products=False,
                   options=None, **parameters):
        """Centrality of the flow network ("flows") or of the dependence network
        ("dependence": edge i -> j weighted by j's share of i's imports)."""
        from .constants import choice
        from .network import Centrality, CentralityOptions

        if options is None and parameters:
            options = CentralityOptions(**parameters)
        result = Centrality._create(lib.flow_centrality_new_from_dataset,
                                    None if options is None else options._h, self._h,
                                    encode(layer), year,
                                    None if all_products else encode(product or ""),
                                    choice("NETWORK_", network))
        result.labels = self.economy_codes
        return result

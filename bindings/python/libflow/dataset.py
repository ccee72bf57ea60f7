"""Bilateral flow matrices by layer, year and product group
(include/libflow/dataset.h), read from CSV files (reader.h).

Entry (i, j) of a matrix is the flow from origin i to destination j; economy
i is ``dataset.economy_codes[i]``. A matrix is selected by (layer, year,
product); product None means the dataset's ungrouped matrix ("").
"""
import ctypes
from collections import namedtuple

import numpy as np

from . import _arrays, _frames, defaults, errors
from ._handle import Handle
from ._lib import lib
from ._strings import decode, encode
from .constants import C, choice
from .accounting import warn_dropped
from .labels import Labels
from .reader import ReadReport, options_from, reading
from .table import Table, result_frame

MatrixKey = namedtuple("MatrixKey", "layer year product")
Totals = namedtuple("Totals", "exports imports net")


class Dataset(Handle):
    """Flow matrices over one economy axis.

    ``Dataset()``: the axis is the economies present in the data read so far
    (ISO 3166-1 codes and their aliases are recognised; libflow.defaults).
    ``Dataset(all_economies=True)``: the full ISO 3166-1 axis.
    ``Dataset(economies)``: the given Labels or codes (copied), in that order.
    """

    _kind = "flow_dataset"

    def __init__(self, economies=None, all_economies=False):
        if economies is not None and not isinstance(economies, Labels):
            economies = Labels(economies)
        out = ctypes.c_void_p()
        lib.flow_dataset_new(ctypes.byref(out), None if economies is None else economies._h)
        if economies is None and not all_economies:
            # Present-economies axis: flows go into a private dataset whose axis
            # grows with the economies the data name (flow_dataset_new_present,
            # so matrices are sized by the data); this object holds its
            # drop_empty copy, in ISO order (see _mutated).
            self._full = Dataset._present()
            lib.flow_dataset_free(out)
            lib.flow_dataset_drop_empty(ctypes.byref(out), self._full._h)
        super().__init__(out.value)

    @classmethod
    def _present(cls):
        """A dataset on a present-economies axis over ISO 3166-1 and ROW."""
        out = ctypes.c_void_p()
        lib.flow_dataset_new_present(ctypes.byref(out), None)
        return cls._adopt(out.value)

    def _target(self):
        """The dataset handle flows and settings go into."""
        self._before_mutation()
        full = getattr(self, "_full", None)
        return self._h if full is None else full._h

    def _mutated(self):
        """After a change: a present-economies dataset takes the new axis. Views
        of the previous copy keep it alive and stay valid."""
        full = getattr(self, "_full", None)
        if full is not None:
            out = ctypes.c_void_p()
            lib.flow_dataset_drop_empty(ctypes.byref(out), full._h)
            Handle.__init__(self, out.value)

    def drop_empty(self):
        """A new dataset over the economies with a non-zero flow in any matrix."""
        return Dataset._create(lib.flow_dataset_drop_empty, self._h)

    @classmethod
    def from_csv(cls, *paths, economies=None, all_economies=False, options=None,
                 **option_kwargs):
        """A new dataset with every file read; raises on a structural error or,
        in strict mode, on the first bad row. The reports are in .reports."""
        dataset = cls(economies, all_economies=all_economies)
        dataset.reports = [dataset.read_csv(p, options, **option_kwargs) for p in paths]
        return dataset

    # ---------------------------------------------------------------- economies
    @property
    def economy_count(self):
        """Number of economies on the axis (the order of every matrix)."""
        return lib.flow_dataset_economy_count(self._h)

    def __len__(self):
        return self.economy_count

    @property
    def economy_codes(self):
        """Codes of the economy axis, in matrix order."""
        axis = lib.flow_dataset_economies(self._h)
        return [decode(lib.flow_labels_code(axis, i)) for i in range(self.economy_count)]

    @property
    def economy_names(self):
        """English names of the economy axis, in matrix order."""
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
        """Adds an economy to the axis (idempotent); returns its index. On a
        present-economies axis it appears once it has a flow (index -1 until then)."""
        index = ctypes.c_int64()
        lib.flow_dataset_add_economy(self._target(), encode(code), encode(name),
                                     ctypes.byref(index))
        if getattr(self, "_full", None) is None:
            return index.value
        self._mutated()
        return self.economy_codes.index(code) if code in self.economy_codes else -1

    # ---------------------------------------------------------------- filling
    def set_product_digits(self, digits):
        """Groups product codes by their first digits (before any read; 0: one
        matrix for all products). Without it the first read picks the default
        of libflow.defaults: codes apart, HS chapters for BACI/Comtrade."""
        lib.flow_dataset_set_product_digits(self._target(), digits)
        self._grouping_chosen = True
        self._mutated()

    def add_product_group(self, prefix, group):
        """Maps product codes starting with prefix to group (before any read)."""
        lib.flow_dataset_add_product_group(self._target(), encode(prefix), encode(group))
        self._grouping_chosen = True
        self._mutated()

    def _default_grouping(self, options):
        """Applies the default product grouping before the first flow arrives."""
        target = self._target()
        if getattr(self, "_grouping_chosen", False) or lib.flow_dataset_matrix_count(target):
            return
        preset = getattr(options, "preset", None)
        if isinstance(preset, int):
            preset = {C["FLOW_PRESET_BACI"]: "baci",
                      C["FLOW_PRESET_COMTRADE"]: "comtrade"}.get(preset)
        lib.flow_dataset_set_product_digits(target, defaults.product_digits(preset))
        self._grouping_chosen = True

    def read_product_groups(self, path, code_column="code", group_column="group"):
        """Product groups from a concordance CSV (code or prefix -> group), before
        any flow is read."""
        lib.flow_dataset_read_product_groups(self._target(), encode(str(path)),
                                             encode(code_column), encode(group_column))
        self._grouping_chosen = True
        self._mutated()

    def add_flow(self, layer, origin, destination, value, year=0, product=None):
        """Adds value to the flow origin -> destination of (layer, year, product)."""
        target = self._target()
        self._grouping_chosen = True  # flows added by hand keep the grouping they were given
        lib.flow_dataset_add_flow(target, encode(layer), year, encode(product), encode(origin),
                                  encode(destination), value)
        self._mutated()

    def read_csv(self, path, options=None, report=None, **option_kwargs):
        """Reads a long-format CSV into the dataset; returns its ReadReport.
        Options as ReadOptions keywords or options=."""
        options = options_from(options, option_kwargs)
        self._default_grouping(options)
        report = report if report is not None else ReadReport()
        try:
            with reading(options):
                lib.flow_dataset_read_csv(self._target(), encode(str(path)),
                                          None if options is None else options._h, report._h)
        finally:
            self._mutated()
        warn_dropped(report, str(path))
        return report

    def read_buffer(self, data, name=None, options=None, report=None, **option_kwargs):
        """As read_csv for CSV text (str or bytes) in memory."""
        options = options_from(options, option_kwargs)
        self._default_grouping(options)
        report = report if report is not None else ReadReport()
        raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
        try:
            with reading(options):
                lib.flow_dataset_read_buffer(self._target(), encode(name), raw, len(raw),
                                             None if options is None else options._h, report._h)
        finally:
            self._mutated()
        warn_dropped(report, name or "<buffer>")
        return report

    def read_attributes(self, path, code_column="code", add_unknown=False, options=None,
                        report=None, **option_kwargs):
        """Reads a per-economy attributes CSV: numeric columns become attributes,
        the others text attributes. Without options or report the read is
        strict (any bad cell, duplicate or unknown code raises); with them it
        follows the options (strict=, unknown_codes=, ...) and returns the
        ReadReport, whose rejects name line and column of every bad cell."""
        if options is None and report is None and not option_kwargs:
            lib.flow_dataset_read_attributes(self._target(), encode(str(path)),
                                             encode(code_column), 1 if add_unknown else 0)
            self._mutated()
            return None
        options = options_from(options, option_kwargs)
        report = report if report is not None else ReadReport()
        with reading(options):
            lib.flow_dataset_read_attributes_csv(self._target(), encode(str(path)),
                                                 encode(code_column),
                                                 None if options is None else options._h,
                                                 report._h)
        self._mutated()
        return report

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

    def latest_year(self, layer):
        """The latest year of a layer (the default year of every selector)."""
        years = [k.year for k in self.keys if k.layer == layer]
        if not years:
            from .errors import STATUS_CODES, NotFoundError

            raise NotFoundError(STATUS_CODES["FLOW_ERR_NOT_FOUND"], "the dataset holds no layer '%s' "
                                "(layers: %s)" % (layer, ", ".join(sorted({k.layer for k in
                                                                          self.keys}))))
        return max(years)

    def _year(self, layer, year):
        return self.latest_year(layer) if year is None else year

    def _groups(self, layer, year, product):
        """The product groups a selection sums: [product], or with product None
        every group of (layer, year), which must share one unit."""
        if product is not None:
            return [product]
        groups = [k.product for k in self.keys if k.layer == layer and k.year == year]
        if len(groups) <= 1:
            return groups or [""]
        units = {g: self.matrix_unit(layer, year, g) for g in groups}
        if len(set(units.values())) > 1:
            from .errors import STATUS_CODES, FlowValueError

            raise FlowValueError(
                STATUS_CODES["FLOW_ERR_VALUE"], "the products of layer '%s' in %d have different units "
                "(%s): give product=" % (layer, year, ", ".join(
                    "%s: %s" % (g, u or "?") for g, u in units.items())))
        return groups

    def matrix(self, layer, year=None, product=None):
        """A new n x n array of one matrix: year None is the latest year,
        product None sums every product group of the layer and year (which
        must share one unit)."""
        year = self._year(layer, year)
        n = self.economy_count
        total = None
        for group in self._groups(layer, year, product):
            out = _arrays.empty(n, n)
            lib.flow_dataset_matrix_copy(self._h, encode(layer), year, encode(group),
                                         _arrays.pointer(out), out.size, n)
            total = out if total is None else total + out
        return total

    def matrix_view(self, layer, year=None, product=None):
        """A read-only zero-copy view of one matrix; while it exists the dataset
        refuses to be modified (reads, add_flow, add_economy)."""
        values = ctypes.POINTER(ctypes.c_double)()
        n, stride = ctypes.c_int64(), ctypes.c_int64()
        year = self._year(layer, year)
        lib.flow_dataset_matrix_view(self._h, encode(layer), year, encode(product),
                                     ctypes.byref(values), ctypes.byref(n), ctypes.byref(stride))
        return _arrays.borrowed(self, _arrays.address_of(values), (n.value, n.value),
                                row_stride=stride.value)

    def matrix_unit(self, layer, year=None, product=None):
        """Unit of a matrix ("" when unknown)."""
        year = self._year(layer, year)
        unit = lib.flow_dataset_matrix_unit(self._h, encode(layer), year, encode(product))
        if unit is None:
            from .errors import error_for

            raise error_for(lib.flow_last_error_code(), lib.last_error())
        return decode(unit)

    def frame(self, layer, year=None, product=None):
        """One matrix as a DataFrame labelled by economy codes."""
        codes = self.economy_codes
        return _frames.frame(self.matrix(layer, year, product), codes, codes)

    def totals(self, layer, year=None, product=None):
        """(exports, imports, net) per economy."""
        year = self._year(layer, year)
        n = self.economy_count
        exports, imports, net = (_arrays.empty(n) for _ in range(3))
        lib.flow_dataset_totals(self._h, encode(layer), year, encode(product),
                                _arrays.pointer(exports), _arrays.pointer(imports),
                                _arrays.pointer(net), n)
        return Totals(exports, imports, net)

    def top_partners(self, economy, layer, year=None, product=None, k=10, direction="exports"):
        """The k largest partners of an economy: a DataFrame indexed by partner
        code with columns value and share, and attrs total (the economy's
        whole row or column sum) and nonzero (its number of partners); year
        None: the latest."""
        year = self._year(layer, year)
        code = C["FLOW_IMPORTS"] if direction == "imports" else C["FLOW_EXPORTS"]
        if direction not in ("imports", "exports"):
            raise ValueError("direction must be 'exports' or 'imports'")
        return result_frame(lib.flow_dataset_top_partners, self._h, encode(layer), year,
                            encode(product), encode(economy), code, k)

    def unit_values(self, economy, value_layer, quantity_layer, product=None,
                    direction="exports"):
        """Unit values (value / quantity) of an economy's flows: a DataFrame
        with one row per (year, partner) -- index levels year (text) and
        partner, years ascending, partners by decreasing value -- and columns
        year, value, quantity, unit_value (value unit per quantity unit, NaN
        without a quantity), for every year in which both layers hold the
        product (include/libflow/unit_values.h)."""
        if direction not in ("imports", "exports"):
            raise ValueError("direction must be 'exports' or 'imports'")
        code = C["FLOW_IMPORTS"] if direction == "imports" else C["FLOW_EXPORTS"]
        return result_frame(lib.flow_unit_values, self._h, encode(value_layer),
                            encode(quantity_layer), encode(product), encode(economy), code)

    def unit_value_prices(self, value_layer, quantity_layer, year=None, price_unit=None):
        """Prices per product for the shock option ``prices``: the unit value
        of all of a product's flows in year (sum of values over sum of
        quantities, cells with a quantity only), in USD_m per price_unit
        ("Mt": USD per tonne; None: the quantity layer's unit). A DataFrame
        indexed by product with columns price, value (USD_m), quantity,
        unmatched_value (USD_m without a quantity) and cells;
        ``ShockOptions(prices=df["price"].dropna().to_dict())`` uses it
        (include/libflow/unit_values.h). year None: the latest."""
        year = self._year(value_layer, year)
        return result_frame(lib.flow_unit_value_prices, self._h, encode(value_layer),
                            encode(quantity_layer), year, encode(price_unit))

    def write_matrix_csv(self, path, layer, year=None, product=None):
        """Writes one matrix as a labelled wide CSV."""
        year = self._year(layer, year)
        lib.flow_dataset_write_matrix_csv(self._h, encode(layer), year, encode(product),
                                          encode(str(path)))

    def aggregate(self, aggregation):
        """A new dataset with economies merged by an Aggregation (or a dict)."""
        from .labels import Aggregation

        if not isinstance(aggregation, Aggregation):
            aggregation = Aggregation(aggregation)
        return Dataset._create(lib.flow_dataset_aggregate, self._h, aggregation._h)

    # ---------------------------------------------------------------- attributes
    def _attributes(self, part):
        """One part of the attributes (flow_dataset_attributes) as (row labels,
        row groups, column labels, values)."""
        with Table._create(lib.flow_dataset_attributes, self._h,
                           C["FLOW_ATTRIBUTES_" + part]) as table:
            return table.row_labels, table.row_groups, table.col_labels, table.to_numpy()

    def attributes(self):
        """The numeric attributes as a DataFrame: one row per economy (its
        code), one column per attribute, NaN where unknown."""
        return result_frame(lib.flow_dataset_attributes, self._h, C["FLOW_ATTRIBUTES_NUMERIC"])

    @property
    def attribute_names(self):
        """Names of the per-economy attributes read so far."""
        return self._attributes("NUMERIC")[2]

    def set_layer_kind(self, layer, kind):
        """Declares layer a "flow" (trade, energy) or "stock" (claims,
        positions) layer: IO lenses refuse stocks, which go through contagion."""
        lib.flow_dataset_set_layer_kind(self._target(), encode(layer), choice("LAYER_", kind))
        self._mutated()
        return self

    def layer_kind(self, layer):
        """"flow" or "stock": the declared kind, else "stock" for "finance"
        and "flow" for any other layer."""
        return "stock" if lib.flow_dataset_layer_kind(self._h, encode(layer)) == 1 else "flow"

    def attribute(self, name):
        """One value per economy (NaN where unknown); NotFoundError for an unknown name."""
        _, _, names, values = self._attributes("NUMERIC")
        if name not in names:
            raise errors.error_for(errors.STATUS_CODES["FLOW_ERR_NOT_FOUND"],
                                   "no attribute '%s'" % name)
        return np.ascontiguousarray(values[:, names.index(name)])

    def _texts(self):
        """{name: one string per economy} of the text attributes, in the order read."""
        texts, groups, _, _ = self._attributes("TEXT")
        out = {}
        for text, group in zip(texts, groups):
            out.setdefault(group, []).append(text)
        return out

    @property
    def text_attribute_names(self):
        """Names of the text attributes (non-numeric columns of an attributes CSV)."""
        return list(self._texts())

    def text_attribute(self, name):
        """One string per economy ("" where it has none); KeyError for an unknown name."""
        return self._texts()[name]

    # ---------------------------------------------------------------- indices
    def dyads(self, layer, year=None, product=None, size_attribute=None, size_scale=1.0,
              all_products=False):
        """Dyads of one matrix (product None or all_products=True: every
        product group summed; year None: the latest), labelled by economy
        code; sizes from an attribute times size_scale."""
        from .indices import Dyads

        year = self._year(layer, year)
        all_products = all_products or product is None
        dyads = Dyads._create(lib.flow_dyads_new_from_dataset, self._h, encode(layer), year,
                              None if all_products else encode(product or ""),
                              encode(size_attribute), size_scale)
        dyads.labels = self.economy_codes
        return dyads

    def dyad_profile(self, economy, partner, selections, size_attribute=None, size_scales=None):
        """Every dyad measure of (economy, partner) in several matrices:
        selections is a list of (layer, year) or (layer, year, product); a
        selection without product sums every product of its layer and year
        ("" selects the ungrouped matrix). size_scales: one per selection
        (default 1). Returns a DataFrame with one row per selection
        ("layer year" or "layer year product") and one column per measure."""
        scales = [1.0] * len(selections) if size_scales is None else list(size_scales)
        if len(scales) != len(selections):
            raise ValueError("size_scales needs one scale per selection")
        layers = _DyadLayers(size_attribute)
        for selection, scale in zip(selections, scales):
            product = selection[2] if len(selection) > 2 else None
            lib.flow_dyad_layers_add(layers._h, encode(selection[0]), selection[1],
                                     encode(product), float(scale))
        with layers:
            return result_frame(lib.flow_dyad_profile_from_dataset, self._h, layers._h,
                                encode(economy), encode(partner))

    def supplier_hhi(self, layer, year=None, product=None, all_products=False):
        """Supplier concentration (HHI) of every importer in one matrix
        (product None or all_products=True: every product summed, the overall
        concentration; year None: the latest): a DataFrame indexed by economy
        code with column "supplier_hhi"; .attrs["export_hhi"] is the
        world-export concentration of the same matrix."""
        from .table import result_frame

        year = self._year(layer, year)
        all_products = all_products or product is None
        return result_frame(lib.flow_supplier_hhi_from_dataset, self._h, encode(layer), year,
                            None if all_products else encode(product or ""))

    def transit(self, origin, destination, layer, year=None, product=None, rule=None,
                all_products=False):
        """Two-step flow origin -> h -> destination through every economy h: a
        DataFrame indexed by economy code with one column per rule, "product",
        "bottleneck", "first_leg", "second_leg" and "handled" (origin's share
        of h's imports times h's sales to destination, product by product with
        all_products=True, at most h's imports from origin); with rule, that
        column (a Series). product None: all products; year None: the latest."""
        from .constants import choice
        from .table import result_frame

        year = self._year(layer, year)
        all_products = all_products or product is None
        frame = result_frame(lib.flow_transit_from_dataset, self._h, encode(layer), year,
                             None if all_products else encode(product or ""), encode(origin),
                             encode(destination))
        if rule is not None:
            choice("TRANSIT_", rule)  # an unknown rule raises here
            return frame[rule]
        return frame

    def dependency_flags(self, layer, options=None, **thresholds):
        """Strategic-dependency flags over every year and product of a layer."""
        from .indices import DependencyFlagOptions, DependencyFlags

        if options is None and thresholds:
            options = DependencyFlagOptions(**thresholds)
        from .table import result_frame

        return DependencyFlags._of_table(
            result_frame(lib.flow_depflags_new_from_dataset,
                         None if options is None else options._h, self._h, encode(layer)))

    def centrality(self, layer, year=None, product=None, network=defaults.NETWORK,
                   all_products=False, options=None, **parameters):
        """Centrality of the dependence network ("dependence", the default:
        edge i -> j weighted by j's share of i's imports) or of the flow
        network ("flows"); product None: all products; year None: the latest."""
        from .constants import choice
        from .network import Centrality, CentralityOptions

        year = self._year(layer, year)
        all_products = all_products or product is None
        if options is None and parameters:
            options = CentralityOptions(**parameters)
        return Centrality(result_frame(lib.flow_centrality_new_from_dataset,
                                       None if options is None else options._h, self._h,
                                       encode(layer), year,
                                       None if all_products else encode(product or ""),
                                       choice("NETWORK_", network)))


class _DyadLayers(Handle):
    """The matrices a dyad profile compares (flow_dyad_layers)."""

    _kind = "flow_dyad_layers"

    def __init__(self, size_attribute=None):
        out = ctypes.c_void_p()
        lib.flow_dyad_layers_new(ctypes.byref(out), encode(size_attribute))
        super().__init__(out.value)

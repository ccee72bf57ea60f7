"""Sanctions shocks (include/libflow/shock.h): scenarios, the demand, supply
and inoperability lenses with rerouting through intermediaries, batches and
DebtRank.

Quantities are named by the lower-case tails of FLOW_SHOCK_* ("demand_total",
"supply_total", "inoperability", "inoperability_loss", "cut", "lost",
"rerouted_via", ...), see QUANTITIES.
"""
import ctypes
from collections import namedtuple

import numpy as np

from . import _arrays, _frames, errors
from ._handle import Handle
from ._lib import lib
from ._options import option_text, set_options
from ._strings import decode, encode
from .constants import C, choice
from .table import frame_of, result_frame

QUANTITIES = ("output", "demand_total", "demand_direct", "demand_indirect", "supply_total",
              "supply_direct", "supply_indirect", "inoperability", "inoperability_unclipped",
              "inoperability_loss", "cut", "lost", "rerouted_via", "transit_rent", "markup_cost")
REGION_ONLY = ("cut", "lost", "rerouted_via", "transit_rent", "markup_cost")
REPORT_ONLY = ("size", "distress_initial", "distress_final")
C_STATUS_INVALID_ARG = errors.STATUS_CODES["FLOW_ERR_INVALID_ARG"]
SOLVERS = {C["FLOW_SHOCK_SOLVER_BASE"]: "base", C["FLOW_SHOCK_SOLVER_WOODBURY"]: "woodbury",
           C["FLOW_SHOCK_SOLVER_REFACTOR"]: "refactor"}
_DIRECTIONS = {"exports": "FLOW_EXPORTS", "imports": "FLOW_IMPORTS", "both": "FLOW_BOTH"}
_CHANNELS = {"intermediate": "FLOW_SHOCK_INTERMEDIATE", "final": "FLOW_SHOCK_FINAL",
             "all": "FLOW_SHOCK_ALL_CHANNELS"}

Totals = namedtuple("Totals", "cut rerouted lost")
Solver = namedtuple("Solver", "name rank")
Sets = namedtuple("Sets", "sanctioning target skipped")
BatchLabel = namedtuple("BatchLabel", "member severity rho")
Work = namedtuple("Work", "factorisations woodbury base_solves")
System = namedtuple("System", "layer product unit economies")
SystemCut = namedtuple("SystemCut", "severity rho cut rerouted lost")
SystemSolver = namedtuple("SystemSolver", "name rank skipped")
SystemDebtRank = namedtuple("SystemDebtRank", "initial final rank")
LAYER_KINDS = {0: "flow", 1: "stock"}


def _quantity(name):
    """The FLOW_SHOCK_* value of a quantity name (ValueError for other names)."""
    if isinstance(name, int):
        return name
    if name not in QUANTITIES + REPORT_ONLY:
        raise ValueError("unknown shock quantity %r; choose from %s"
                         % (name, ", ".join(QUANTITIES + REPORT_ONLY)))
    return choice("SHOCK_", name)


class Scenario(Handle):
    """Who cuts what with whom.

    ``Scenario(name=None, sanctioning=(), target=(), groups=None,
    direction="both", channels="all", severity=None, substitution=None,
    via=(), capacity=None, markup=None, throughput=None, min_share=None,
    weights=None)``. severity and substitution are a
    number (for every layer and product) or a dict {(layer, product): value}
    with None or "*" as wildcards; groups maps group names to member codes;
    capacity maps intermediaries to volumes; throughput bounds each route leg
    by that factor times its observed flow (math.inf: unbounded; default 1);
    min_share drops routes below that share of their pair's weight (default
    0.01); weights maps intermediaries to calibrated route weights (see
    libflow.evasion.calibrate). Also Scenario.read(path) and
    Scenario.parse(text) for the scenario text format.
    """

    _kind = "flow_scenario"

    def __init__(self, name=None, sanctioning=(), target=(), groups=None, direction=None,
                 channels=None, severity=None, substitution=None, via=(), capacity=None,
                 markup=None, throughput=None, min_share=None, weights=None):
        out = ctypes.c_void_p()
        lib.flow_scenario_new(ctypes.byref(out))
        super().__init__(out.value)
        if name is not None:
            self.name = name
        for group, members in (groups or {}).items():
            self.add_group(group, members)
        self.add_sanctioning(*_listify(sanctioning))
        self.add_target(*_listify(target))
        if direction is not None:
            self.direction = direction
        if channels is not None:
            self.channels = channels
        for setter, value in ((self.set_severity, severity),
                              (self.set_substitution, substitution)):
            if value is None:
                continue
            items = value.items() if isinstance(value, dict) else [((None, None), value)]
            for (layer, product), number in items:
                setter(number, layer, product)
        self.add_intermediary(*_listify(via))
        for intermediary, volume in (capacity or {}).items():
            self.set_capacity(intermediary, volume)
        if markup is not None:
            self.markup = markup
        if throughput is not None:
            self.throughput = throughput
        if min_share is not None:
            self.min_share = min_share
        for intermediary, weight in (weights or {}).items():
            self.set_weight(intermediary, weight)

    @classmethod
    def read(cls, path):
        """Reads a scenario file; errors name the file, line and word."""
        return cls._create(lib.flow_scenario_read, encode(str(path)))

    @classmethod
    def parse(cls, text, source=None):
        """A scenario from its text form (docs/scenarios.md)."""
        return cls._create(lib.flow_scenario_parse, encode(text), encode(source))

    def copy(self):
        """An independent copy."""
        return Scenario._create(lib.flow_scenario_copy, self._h)

    # setters
    def add_sanctioning(self, *names):
        """Adds an economy (or group) to the sanctioning set."""
        for name in names:
            lib.flow_scenario_add_sanctioning(self._h, encode(name))

    def add_target(self, *names):
        """Adds an economy (or group) to the target set."""
        for name in names:
            lib.flow_scenario_add_target(self._h, encode(name))

    def add_intermediary(self, *names):
        """Adds an economy that can carry rerouted flows."""
        for name in names:
            lib.flow_scenario_add_intermediary(self._h, encode(name))

    def add_group(self, group, members):
        """Defines a named group of economies (e.g. "EU")."""
        for member in _listify(members):
            lib.flow_scenario_add_group_member(self._h, encode(group), encode(member))

    def set_severity(self, severity, layer=None, product=None):
        """Share of the cut flows that stops, in [0, 1]."""
        lib.flow_scenario_set_severity(self._h, encode(layer), encode(product), severity)

    def set_substitution(self, rho, layer=None, product=None):
        """Share of the cut flows that may be rerouted, in [0, 1]."""
        lib.flow_scenario_set_substitution(self._h, encode(layer), encode(product), rho)

    def set_capacity(self, intermediary, volume):
        """Capacity (a volume >= 0, inf for none) of an intermediary, added if needed."""
        lib.flow_scenario_set_capacity(self._h, encode(intermediary), volume)

    def set_layer_kind(self, layer, kind):
        """Declares layer a "flow" or "stock" layer for this scenario's runs
        (over the dataset's kind in a ShockReport)."""
        lib.flow_scenario_set_layer_kind(self._h, encode(layer), choice("LAYER_", kind))
        return self

    def layer_kind(self, layer):
        """The kind the scenario declares for layer ("flow" or "stock"), None if none."""
        kind = self._rate(layer, None, "kind")
        return None if np.isnan(kind) else LAYER_KINDS[int(kind)]

    def set_weight(self, intermediary, weight):
        """Calibrated route weight of an intermediary (replaces the path intensity)."""
        lib.flow_scenario_set_weight(self._h, encode(intermediary), weight)

    def weight(self, intermediary):
        """Calibrated route weight of an intermediary (nan when not given)."""
        return self._intermediary(intermediary, "weight", np.nan)

    # what the scenario holds: its plan (flow_scenario_plan)
    def plan(self, dataset=None, layer=None, product=None):
        """The scenario resolved once, as every run resolves it: a DataFrame
        indexed by (kind, label) with the columns index, capacity, weight,
        severity, rho, kind. Kinds: "sanctioning", "target", "intermediary"
        (codes named directly), "sanctioning:G" ... (members of a group G
        named there), "group:G" (every group's definition), "layer" (labels
        "layer:product": severity, rho and layer kind after the fallbacks;
        with a Dataset every matrix of it, else the pairs the scenario states,
        and the layer/product given). index is the economy's position in the
        dataset (-1 when absent or without one). .attrs holds direction,
        channels, markup, throughput, min_share, economies, skipped and
        sector_blocks."""
        options = ShockOptions(layer=layer, product=product)
        return result_frame(lib.flow_scenario_plan, self._h,
                            dataset._h if dataset is not None else None, options._h)

    def _rate(self, layer, product, column):
        key = "%s:%s" % (layer or "*", product or "*")
        return float(self.plan(layer=layer, product=product).loc[("layer", key), column])

    def _named(self, kind):
        """The names of a set as given: codes, or the groups named."""
        names = []
        for group, code in self.plan().index:
            if group == kind:
                name = code
            elif group.startswith(kind + ":"):
                name = group[len(kind) + 1:]
            else:
                continue
            if name not in names:
                names.append(name)
        return names

    def _intermediary(self, name, column, default):
        plan = self.plan()
        rows = [i for i, (group, code) in enumerate(plan.index)
                if code == name and (group == "intermediary" or group.startswith("intermediary:"))]
        return float(plan[column].iloc[rows[-1]]) if rows else default

    @property
    def throughput(self):
        """Bound of each route leg, as a multiple of its observed flow (default 1)."""
        return self.plan().attrs["throughput"]

    @throughput.setter
    def throughput(self, value):
        lib.flow_scenario_set_throughput(self._h, value)

    @property
    def min_share(self):
        """Routes below this share of their pair's weight carry nothing (default 0.01)."""
        return self.plan().attrs["min_share"]

    @min_share.setter
    def min_share(self, value):
        lib.flow_scenario_set_min_share(self._h, value)

    # properties
    @property
    def name(self):
        """The scenario's name."""
        return decode(lib.flow_scenario_name(self._h))

    @name.setter
    def name(self, value):
        lib.flow_scenario_set_name(self._h, encode(value))

    @property
    def direction(self):
        """Which flows are cut: "exports", "imports" or "both"."""
        value = self.plan().attrs["direction"]
        return next(k for k, v in _DIRECTIONS.items() if C[v] == value)

    @direction.setter
    def direction(self, value):
        lib.flow_scenario_set_direction(self._h, _enum(_DIRECTIONS, value, "direction"))

    @property
    def channels(self):
        """Which channels are cut: "intermediate", "final" or "all"."""
        value = self.plan().attrs["channels"]
        return next(k for k, v in _CHANNELS.items() if C[v] == value)

    @channels.setter
    def channels(self, value):
        lib.flow_scenario_set_channels(self._h, _enum(_CHANNELS, value, "channels"))

    @property
    def markup(self):
        """Transit mark-up mu >= 0 on rerouted flows."""
        return self.plan().attrs["markup"]

    @markup.setter
    def markup(self, value):
        lib.flow_scenario_set_markup(self._h, value)

    def severity(self, layer=None, product=None):
        """Effective severity for a layer and product (with the wildcard fallbacks)."""
        return self._rate(layer, product, "severity")

    def substitution(self, layer=None, product=None):
        """Share of the cut flows that may be rerouted."""
        return self._rate(layer, product, "rho")

    def group_size(self, group):
        """Number of members of a group of the scenario (0 when there is none)."""
        groups = self.plan().index.get_level_values(0)
        return int((groups == "group:" + group).sum())

    def capacity(self, intermediary):
        """Capacity of an intermediary (inf when uncapped or not an intermediary)."""
        return self._intermediary(intermediary, "capacity", np.inf)

    sanctioning = property(lambda self: self._named("sanctioning"),
                           doc="Codes (or groups) of the sanctioning set, as given.")
    target = property(lambda self: self._named("target"),
                      doc="Codes (or groups) of the target set, as given.")
    intermediaries = property(lambda self: self._named("intermediary"),
                              doc="Codes (or groups) of the intermediaries, as given.")

    # sector-specific cuts on multi-regional IO models (include/libflow/sector_cut.h)
    def add_sector_group(self, group, members):
        """Adds sector codes to a sector group (e.g. "energy": B05_06, C19)."""
        for member in _listify(members):
            lib.flow_scenario_add_sector_group_member(self._h, encode(group), encode(member))
        return self

    def add_sector_cut(self, sellers, products, buyers, severity=1.0, channels="all"):
        """Adds a block: buyers stop buying products (sectors or sector groups)
        from sellers; lists or comma-separated strings; channels "all",
        "intermediate" or "final"."""
        join = lambda v: v if isinstance(v, str) else ",".join(v)
        lib.flow_scenario_add_sector_cut(self._h, encode(join(sellers)), encode(join(products)),
                                         encode(join(buyers)), float(severity),
                                         choice("SECTOR_CUT_", channels))
        return self

    @property
    def sector_cuts(self):
        """Number of sector-specific blocks."""
        return int(self.plan().attrs["sector_blocks"])

    def run_io(self, model):
        """The scenario on an MRIO (or IOModel with region and sector codes),
        block by block: a DataFrame of (region, sector) rows and the columns
        x, cut, demand_loss, supply_loss, inoperability; the number of group
        members the model lacks is in .attrs["skipped"]."""
        inner = getattr(model, "model", None)  # an MRIO's IOModel
        if inner is not None and not callable(inner):
            model = inner
        skipped = ctypes.c_int64()
        frame = result_frame(lib.flow_scenario_run_io, self._h, model._h, ctypes.byref(skipped))
        frame.attrs["skipped"] = skipped.value
        return frame


def _listify(value):
    return [value] if isinstance(value, str) else list(value)


def _enum(table, value, what):
    if isinstance(value, int):
        return value
    if value not in table:
        raise ValueError("unknown %s %r; choose from %s" % (what, value, ", ".join(table)))
    return C[table[value]]


class ShockOptions(Handle):
    """Run options: the layer and product the model stands for (selects the
    scenario's severity and rho), the solver ("auto", "woodbury",
    "refactor"), the DebtRank conventions, and for ShockReport the GDP and
    bank-capital attributes and whether products stay separate systems.
    Contagion on stock layers: recovery (share of a defaulted claim repaid),
    funding_discount (equity lost per unit of funding withdrawn) and
    stock_cut: "auto" (a full cut is a write-off, a partial one a
    withdrawal), "write_off" or "withdraw".
    prices: for ShockReport, money per physical unit by product, e.g.
    {"crude_oil": 520, "natural_gas": 250} in USD_m per Mt / bcm (= USD/t,
    USD per 1000 m3): priced physical systems are valued and count in USD_m,
    unpriced ones stay in their unit (shares only meaningful)."""

    _kind = "flow_shock_options"

    def __init__(self, layer=None, product=None, solver=None, keep_self_loops=False,
                 single_propagation=True, max_rounds=1000, size_attribute=None,
                 capital_attribute=None, by_product=False, recovery=0.0,
                 funding_discount=0.1, stock_cut="auto", prices=None):
        out = ctypes.c_void_p()
        lib.flow_shock_options_new(ctypes.byref(out))
        super().__init__(out.value)
        self.set(layer=layer, product=product, solver=solver, keep_self_loops=keep_self_loops,
                 single_propagation=single_propagation, max_rounds=max_rounds,
                 size_attribute=size_attribute, capital_attribute=capital_attribute,
                 by_product=by_product, recovery=recovery, funding_discount=funding_discount,
                 stock_cut=stock_cut, prices=prices)

    def set(self, **options):
        """Sets options by their keys (flow_shock_options_set; the table of
        keys is in shock.h): None leaves one as it is, a mapping (prices)
        passes as "key=value,...", everything else as _options.option_text
        writes it (bools as "1"/"0", numbers in full precision)."""
        set_options(lib.flow_shock_options_set, self._h,
                    ((name, _price_list(value) if isinstance(value, dict) else value)
                     for name, value in options.items()))
        return self


def _price_list(prices):
    """{"crude_oil": 520} as the option text "crude_oil=520"."""
    return ",".join("%s=%s" % (product, option_text(price)) for product, price in prices.items())


def _options(options, kwargs):
    if options is not None and kwargs:
        raise TypeError("pass either options= or option keywords, not both")
    return options if options is not None else (ShockOptions(**kwargs) if kwargs else None)


def _handle_or_null(obj):
    return None if obj is None else obj._h


class _RegionResults:
    """Region codes and per-node / per-region values, shared by results and batches."""

    def _values(self, function, count, quantity, *prefix):
        out = _arrays.empty(count)
        function(self._h, *prefix, _quantity(quantity), _arrays.pointer(out), out.size)
        return out

    def region_frame(self, quantities=("demand_total", "supply_total", "inoperability_loss"),
                     index=None):
        """Per-region values of several quantities as a DataFrame (region codes
        as index)."""
        columns = [self.region_values(q) if index is None else self.region_values(index, q)
                   for q in quantities]
        return _frames.frame(np.column_stack(columns), self.region_codes, list(quantities))


class ShockResult(_RegionResults):
    """Outcome of one scenario on one model, as the library's two tables:
    ``frame``, a DataFrame with one row per region (region codes as index)
    and one column per quantity of QUANTITIES, the totals, solver and sets in
    its ``attrs``; and ``node_frame``, one row per node with the node-level
    quantities. The accessors below read those frames."""

    def __init__(self, frame, node_frame):
        self.frame = frame
        self.node_frame = node_frame

    nodes = property(lambda self: len(self.node_frame),
                     doc="Number of nodes of the model shocked.")
    regions = property(lambda self: len(self.frame), doc="Number of regions.")
    region_codes = property(lambda self: [str(code) for code in self.frame.index],
                            doc="Region codes, in region order.")

    @staticmethod
    def _column(frame, quantity, level):
        name = quantity if isinstance(quantity, str) else QUANTITIES[quantity]
        _quantity(name)  # ValueError for a name that is no quantity at all
        if name not in frame.columns:
            raise errors.InvalidArgumentError(
                C_STATUS_INVALID_ARG, "quantity %r is not available per %s" % (name, level))
        return frame[name].to_numpy(copy=True)

    def node_values(self, quantity):
        """A new array of one quantity per node ("demand_total", ...)."""
        return self._column(self.node_frame, quantity, "node")

    def region_values(self, quantity):
        """A new array of one quantity per region."""
        return self._column(self.frame, quantity, "region")

    @property
    def totals(self):
        """(cut, rerouted, lost): the flows cut, rerouted and lost in all."""
        a = self.frame.attrs
        return Totals(a["cut"], a["rerouted"], a["lost"])

    @property
    def solver(self):
        """(solver, rank) the propagation used."""
        code = int(self.frame.attrs["solver"])
        return Solver(SOLVERS.get(code, str(code)), int(self.frame.attrs["rank"]))

    @property
    def sets(self):
        """(sanctioning, target, skipped): regions cut on each side, and group
        members the model lacks."""
        a = self.frame.attrs
        return Sets(int(a["sanctioning"]), int(a["target"]), int(a["skipped"]))


def run_shock(model, scenario, options=None, **option_kwargs):
    """Applies a Scenario to an IOModel: a ShockResult holding the region and
    node tables as DataFrames. Option keywords as ShockOptions (layer,
    product, solver)."""
    options = _options(options, option_kwargs)
    model.factor()  # runs only read a factored model: concurrent runs are safe
    regions, nodes = ctypes.c_void_p(), ctypes.c_void_p()
    lib.flow_shock_run(ctypes.byref(regions), ctypes.byref(nodes), model._h, scenario._h,
                       _handle_or_null(options))
    return ShockResult(frame_of(regions.value), frame_of(nodes.value))


def inoperability(astar, cstar, clip=True):
    """Haimes & Jiang inoperability q = (I - A*)^-1 c*, clipped to [0, 1]
    unless clip=False."""
    matrix = _arrays.square_in(astar, "astar")
    n = matrix.shape[0]
    c = _arrays.vector_in(cstar, "cstar")
    if c.size != n:
        raise ValueError("cstar needs %d entries" % n)
    out = _arrays.empty(n)
    lib.flow_shock_inoperability(_arrays.pointer(out), n, n, _arrays.pointer(matrix), n,
                                 _arrays.pointer(c), 1 if clip else 0)
    return out


class ShockBatch(Handle, _RegionResults):
    """Many scenarios on one model, sharing its factorisation where the
    system is unchanged. Build with ShockBatch.run(model, scenarios),
    .each_member(), .sweep_substitution() or .montecarlo(). Its results are
    the library's tables as DataFrames: ``scenarios`` (one row per scenario:
    member, severity, rho), ``frame`` (one row per scenario and region, a
    (scenario, region) MultiIndex, the region quantities as columns) and
    ``node_frame``; each carries the work done in ``.attrs``."""

    _kind = "flow_shock_batch"

    @classmethod
    def run(cls, model, scenarios, options=None, **option_kwargs):
        """Runs a batch of scenarios against one factorisation of the model."""
        options = _options(options, option_kwargs)
        scenarios = list(scenarios)
        array = (ctypes.c_void_p * max(len(scenarios), 1))(*[s._h.value for s in scenarios])
        model.factor()
        return cls._create(lib.flow_shock_batch_run, model._h,
                           ctypes.cast(array, ctypes.POINTER(ctypes.c_void_p)), len(scenarios),
                           _handle_or_null(options))

    @classmethod
    def each_member(cls, model, scenario, options=None, **option_kwargs):
        """One scenario per resolved member of the sanctioning set."""
        options = _options(options, option_kwargs)
        model.factor()
        return cls._create(lib.flow_shock_batch_each_member, model._h, scenario._h,
                           _handle_or_null(options))

    @classmethod
    def sweep_substitution(cls, model, scenario, rho_from=0.0, rho_to=1.0, steps=11,
                           options=None, **option_kwargs):
        """Runs one scenario at each substitution rate of a sweep."""
        options = _options(options, option_kwargs)
        model.factor()
        return cls._create(lib.flow_shock_batch_sweep_substitution, model._h, scenario._h,
                           rho_from, rho_to, steps, _handle_or_null(options))

    @classmethod
    def montecarlo(cls, model, scenario, draws, seed=0, severity=(1.0, 1.0), rho=(0.0, 0.0),
                   options=None, **option_kwargs):
        """draws scenarios with severities and rho uniform on the given ranges
        (set on the options, which are created when not given)."""
        options = _options(options, option_kwargs) or ShockOptions()
        options.set(severity_lo=float(severity[0]), severity_hi=float(severity[1]),
                    rho_lo=float(rho[0]), rho_hi=float(rho[1]))
        model.factor()
        return cls._create(lib.flow_shock_batch_montecarlo, model._h, scenario._h, draws, seed,
                           options._h)

    def _table(self, part):
        cache = self.__dict__.setdefault("_tables", {})
        if part not in cache:
            cache[part] = result_frame(lib.flow_shock_batch_table, self._h,
                                       C["FLOW_SHOCK_BATCH_" + part])
        return cache[part]

    scenarios = property(lambda self: self._table("SCENARIOS"),
        doc="DataFrame: one row per scenario (index \"0\", \"1\", ...), columns member, "
            "severity, rho; the work done in .attrs.")
    frame = property(lambda self: self._table("REGIONS"),
        doc="DataFrame: one row per (scenario, region), the region quantities as columns.")
    node_frame = property(lambda self: self._table("NODES"),
        doc="DataFrame: one row per (scenario, node), the node quantities as columns.")

    count = property(lambda self: len(self.scenarios), doc="Number of scenarios in the batch.")
    nodes = property(lambda self: len(self.node_frame) // max(self.count, 1),
        doc="Number of nodes of the model.")
    regions = property(lambda self: len(self.region_codes), doc="Number of regions of the model.")

    def __len__(self):
        return self.count

    @property
    def region_codes(self):
        """Region codes, in region order."""
        codes = self.frame.index.get_level_values(1)
        return [str(c) for c in codes[:len(codes) // max(self.count, 1)]]

    def label(self, index):
        """Label of scenario i: (member region index or -1, severity, rho)."""
        row = self.scenarios.iloc[index]
        return BatchLabel(int(row["member"]), float(row["severity"]), float(row["rho"]))

    def _scenario_rows(self, frame, index, quantity, level):
        rows = frame.xs(str(index), level=0)
        return ShockResult._column(rows, quantity, level)

    def node_values(self, index, quantity):
        """A new array of one quantity per node for scenario index."""
        return self._scenario_rows(self.node_frame, index, quantity, "node")

    def region_values(self, index, quantity):
        """A new array of one quantity per region for scenario index."""
        return self._scenario_rows(self.frame, index, quantity, "region")

    def region_matrix(self, quantity):
        """DataFrame (scenarios x regions) of one region quantity."""
        name = quantity if isinstance(quantity, str) else QUANTITIES[quantity]
        return self.frame[name].unstack(level=1).loc[list(self.scenarios.index),
                                                     self.region_codes]

    def percentiles(self, quantity, percentiles=(5, 50, 95)):
        """DataFrame of percentile bands across the scenarios: one row per
        region, one column per percentile ("p5", "p50", "p95")."""
        ps = _arrays.vector_in(percentiles, "percentiles")
        return result_frame(lib.flow_shock_batch_percentiles, self._h, _quantity(quantity),
                            _arrays.pointer(ps), ps.size)

    @property
    def work(self):
        """The work the batch did: factorisations, Woodbury updates, multi-RHS solves."""
        a = self.scenarios.attrs
        return Work(int(a["factorisations"]), int(a["woodbury"]), int(a["base_solves"]))


class ShockReport:
    """A scenario applied to every layer (and product) of a dataset it cuts,
    each as a country-level system: lenses 1-3 and rerouting on flow layers,
    the cut and rerouting of claims and, with a capital attribute, DebtRank
    on stock layers (kind(i)).

    ``ShockReport(dataset, year, scenario, size_attribute=None,
    capital_attribute=None, by_product=False, ...)`` (other keywords as
    ShockOptions). The report is the library's two tables as DataFrames:
    ``economies_frame`` (one row per (system, economy) of the dataset's axis,
    one column per quantity including "size", "distress_initial" and
    "distress_final") and ``systems_frame`` (one row per system labelled
    "layer:product", columns unit, economies, severity, rho, cut, rerouted,
    lost, solver, rank, skipped, initial_impact, final_impact, debtrank, kind
    (0 flow, 1 stock), value_units (1 money, natively or priced; 0 physical:
    shares only meaningful) and price (USD_m per physical unit, NaN when not
    priced)). ``prices={"crude_oil": 520}`` values physical systems."""

    def __init__(self, dataset, year, scenario, options=None, **option_kwargs):
        self._size_attribute = option_kwargs.get("size_attribute")
        options = _options(options, option_kwargs)
        economies, systems = ctypes.c_void_p(), ctypes.c_void_p()
        lib.flow_shock_report_new(ctypes.byref(economies), ctypes.byref(systems), dataset._h,
                                  year, scenario._h, _handle_or_null(options))
        self.economies_frame = frame_of(economies.value)
        frame = frame_of(systems.value)  # rows (unit, system) when units are set
        grouped = frame.index.nlevels == 2
        units = list(frame.index.get_level_values(0)) if grouped else [""] * len(frame)
        frame.index = list(frame.index.get_level_values(-1))
        frame.insert(0, "unit", units)
        self.systems_frame = frame
        self.economy_codes = dataset.economy_codes
        self._dataset, self._year = dataset, year

    economies = property(lambda self: len(self.economy_codes),
        doc="Number of economies of the dataset's axis.")

    def __len__(self):
        return len(self.systems_frame)

    def _row(self, i):
        return self.systems_frame.iloc[i]

    @property
    def systems(self):
        """The systems shocked: one per layer, product and unit."""
        out = []
        for label, row in self.systems_frame.iterrows():
            layer, _, product = label.partition(":")
            out.append(System(layer, product, row["unit"], int(row["economies"])))
        return out

    def cut(self, i):
        """(severity, rho, cut, rerouted, lost) of system i."""
        row = self._row(i)
        return SystemCut(*[float(row[c]) for c in ("severity", "rho", "cut", "rerouted", "lost")])

    def solver(self, i):
        """(solver, rank, skipped) of system i."""
        row = self._row(i)
        code = int(row["solver"])
        return SystemSolver(SOLVERS.get(code, str(code)), int(row["rank"]), int(row["skipped"]))

    def kind(self, i):
        """"flow" or "stock": a stock system has no Leontief, Ghosh or
        inoperability values (NaN) and no model()."""
        return LAYER_KINDS[int(self._row(i)["kind"])]

    def debtrank(self, i):
        """(initial, final, R) value-weighted distress, or None when system i
        has no DebtRank."""
        row = self._row(i)
        if np.isnan(row["debtrank"]):
            return None
        return SystemDebtRank(float(row["initial_impact"]), float(row["final_impact"]),
                              float(row["debtrank"]))

    def frame(self, i, quantities=None):
        """Losses by economy of system i as a DataFrame indexed by economy
        code (every quantity unless quantities names some)."""
        # by position: every system has one row per economy, in system order, and
        # two systems of one layer in different units share their label
        i = range(len(self.systems_frame))[i]  # IndexError out of range, negative from the end
        n = self.economies
        rows = self.economies_frame.iloc[i * n:(i + 1) * n].droplevel(0)
        return rows if quantities is None else rows[list(quantities)]

    def values(self, i, quantity):
        """One quantity of system i for every economy of the dataset."""
        name = quantity if isinstance(quantity, str) else (QUANTITIES + REPORT_ONLY)[quantity]
        _quantity(name)
        return self.frame(i)[name].to_numpy(copy=True)

    def model(self, i):
        """The country-level IOModel of system i, built as the report builds
        it (IOModel.from_dataset, size = GDP + imports, or traded volumes
        without a GDP attribute), e.g. to run batches on it."""
        from .io_model import IOModel

        if not np.isnan(self._row(i)["price"]):
            raise ValueError("system %d is valued by prices; IOModel.from_dataset builds it "
                             "in its physical unit" % i)
        system = self.systems[i]
        size = "gdp_plus_imports" if self._size_attribute else "traded"
        return IOModel.from_dataset(self._dataset, system.layer, self._year, system.product,
                                    self._size_attribute, size=size)

    def options(self, i):
        """ShockOptions selecting system i's layer and product, to pair with model(i)."""
        system = self.systems[i]
        return ShockOptions(layer=system.layer, product=system.product)


def _debtrank_inputs(exposure, capital, value):
    matrix = _arrays.square_in(exposure, "exposure")
    n = matrix.shape[0]
    cap = _arrays.vector_in(capital, "capital")
    val = None if value is None else _arrays.vector_in(value, "value")
    for name, vec in (("capital", cap), ("value", val)):
        if vec is not None and vec.size != n:
            raise ValueError("%s needs %d entries" % (name, n))
    return matrix, n, cap, val


def debtrank(exposure, capital, initial, value=None, options=None, **option_kwargs):
    """DebtRank (Battiston et al. 2012): exposure[i, j] = claims of lender i
    on borrower j, capital buffers, initial distress in [0, 1]; value weighs
    nodes in R (default: share of total claims). Keywords keep_self_loops,
    single_propagation, max_rounds as ShockOptions. Returns a DataFrame with
    columns distress_initial (h(1)) and distress_final (h(T)), indexed by the
    exposure's labels when it is a DataFrame, and attrs rank (R),
    initial_impact, final_impact and rounds."""
    options = _options(options, option_kwargs)
    labelled = _frames.have_pandas() and isinstance(exposure, _frames.pandas.DataFrame)
    codes = _arrays.labels_of(exposure, None) if labelled else None
    matrix, n, cap, val = _debtrank_inputs(exposure, capital, value)
    h1 = _arrays.vector_in(initial, "initial")
    if h1.size != n:
        raise ValueError("initial needs %d entries" % n)
    frame = result_frame(lib.flow_debtrank_run, n, _arrays.pointer(matrix), n,
                         _arrays.pointer(cap), _arrays.pointer(h1), _arrays.pointer(val),
                         _handle_or_null(options))
    if codes:
        frame.index = list(codes)
    return frame


def debtrank_scenario(exposure, capital, scenario, codes=None, value=None, options=None,
                      **option_kwargs):
    """DebtRank of a scenario's cut on a stock layer of claims, after
    rerouting: a write-off costs lenders (1 - recovery) of the claims lost, a
    withdrawal costs borrowers funding_discount of the funding lost (options
    stock_cut, recovery, funding_discount); then propagation as debtrank() on
    the claims left. codes name the economies (default: the index of a
    pandas DataFrame) and index the result, a DataFrame with the columns of
    debtrank() plus claims_lost, funding_lost, rerouted_via and transit_rent,
    and attrs severity, cut, rerouted, lost, stock_cut and skipped too."""
    options = _options(options, option_kwargs)
    codes = _arrays.labels_of(exposure, codes)
    matrix, n, cap, val = _debtrank_inputs(exposure, capital, value)
    if codes is None or len(codes) != n:
        raise ValueError("debtrank_scenario needs %d economy codes" % n)
    from .table import Table

    with Table(matrix, row_labels=codes, col_labels=codes) as claims:
        return result_frame(lib.flow_debtrank_run_scenario, claims._h, _arrays.pointer(cap),
                            _arrays.pointer(val), scenario._h, _handle_or_null(options))

"""Sector-specific sanctions (include/libflow/sector_cut.h).

A SectorCut names selling regions, products (sectors or sector groups) and
buying regions with a severity per block: "the EU and G7 stop buying Russian
energy mining and refined petroleum" touches only those rows of A and Y.
run() returns the demand (Leontief), supply (Ghosh) and inoperability lenses
per region and sector as a DataFrame.
"""
import ctypes

from ._handle import Handle
from ._lib import lib
from ._strings import decode, encode
from .constants import choice
from .table import Table


def _model_handle(model):
    """The flow_io_model handle of an IOModel or of an MRIO's model."""
    inner = getattr(model, "model", None)
    if inner is not None and not callable(inner):
        model = inner
    return model._h


class SectorCut(Handle):
    """SectorCut(name=None) builds one with setters; SectorCut.read(path) and
    SectorCut.parse(text) read the scenario-file format of docs/scenarios.md."""

    _kind = "flow_sector_cut"

    def __init__(self, name=None):
        out = ctypes.c_void_p()
        lib.flow_sector_cut_new(ctypes.byref(out))
        super().__init__(out.value)
        if name is not None:
            lib.flow_sector_cut_set_name(self._h, encode(name))

    @classmethod
    def read(cls, path):
        """A sector cut read from a scenario file (docs/scenarios.md)."""
        return cls._create(lib.flow_sector_cut_read, encode(str(path)))

    @classmethod
    def parse(cls, text, source=None):
        """A sector cut parsed from text; source names it in error messages."""
        return cls._create(lib.flow_sector_cut_parse, encode(text), encode(source))

    @property
    def name(self):
        """The cut's name."""
        return decode(lib.flow_sector_cut_name(self._h))

    @property
    def blocks(self):
        """Number of (sellers, sectors, buyers) blocks the cut names."""
        return lib.flow_sector_cut_block_count(self._h)

    def group(self, name, members, sectors=False):
        """Adds members (codes) to a region group, or a sector group when sectors."""
        for member in members:
            lib.flow_sector_cut_add_group_member(self._h, int(bool(sectors)), encode(name),
                                                 encode(member))
        return self

    def cut(self, sellers, products, buyers, severity=1.0, channels="all"):
        """Adds a block; sellers/products/buyers are lists (or comma-separated
        strings) of codes or groups; channels "all", "intermediate" or "final"."""
        add_block(lib.flow_sector_cut_add_block, self._h, sellers, products, buyers, severity,
                  channels)
        return self

    def run(self, model):
        """Lenses on an IOModel or MRIO: DataFrame indexed by (region, sector)
        with columns x, cut, demand_loss, supply_loss, inoperability; the
        number of group members the model lacks is in .attrs["skipped"]."""
        return run_to_frame(lib.flow_sector_cut_run, self._h, model, model_first=True)


def add_block(function, handle, sellers, products, buyers, severity, channels):
    """Calls a flow_*_add_block-style function with lists joined by commas."""
    join = lambda v: v if isinstance(v, str) else ",".join(v)
    function(handle, encode(join(sellers)), encode(join(products)), encode(join(buyers)),
             float(severity), choice("SECTOR_CUT_", channels))


def run_to_frame(function, handle, model, model_first):
    """Runs a cut (flow_sector_cut_run) or scenario (flow_scenario_run_io) on
    a model: the table as a DataFrame, the skipped count in .attrs."""
    out = ctypes.c_void_p()
    skipped = ctypes.c_int64()
    args = (_model_handle(model), handle) if model_first else (handle, _model_handle(model))
    function(ctypes.byref(out), *args, ctypes.byref(skipped))
    table = Table.__new__(Table)
    Handle.__init__(table, out.value)
    frame = table.to_frame()
    frame.attrs["skipped"] = skipped.value
    return frame

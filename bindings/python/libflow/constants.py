"""Integer constants of the C headers (enums and #defines), by their C names.

The Python API takes these by short lower-case names ("trade_share",
"pagerank", "demand_total", ...) through choice(); the table is checked
against include/libflow/*.h by tests/test_py_completeness.py.
"""

C = {
    # dataset.h
    "FLOW_EXPORTS": 1,
    "FLOW_IMPORTS": 2,
    "FLOW_BOTH": 3,
    "FLOW_DIRECTION_COUNT": 4,
    # indices.h
    "FLOW_DYAD_EXPORT_SHARE": 0,
    "FLOW_DYAD_IMPORT_SHARE": 1,
    "FLOW_DYAD_TRADE_SHARE": 2,
    "FLOW_DYAD_SALIENCE": 3,
    "FLOW_DYAD_SYMMETRY": 4,
    "FLOW_DYAD_INTERDEPENDENCE": 5,
    "FLOW_DYAD_DEPENDENCE": 6,
    "FLOW_DYAD_ASYMMETRY": 7,
    "FLOW_DYAD_NORMALIZED_ASYMMETRY": 8,
    "FLOW_DYAD_ALTERNATIVE_HHI": 9,
    "FLOW_DYAD_VULNERABILITY": 10,
    "FLOW_DYAD_MEASURE_COUNT": 11,
    "FLOW_DEPFLAG_IMPORT_HHI": 0,
    "FLOW_DEPFLAG_EXPORT_HHI": 1,
    "FLOW_DEPFLAG_IMPORT_EXPORT_RATIO": 2,
    "FLOW_DEPFLAG_FLAG": 3,
    "FLOW_DEPFLAG_PART_COUNT": 4,
    "FLOW_EXPOSURE_DIRECT": 0,
    "FLOW_EXPOSURE_LOOK_THROUGH": 1,
    "FLOW_EXPOSURE_KIND_COUNT": 2,
    # io.h
    "FLOW_SIZE_GDP_PLUS_IMPORTS": 0,
    "FLOW_SIZE_GDP_PLUS_EXPORTS": 1,
    "FLOW_SIZE_GDP": 2,
    "FLOW_SIZE_TRADED": 3,
    "FLOW_COUNTRY_SIZE_COUNT": 4,
    "FLOW_IO_BACKWARD_DIRECT": 0,
    "FLOW_IO_FORWARD_DIRECT": 1,
    "FLOW_IO_BACKWARD_TOTAL": 2,
    "FLOW_IO_FORWARD_TOTAL": 3,
    "FLOW_IO_LINKAGE_COUNT": 4,
    "FLOW_IO_SECTOR_WEAK": 0,
    "FLOW_IO_SECTOR_BACKWARD": 1,
    "FLOW_IO_SECTOR_FORWARD": 2,
    "FLOW_IO_SECTOR_KEY": 3,
    "FLOW_IO_SECTOR_CLASS_COUNT": 4,
    "FLOW_IO_EXTRACT_DROP_DIAGONAL": 1,
    "FLOW_IO_EXTRACT_ONE_WAY": 2,
    "FLOW_IO_EXTRACT_FINAL_DEMAND": 4,
    "FLOW_IO_EXTRACT_FLAG_COUNT": 3,
    # network.h
    "FLOW_CENTRALITY_IN_STRENGTH": 0,
    "FLOW_CENTRALITY_OUT_STRENGTH": 1,
    "FLOW_CENTRALITY_EIGENVECTOR": 2,
    "FLOW_CENTRALITY_PAGERANK": 3,
    "FLOW_CENTRALITY_HUB": 4,
    "FLOW_CENTRALITY_AUTHORITY": 5,
    "FLOW_CENTRALITY_MEASURE_COUNT": 6,
    "FLOW_NETWORK_FLOWS": 0,
    "FLOW_NETWORK_DEPENDENCE": 1,
    "FLOW_NETWORK_KIND_COUNT": 2,
    "FLOW_TRANSIT_PRODUCT": 0,
    "FLOW_TRANSIT_BOTTLENECK": 1,
    "FLOW_TRANSIT_FIRST_LEG": 2,
    "FLOW_TRANSIT_SECOND_LEG": 3,
    "FLOW_TRANSIT_HANDLED": 4,
    "FLOW_TRANSIT_RULE_COUNT": 5,
    # reader.h
    "FLOW_COL_ORIGIN": 0,
    "FLOW_COL_DESTINATION": 1,
    "FLOW_COL_VALUE": 2,
    "FLOW_COL_YEAR": 3,
    "FLOW_COL_LAYER": 4,
    "FLOW_COL_PRODUCT": 5,
    "FLOW_COL_UNIT": 6,
    "FLOW_COL_FLOW": 7,
    "FLOW_COL_QUANTITY": 8,
    "FLOW_COL_COUNT": 9,
    "FLOW_PRESET_GENERIC": 0,
    "FLOW_PRESET_BACI": 1,
    "FLOW_PRESET_COMTRADE": 2,
    "FLOW_PRESET_COUNT": 3,
    "FLOW_MISSING_ZERO": 0,
    "FLOW_MISSING_SKIP": 1,
    "FLOW_MISSING_REJECT": 2,
    "FLOW_MISSING_POLICY_COUNT": 3,
    "FLOW_UNKNOWN_REJECT": 0,
    "FLOW_UNKNOWN_ADD": 1,
    "FLOW_UNKNOWN_POLICY_COUNT": 2,
    "FLOW_REASON_FILTERED": 0,
    "FLOW_REASON_REJECTED": 1,
    "FLOW_REASON_KIND_COUNT": 2,
    # shock.h
    "FLOW_SHOCK_INTERMEDIATE": 1,
    "FLOW_SHOCK_FINAL": 2,
    "FLOW_SHOCK_ALL_CHANNELS": 3,
    "FLOW_SHOCK_CHANNELS_COUNT": 4,
    "FLOW_SHOCK_SOLVER_AUTO": 0,
    "FLOW_SHOCK_SOLVER_BASE": 1,
    "FLOW_SHOCK_SOLVER_WOODBURY": 2,
    "FLOW_SHOCK_SOLVER_REFACTOR": 3,
    "FLOW_SHOCK_SOLVER_COUNT": 4,
    "FLOW_SHOCK_OUTPUT": 0,
    "FLOW_SHOCK_DEMAND_TOTAL": 1,
    "FLOW_SHOCK_DEMAND_DIRECT": 2,
    "FLOW_SHOCK_DEMAND_INDIRECT": 3,
    "FLOW_SHOCK_SUPPLY_TOTAL": 4,
    "FLOW_SHOCK_SUPPLY_DIRECT": 5,
    "FLOW_SHOCK_SUPPLY_INDIRECT": 6,
    "FLOW_SHOCK_INOPERABILITY": 7,
    "FLOW_SHOCK_INOPERABILITY_UNCLIPPED": 8,
    "FLOW_SHOCK_INOPERABILITY_LOSS": 9,
    "FLOW_SHOCK_CUT": 10,
    "FLOW_SHOCK_LOST": 11,
    "FLOW_SHOCK_REROUTED_VIA": 12,
    "FLOW_SHOCK_TRANSIT_RENT": 13,
    "FLOW_SHOCK_MARKUP_COST": 14,
    "FLOW_SHOCK_SIZE": 15,
    "FLOW_SHOCK_DISTRESS_INITIAL": 16,
    "FLOW_SHOCK_DISTRESS_FINAL": 17,
    # mrio.h
    "FLOW_MRIO_ICIO": 0,
    "FLOW_MRIO_EXIOBASE": 1,
    "FLOW_MRIO_FIGARO": 2,
    "FLOW_MRIO_PYMRIO": 3,
    "FLOW_MRIO_FORMAT_COUNT": 4,
    "FLOW_MRIO_BLOCK_Z": 0,
    "FLOW_MRIO_BLOCK_Y": 1,
    "FLOW_MRIO_BLOCK_OUTPUT": 2,
    "FLOW_MRIO_BLOCK_A": 3,
    "FLOW_MRIO_BLOCK_COUNT": 4,
    "FLOW_MRIO_S": 0,
    "FLOW_MRIO_M": 1,
    "FLOW_MRIO_M_DOWN": 2,
    "FLOW_MRIO_D_CBA": 3,
    "FLOW_MRIO_D_PBA": 4,
    "FLOW_MRIO_D_IMP": 5,
    "FLOW_MRIO_D_EXP": 6,
    "FLOW_MRIO_D_CBA_REG": 7,
    "FLOW_MRIO_D_PBA_REG": 8,
    "FLOW_MRIO_D_IMP_REG": 9,
    "FLOW_MRIO_D_EXP_REG": 10,
    "FLOW_MRIO_ACCOUNT_COUNT": 11,
    # sector_cut.h
    "FLOW_SECTOR_CUT_ALL": 0,
    "FLOW_SECTOR_CUT_INTERMEDIATE": 1,
    "FLOW_SECTOR_CUT_FINAL": 2,
    "FLOW_SECTOR_CHANNEL_COUNT": 3,
    "FLOW_SHOCK_QUANTITY_COUNT": 18,
    # va_trade.h
    "FLOW_VA_WWZ": 0,
    "FLOW_VA_KWW": 1,
    "FLOW_VA_BM_SOURCE": 2,
    "FLOW_VA_BM_SINK": 3,
    "FLOW_VA_VAX": 4,
    "FLOW_VA_METHOD_COUNT": 5,
    "FLOW_VA_BY_EXPORTER": 0,
    "FLOW_VA_BY_PAIR": 1,
    "FLOW_VA_BY_SECTOR": 2,
    "FLOW_VA_LEVEL_COUNT": 3,
    # io_structure.h
    "FLOW_SPA_MAX_DEPTH": 64,
    # complexity.h
    "FLOW_RCA_BALASSA": 0,
    "FLOW_RCA_SYMMETRIC": 1,
    "FLOW_RCA_KIND_COUNT": 2,
    # iim.h
    "FLOW_IIM_DEMAND": 0,
    "FLOW_IIM_SUPPLY": 1,
    "FLOW_IIM_SIDE_COUNT": 2,
    # evasion.h
    "FLOW_EVASION_SOURCE": 0,
    "FLOW_EVASION_TARGET": 1,
    "FLOW_EVASION_INTERMEDIARY": 2,
    "FLOW_EVASION_ROLE_COUNT": 3,
    "FLOW_EVASION_SUBSTITUTION": 0,
    "FLOW_EVASION_COMOVEMENT": 1,
    "FLOW_EVASION_MIRROR": 2,
    "FLOW_EVASION_UNIT_VALUES": 3,
    "FLOW_EVASION_SUSPECTS": 4,
    "FLOW_EVASION_DIAGNOSTIC_COUNT": 5,
}


def choice(prefix, value):
    """The constant FLOW_<prefix><VALUE> for a short name (or an int passed through).

    choice("DYAD_", "trade_share") == C["FLOW_DYAD_TRADE_SHARE"].
    """
    if isinstance(value, int):
        return value
    key = "FLOW_" + prefix + str(value).upper().replace("-", "_").replace(" ", "_")
    if key not in C:
        raise ValueError("unknown %s %r; choose from %s" % (prefix.rstrip("_").lower(), value,
                                                           ", ".join(names(prefix))))
    return C[key]


def names(prefix):
    """Short names of the constants starting with FLOW_<prefix> (counts excluded)."""
    start = "FLOW_" + prefix
    return [k[len(start):].lower() for k in C
            if k.startswith(start) and not k.endswith("_COUNT")]

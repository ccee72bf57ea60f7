/*
 * libflow/va_trade.h - value added in trade: gross-export decompositions of a
 * multi-regional input-output model.
 *
 * Gross exports count a value twice when it crosses several borders; the
 * decompositions here say whose value added an export carries and where it
 * is finally absorbed. Notation as libflow/io.h: G regions of N sectors
 * (region-major, n = G N), A, B = (I - A)^-1 the global Leontief inverse,
 * L_rr = (I - A_rr)^-1 region r's local inverse, V = v / x the value-added
 * coefficients, Y_r the final demand of region r (the final-demand columns
 * it owns, summed), E_sr = Z_sr 1 + Y_sr the gross exports of s to r (r != s)
 * and E_s* = sum_r E_sr.
 *
 * Methods (flow_va_method), with their column names:
 *  - FLOW_VA_WWZ, Wang, Wei & Zhu (2013, NBER w19677), eq. (37) and Table E1:
 *    E_sr split by exporting sector into 16 terms, in the order and with the
 *    names of decompr (Quast & Kummritz 2015):
 *      dva_fin      (V_s B_ss)' # Y_sr
 *      dva_int      (V_s L_ss)' # (A_sr B_rr Y_rr)
 *      dva_intrex1  (V_s L_ss)' # (A_sr sum_{t!=s,r} B_rt Y_tt)
 *      dva_intrexf  (V_s L_ss)' # (A_sr B_rr sum_{t!=s,r} Y_rt)
 *      dva_intrex2  (V_s L_ss)' # (A_sr sum_{t!=s,r} B_rt sum_{u!=s,t} Y_tu)
 *      rdv_int      (V_s L_ss)' # (A_sr B_rs Y_ss)
 *      rdv_fin      (V_s L_ss)' # (A_sr B_rr Y_rs)
 *      rdv_fin2     (V_s L_ss)' # (A_sr sum_{t!=s,r} B_rt Y_ts)
 *      ova_fin      (sum_{t!=s,r} V_t B_ts)' # Y_sr
 *      mva_fin      (V_r B_rs)' # Y_sr
 *      ova_int      (sum_{t!=s,r} V_t B_ts)' # (A_sr L_rr Y_rr)
 *      mva_int      (V_r B_rs)' # (A_sr L_rr Y_rr)
 *      ddc_fin      (V_s L_ss)' # (A_sr B_rs sum_{t!=s} Y_st)
 *      ddc_int      (V_s B_ss - V_s L_ss)' # (A_sr X_r)
 *      odc          (sum_{t!=s,r} V_t B_ts)' # (A_sr L_rr E_r*)
 *      mdc          (V_r B_rs)' # (A_sr L_rr E_r*)
 *    (# is the element-wise product). The 16 terms sum to E_sr sector by
 *    sector; the first five sum, over importers, to the exporter's value added
 *    absorbed abroad (its VAX).
 *  - FLOW_VA_KWW, Koopman, Wang & Wei (2014, AER 104(2)), eq. (36): the
 *    exporter's total exports E_s* in nine terms, computed from the paper's
 *    own formulas (country level only):
 *      dva_fin     V_s B_ss sum_r Y_sr
 *      dva_int     V_s sum_r B_sr Y_rr
 *      dva_intrex  V_s sum_r B_sr sum_{t!=s,r} Y_rt
 *      rdv_fin     V_s sum_r B_sr Y_rs
 *      rdv_int     V_s sum_r B_sr A_rs L_ss Y_ss
 *      ddc         V_s sum_r B_sr A_rs L_ss E_s*
 *      fva_fin     sum_{t!=s} V_t B_ts sum_r Y_sr
 *      fva_int     sum_{t!=s} V_t B_ts sum_r A_sr L_rr Y_rr
 *      fdc         sum_{t!=s} V_t B_ts sum_r A_sr L_rr E_r*
 *    The first three are value-added exports (VAX), the first five the value
 *    added that is not double counted.
 *  - FLOW_VA_BM_SOURCE, Borin & Mancini (2023, Economic Systems Research
 *    35(4)), source-based, exporting-country perspective: value added is
 *    counted the first time it leaves its country of origin. With B^/s the
 *    inverse of A with the export rows of s cut (A_sj = 0 for j != s) and
 *    M_s = sum_{j!=s} A_sj B_js (what returns to s to be exported again):
 *      dva  (V_s B^/s_ss)' # E_sr          (B^/s_ss = L_ss)
 *      ddc  (V_s B^/s_ss M_s)' # E_sr
 *      fva  (sum_{t!=s} V_t B^/s_ts)' # E_sr
 *      fdc  (sum_{t!=s} V_t B^/s_ts M_s)' # E_sr
 *    B^/s is never formed: its column block s is B_.s (I + M_s)^-1
 *    (Woodbury), one N x N solve per exporter.
 *  - FLOW_VA_BM_SINK, Borin & Mancini (2023), sink-based: value added is
 *    counted the last time it crosses a border. Exports are split into the
 *    part that reaches final demand without going through s's exports again
 *    (eqs. 12-13: output x^(/s->y*) = B^/s (y with s's final exports left out))
 *    and the part that is re-exported by s later (x^(->e_s*) = B^/s_.s E_s*):
 *      dva  (V_s B_ss)' # E_sr^ult     ddc  (V_s B_ss)' # E_sr^rex
 *      fva  (sum_{t!=s} V_t B_ts)' # E_sr^ult   fdc  likewise with E_sr^rex
 *    with E_sr^ult = Y_sr + A_sr L_rr (Y_r* + sum_{j!=r} A_rj x_j^(/s->y*))
 *    and E_sr^rex = A_sr L_rr sum_{j!=r} A_rj x_j^(->e_s*).
 *    At the country level (summed over partners and sectors) both views give
 *    the same four totals (Borin & Mancini's result, tested).
 *  - FLOW_VA_VAX, Johnson & Noguera (2012, JIE 86(2)): value-added exports,
 *    the value added of s absorbed in the final demand of r, V_s (B Y_r)_s,
 *    next to gross exports, and the VAX ratio vax / exports:
 *      vax, exports, vax_ratio
 *    At the sector level the rows are the sectors where the value added is
 *    made (forward view) and exports are that sector's gross exports.
 * Every method but VAX ends with the column "exports" (E, the total the terms
 * add up to).
 *
 * Units: those of the table (a flow per period, in value). The identities
 * (terms sum to exports) hold when gross output equals Z 1 + Y 1; a model
 * built with another x reports the gap in its diagnostics and the terms then
 * miss exports by that gap.
 *
 * Cost: one factorisation of I - A (the model's, reused) and the G local
 * inverses of N x N. VAX and KWW then apply B by blocked solves with 2 G + 2
 * right-hand sides (O(n^2 G)); WWZ by solves with G^2 + 3 G right-hand sides
 * when that is fewer than n (EXIOBASE: 49 regions, n = 9800), else by
 * forming B (O(n^3), n x n doubles); Borin & Mancini always form B, whose
 * column blocks they read. The terms cost O(n^2 G) (WWZ, BM sink) or
 * O(n^2 N) (BM source, KWW). Memory: A (n^2 doubles), B when formed (n^2),
 * the WWZ blocks (n (G^2 + 2 G)) and n G per term.
 *
 * Threads: (factors) as libflow/io.h - the first call may factor the model.
 */
#ifndef LIBFLOW_VA_TRADE_H
#define LIBFLOW_VA_TRADE_H

#include "libflow/common.h"
#include "libflow/io.h"
#include "libflow/table.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Decomposition methods (values stable). */
typedef enum flow_va_method {
    FLOW_VA_WWZ = 0,
    FLOW_VA_KWW = 1,
    FLOW_VA_BM_SOURCE = 2,
    FLOW_VA_BM_SINK = 3,
    FLOW_VA_VAX = 4,
    FLOW_VA_METHOD_COUNT = 5
} flow_va_method;

/* Levels at which a decomposition is reported (values stable). */
typedef enum flow_va_level {
    /* One row per exporting region (row label = region code). */
    FLOW_VA_BY_EXPORTER = 0,
    /* One row per exporter and importer pair, r != s (row group = exporter,
     * row label = importer), G (G - 1) rows, exporter-major. */
    FLOW_VA_BY_PAIR = 1,
    /* One row per exporting sector (row group = region, label = sector), n
     * rows; the exports of a sector to every importer, or to one. */
    FLOW_VA_BY_SECTOR = 2,
    FLOW_VA_LEVEL_COUNT = 3
} flow_va_level;

/*
 * (factors) Decomposes the gross exports of a multi-regional model by method
 * at level into a new table: rows as the level says, columns the method's
 * terms (named above, lower case). importer = -1 takes every importer;
 * importer = r keeps only the exports to region r (with FLOW_VA_BY_SECTOR
 * this is the bilateral sector-level decomposition of WWZ and decompr).
 * KWW is defined for an exporter's total exports: it takes FLOW_VA_BY_EXPORTER
 * and importer -1 only. Unnamed regions and sectors are labelled "region_<i>"
 * and "sector_<i>".
 * Every final-demand column must belong to a region (the destination of final
 * exports); the message names the first that does not.
 * Returns FLOW_OK, FLOW_ERR_INVALID_ARG (NULL, unknown method or level,
 * importer out of range, KWW at another level, an unowned final-demand
 * column, fewer than two regions), FLOW_ERR_NOMEM, FLOW_ERR_OVERFLOW and the
 * factoring codes of libflow/io.h (also for a region's local system). *out is
 * NULL on failure; free it with flow_table_free.
 */
FLOW_API int flow_va_decompose(flow_table **out, flow_io_model *model, int method, int level,
                               int64_t importer);

/*
 * (factors) Look-through dependence on one origin region s (Baldwin, Freeman
 * & Theodorakopoulos 2023, "Hidden exposure"): how much of what region r uses
 * is value added of s, at face value (what r buys from s directly) and looking
 * through the supply chain (s's value added wherever it was embodied on the
 * way). With w_k = sum_{i in s} V_i L_ik, the value added of s in one unit of
 * output k (one transposed solve):
 *  *inputs, one row per sector j (region / sector labels), per unit of j's
 *   gross output:
 *     input_face         sum_{k in s} a_kj, inputs bought from s directly
 *     input_look_through w_j = sum_k w_k a_kj, s's value added in j's output
 *     via_origin         sum_{k in s} w_k a_kj  (through purchases from s)
 *     via_domestic       sum_{k in r} w_k a_kj  (through j's own economy's
 *                        suppliers, which imported it earlier)
 *     via_third          the rest: through suppliers in third countries
 *   (via_origin + via_domestic + via_third = input_look_through);
 *  *final_demand, one row per region r, as shares of r's final demand:
 *     fd_face            final goods bought from s
 *     fd_look_through    sum_k w_k Y_kr: s's value added absorbed in r
 *     fd_via_origin, fd_via_domestic, fd_via_third  the same split by the
 *                        region that sold the final good.
 * Rows of s itself are NaN (s's dependence on itself is not a dependence on
 * s), as are shares of a region without final demand. Dimensionless shares
 * of flows of one period. Either output may be NULL when not wanted; both are
 * NULL on failure. Returns FLOW_OK, FLOW_ERR_INVALID_ARG (NULL model, origin
 * out of range, an unowned final-demand column when final_demand is asked
 * for), FLOW_ERR_NOMEM and the factoring codes.
 */
FLOW_API int flow_io_look_through(flow_table **inputs, flow_table **final_demand,
                                  flow_io_model *model, int64_t origin);

#ifdef __cplusplus
}
#endif

#endif /* LIBFLOW_VA_TRADE_H */

/*
 * libflow/complexity.h - trade-based structure: revealed comparative
 * advantage, economic complexity, the product space and transit hubs.
 *
 * Input is an export table X (a flow_table): one row per economy, one column
 * per product, x_cp >= 0 the exports of product p by economy c over a period
 * (a value flow). Row and column labels (and groups) are carried over to the
 * results, which are new flow_tables the caller frees with flow_table_free.
 *
 * Definitions (the conventions of the Atlas of Economic Complexity, Hausmann,
 * Hidalgo et al. 2014, as implemented by CID's Stata `ecomplexity` and
 * py-ecomplexity):
 *  - Balassa (1965) RCA_cp = (x_cp / x_c.) / (x_.p / x_..); NaN where the
 *    economy or the product has no exports at all (0 / 0). The symmetric
 *    variant (Dalum, Laursen & Villumsen 1998) is (RCA - 1) / (RCA + 1), in
 *    [-1, 1).
 *  - Presence M_cp = 1 when RCA_cp >= threshold (usually 1), else 0;
 *    diversity k_c = sum_p M_cp, ubiquity k_p = sum_c M_cp.
 *  - ECI / PCI (Hidalgo & Hausmann 2009; eigenvector form of Caldarelli et
 *    al. 2012): kc is the eigenvector of M~C = D_c^-1 M D_p^-1 M' for its
 *    second-largest eigenvalue, kp = D_p^-1 M' kc and K = D_c^-1 M kp (a
 *    multiple of kc). ECI = (K - mean K) / sd K and PCI = (kp - mean K) / sd K
 *    (sd over economies, population form), the sign chosen so that ECI
 *    correlates positively with diversity. M~C is similar to the symmetric
 *    D_c^-1/2 M D_p^-1 M' D_c^-1/2, whose eigenvectors LAPACK's dsyevd
 *    computes. Economies with diversity 0 and products with ubiquity 0 take no
 *    part (their ECI / PCI are NaN). Stata's ecomplexity divides by the sample
 *    standard deviation over its C x P rows: its values are these times
 *    sqrt((CP - 1) / (CP)).
 *  - Proximity (Hidalgo, Klinger, Barabasi & Hausmann 2007)
 *    phi_pq = sum_c M_cp M_cq / max(k_p, k_q) for p != q, 0 on the diagonal
 *    and for products nobody exports with advantage.
 *  - Density omega_cp = sum_q M_cq phi_qp / sum_q phi_qp (0 when the
 *    denominator is 0): how much of what is close to p economy c already
 *    exports with advantage.
 *
 * Errors: FLOW_ERR_INVALID_ARG (NULL, threshold NaN or < 0, unknown kind),
 * FLOW_ERR_VALUE (a negative, NaN or infinite export, naming row and column),
 * FLOW_ERR_EMPTY (no rows or columns), FLOW_ERR_NOMEM, FLOW_ERR_OVERFLOW, and
 * for ECI/PCI FLOW_ERR_DIMENSION when fewer than two economies and products
 * take part (no second eigenvalue). *out is NULL on failure.
 * Thread-safety: reentrant; the input table is only read.
 */
#ifndef LIBFLOW_COMPLEXITY_H
#define LIBFLOW_COMPLEXITY_H

#include "libflow/common.h"
#include "libflow/table.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Revealed-comparative-advantage variants (values stable). */
typedef enum flow_rca_kind {
    FLOW_RCA_BALASSA = 0,
    FLOW_RCA_SYMMETRIC = 1,
    FLOW_RCA_KIND_COUNT = 2
} flow_rca_kind;

/* RCA of every economy in every product: a table shaped and labelled as
 * exports. */
FLOW_API int flow_rca(flow_table **out, const flow_table *exports, int kind);

/*
 * Economic complexity: *economies gets one row per economy (labels of the
 * export rows) with columns "diversity" and "eci"; *products one row per
 * product (labels of the export columns) with "ubiquity" and "pci". On
 * failure both are NULL.
 */
FLOW_API int flow_complexity(flow_table **economies, flow_table **products,
                             const flow_table *exports, double threshold);

/* Product proximity phi, products x products, labelled by the export columns. */
FLOW_API int flow_product_proximity(flow_table **out, const flow_table *exports, double threshold);

/* Density omega, economies x products, labelled as exports. */
FLOW_API int flow_product_density(flow_table **out, const flow_table *exports, double threshold);

/*
 * Weighted betweenness centrality of the economies of a flow network (Brandes
 * 2001, 2008): flows is a square table (row = origin, column = destination,
 * non-negative values; the diagonal is ignored). An edge i -> j exists where
 * flows_ij > 0 and is as long as 1 / flows_ij, so strong links are short;
 * b_v = sum over ordered pairs s != v != t of the share of shortest s -> t
 * paths through v. With normalised != 0 divided by (n - 1)(n - 2), as
 * networkx.betweenness_centrality(G, weight=1/flow, normalized=True) on a
 * directed graph. An economy through which much trade would pass if it took
 * the strongest links is a transit hub. Returns a table of one column,
 * "betweenness", rows labelled as the flow rows. Shortest paths by Dijkstra
 * on the dense matrix, O(n^3) in all (n = 200 economies: a few milliseconds).
 * Two paths tie when their lengths agree to 1e-12 relative (networkx compares
 * exactly; the sums may round differently). Errors as above;
 * FLOW_ERR_DIMENSION when flows is not square.
 */
FLOW_API int flow_betweenness(flow_table **out, const flow_table *flows, int normalised);

#ifdef __cplusplus
}
#endif

#endif /* LIBFLOW_COMPLEXITY_H */

/*
 * io_productivity.h - the checks the single-process IO model (io_model.c)
 * and the distributed one (mpi/io_model.c) make alike: when productivity
 * needs a solve, which sector fails it, with what message, and how a sector
 * is named. Static inline so that libflow_mpi, which links only libflow's
 * public API, compiles the same code instead of a copy.
 */
#ifndef LIBFLOW_IO_PRODUCTIVITY_H
#define LIBFLOW_IO_PRODUCTIVITY_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * Whether (I - A) z = 1 must be solved to decide productivity: not when A
 * has a negative off-diagonal entry (only singularity can be checked), nor
 * when every column sum of A is below 1 (strictly column diagonally
 * dominant Z-matrix: a non-singular M-matrix).
 */
static inline int flow_i_productivity_needs_solve(long long negative, double widest_column_sum)
{
    return negative == 0 && widest_column_sum >= 1.0;
}

/* First i with z_i not positive and finite, -1 when none: z = (I - A)^-1 1 > 0 iff productive. */
static inline int64_t flow_i_first_not_productive(const double *z, int64_t n)
{
    for (int64_t i = 0; i < n; i++)
        if (!(z[i] > 0.0) || !isfinite(z[i]))
            return i;
    return -1;
}

/* The message of FLOW_ERR_NOT_PRODUCTIVE: the entry z_i and the sector's name. */
#define FLOW_I_NOT_PRODUCTIVE_MESSAGE                                                              \
    "input-output system is not productive (rho(A) >= 1): the output needed for one unit of "      \
    "every final demand is %g at %s"

/* "sector i (REGION/SECTOR)", or "sector i" when both codes are empty. */
static inline void flow_i_describe_node(char *buf, size_t cap, int64_t i, const char *region,
                                        const char *sector)
{
    region = region != NULL ? region : "";
    sector = sector != NULL ? sector : "";
    if (sector[0] == '\0' && region[0] == '\0')
        snprintf(buf, cap, "sector %lld", (long long)i);
    else
        snprintf(buf, cap, "sector %lld (%s%s%s)", (long long)i, region,
                 region[0] && sector[0] ? "/" : "", sector);
}

#endif /* LIBFLOW_IO_PRODUCTIVITY_H */

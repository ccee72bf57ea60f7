/*
 * va_decompose.c - gross-export decompositions (WWZ, KWW, Borin & Mancini
 * source and sink, Johnson & Noguera VAX) of a multi-regional model. The
 * formulas are in include/libflow/va_trade.h; here every term is computed per
 * exporting row i and importer r into one array T[i][r][term], from vectors
 * that are formed once per exporter, and then summed to the level asked for.
 *
 * B enters VAX, KWW and WWZ only through B applied to a few vectors: final
 * demand by destination (and, for WWZ, cut into the regions' blocks), and
 * value-added coefficients by region (transposed). Those are blocked solves
 * against the model's LU, 2 G + 2 right-hand sides for VAX and KWW and
 * G^2 + 3 G for WWZ, instead of the n of forming B (and the n x n memory).
 * Borin & Mancini read whole column blocks B_.s for every s, that is all of
 * B, and form it.
 */
#include "va_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { WWZ_TERMS = 16, KWW_TERMS = 9, BM_TERMS = 4, VAX_TERMS = 1 };

static const char *const WWZ_NAMES[] = {
    "dva_fin", "dva_int",  "dva_intrex1", "dva_intrexf", "dva_intrex2", "rdv_int",
    "rdv_fin", "rdv_fin2", "ova_fin",     "mva_fin",     "ova_int",     "mva_int",
    "ddc_fin", "ddc_int",  "odc",         "mdc",         "exports"};
static const char *const KWW_NAMES[] = {"dva_fin", "dva_int", "dva_intrex", "rdv_fin", "rdv_int",
                                        "ddc",     "fva_fin", "fva_int",    "fdc",     "exports"};
static const char *const BM_NAMES[] = {"dva", "ddc", "fva", "fdc", "exports"};
static const char *const VAX_NAMES[] = {"vax", "exports", "vax_ratio"};

/* Vectors shared by every exporter. */
typedef struct shared {
    double *vb;    /* sum_{k in reg(i)} V_k B_ki (domestic content), n */
    double *vl;    /* sum_{k in reg(i)} V_k L_ki, n */
    double *vbreg; /* G x n: sum_{k in q} V_k B_ki */
    double *vball; /* sum_k V_k B_ki, n */
    double *by;    /* B Y, n x G */
    double *bdom;  /* B times domestic final demand, n */
    double *bexp;  /* B times final exports, n */
    double *aly;   /* n x G: sum_{j in r} A_ij (L_rr Y_rr)_j */
    double *ale;   /* n x G: sum_{j in r} A_ij (L_rr E_r*)_j */
    /* WWZ only, n x (G^2 + 2 G), row j: S_q(y_e)_j at e G + q, then S_q(ydom)_j
     * and S_q(yexp)_j, with S_q(w)_j = sum_{k in q} B_jk w_k. */
    double *blocks;
} shared;

/* Right-hand sides solved at once: bounds the workspace to n x SOLVE_BLOCK. */
enum { SOLVE_BLOCK = 256 };

static void shared_free(shared *p)
{
    free(p->vb);
    free(p->vl);
    free(p->vbreg);
    free(p->vball);
    free(p->by);
    free(p->bdom);
    free(p->bexp);
    free(p->aly);
    free(p->ale);
    free(p->blocks);
}

static int64_t block_stride(const flow_i_va_system *s)
{
    return s->regions * s->regions + 2 * s->regions;
}

/* sum_{k < N} B_j,(qN + k) w_k: row j of B's column block q times an N-vector. */
static double block_times(const flow_i_va_system *s, int64_t j, int64_t q, const double *w)
{
    const double *row = s->b + j * s->n + q * s->sectors;
    double acc = 0.0;
    for (int64_t k = 0; k < s->sectors; k++)
        acc += row[k] * w[k];
    return acc;
}

/* sum_{k in block q} B_jk w_k for an n-vector w. */
static double block_dot(const flow_i_va_system *s, int64_t j, int64_t q, const double *w)
{
    return block_times(s, j, q, w + q * s->sectors);
}

/* out[i*G + r] = sum_{j in r} A_ij (L_rr w_r)_j for r != reg(i). */
static int a_local(const flow_i_va_system *s, const double *w, double *out)
{
    int64_t n = s->n, N = s->sectors, G = s->regions;
    double *lw = flow_i_malloc(n, sizeof *lw);
    if (lw == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t r = 0; r < G; r++)
        for (int64_t p = 0; p < N; p++) {
            double acc = 0.0;
            for (int64_t q = 0; q < N; q++)
                acc += s->local[(r * N + p) * N + q] * w[r * N + q];
            lw[r * N + p] = acc;
        }
    memset(out, 0, (size_t)(n * G) * sizeof *out);
    for (int64_t i = 0; i < n; i++)
        for (int64_t j = 0; j < n; j++)
            if (flow_i_va_region(s, j) != flow_i_va_region(s, i))
                out[i * G + flow_i_va_region(s, j)] += s->a[i * n + j] * lw[j];
    free(lw);
    return FLOW_OK;
}

/* The products of shared (and the WWZ blocks) read off a formed B. */
static void products_from_inverse(shared *p, const flow_i_va_system *s)
{
    int64_t n = s->n, G = s->regions, K = block_stride(s);
    /* Both passes read B row by row. */
    for (int64_t k = 0; k < n; k++) {
        int64_t q = flow_i_va_region(s, k);
        for (int64_t i = 0; i < n; i++)
            p->vbreg[q * n + i] += s->vc[k] * s->b[k * n + i];
    }
    for (int64_t j = 0; j < n; j++)
        for (int64_t k = 0; k < n; k++) {
            double bjk = s->b[j * n + k];
            p->bdom[j] += bjk * s->ydom[k];
            p->bexp[j] += bjk * s->yexp[k];
            for (int64_t c = 0; c < G; c++)
                p->by[j * G + c] += bjk * s->y[k * G + c];
        }
    if (p->blocks == NULL)
        return;
    for (int64_t j = 0; j < n; j++) {
        double *row = p->blocks + j * K;
        for (int64_t q = 0; q < G; q++) {
            const double *brow = s->b + j * n + q * s->sectors;
            for (int64_t k = 0; k < s->sectors; k++) {
                int64_t col = q * s->sectors + k;
                for (int64_t e = 0; e < G; e++)
                    row[e * G + q] += brow[k] * s->y[col * G + e];
                row[G * G + q] += brow[k] * s->ydom[col];
                row[G * G + G + q] += brow[k] * s->yexp[col];
            }
        }
    }
}

/* Solves (I - A) X = R (transpose: (I - A)' X = R) in place for the k
 * columns of the row-major n x k block r, SOLVE_BLOCK columns at a time. */
static int solve_blocked(flow_io_model *m, int transpose, double *r, int64_t k)
{
    for (int64_t c = 0; c < k; c += SOLVE_BLOCK) {
        int64_t width = k - c < SOLVE_BLOCK ? k - c : SOLVE_BLOCK;
        int rc = flow_i_io_solve_columns(m, transpose, r + c, k, r + c, k, width);
        if (rc != FLOW_OK)
            return rc;
    }
    return FLOW_OK;
}

/* The same products by blocked solves against the model's LU. */
static int products_by_solves(shared *p, const flow_i_va_system *s, flow_io_model *m)
{
    int64_t n = s->n, G = s->regions, K = block_stride(s);
    /* vbreg: B' (V masked to region q), one column per region. */
    double *r = flow_i_calloc(n * G, sizeof *r);
    if (r == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t k = 0; k < n; k++)
        r[k * G + flow_i_va_region(s, k)] = s->vc[k];
    int rc = solve_blocked(m, 1, r, G);
    for (int64_t i = 0; rc == FLOW_OK && i < n; i++)
        for (int64_t q = 0; q < G; q++)
            p->vbreg[q * n + i] = r[i * G + q];
    free(r);
    if (rc != FLOW_OK)
        return rc;
    if (p->blocks != NULL) {
        /* y_e, ydom and yexp cut into the regions' blocks; their sums give B Y. */
        for (int64_t k = 0; k < n; k++) {
            double *row = p->blocks + k * K;
            int64_t q = flow_i_va_region(s, k);
            for (int64_t e = 0; e < G; e++)
                row[e * G + q] = s->y[k * G + e];
            row[G * G + q] = s->ydom[k];
            row[G * G + G + q] = s->yexp[k];
        }
        if ((rc = solve_blocked(m, 0, p->blocks, K)) != FLOW_OK)
            return rc;
        for (int64_t j = 0; j < n; j++) {
            const double *row = p->blocks + j * K;
            for (int64_t q = 0; q < G; q++) {
                for (int64_t e = 0; e < G; e++)
                    p->by[j * G + e] += row[e * G + q];
                p->bdom[j] += row[G * G + q];
                p->bexp[j] += row[G * G + G + q];
            }
        }
        return FLOW_OK;
    }
    int64_t k2 = G + 2;
    if ((r = flow_i_malloc(n * k2, sizeof *r)) == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t k = 0; k < n; k++) {
        memcpy(r + k * k2, s->y + k * G, (size_t)G * sizeof *r);
        r[k * k2 + G] = s->ydom[k];
        r[k * k2 + G + 1] = s->yexp[k];
    }
    rc = solve_blocked(m, 0, r, k2);
    for (int64_t j = 0; rc == FLOW_OK && j < n; j++) {
        memcpy(p->by + j * G, r + j * k2, (size_t)G * sizeof *r);
        p->bdom[j] = r[j * k2 + G];
        p->bexp[j] = r[j * k2 + G + 1];
    }
    free(r);
    return rc;
}

/* The shared vectors, through B when the system holds it, else by solves;
 * with_blocks adds the WWZ blocks. */
static int shared_new(shared *p, const flow_i_va_system *s, flow_io_model *m, int with_blocks)
{
    int64_t n = s->n, G = s->regions, N = s->sectors;
    memset(p, 0, sizeof *p);
    p->vb = flow_i_calloc(n, sizeof *p->vb);
    p->vl = flow_i_calloc(n, sizeof *p->vl);
    p->vbreg = flow_i_calloc(n * G, sizeof *p->vbreg);
    p->vball = flow_i_calloc(n, sizeof *p->vball);
    p->by = flow_i_calloc(n * G, sizeof *p->by);
    p->bdom = flow_i_calloc(n, sizeof *p->bdom);
    p->bexp = flow_i_calloc(n, sizeof *p->bexp);
    p->aly = flow_i_malloc(n * G, sizeof *p->aly);
    p->ale = flow_i_malloc(n * G, sizeof *p->ale);
    if (with_blocks)
        p->blocks = flow_i_calloc(n * block_stride(s), sizeof *p->blocks);
    if (!p->vb || !p->vl || !p->vbreg || !p->vball || !p->by || !p->bdom || !p->bexp || !p->aly ||
        !p->ale || (with_blocks && !p->blocks))
        return FLOW_ERR_NOMEM;
    int rc = FLOW_OK;
    if (s->b != NULL)
        products_from_inverse(p, s);
    else if ((rc = products_by_solves(p, s, m)) != FLOW_OK)
        return rc;
    for (int64_t i = 0; i < n; i++) {
        int64_t r = flow_i_va_region(s, i), col = i % N;
        p->vb[i] = p->vbreg[r * n + i];
        for (int64_t q = 0; q < G; q++)
            p->vball[i] += p->vbreg[q * n + i];
        for (int64_t k = 0; k < N; k++)
            p->vl[i] += s->vc[r * N + k] * s->local[(r * N + k) * N + col];
    }
    rc = a_local(s, s->ydom, p->aly);
    return rc != FLOW_OK ? rc : a_local(s, s->etot, p->ale);
}

/* ------------------------------------------------------------------ WWZ */

enum { W_INT, W_REX1, W_REXF, W_REX2, W_RDV_INT, W_RDV_FIN, W_RDV_FIN2, W_DDC_FIN, W_COUNT };
/* Position of each A_sr-W term among the 16 (decompr's order). */
static const int W_POSITION[W_COUNT] = {1, 2, 3, 4, 5, 6, 7, 12};

/*
 * For exporter s, the eight vectors W (indexed by the importer-side row j,
 * region r = reg(j) != s) whose A_sr W gives the (V_s L_ss)-weighted terms:
 * the output of j split by where the final demand it serves sits. With
 * S_q(w)_j = sum_{k in q} B_jk w_k, own = S_r, all = sum over every q:
 */
static void wwz_vectors(const flow_i_va_system *s, const shared *p, int64_t exporter, double *w)
{
    int64_t n = s->n, G = s->regions, K = block_stride(s);
    for (int64_t j = 0; j < n; j++) {
        int64_t r = flow_i_va_region(s, j);
        if (r == exporter)
            continue;
        /* dom: B on domestic final demand, fin: on final exports, by region block. */
        const double *blocks = p->blocks + j * K, *dom = blocks + G * G, *fin = dom + G;
        double own_dom = dom[r], own_exp = fin[r];
        double own_ys = blocks[exporter * G + r], s_ys = blocks[exporter * G + exporter];
        double s_dom = dom[exporter], s_exp = fin[exporter];
        double all_dom = p->bdom[j], all_exp = p->bexp[j];
        double all_ys = p->by[j * G + exporter];
        double third_ys = all_ys - own_ys - s_ys;
        w[W_INT * n + j] = own_dom;
        w[W_REX1 * n + j] = all_dom - own_dom - s_dom;
        w[W_REXF * n + j] = own_exp - own_ys;
        w[W_REX2 * n + j] = (all_exp - own_exp - s_exp) - third_ys;
        w[W_RDV_INT * n + j] = s_ys;
        w[W_RDV_FIN * n + j] = own_ys;
        w[W_RDV_FIN2 * n + j] = third_ys;
        w[W_DDC_FIN * n + j] = s_exp;
    }
}

static int wwz_terms(const flow_i_va_system *s, const shared *p, double *t)
{
    int64_t n = s->n, G = s->regions, N = s->sectors, nt = WWZ_TERMS + 1;
    double *w = flow_i_calloc(W_COUNT * n, sizeof *w);
    if (w == NULL)
        return FLOW_ERR_NOMEM;
    for (int64_t e = 0; e < G; e++) {
        wwz_vectors(s, p, e, w);
        for (int64_t i = e * N; i < (e + 1) * N; i++) {
            const double *arow = s->a + i * n;
            for (int64_t j = 0; j < n; j++) {
                int64_t r = flow_i_va_region(s, j);
                if (r == e || arow[j] == 0.0)
                    continue;
                double *ti = t + (i * G + r) * nt, weight = p->vl[i] * arow[j];
                for (int c = 0; c < W_COUNT; c++)
                    ti[W_POSITION[c]] += weight * w[c * n + j];
            }
            for (int64_t r = 0; r < G; r++) {
                if (r == e)
                    continue;
                double *ti = t + (i * G + r) * nt, yir = s->y[i * G + r];
                double mva = p->vbreg[r * n + i], ova = p->vball[i] - p->vb[i] - mva;
                ti[0] = p->vb[i] * yir;
                ti[8] = ova * yir;
                ti[9] = mva * yir;
                ti[10] = ova * p->aly[i * G + r];
                ti[11] = mva * p->aly[i * G + r];
                ti[13] = (p->vb[i] - p->vl[i]) * s->eint[i * G + r];
                ti[14] = ova * p->ale[i * G + r];
                ti[15] = mva * p->ale[i * G + r];
                ti[WWZ_TERMS] = s->e[i * G + r];
            }
        }
    }
    free(w);
    return FLOW_OK;
}

/* ------------------------------------------------------------------ KWW */

/* The nine KWW terms of every exporter, G x 10 (with exports), from the
 * paper's formulas: u_s = V_s B_s. is the row of s's value added. */
static int kww_terms(const flow_i_va_system *s, const shared *p, double *out)
{
    int64_t n = s->n, G = s->regions, N = s->sectors, nt = KWW_TERMS + 1;
    double *ly = flow_i_malloc(n, sizeof *ly), *le = flow_i_malloc(n, sizeof *le);
    if (ly == NULL || le == NULL) {
        free(ly);
        free(le);
        return FLOW_ERR_NOMEM;
    }
    /* L_ss Y_ss and L_ss E_s* per region. */
    for (int64_t r = 0; r < G; r++)
        for (int64_t q = 0; q < N; q++) {
            double accy = 0.0, acce = 0.0;
            for (int64_t k = 0; k < N; k++) {
                double l = s->local[(r * N + q) * N + k];
                accy += l * s->ydom[r * N + k];
                acce += l * s->etot[r * N + k];
            }
            ly[r * N + q] = accy;
            le[r * N + q] = acce;
        }
    memset(out, 0, (size_t)(G * nt) * sizeof *out);
    for (int64_t e = 0; e < G; e++) {
        double *o = out + e * nt;
        const double *u = p->vbreg + e * n;
        for (int64_t j = 0; j < n; j++) {
            if (flow_i_va_region(s, j) == e) {
                double foreign = p->vball[j] - u[j], ar_y = 0.0, ar_e = 0.0;
                for (int64_t r = 0; r < G; r++) {
                    ar_y += p->aly[j * G + r];
                    ar_e += p->ale[j * G + r];
                }
                o[0] += u[j] * s->yexp[j];
                o[6] += foreign * s->yexp[j];
                o[7] += foreign * ar_y;
                o[8] += foreign * ar_e;
                o[KWW_TERMS] += s->etot[j];
                continue;
            }
            double yjs = s->y[j * G + e], back_y = 0.0, back_e = 0.0;
            for (int64_t k = e * N; k < (e + 1) * N; k++) {
                back_y += s->a[j * n + k] * ly[k];
                back_e += s->a[j * n + k] * le[k];
            }
            o[1] += u[j] * s->ydom[j];
            o[2] += u[j] * (s->yexp[j] - yjs);
            o[3] += u[j] * yjs;
            o[4] += u[j] * back_y;
            o[5] += u[j] * back_e;
        }
    }
    free(ly);
    free(le);
    return FLOW_OK;
}

/* ------------------------------------------------------------------ Borin & Mancini */

/* M_s = sum_{j != s} A_sj B_js (N x N) and the LU of I + M_s. */
static int bm_return_matrix(const flow_i_va_system *s, int64_t e, double *m, flow_i_lu **lu)
{
    int64_t n = s->n, N = s->sectors;
    double *ipm = flow_i_malloc(N * N, sizeof *ipm);
    if (ipm == NULL)
        return FLOW_ERR_NOMEM;
    memset(m, 0, (size_t)(N * N) * sizeof *m);
    for (int64_t p = 0; p < N; p++) {
        const double *arow = s->a + (e * N + p) * n;
        for (int64_t j = 0; j < n; j++) {
            if (flow_i_va_region(s, j) == e || arow[j] == 0.0)
                continue;
            const double *brow = s->b + j * n + e * N;
            for (int64_t q = 0; q < N; q++)
                m[p * N + q] += arow[j] * brow[q];
        }
    }
    for (int64_t p = 0; p < N * N; p++)
        ipm[p] = m[p] + (p % (N + 1) == 0);
    return flow_i_lu_factor(lu, ipm, N);
}

/* w M for a row vector w of length N. */
static void row_times(const double *w, const double *m, int64_t N, double *out)
{
    for (int64_t q = 0; q < N; q++) {
        double acc = 0.0;
        for (int64_t p = 0; p < N; p++)
            acc += w[p] * m[p * N + q];
        out[q] = acc;
    }
}

/* Writes the four terms w_c # E_sr for exporter e's rows. */
static void bm_store(const flow_i_va_system *s, int64_t e, const double *const w[4],
                     const double *ult, const double *rex, double *t)
{
    int64_t G = s->regions, N = s->sectors, nt = BM_TERMS + 1;
    for (int64_t p = 0; p < N; p++) {
        int64_t i = e * N + p;
        for (int64_t r = 0; r < G; r++) {
            if (r == e)
                continue;
            double *ti = t + (i * G + r) * nt;
            double first = ult != NULL ? ult[p * G + r] : s->e[i * G + r];
            double second = rex != NULL ? rex[p * G + r] : s->e[i * G + r];
            ti[0] = w[0][p] * first;
            ti[1] = w[1][p] * second;
            ti[2] = w[2][p] * first;
            ti[3] = w[3][p] * second;
            ti[BM_TERMS] = s->e[i * G + r];
        }
    }
}

static int bm_source_terms(const flow_i_va_system *s, const shared *p, double *t)
{
    int rc = FLOW_OK;
    int64_t n = s->n, N = s->sectors;
    double *m = flow_i_malloc(N * N, sizeof *m), *w = flow_i_malloc(4 * N, sizeof *w);
    if (m == NULL || w == NULL) {
        rc = FLOW_ERR_NOMEM;
        goto done;
    }
    for (int64_t e = 0; e < s->regions && rc == FLOW_OK; e++) {
        flow_i_lu *lu = NULL;
        if ((rc = bm_return_matrix(s, e, m, &lu)) != FLOW_OK)
            break;
        /* dva: V_s L_ss; fva: (sum_{t!=s} V_t B_ts)(I + M_s)^-1 = V_t B^/s_ts. */
        for (int64_t q = 0; q < N; q++) {
            int64_t i = e * N + q;
            w[q] = p->vl[i];
            w[2 * N + q] = p->vball[i] - p->vbreg[e * n + i];
        }
        rc = flow_i_lu_solve(lu, 1, w + 2 * N, 1);
        flow_i_lu_free(lu);
        row_times(w, m, N, w + N);
        row_times(w + 2 * N, m, N, w + 3 * N);
        const double *const rows[4] = {w, w + N, w + 2 * N, w + 3 * N};
        bm_store(s, e, rows, NULL, NULL, t);
    }
done:
    free(m);
    free(w);
    return rc;
}

/* Per exporter e: x^(/s->y*) and x^(->e_s*) through B^/s = B (I + D B)^-1. */
static int bm_sink_outputs(const flow_i_va_system *s, const shared *p, int64_t e,
                           const flow_i_lu *lu, double *xf, double *xe, double *c)
{
    int64_t n = s->n, G = s->regions, N = s->sectors;
    double *d = c + N;
    /* B q with q = all final demand except e's final exports. */
    for (int64_t j = 0; j < n; j++) {
        double bq = 0.0;
        for (int64_t r = 0; r < G; r++)
            bq += p->by[j * G + r];
        xf[j] = bq - block_dot(s, j, e, s->yexp);
    }
    for (int64_t q = 0; q < N; q++) {
        const double *arow = s->a + (e * N + q) * n;
        double acc = 0.0;
        for (int64_t j = 0; j < n; j++)
            if (flow_i_va_region(s, j) != e)
                acc += arow[j] * xf[j];
        c[q] = acc;
        d[q] = s->etot[e * N + q];
    }
    int rc = flow_i_lu_solve(lu, 0, c, 2);
    if (rc != FLOW_OK)
        return rc;
    for (int64_t j = 0; j < n; j++) {
        xf[j] -= block_times(s, j, e, c);
        xe[j] = block_times(s, j, e, d);
    }
    return FLOW_OK;
}

/* feed[j] = sum_{k outside reg(j)} A_jk x_k: the row before and after its own block. */
static void foreign_feed(const flow_i_va_system *s, const double *x, double *feed)
{
    int64_t n = s->n, N = s->sectors;
    for (int64_t j = 0; j < n; j++) {
        const double *row = s->a + j * n;
        int64_t own = flow_i_va_region(s, j) * N;
        double acc = 0.0;
        for (int64_t k = 0; k < own; k++)
            acc += row[k] * x[k];
        for (int64_t k = own + N; k < n; k++)
            acc += row[k] * x[k];
        feed[j] = acc;
    }
}

/* ult / rex (N x G) of exporter e: A_sr L_rr applied to what r's output serves. */
static void bm_sink_split(const flow_i_va_system *s, int64_t e, const double *ff, const double *fe,
                          double *ult, double *rex)
{
    int64_t n = s->n, G = s->regions, N = s->sectors;
    for (int64_t r = 0; r < G; r++) {
        if (r == e)
            continue;
        for (int64_t p = 0; p < N; p++) {
            double af = 0.0, ae = 0.0;
            for (int64_t q = 0; q < N; q++) {
                int64_t j = r * N + q;
                double gf = 0.0, ge = 0.0;
                for (int64_t k = 0; k < N; k++) {
                    double l = s->local[(r * N + q) * N + k];
                    int64_t jk = r * N + k;
                    gf += l * (s->ydom[jk] + s->yexp[jk] + ff[jk]);
                    ge += l * fe[jk];
                }
                af += s->a[(e * N + p) * n + j] * gf;
                ae += s->a[(e * N + p) * n + j] * ge;
            }
            ult[p * G + r] = s->y[(e * N + p) * G + r] + af;
            rex[p * G + r] = ae;
        }
    }
}

static int bm_sink_terms(const flow_i_va_system *s, const shared *p, double *t)
{
    int rc = FLOW_OK;
    int64_t n = s->n, G = s->regions, N = s->sectors;
    double *m = flow_i_malloc(N * N, sizeof *m), *w = flow_i_malloc(4 * N + 2 * N, sizeof *w);
    double *x2 = flow_i_malloc(4 * n, sizeof *x2), *split = flow_i_malloc(2 * N * G, sizeof *split);
    if (m == NULL || w == NULL || x2 == NULL || split == NULL) {
        rc = FLOW_ERR_NOMEM;
        goto done;
    }
    for (int64_t e = 0; e < G && rc == FLOW_OK; e++) {
        flow_i_lu *lu = NULL;
        if ((rc = bm_return_matrix(s, e, m, &lu)) != FLOW_OK)
            break;
        rc = bm_sink_outputs(s, p, e, lu, x2, x2 + n, w + 4 * N);
        flow_i_lu_free(lu);
        if (rc != FLOW_OK)
            break;
        foreign_feed(s, x2, x2 + 2 * n);
        foreign_feed(s, x2 + n, x2 + 3 * n);
        bm_sink_split(s, e, x2 + 2 * n, x2 + 3 * n, split, split + N * G);
        for (int64_t q = 0; q < N; q++) {
            int64_t i = e * N + q;
            w[q] = w[N + q] = p->vb[i];
            w[2 * N + q] = w[3 * N + q] = p->vball[i] - p->vb[i];
        }
        const double *const rows[4] = {w, w + N, w + 2 * N, w + 3 * N};
        bm_store(s, e, rows, split, split + N * G, t);
    }
done:
    free(m);
    free(w);
    free(x2);
    free(split);
    return rc;
}

/* ------------------------------------------------------------------ VAX */

static void vax_terms(const flow_i_va_system *s, const shared *p, double *t)
{
    int64_t G = s->regions;
    for (int64_t i = 0; i < s->n; i++)
        for (int64_t r = 0; r < G; r++) {
            if (r == flow_i_va_region(s, i))
                continue;
            t[(i * G + r) * 2] = s->vc[i] * p->by[i * G + r];
            t[(i * G + r) * 2 + 1] = s->e[i * G + r];
        }
}

/* ------------------------------------------------------------------ levels */

/* Sums T[i][r][.] (nt values) over the rows and importers a level asks for. */
static int aggregate(flow_table **out, const flow_io_model *m, const flow_i_va_system *s,
                     const double *t, int64_t nt, int level, int64_t importer)
{
    int rc;
    int64_t G = s->regions, N = s->sectors, rows;
    rows = level == FLOW_VA_BY_SECTOR     ? s->n
           : level == FLOW_VA_BY_EXPORTER ? G
           : importer >= 0                ? G - 1
                                          : G * (G - 1);
    if ((rc = flow_table_new(out, rows, nt, NULL, nt)) != FLOW_OK)
        return rc;
    double *acc = flow_i_calloc(nt, sizeof *acc);
    if (acc == NULL)
        return FLOW_ERR_NOMEM;
    int64_t row = 0;
    char from[128], to[128];
    for (int64_t e = 0; e < G && rc == FLOW_OK; e++) {
        for (int64_t r = 0; r < G && rc == FLOW_OK; r++) {
            if (r == e || (importer >= 0 && r != importer))
                continue;
            for (int64_t i = e * N; i < (e + 1) * N && rc == FLOW_OK; i++)
                for (int64_t c = 0; c < nt; c++) {
                    double v = t[(i * G + r) * nt + c];
                    if (level == FLOW_VA_BY_SECTOR)
                        rc = flow_table_set(*out, i, c, flow_table_values(*out)[i * nt + c] + v);
                    else
                        acc[c] += v;
                }
            if (level == FLOW_VA_BY_PAIR) {
                flow_i_va_region_name(m, e, from, sizeof from);
                flow_i_va_region_name(m, r, to, sizeof to);
                for (int64_t c = 0; c < nt && rc == FLOW_OK; c++)
                    rc = flow_table_set(*out, row, c, acc[c]);
                if (rc == FLOW_OK)
                    rc = flow_table_set_row_label(*out, row++, to, from);
                memset(acc, 0, (size_t)nt * sizeof *acc);
            }
        }
        if (level == FLOW_VA_BY_EXPORTER) {
            for (int64_t c = 0; c < nt && rc == FLOW_OK; c++)
                rc = flow_table_set(*out, e, c, acc[c]);
            memset(acc, 0, (size_t)nt * sizeof *acc);
        }
    }
    free(acc);
    if (rc == FLOW_OK && level == FLOW_VA_BY_SECTOR)
        rc = flow_i_va_label_nodes(*out, m);
    if (rc == FLOW_OK && level == FLOW_VA_BY_EXPORTER)
        rc = flow_i_va_label_regions(*out, m);
    return rc;
}

/* The VAX table: vax, exports and their ratio (NaN where exports are 0). */
static int vax_table(flow_table **out, const flow_table *sums)
{
    int64_t rows = flow_table_rows(sums);
    const double *v = flow_table_values(sums);
    int rc = flow_table_new(out, rows, 3, NULL, 3);
    for (int64_t i = 0; i < rows && rc == FLOW_OK; i++) {
        flow_table_set(*out, i, 0, v[2 * i]);
        flow_table_set(*out, i, 1, v[2 * i + 1]);
        rc = flow_table_set(*out, i, 2, v[2 * i + 1] != 0.0 ? v[2 * i] / v[2 * i + 1] : NAN);
        if (rc == FLOW_OK)
            rc = flow_table_set_row_label(*out, i, flow_table_row_label(sums, i),
                                          flow_table_row_group(sums, i));
    }
    return rc == FLOW_OK ? flow_i_va_name_columns(*out, VAX_NAMES, 3) : rc;
}

static int check_arguments(flow_io_model *m, int method, int level, int64_t importer)
{
    if (m == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "model is NULL");
    if (method < 0 || method >= FLOW_VA_METHOD_COUNT)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "unknown decomposition method %d", method);
    if (level < 0 || level >= FLOW_VA_LEVEL_COUNT)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "unknown decomposition level %d", level);
    if (importer < -1 || importer >= flow_i_io_region_count(m))
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "importer %lld is not a region (0..%lld) or -1",
                           (long long)importer, (long long)flow_i_io_region_count(m) - 1);
    if (method == FLOW_VA_KWW && (level != FLOW_VA_BY_EXPORTER || importer != -1))
        return flow_i_fail(FLOW_ERR_INVALID_ARG,
                           "the KWW decomposition is defined for an exporter's total exports: "
                           "use level FLOW_VA_BY_EXPORTER and importer -1");
    return FLOW_OK;
}

static int terms_of(const flow_i_va_system *s, const shared *p, int method, double *t)
{
    switch (method) {
        case FLOW_VA_WWZ:
            return wwz_terms(s, p, t);
        case FLOW_VA_BM_SOURCE:
            return bm_source_terms(s, p, t);
        case FLOW_VA_BM_SINK:
            return bm_sink_terms(s, p, t);
        default:
            vax_terms(s, p, t);
            return FLOW_OK;
    }
}

/*
 * Whether to form B: always for Borin & Mancini; otherwise when solving for
 * the right-hand sides the method needs costs at least the n of an inverse
 * (AUTO), or as the caller forces.
 */
static int forms_inverse(int method, int path, int64_t n, int64_t G)
{
    if (method == FLOW_VA_BM_SOURCE || method == FLOW_VA_BM_SINK || path == FLOW_I_VA_INVERSE)
        return 1;
    if (path == FLOW_I_VA_SOLVES)
        return 0;
    int64_t rhs = method == FLOW_VA_WWZ ? G * G + 3 * G : 2 * G + 2;
    return rhs >= n;
}

int flow_va_decompose(flow_table **out, flow_io_model *model, int method, int level,
                      int64_t importer)
{
    return flow_i_va_decompose(out, model, method, level, importer, FLOW_I_VA_AUTO);
}

int flow_i_va_decompose(flow_table **out, flow_io_model *model, int method, int level,
                        int64_t importer, int path)
{
    int rc;
    flow_i_va_system s;
    shared p;
    double *t = NULL;
    flow_table *sums = NULL;
    memset(&p, 0, sizeof p);
    if (out == NULL)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "out is NULL");
    *out = NULL;
    if ((rc = check_arguments(model, method, level, importer)) != FLOW_OK)
        return rc;
    if (path < 0 || path >= FLOW_I_VA_PATH_COUNT)
        return flow_i_fail(FLOW_ERR_INVALID_ARG, "unknown way of applying B %d", path);
    int inverse =
        forms_inverse(method, path, flow_i_io_order(model), flow_i_io_region_count(model));
    if ((rc = flow_i_va_system_new(&s, model, inverse)) != FLOW_OK ||
        (rc = shared_new(&p, &s, model, method == FLOW_VA_WWZ)) != FLOW_OK)
        goto done;
    int64_t nt = method == FLOW_VA_WWZ   ? WWZ_TERMS + 1
                 : method == FLOW_VA_KWW ? KWW_TERMS + 1
                 : method == FLOW_VA_VAX ? 2
                                         : BM_TERMS + 1;
    if (method == FLOW_VA_KWW) {
        if ((t = flow_i_malloc(s.regions * nt, sizeof *t)) == NULL) {
            rc = FLOW_ERR_NOMEM;
            goto done;
        }
        if ((rc = kww_terms(&s, &p, t)) == FLOW_OK &&
            (rc = flow_table_new(out, s.regions, nt, t, nt)) == FLOW_OK &&
            (rc = flow_i_va_label_regions(*out, model)) == FLOW_OK)
            rc = flow_i_va_name_columns(*out, KWW_NAMES, nt);
        goto done;
    }
    if ((t = flow_i_calloc(s.n * s.regions * nt, sizeof *t)) == NULL) {
        rc = FLOW_ERR_NOMEM;
        goto done;
    }
    if ((rc = terms_of(&s, &p, method, t)) != FLOW_OK)
        goto done;
    if (method == FLOW_VA_VAX) {
        if ((rc = aggregate(&sums, model, &s, t, nt, level, importer)) == FLOW_OK)
            rc = vax_table(out, sums);
    } else if ((rc = aggregate(out, model, &s, t, nt, level, importer)) == FLOW_OK) {
        rc = flow_i_va_name_columns(*out, method == FLOW_VA_WWZ ? WWZ_NAMES : BM_NAMES, nt);
    }
done:
    if (rc != FLOW_OK) {
        flow_table_free(*out);
        *out = NULL;
    }
    flow_table_free(sums);
    free(t);
    shared_free(&p);
    flow_i_va_system_free(&s);
    return rc;
}

/*
 * gen_baci.c - writes a deterministic BACI-like trade file for benchmarks.
 *
 *   gen_baci [--rows N] [--seed S] [--year Y] [--quoted] OUT_DIR
 *
 * Produces OUT_DIR/BACI_HS17_Y<year>_V202401.csv in CEPII BACI's layout
 * (header t,i,j,k,v,q; one row per exporter i, importer j and six-digit HS
 * product k, sorted by i, j, k; v in thousand USD with three decimals; q in
 * tonnes with three decimals, sometimes NA or empty) and the matching
 * OUT_DIR/country_codes_V202401.csv (country_code,country_name,country_iso2,
 * country_iso3). About 230 economies and 5000 products, the scale of a real
 * BACI year. The same arguments always give the same bytes, so timings of
 * different runs see the same file.
 *
 * Trade follows a gravity pattern: each economy gets a Pareto-distributed
 * size, the chance that a pair trades a product grows with the product of the
 * two sizes (scaled so that the expected row count is N), and values are
 * log-normal around the same product. --quoted writes k inside double quotes,
 * which a reader may not split into chunks safely (it exercises the
 * one-thread fallback of parallel readers).
 *
 * This is a benchmark tool, not part of the library: it prints and exits.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_PRODUCTS 5000

/* ---------------------------------------------------------------- random numbers */

/* xoshiro256** (Blackman & Vigna): fast, good quality, fully deterministic. */
typedef struct {
    uint64_t s[4];
} rng;

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* Seeds the four words through splitmix64, as the authors recommend. */
static void rng_seed(rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++) {
        uint64_t z = (seed += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        r->s[i] = z ^ (z >> 31);
    }
}

/* Uniform in (0, 1): never exactly 0, so log() is safe. */
static double rng_uniform(rng *r)
{
    return ((double)(rng_next(r) >> 11) + 0.5) * 0x1.0p-53;
}

static double rng_normal(rng *r)
{
    double u = rng_uniform(r), v = rng_uniform(r);
    return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

/* ---------------------------------------------------------------- economies */

typedef struct {
    int code;
    const char *name;
    const char *iso2;
    const char *iso3;
} economy;

/* The 230 economies with their BACI codes (real ISO data, see the script). */
#include "baci_economies.h"
#define N_ECONOMIES ((int)(sizeof baci_economies / sizeof baci_economies[0]))

typedef struct {
    const economy *e;
    double size;
} economy_row;

/* Fills e[N_ECONOMIES] in code order, each with a Pareto(1.1) size. */
static void make_economies(economy_row *e, rng *r)
{
    for (int i = 0; i < N_ECONOMIES; i++) {
        e[i].e = &baci_economies[i];
        e[i].size = pow(rng_uniform(r), -1.0 / 1.1);
    }
}

static int write_country_codes(const char *path, const economy_row *e)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        fprintf(stderr, "gen_baci: cannot write %s: %s\n", path, strerror(errno));
        return -1;
    }
    fputs("country_code,country_name,country_iso2,country_iso3\n", f);
    for (int i = 0; i < N_ECONOMIES; i++) {
        const economy *x = e[i].e;
        const char *quote = strchr(x->name, ',') ? "\"" : ""; /* no name holds a '"' */
        fprintf(f, "%d,%s%s%s,%s,%s\n", x->code, quote, x->name, quote, x->iso2, x->iso3);
    }
    return fclose(f) == 0 ? 0 : -1;
}

/* ---------------------------------------------------------------- products */

typedef struct {
    int code;
    uint64_t threshold_scale; /* popularity in [0.05, 1] as a fraction of 2^32 */
    double unit_value;        /* thousand USD per tonne, for q */
} product;

/*
 * N_PRODUCTS six-digit HS codes spread over chapters 01..97 (77 is reserved
 * in HS), increasing, each with a popularity and a typical unit value.
 */
static void make_products(product *p, rng *r)
{
    int chapters[96], nc = 0;
    for (int c = 1; c <= 97; c++) {
        if (c != 77) {
            chapters[nc++] = c;
        }
    }
    int k = 0;
    for (int c = 0; c < nc; c++) {
        int count = N_PRODUCTS / nc + (c < N_PRODUCTS % nc ? 1 : 0);
        /* Up to 9 subheadings per heading: codes cc hh s0, sub in 1..9 then 0. */
        for (int m = 0; m < count; m++) {
            int heading = 1 + m / 9, sub = m % 9 + 1;
            p[k].code = chapters[c] * 10000 + heading * 100 + sub * 10;
            double pop = 0.05 + 0.95 * pow(rng_uniform(r), 2.0);
            p[k].threshold_scale = (uint64_t)(pop * 4294967296.0);
            p[k].unit_value = exp(rng_normal(r) * 1.5);
            k++;
        }
    }
}

/* ---------------------------------------------------------------- output */

typedef struct {
    FILE *f;
    char buf[1 << 20];
    size_t len;
} writer;

static void w_flush(writer *w)
{
    fwrite(w->buf, 1, w->len, w->f);
    w->len = 0;
}

static void w_str(writer *w, const char *s, size_t n)
{
    memcpy(w->buf + w->len, s, n);
    w->len += n;
}

static void w_uint(writer *w, uint64_t v, int min_digits)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v || n < min_digits);
    while (n) {
        w->buf[w->len++] = tmp[--n];
    }
}

/* A positive amount with exactly three decimals, from its value in thousandths. */
static void w_milli(writer *w, uint64_t milli)
{
    w_uint(w, milli / 1000, 1);
    w->buf[w->len++] = '.';
    w_uint(w, milli % 1000, 3);
}

static uint64_t to_milli(double x)
{
    double m = floor(x * 1000.0 + 0.5);
    if (m < 1.0) {
        return 1;
    }
    return m > 1e15 ? (uint64_t)1e15 : (uint64_t)m;
}

/* ---------------------------------------------------------------- main */

/*
 * Pair probability min(1, c * size_i * size_j); finds c by bisection so that
 * the expected number of rows (times the mean product popularity) is rows.
 */
static double calibrate(const economy_row *e, double mean_pop, double rows)
{
    double lo = 0.0, hi = 1.0;
    for (int it = 0; it < 200; it++) {
        double c = 0.5 * (lo + hi), expected = 0.0;
        for (int i = 0; i < N_ECONOMIES; i++) {
            for (int j = 0; j < N_ECONOMIES; j++) {
                if (i != j) {
                    expected += fmin(1.0, c * e[i].size * e[j].size);
                }
            }
        }
        expected *= mean_pop * N_PRODUCTS;
        if (expected < rows) {
            lo = c;
        } else {
            hi = c;
        }
    }
    return 0.5 * (lo + hi);
}

static void usage(void)
{
    fputs("usage: gen_baci [--rows N] [--seed S] [--year Y] [--quoted] OUT_DIR\n", stderr);
}

int main(int argc, char **argv)
{
    double rows = 10.5e6;
    uint64_t seed = 2022;
    int year = 2022, quoted = 0;
    const char *dir = NULL;
    for (int a = 1; a < argc; a++) {
        if (strcmp(argv[a], "--rows") == 0 && a + 1 < argc) {
            rows = atof(argv[++a]);
        } else if (strcmp(argv[a], "--seed") == 0 && a + 1 < argc) {
            seed = strtoull(argv[++a], NULL, 10);
        } else if (strcmp(argv[a], "--year") == 0 && a + 1 < argc) {
            year = atoi(argv[++a]);
        } else if (strcmp(argv[a], "--quoted") == 0) {
            quoted = 1;
        } else if (argv[a][0] != '-' && !dir) {
            dir = argv[a];
        } else {
            usage();
            return 2;
        }
    }
    if (!dir || rows < 1.0 || year < 1000 || year > 9999) {
        usage();
        return 2;
    }

    rng r;
    rng_seed(&r, seed);
    economy_row econ[N_ECONOMIES];
    static product prod[N_PRODUCTS];
    make_economies(econ, &r);
    make_products(prod, &r);
    double mean_pop = 0.0;
    for (int k = 0; k < N_PRODUCTS; k++) {
        mean_pop += (double)prod[k].threshold_scale / 4294967296.0 / N_PRODUCTS;
    }
    double c = calibrate(econ, mean_pop, rows);

    char path[4096];
    snprintf(path, sizeof path, "%s/country_codes_V202401.csv", dir);
    if (write_country_codes(path, econ) != 0) {
        return 1;
    }
    snprintf(path, sizeof path, "%s/BACI_HS17_Y%d_V202401.csv", dir, year);
    static writer w;
    w.f = fopen(path, "wb");
    if (!w.f) {
        fprintf(stderr, "gen_baci: cannot write %s: %s\n", path, strerror(errno));
        return 1;
    }
    w_str(&w, "t,i,j,k,v,q\n", 12);

    uint64_t written = 0;
    for (int i = 0; i < N_ECONOMIES; i++) {
        for (int j = 0; j < N_ECONOMIES; j++) {
            if (i == j) {
                continue;
            }
            double pair = fmin(1.0, c * econ[i].size * econ[j].size);
            /* threshold on 64-bit draws: P(row) = pair * popularity_k */
            uint64_t pair32 = (uint64_t)(pair * 4294967295.0);
            double log_scale = 0.5 * log(econ[i].size * econ[j].size);
            for (int k = 0; k < N_PRODUCTS; k++) {
                if (rng_next(&r) >= pair32 * prod[k].threshold_scale) {
                    continue;
                }
                double v = exp(log_scale + 1.8 * rng_normal(&r));
                uint64_t roll = rng_next(&r) % 100;
                if (w.len > sizeof w.buf - 256) {
                    w_flush(&w);
                }
                w_uint(&w, (uint64_t)year, 1);
                w.buf[w.len++] = ',';
                w_uint(&w, (uint64_t)econ[i].e->code, 1);
                w.buf[w.len++] = ',';
                w_uint(&w, (uint64_t)econ[j].e->code, 1);
                w.buf[w.len++] = ',';
                if (quoted) {
                    w.buf[w.len++] = '"';
                }
                w_uint(&w, (uint64_t)prod[k].code, 6);
                if (quoted) {
                    w.buf[w.len++] = '"';
                }
                w.buf[w.len++] = ',';
                w_milli(&w, to_milli(v));
                w.buf[w.len++] = ',';
                if (roll < 4) { /* BACI has no quantity for a few percent of flows */
                    w_str(&w, "NA", 2);
                } else if (roll >= 5) {
                    w_milli(&w, to_milli(v / prod[k].unit_value * exp(0.3 * rng_normal(&r))));
                }
                w.buf[w.len++] = '\n';
                written++;
            }
        }
    }
    w_flush(&w);
    if (fclose(w.f) != 0) {
        fprintf(stderr, "gen_baci: error writing %s\n", path);
        return 1;
    }
    printf("%s: %llu rows, %d economies, %d products\n", path, (unsigned long long)written,
           N_ECONOMIES, N_PRODUCTS);
    return 0;
}

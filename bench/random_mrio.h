/*
 * random_mrio.h - the 49-region system the EXIOBASE-size benchmarks share:
 * heavy-tailed coefficients like those of real tables (a_kj proportional to
 * u^6, u uniform on [0, 1), twenty times heavier inside the buyer's own
 * region, each column scaled to a sum in [0.3, 0.7]); final demand x - Z 1
 * with x in [1, 2), split evenly over the regions' final users.
 */
#ifndef FLOW_BENCH_RANDOM_MRIO_H
#define FLOW_BENCH_RANDOM_MRIO_H

#include <libflow.h>

#include <stdint.h>

#define BENCH_REGIONS 49

/* The model of order n (a multiple of BENCH_REGIONS); exits on failure. */
flow_io_model *bench_random_mrio(int64_t n);

#endif

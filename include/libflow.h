/*
 * libflow.h - the one supported include of libflow.
 *
 * libflow builds bilateral trade, energy and finance matrices from CSV files
 * and computes input-output dependency, asymmetry indices and sanctions-shock
 * propagation. Conventions shared by every header:
 *
 *  - Functions return an int status: FLOW_OK (0) or a negative flow_status;
 *    details of a failure come from flow_last_error() on the same thread.
 *  - Constructors are int flow_x_new(flow_x **out, ...): *out is NULL on
 *    failure. flow_x_free(NULL) is a no-op.
 *  - Argument order: a constructor's out comes first, then the handles and
 *    inputs it reads. A call on a handle takes the handle first, then its
 *    inputs, then the caller buffer it fills (flow_io_model_leontief_solve,
 *    ...); analyses that return a labelled table take flow_table **out first
 *    (flow_shock_run, flow_dyads_table, ...). A function on plain arrays, with no handle,
 *    takes its output (table or buffer) first (flow_supplier_hhi,
 *    flow_exposure, flow_shock_inoperability, ...), and its _from_dataset / _from_io_model
 *    variants keep that order, the handle taking the place of the arrays
 *    (flow_supplier_hhi_from_dataset, flow_exposure_from_io_model).
 *    Analysis functions are named after the quantity they compute
 *    (flow_<object>_<quantity>) rather than a verb.
 *  - Values are double, sizes and indices int64_t. Matrices at the ABI are
 *    row-major with an explicit row stride (in elements). Inputs are copied;
 *    outputs go into caller buffers or are borrowed from the handle that owns
 *    them, valid until that handle is modified or freed.
 *  - Row = origin (seller, exporter, lender); column = destination (buyer,
 *    importer, borrower).
 *  - Strings are UTF-8.
 *  - Threads: no global mutable state. Separate handles may be used from
 *    separate threads at once; one handle must not be modified from two threads
 *    at once; const (query) calls on one handle may run concurrently (a
 *    function that fills a cache of its handle takes it non-const). BLAS
 *    threading is OpenBLAS's: set OPENBLAS_NUM_THREADS to control it.
 */
#ifndef LIBFLOW_H
#define LIBFLOW_H

#include "libflow/common.h"
#include "libflow/version.h"
#include "libflow/table.h"
#include "libflow/labels.h"
#include "libflow/dataset.h"
#include "libflow/reader.h"
#include "libflow/io.h"
#include "libflow/indices.h"
#include "libflow/network.h"
#include "libflow/shock.h"
#include "libflow/mrio.h"
#include "libflow/sector_cut.h"
#include "libflow/va_trade.h"
#include "libflow/complexity.h"
#include "libflow/io_structure.h"
#include "libflow/contagion.h"
#include "libflow/iim.h"
#include "libflow/io_variants.h"
#include "libflow/evasion.h"
#include "libflow/unit_values.h"

#endif /* LIBFLOW_H */

/*
 * progress.c - an R function as the progress callback of a libflow read
 * (flow_read_options_set_progress).
 *
 * libflow calls the callback from inside its own frames, so nothing R does
 * there may longjmp out: an R error, an interrupt or a failed allocation
 * would skip libflow's cleanup and leave its locks and buffers behind. The
 * whole call into R therefore runs under R_ToplevelExec(), which stops every
 * such jump at its boundary. The R function given here is the guard built by
 * .flow_progress_guard() (R/dataset.R): it returns TRUE to cancel, FALSE to go
 * on, or the error condition the user's function raised, which is kept and
 * attached to the result once the read has returned and its handles are
 * released (flowr_progress_outcome()), for .flow_call() to signal in R.
 */
#include "flowr.h"

/* Runs under R_ToplevelExec(): allocations and the call may jump. */
static void call_guard(void *data)
{
    flowr_progress *p = data;
    SEXP done = PROTECT(Rf_ScalarReal((double)p->done));
    SEXP total = PROTECT(Rf_ScalarReal((double)p->total));
    SEXP call = PROTECT(Rf_lang3(p->fn, done, total));
    SEXP value = PROTECT(Rf_eval(call, R_GlobalEnv));
    if (Rf_inherits(value, "condition")) {
        SET_VECTOR_ELT(p->store, 0, value);
        p->cancel = 1;
    } else {
        p->cancel = TYPEOF(value) == LGLSXP && XLENGTH(value) == 1 && LOGICAL(value)[0] == TRUE;
    }
    UNPROTECT(4);
}

static int progress_callback(void *userdata, int64_t bytes_done, int64_t bytes_total)
{
    flowr_progress *p = userdata;
    p->done = bytes_done;
    p->total = bytes_total;
    p->cancel = 1; /* kept when the call jumped out: stop the read */
    R_ToplevelExec(call_guard, p);
    return p->cancel;
}

int flowr_progress_attach(flowr_progress *p, flow_read_options *opts)
{
    if (Rf_isNull(p->fn))
        return FLOW_OK;
    return flow_read_options_set_progress(opts, progress_callback, p);
}

SEXP flowr_progress_outcome(const flowr_progress *p, SEXP out)
{
    SEXP condition = VECTOR_ELT(p->store, 0);
    if (Rf_isNull(condition))
        return out;
    PROTECT(out);
    Rf_setAttrib(out, Rf_install("progress_condition"), condition);
    UNPROTECT(1);
    return out;
}

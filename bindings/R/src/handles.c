/*
 * handles.c - libflow handles as R external pointers.
 *
 * The pointer's tag is a symbol naming the handle's kind; the finalizer and
 * flow_close() both go through flowr_release(), which clears the pointer
 * before freeing the handle, so a handle is freed exactly once whichever of
 * the two runs first (and a closed handle is recognised as such).
 */
#include "flowr.h"

#include "kinds.h"

#include <string.h>

static const flowr_kind *const kinds[] = {FLOWR_KINDS};

static const flowr_kind *kind_of(SEXP x)
{
    SEXP tag = R_ExternalPtrTag(x);
    if (TYPEOF(tag) != SYMSXP)
        return NULL;
    const char *name = CHAR(PRINTNAME(tag));
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(kinds[i]->name, name) == 0)
            return kinds[i];
    return NULL;
}

/* Finalizer and close: frees the handle once and leaves a NULL pointer. */
void flowr_release(SEXP x)
{
    const flowr_kind *kind = kind_of(x);
    void *handle = R_ExternalPtrAddr(x);
    if (kind == NULL || handle == NULL)
        return;
    R_ClearExternalPtr(x);
    kind->free(handle);
}

SEXP flowr_handle_new(const flowr_kind *kind, SEXP owner)
{
    SEXP x = PROTECT(R_MakeExternalPtr(NULL, Rf_install(kind->name), owner));
    R_RegisterCFinalizerEx(x, flowr_release, TRUE);
    SEXP cls = PROTECT(Rf_allocVector(STRSXP, 2));
    SET_STRING_ELT(cls, 0, Rf_mkChar(kind->name));
    SET_STRING_ELT(cls, 1, Rf_mkChar("flow_handle"));
    Rf_setAttrib(x, R_ClassSymbol, cls);
    UNPROTECT(2);
    return x;
}

void *flowr_handle_get(SEXP x, const flowr_kind *kind)
{
    if (TYPEOF(x) != EXTPTRSXP || kind_of(x) != kind)
        Rf_error("expected a %s handle", kind->name);
    void *handle = R_ExternalPtrAddr(x);
    /* A NULL address is a closed handle, or one restored by readRDS() or a
     * saved workspace: external pointers do not survive serialization. */
    if (handle == NULL)
        Rf_error("the %s handle has been closed (or restored from a saved session)", kind->name);
    return handle;
}

/* .Call entry: flow_close(x). TRUE when this call freed the handle. */
SEXP flowr_close(SEXP x)
{
    if (TYPEOF(x) != EXTPTRSXP || kind_of(x) == NULL)
        Rf_error("expected a libflow handle");
    int was_open = R_ExternalPtrAddr(x) != NULL;
    flowr_release(x);
    return Rf_ScalarLogical(was_open);
}

/* .Call entry: whether x still holds a libflow handle. */
SEXP flowr_is_open(SEXP x)
{
    if (TYPEOF(x) != EXTPTRSXP || kind_of(x) == NULL)
        Rf_error("expected a libflow handle");
    return Rf_ScalarLogical(R_ExternalPtrAddr(x) != NULL);
}

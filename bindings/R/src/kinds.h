/*
 * kinds.h - the kinds of libflow handle the package wraps. Each is defined
 * next to the glue that creates it; FLOWR_KINDS lists them for handles.c.
 */
#ifndef FLOWR_KINDS_H
#define FLOWR_KINDS_H

#include "flowr.h"

extern const flowr_kind flowr_kind_table;
extern const flowr_kind flowr_kind_io_model;
extern const flowr_kind flowr_kind_io_diagnostics;

#define FLOWR_KINDS &flowr_kind_table, &flowr_kind_io_model, &flowr_kind_io_diagnostics

#endif /* FLOWR_KINDS_H */

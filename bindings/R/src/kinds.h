/*
 * kinds.h - the kinds of libflow handle the package wraps. Each is defined
 * next to the glue that creates it; FLOWR_KINDS lists them for handles.c.
 */
#ifndef FLOWR_KINDS_H
#define FLOWR_KINDS_H

#include "flowr.h"

extern const flowr_kind flowr_kind_table;

#define FLOWR_KINDS &flowr_kind_table

#endif /* FLOWR_KINDS_H */

/*
 * libflow/indices.h - (to be written: see the umbrella header for the list of concerns).
 */
#ifndef LIBFLOW_INDICES_H
#define LIBFLOW_INDICES_H

#include "libflow/common.h"

#endif /* LIBFLOW_INDICES_H */

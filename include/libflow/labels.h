/*
 * libflow/labels.h - (to be written: see the umbrella header for the list of concerns).
 */
#ifndef LIBFLOW_LABELS_H
#define LIBFLOW_LABELS_H

#include "libflow/common.h"

#endif /* LIBFLOW_LABELS_H */

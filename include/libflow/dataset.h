/*
 * libflow/dataset.h - (to be written: see the umbrella header for the list of concerns).
 */
#ifndef LIBFLOW_DATASET_H
#define LIBFLOW_DATASET_H

#include "libflow/common.h"

#endif /* LIBFLOW_DATASET_H */

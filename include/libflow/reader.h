/*
 * libflow/reader.h - (to be written: see the umbrella header for the list of concerns).
 */
#ifndef LIBFLOW_READER_H
#define LIBFLOW_READER_H

#include "libflow/common.h"

#endif /* LIBFLOW_READER_H */

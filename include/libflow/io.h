/*
 * libflow/io.h - (to be written: see the umbrella header for the list of concerns).
 */
#ifndef LIBFLOW_IO_H
#define LIBFLOW_IO_H

#include "libflow/common.h"

#endif /* LIBFLOW_IO_H */

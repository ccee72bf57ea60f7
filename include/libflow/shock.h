/*
 * libflow/shock.h - (to be written: see the umbrella header for the list of concerns).
 */
#ifndef LIBFLOW_SHOCK_H
#define LIBFLOW_SHOCK_H

#include "libflow/common.h"

#endif /* LIBFLOW_SHOCK_H */

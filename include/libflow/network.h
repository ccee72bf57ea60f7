/*
 * libflow/network.h - (to be written: see the umbrella header for the list of concerns).
 */
#ifndef LIBFLOW_NETWORK_H
#define LIBFLOW_NETWORK_H

#include "libflow/common.h"

#endif /* LIBFLOW_NETWORK_H */

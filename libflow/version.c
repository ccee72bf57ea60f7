/*
 * version.c - run-time version of the loaded library.
 */
#include "internal.h"

#define FLOW_I_STR(x)  #x
#define FLOW_I_XSTR(x) FLOW_I_STR(x)

const char *flow_version_string(void)
{
    return FLOW_I_XSTR(FLOW_VERSION_MAJOR) "." FLOW_I_XSTR(FLOW_VERSION_MINOR) "." FLOW_I_XSTR(
        FLOW_VERSION_PATCH);
}

int flow_version_number(void)
{
    return FLOW_VERSION_NUMBER;
}

int flow_abi_version(void)
{
    return FLOW_ABI_VERSION;
}

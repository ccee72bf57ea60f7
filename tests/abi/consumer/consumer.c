/* A program outside the libflow tree: checks the installed headers and library agree. */
#include <libflow.h>
#include <stdio.h>

int main(void)
{
    if (flow_version_number() != FLOW_VERSION_NUMBER || flow_abi_version() != FLOW_ABI_VERSION) {
        fprintf(stderr, "header/library version mismatch: %s\n", flow_version_string());
        return 1;
    }
    printf("libflow %s\n", flow_version_string());
    return 0;
}

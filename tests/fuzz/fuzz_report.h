/*
 * fuzz_report.h - the counts of a read report (flow_read_report_table's
 * scalars) for the fuzz targets' accounting checks.
 */
#ifndef FUZZ_REPORT_H
#define FUZZ_REPORT_H

#include <libflow.h>
#include <stddef.h>
#include <stdint.h>

/* Count `name` (rows, accepted, filtered, rejected, duplicates, missing); -1 on failure. */
static inline int64_t fuzz_report_count(const flow_read_report *r, const char *name)
{
    flow_table *t = NULL;
    double value = -1.0;
    if (flow_read_report_table(&t, r, FLOW_REPORT_COUNTS) == FLOW_OK)
        flow_table_scalar(t, name, &value);
    flow_table_free(t);
    return (int64_t)value;
}

#endif /* FUZZ_REPORT_H */

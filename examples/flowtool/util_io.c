/*
 * util_io.c - the labels of an IO model as the subcommands print them, read
 * once through flow_io_model_labels.
 */
#include "util.h"

static int64_t shape(const flow_table *t, const char *name)
{
    double value = 0.0;
    flow_table_scalar(t, name, &value);
    return (int64_t)value;
}

int flowtool_io_labels_read(struct flowtool_io_labels *l, const flow_io_model *m)
{
    l->n = l->regions = l->sectors = 0;
    if (flow_io_model_labels(&l->nodes, m, FLOW_IO_LABEL_NODES) != FLOW_OK)
        return flowtool_fail("model labels");
    l->n = shape(l->nodes, "order");
    l->regions = shape(l->nodes, "regions");
    l->sectors = shape(l->nodes, "sectors");
    return 0;
}

void flowtool_io_labels_free(struct flowtool_io_labels *l)
{
    flow_table_free(l->nodes);
    l->nodes = NULL;
}

const char *flowtool_io_region(const struct flowtool_io_labels *l, int64_t r)
{
    const char *code = flow_table_row_group(l->nodes, r * l->sectors);
    return code != NULL ? code : "";
}

const char *flowtool_io_sector(const struct flowtool_io_labels *l, int64_t s)
{
    const char *code = flow_table_row_label(l->nodes, s);
    return code != NULL ? code : "";
}

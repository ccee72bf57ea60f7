/*
 * 02_leontief.c - the Leontief inverse and output multipliers.
 *
 *   02_leontief [IO_TABLE.csv]
 *
 * First the two-sector example of Miller & Blair (Input-Output Analysis, 2nd
 * ed., 2009, Table 2.3), whose A and L are printed in the book; then, when a
 * wide IO table such as data/io_demo.csv is given (columns region,sector, the
 * Z block, final-demand columns; rows VA and X at the end), the output
 * multipliers of its sectors.
 */
#include "example.h"

#include <stdint.h>
#include <string.h>

static void print_matrix(const char *name, const double *m, int64_t n)
{
    for (int64_t i = 0; i < n; i++) {
        printf("%s row %lld:", name, (long long)(i + 1));
        for (int64_t j = 0; j < n; j++)
            printf(" %.10f", m[i * n + j]);
        printf("\n");
    }
}

static void miller_blair(void)
{
    const double z[] = {150, 500, 200, 100}; /* interindustry sales, row = seller */
    const double f[] = {350, 1700};          /* final demand */
    const double x[] = {1000, 2000};         /* gross output */
    double demand[2] = {350, 1700}, output[2];
    flow_io_model *model = NULL;
    flow_table *multipliers = NULL, *a = NULL, *l = NULL;

    check(flow_io_model_new(&model, 2, z, 1, f, NULL, x), "Miller-Blair model");
    /* A and L as labelled tables (2 x 2, row-major values). */
    check(flow_io_model_matrix(&a, model, FLOW_IO_TECHNICAL), "A");
    check(flow_io_model_matrix(&l, model, FLOW_IO_LEONTIEF), "L");
    /* Rows: sectors; columns "output", "value_added". */
    check(flow_io_multipliers(&multipliers, model, NULL), "multipliers");
    /* x = L f reproduces the gross output (solved with the LU, L not needed). */
    check(flow_io_model_leontief_solve(model, 1, demand, 1, output, 2, 1), "x = L f");
    printf("Miller & Blair (2009), Table 2.3\n");
    print_matrix("A", flow_table_values(a), 2);
    print_matrix("L", flow_table_values(l), 2);
    printf("output multipliers: %.10f %.10f\n", flow_table_values(multipliers)[0],
           flow_table_values(multipliers)[2]);
    printf("x = L f: %.6f %.6f\n", output[0], output[1]);
    flow_table_free(multipliers);
    flow_table_free(a);
    flow_table_free(l);
    flow_io_model_free(model);
}

/* Reads the wide table and cuts it into Z, Y, value added and gross output. */
static flow_io_model *read_table(const char *path)
{
    flow_read_options *opts = NULL;
    flow_table *t = NULL, *z = NULL, *y = NULL, *v = NULL, *x = NULL;
    flow_io_model *model = NULL;
    check(flow_read_options_new(&opts), "options");
    /* One header row; two label columns: region (group) and sector (label). */
    check(flow_read_options_set(opts, "wide_label_cols", "2"), "layout");
    check(flow_read_options_set(opts, "wide_row_label_col", "1"), "layout");
    check(flow_read_options_set(opts, "wide_row_group_col", "0"), "layout");
    check(flow_table_read_csv(&t, path, opts, NULL), path);
    int64_t rows = flow_table_rows(t), cols = flow_table_cols(t), n = 0, va = -1, xr = -1;
    for (int64_t i = 0; i < rows; i++) {
        const char *region = flow_table_row_group(t, i);
        if (strcmp(region, "VA") == 0)
            va = i;
        else if (strcmp(region, "X") == 0)
            xr = i;
        else
            n++;
    }
    check(flow_table_slice(&z, t, 0, n, 0, n), "Z block");
    check(flow_table_slice(&y, t, 0, n, n, cols - n), "final demand");
    if (va >= 0)
        check(flow_table_slice(&v, t, va, 1, 0, n), "value added");
    if (xr >= 0)
        check(flow_table_slice(&x, t, xr, 1, 0, n), "gross output");
    check(flow_io_model_new_from_tables(&model, z, y, v, x), path);
    flow_table_free(t);
    flow_table_free(z);
    flow_table_free(y);
    flow_table_free(v);
    flow_table_free(x);
    flow_read_options_free(opts);
    return model;
}

static void table_multipliers(const char *path)
{
    flow_io_model *model = read_table(path);
    flow_table *m = NULL, *nodes = NULL;
    double regions = 0.0, sectors = 0.0;
    check(flow_io_model_labels(&nodes, model, FLOW_IO_LABEL_NODES), "labels");
    check(flow_table_scalar(nodes, "regions", &regions), "regions");
    check(flow_table_scalar(nodes, "sectors", &sectors), "sectors");
    check(flow_io_multipliers(&m, model, NULL), "multipliers");
    printf("\n%s: %.0f regions x %.0f sectors; output multiplier (column sum of L):\n", path,
           regions, sectors);
    /* Result rows are labelled by sector, grouped by region. */
    for (int64_t j = 0; j < flow_table_rows(m); j++)
        printf("multiplier %s %s %.10f\n", flow_table_row_group(m, j), flow_table_row_label(m, j),
               flow_table_values(m)[j * 2]);
    flow_table_free(nodes);
    flow_table_free(m);
    flow_io_model_free(model);
}

int main(int argc, char **argv)
{
    miller_blair();
    if (argc > 1)
        table_multipliers(argv[1]);
    return 0;
}

/*
 * svg_heatmap.c - a dependence matrix among chosen economies as a heatmap.
 */
#include "svg.h"

#include <math.h>
#include <string.h>

/* Rough advance width of text in the sans-serif fonts used, for layout only. */
static double text_width(const char *s, double size)
{
    return 0.62 * size * (double)strlen(s);
}

static void format_value(char *buf, size_t len, const struct svg_heatmap *h, double v)
{
    if (h->percent)
        svg_format_percent(buf, len, v);
    else
        svg_format_number(buf, len, v);
}

static void format_tick(char *buf, size_t len, const struct svg_heatmap *h, double v, double step)
{
    if (!h->percent)
        svg_format_number(buf, len, v);
    else
        snprintf(buf, len, step >= 0.01 ? "%.0f%%" : "%.1f%%", 100.0 * v);
}

/* Largest finite off-diagonal value: the top of the colour scale. */
static double largest(const struct svg_heatmap *h)
{
    double max = 0.0;
    for (int64_t i = 0; i < h->n; i++)
        for (int64_t j = 0; j < h->n; j++) {
            double v = h->values[i * h->stride + j];
            if (i != j && isfinite(v) && v > max)
                max = v;
        }
    return max;
}

/* Decades below the top that a log scale shows; smaller values take the bottom colour. */
#define LOG_DECADES 3.0

/* Position of v on the colour scale, in [0, 1]. */
static double scale_of(const struct svg_heatmap *h, double v, double top)
{
    if (!isfinite(v) || !(v > 0.0))
        return 0.0;
    if (h->log_scale)
        return fmax(0.0, 1.0 + log10(v / top) / LOG_DECADES);
    return v / top;
}

static void draw_cell(FILE *out, const struct svg_heatmap *h, int64_t i, int64_t j, double x,
                      double y, double cell, double top)
{
    double v = h->values[i * h->stride + j];
    double font = fmin(13.0, fmax(8.0, cell * 0.3));
    char value[32], fill[8];
    if (i == j) {
        fprintf(out,
                "<rect class=\"cell diagonal\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                "height=\"%.1f\" fill=\"url(#hatch)\" stroke=\"#ffffff\"><title>",
                x, y, cell, cell);
        svg_escape(out, h->labels[i]);
        fputs(": self-flows are not counted</title></rect>\n", out);
        return;
    }
    format_value(value, sizeof value, h, v);
    struct svg_rgb c = svg_viridis(scale_of(h, v, top));
    if (isfinite(v))
        svg_rgb_hex(fill, sizeof fill, c);
    else
        strcpy(fill, "#d9d9d9");
    fprintf(out,
            "<rect class=\"cell\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
            "fill=\"%s\" stroke=\"#ffffff\"><title>",
            x, y, cell, cell, fill);
    fprintf(out, "%s ", h->row_axis);
    svg_escape(out, h->labels[i]);
    fprintf(out, ", %s ", h->col_axis);
    svg_escape(out, h->labels[j]);
    fputs(": ", out);
    svg_escape(out, value);
    fputs("</title></rect>\n", out);
    svg_text(out, x + cell / 2, y + cell / 2 + 0.36 * font, "middle", font, "normal",
             !isfinite(v) || svg_dark_text_on(c) ? "#1a1a1a" : "#ffffff", NULL, value);
}

/* Vertical colour bar from 0 (bottom) to top, with ticks. */
static void draw_legend(FILE *out, const struct svg_heatmap *h, double x, double y, double height,
                        double top, double step, int count)
{
    const int stops = 17;
    fputs("<defs><linearGradient id=\"scale\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">\n", out);
    for (int k = 0; k < stops; k++) {
        char hex[8];
        svg_rgb_hex(hex, sizeof hex, svg_viridis((double)k / (stops - 1)));
        fprintf(out, "<stop offset=\"%.4f\" stop-color=\"%s\"/>\n", (double)k / (stops - 1), hex);
    }
    fputs("</linearGradient></defs>\n", out);
    fputs("<g class=\"legend\">\n", out);
    svg_text(out, x, y - 10, "start", 11, "normal", "#333333", NULL, h->legend);
    fprintf(out,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"16\" height=\"%.1f\" "
            "fill=\"url(#scale)\" stroke=\"#888888\" stroke-width=\"0.5\"/>\n",
            x, y, height);
    /* Linear: 0, step, ..., top. Log: top and each decade below it. */
    int ticks = h->log_scale ? (int)LOG_DECADES + 1 : count;
    for (int k = 0; k < ticks; k++) {
        char label[32];
        double v = h->log_scale ? top * pow(10.0, -k) : k * step;
        double ty = y + height - height * scale_of(h, v, top);
        if (h->log_scale && k == ticks - 1)
            ty = y + height;
        format_tick(label, sizeof label, h, v, step);
        fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#555555\"/>\n",
                x + 16, ty, x + 20, ty);
        svg_text(out, x + 23, ty + 4, "start", 10, "normal", "#333333", NULL, label);
    }
    fputs("</g>\n", out);
}

void svg_heatmap(FILE *out, const struct svg_heatmap *h)
{
    double cell = fmin(52.0, fmax(26.0, 640.0 / (double)(h->n > 0 ? h->n : 1)));
    double label_w = 0.0;
    for (int64_t i = 0; i < h->n; i++)
        label_w = fmax(label_w, text_width(h->labels[i], 11));
    /* Long labels (names rather than codes) are turned to fit above narrow columns. */
    int turn = label_w > cell - 4;
    double gx = 46 + label_w + 8;
    double gy = 96 + (turn ? label_w * 0.72 : 0);
    double side = cell * (double)h->n;
    double step = 0, top = 0;
    int ticks = 0;
    svg_nice_ticks(largest(h), 5, &step, &top, &ticks);
    double legend_x = gx + side + 28;
    double width = fmax(legend_x + 70 + fmax(0, text_width(h->legend, 11) - 60),
                        fmax(text_width(h->title, 16), text_width(h->subtitle, 12)) + 40);
    double height = gy + side + 30;

    svg_begin(out, width, height);
    fputs("<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
          "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#eeeeee\"/>"
          "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#bbbbbb\" stroke-width=\"2\"/>"
          "</pattern></defs>\n",
          out);
    svg_text(out, 20, 28, "start", 16, "bold", "#1a1a1a", NULL, h->title);
    svg_text(out, 20, 48, "start", 12, "normal", "#444444", NULL, h->subtitle);
    svg_text(out, gx + side / 2, 72, "middle", 12, "bold", "#333333", NULL, h->col_axis);
    char turn_left[96];
    snprintf(turn_left, sizeof turn_left, "transform=\"rotate(-90 %.1f %.1f)\"", 26.0,
             gy + side / 2);
    svg_text(out, 26, gy + side / 2, "middle", 12, "bold", "#333333", turn_left, h->row_axis);
    for (int64_t j = 0; j < h->n; j++) {
        double cx = gx + (double)j * cell + cell / 2;
        char rotate[96];
        snprintf(rotate, sizeof rotate, "transform=\"rotate(-45 %.1f %.1f)\"", cx + 4, gy - 6);
        svg_text(out, turn ? cx + 4 : cx, gy - 6, turn ? "start" : "middle", 11, "normal",
                 "#1a1a1a", turn ? rotate : NULL, h->labels[j]);
    }
    for (int64_t i = 0; i < h->n; i++) {
        double y = gy + (double)i * cell;
        svg_text(out, gx - 6, y + cell / 2 + 4, "end", 11, "normal", "#1a1a1a", NULL, h->labels[i]);
        for (int64_t j = 0; j < h->n; j++)
            draw_cell(out, h, i, j, gx + (double)j * cell, y, cell, top);
    }
    draw_legend(out, h, legend_x, gy, fmin(side, 320.0), top, step, ticks);
    svg_end(out);
}

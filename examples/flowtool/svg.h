/*
 * svg.h - the pictures of "flowtool plot", written as plain SVG 1.1 text so
 * that no graphics library is needed.
 *
 * svg_doc.c holds the document primitives (escaped text, number formats),
 * svg_scale.c the colour map and axis ticks, svg_heatmap.c and svg_network.c
 * the two pictures. The drawing functions take plain arrays and labels, not
 * libflow handles: cmd_plot.c computes what to draw through the library, and
 * these files only lay it out. Every mark a reader may want to count carries
 * a class ("cell", "node", "edge") and a <title> tooltip with its value.
 */
#ifndef FLOWTOOL_SVG_H
#define FLOWTOOL_SVG_H

#include <stdint.h>
#include <stdio.h>

/* ------------------------------------------------------------ document */

/* Opens an SVG document of width x height pixels (white background, fonts). */
void svg_begin(FILE *out, double width, double height);

/* Closes the document opened by svg_begin. */
void svg_end(FILE *out);

/* Writes s with the XML special characters escaped. */
void svg_escape(FILE *out, const char *s);

/*
 * A text element at (x, y): anchor "start", "middle" or "end", size in
 * pixels, weight "normal" or "bold", fill a CSS colour; extra is inserted
 * verbatim into the start tag (e.g. a transform) and may be NULL.
 */
void svg_text(FILE *out, double x, double y, const char *anchor, double size, const char *weight,
              const char *fill, const char *extra, const char *text);

/*
 * Formats value in the data's own unit into buf: 3 significant digits,
 * thousands separated, no k/M suffixes that would be read as a change of unit
 * (155790 -> "156,000", 86.24 -> "86.2", 0.0421 -> "0.0421").
 */
void svg_format_number(char *buf, size_t len, double value);

/* Formats a share as a percentage ("37%", "4.2%", "0.3%"; "<0.1%" for tiny ones). */
void svg_format_percent(char *buf, size_t len, double share);

/* ---------------------------------------------------------------- scale */

/* An sRGB colour, components in [0, 255]. */
struct svg_rgb {
    int r, g, b;
};

/*
 * The colour of t in [0, 1] on the viridis map (van der Walt & Smith, 2015;
 * perceptually uniform, readable in grey and by colour-blind readers);
 * t is clamped.
 */
struct svg_rgb svg_viridis(double t);

/* "#rrggbb" of a colour into buf (8 bytes at least). */
void svg_rgb_hex(char *buf, size_t len, struct svg_rgb c);

/* 1 when dark text is more legible than white on background c (WCAG relative luminance). */
int svg_dark_text_on(struct svg_rgb c);

/*
 * Axis ticks for [0, max]: a "nice" step (1, 2 or 5 times a power of ten)
 * giving at most max_ticks intervals; *top is the smallest multiple of the
 * step >= max (the end of the scale), *count the number of ticks 0, step, ...,
 * top. max <= 0 gives top 1, step 0.2.
 */
void svg_nice_ticks(double max, int max_ticks, double *step, double *top, int *count);

/* -------------------------------------------------------------- pictures */

/* What svg_heatmap draws: an n x n matrix among n economies. */
struct svg_heatmap {
    const char *title;    /* first line */
    const char *subtitle; /* second line: how to read a cell */
    const char *row_axis; /* caption of the rows, e.g. "importer" */
    const char *col_axis; /* caption of the columns, e.g. "supplier" */
    const char *const *labels;
    int64_t n;
    const double *values; /* values[i * stride + j]; NaN: undefined (drawn grey, "n/a") */
    int64_t stride;
    int percent;        /* 1: values are shares, printed as percentages */
    const char *legend; /* caption of the colour scale, e.g. "USD_m" or "share of imports" */
    int log_scale;      /* 1: colours on a log scale over three decades below the maximum */
};

/*
 * Draws a heatmap: one <rect class="cell"> per (row, column), diagonal cells
 * (self-flows, ignored by every index) hatched grey, the others coloured on
 * the viridis scale from 0 to a nice maximum with their value written in;
 * labels on both axes and a colour bar with ticks.
 */
void svg_heatmap(FILE *out, const struct svg_heatmap *h);

/* What svg_network draws: the strongest flows among some economies. */
struct svg_network {
    const char *title;
    const char *subtitle;
    const char *const *labels; /* n node labels */
    const double *strength;    /* n node strengths (>= 0): node area is proportional */
    const double *balance;     /* n trade balances (out - in) / (out + in): node colour */
    int64_t n;
    const int64_t *from, *to; /* m edges: node indices */
    const double *flow;       /* m flows (> 0): edge width is proportional */
    int64_t m;
    const char *unit; /* of strengths and flows */
};

/*
 * Draws the nodes on a circle, the strongest at the top and the next ones
 * spread so that large nodes are far apart (<circle class="node">), and one curved arrow per edge
 * from exporter to importer (<path class="edge"> plus its arrowhead), bent to the right of its
 * direction so that the two directions of a pair stay apart; widths
 * proportional to the flows, node areas to the strengths, node colours to the
 * trade balance, with a legend (<g class="legend">) of all three. Flow values
 * (class "edge-label") are placed where they cover no node and no other
 * label; an arrow with no such place keeps its value in its tooltip.
 */
void svg_network(FILE *out, const struct svg_network *g);

#endif /* FLOWTOOL_SVG_H */

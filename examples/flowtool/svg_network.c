/*
 * svg_network.c - the strongest flows as a directed network on a circle.
 */
#include "svg.h"

#include <math.h>
#include <string.h>

#define RING     250.0 /* radius of the circle the nodes sit on */
#define NODE_MAX 38.0  /* radius of the strongest node */
#define NODE_MIN 4.0   /* no node smaller than this, however weak */
#define EDGE_MAX 14.0  /* width of the largest flow */
#define EDGE_MIN 0.75  /* no edge thinner than this */
#define BEND     0.18  /* control point offset, as a share of the chord */
#define PI       3.14159265358979323846
#define CENTRE_X (RING + 150.0)
#define CENTRE_Y (RING + 120.0)
#define LEGEND_X (2 * RING + 330.0)

struct point {
    double x, y;
};

static double max_of(const double *v, int64_t n)
{
    double max = 0.0;
    for (int64_t i = 0; i < n; i++)
        max = fmax(max, v[i]);
    return max;
}

/* Node radius: area proportional to strength. */
static double node_radius(const struct svg_network *g, double strength)
{
    double max = max_of(g->strength, g->n);
    return max > 0 ? fmax(NODE_MIN, NODE_MAX * sqrt(strength / max)) : NODE_MIN;
}

static double edge_width(const struct svg_network *g, double flow)
{
    double max = max_of(g->flow, g->m);
    return max > 0 ? fmax(EDGE_MIN, EDGE_MAX * flow / max) : EDGE_MIN;
}

static int64_t gcd(int64_t a, int64_t b)
{
    while (b != 0) {
        int64_t r = a % b;
        a = b;
        b = r;
    }
    return a;
}

/*
 * Position of node k (nodes come strongest first): node 0 at the top, and
 * node k in slot k * step mod n of the n evenly spaced slots, with step the
 * largest integer <= n/2 prime to n. Consecutive nodes are then nearly
 * opposite, so the large nodes, which carry most of the large flows, are
 * far apart and the arrows between them long enough to read.
 */
static struct point node_at(const struct svg_network *g, int64_t k)
{
    int64_t step = g->n / 2 > 0 ? g->n / 2 : 1;
    while (step > 1 && gcd(step, g->n) != 1)
        step--;
    double angle = -PI / 2 + 2 * PI * (double)(k * step % g->n) / (double)g->n;
    struct point p = {CENTRE_X + RING * cos(angle), CENTRE_Y + RING * sin(angle)};
    return p;
}

static struct point toward(struct point from, struct point to, double distance)
{
    double dx = to.x - from.x, dy = to.y - from.y;
    double len = hypot(dx, dy);
    struct point p = from;
    if (len > 0) {
        p.x += dx / len * distance;
        p.y += dy / len * distance;
    }
    return p;
}

/*
 * Edge e as a quadratic curve from the rim of its exporter to the base of
 * an arrowhead whose tip touches the rim of its importer. The control point
 * sits to the right of the direction of travel, so a -> b and b -> a bend
 * apart.
 */
struct edge_shape {
    struct point start, control, base, tip;
    double width, head;
};

static struct edge_shape edge_shape(const struct svg_network *g, int64_t e)
{
    struct point a = node_at(g, g->from[e]), b = node_at(g, g->to[e]);
    struct edge_shape s;
    double dx = b.x - a.x, dy = b.y - a.y;
    s.control.x = (a.x + b.x) / 2 - dy * BEND;
    s.control.y = (a.y + b.y) / 2 + dx * BEND;
    s.width = edge_width(g, g->flow[e]);
    s.head = 7.0 + 1.6 * s.width;
    s.start = toward(a, s.control, node_radius(g, g->strength[g->from[e]]) + 1.0);
    s.tip = toward(b, s.control, node_radius(g, g->strength[g->to[e]]) + 1.0);
    s.base = toward(s.tip, s.control, s.head);
    return s;
}

/* An axis-aligned box of drawn text or of a node, for keeping labels apart. */
struct box {
    double x0, y0, x1, y1;
};

/* Everything a label may not cover: node discs and the labels placed so far. */
struct layout {
    struct box *boxes;
    int64_t count, cap;
};

/* Box of text of the given size centred at (x, y) (width estimated from its length). */
static struct box text_box(double x, double y, double size, const char *text)
{
    double w = 0.62 * size * (double)strlen(text) + 4.0, h = size + 2.0;
    struct box b = {x - w / 2, y - h / 2, x + w / 2, y + h / 2};
    return b;
}

static int overlaps(struct box a, struct box b)
{
    return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

static int free_of(const struct layout *l, struct box b)
{
    for (int64_t k = 0; k < l->count; k++)
        if (overlaps(l->boxes[k], b))
            return 0;
    return 1;
}

static void occupy(struct layout *l, struct box b)
{
    if (l->count < l->cap)
        l->boxes[l->count++] = b;
}

static void draw_edge(FILE *out, const struct svg_network *g, int64_t e, const char *colour)
{
    struct edge_shape s = edge_shape(g, e);
    double half = s.width / 2 + 3.0 + 0.4 * s.width;
    /* Unit vector along the arrowhead; (-uy, ux) is across it. */
    double ux = (s.tip.x - s.base.x) / s.head, uy = (s.tip.y - s.base.y) / s.head;
    char value[32];
    svg_format_number(value, sizeof value, g->flow[e]);
    fprintf(out,
            "<path class=\"edge\" d=\"M %.1f %.1f Q %.1f %.1f %.1f %.1f\" fill=\"none\" "
            "stroke=\"%s\" stroke-opacity=\"0.55\" stroke-width=\"%.2f\"><title>",
            s.start.x, s.start.y, s.control.x, s.control.y, s.base.x, s.base.y, colour, s.width);
    svg_escape(out, g->labels[g->from[e]]);
    fputs(" \xe2\x86\x92 ", out); /* U+2192 rightwards arrow */
    svg_escape(out, g->labels[g->to[e]]);
    fprintf(out, ": %s ", value);
    svg_escape(out, g->unit);
    fputs("</title></path>\n", out);
    fprintf(out,
            "<polygon class=\"arrowhead\" points=\"%.1f,%.1f %.1f,%.1f %.1f,%.1f\" "
            "fill=\"%s\" fill-opacity=\"0.8\"/>\n",
            s.tip.x, s.tip.y, s.base.x - uy * half, s.base.y + ux * half, s.base.x + uy * half,
            s.base.y - ux * half, colour);
}

/*
 * The value of edge e on its curve, at the first of a few points from the
 * middle outwards where it covers no node and no label already placed; an
 * arrow too crowded for its value keeps it in its tooltip only.
 */
static void draw_edge_value(FILE *out, const struct svg_network *g, int64_t e, struct layout *l)
{
    static const double at[] = {0.5, 0.42, 0.58, 0.34, 0.66, 0.27, 0.73};
    struct edge_shape s = edge_shape(g, e);
    char value[32];
    svg_format_number(value, sizeof value, g->flow[e]);
    for (size_t k = 0; k < sizeof at / sizeof at[0]; k++) {
        double t = at[k], u = 1.0 - t;
        double mx = u * u * s.start.x + 2 * u * t * s.control.x + t * t * s.base.x;
        double my = u * u * s.start.y + 2 * u * t * s.control.y + t * t * s.base.y;
        struct box b = text_box(mx, my, 10, value);
        if (!free_of(l, b))
            continue;
        occupy(l, b);
        svg_text(out, mx, my + 3.5, "middle", 10, "normal", "#1a1a1a",
                 "class=\"edge-label\" stroke=\"#ffffff\" stroke-width=\"3\" "
                 "paint-order=\"stroke\"",
                 value);
        return;
    }
}

/*
 * Node colour: the economy's trade balance in the drawn layer, (out - in) /
 * (out + in) from -1 (only buys) to +1 (only sells), on the viridis map (a
 * legend explains it). Arrows take their exporter's colour.
 */
static void node_colour(char *buf, size_t len, const struct svg_network *g, int64_t k)
{
    double b = g->balance[k];
    svg_rgb_hex(buf, len, svg_viridis(isfinite(b) ? (b + 1.0) / 2.0 : 0.5));
}

static void draw_node(FILE *out, const struct svg_network *g, int64_t k)
{
    struct point p = node_at(g, k);
    char colour[8], value[32];
    node_colour(colour, sizeof colour, g, k);
    svg_format_number(value, sizeof value, g->strength[k]);
    fprintf(out,
            "<circle class=\"node\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\" "
            "stroke=\"#ffffff\" stroke-width=\"1.5\"><title>",
            p.x, p.y, node_radius(g, g->strength[k]), colour);
    svg_escape(out, g->labels[k]);
    fprintf(out, ": strength %s ", value);
    svg_escape(out, g->unit);
    fputs("</title></circle>\n", out);
}

/* The label of node k outside it, along the ray from the centre. */
static void draw_node_label(FILE *out, const struct svg_network *g, int64_t k, struct layout *l)
{
    struct point p = node_at(g, k), centre = {CENTRE_X, CENTRE_Y};
    struct point at = toward(p, centre, -(node_radius(g, g->strength[k]) + 14.0));
    occupy(l, text_box(at.x, at.y, 13, g->labels[k]));
    svg_text(out, at.x, at.y + 4.5, "middle", 13, "bold", "#1a1a1a",
             "class=\"node-label\" stroke=\"#ffffff\" stroke-width=\"3\" "
             "paint-order=\"stroke\"",
             g->labels[k]);
}

/* The balance colours: a bar from net importer (-1) to net exporter (+1). */
static void draw_colour_legend(FILE *out, double x, double y)
{
    const int stops = 9;
    fputs("<defs><linearGradient id=\"balance\" x1=\"0\" y1=\"0\" x2=\"1\" y2=\"0\">\n", out);
    for (int k = 0; k < stops; k++) {
        char hex[8];
        svg_rgb_hex(hex, sizeof hex, svg_viridis((double)k / (stops - 1)));
        fprintf(out, "<stop offset=\"%.3f\" stop-color=\"%s\"/>\n", (double)k / (stops - 1), hex);
    }
    fputs("</linearGradient></defs>\n", out);
    svg_text(out, x, y, "start", 12, "bold", "#333333", NULL, "colour: trade balance");
    svg_text(out, x, y + 16, "start", 11, "normal", "#333333", NULL,
             "(exports - imports) / (exports + imports)");
    fprintf(out,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"160\" height=\"12\" fill=\"url(#balance)\" "
            "stroke=\"#888888\" stroke-width=\"0.5\"/>\n",
            x, y + 26);
    svg_text(out, x, y + 52, "start", 11, "normal", "#333333", NULL, "-1 buys");
    svg_text(out, x + 80, y + 52, "middle", 11, "normal", "#333333", NULL, "0");
    svg_text(out, x + 160, y + 52, "end", 11, "normal", "#333333", NULL, "sells +1");
}

/* Three reference flows and strengths with their drawn sizes, and the colours. */
static void draw_legend(FILE *out, const struct svg_network *g)
{
    double x = LEGEND_X, y = 90;
    fputs("<g class=\"legend\">\n", out);
    double flow_max = max_of(g->flow, g->m), smax = max_of(g->strength, g->n);
    char caption[96], value[32];
    snprintf(caption, sizeof caption, "flow (%s)", g->unit);
    svg_text(out, x, y, "start", 12, "bold", "#333333", NULL, caption);
    for (int k = 0; k < 3; k++) {
        double f = flow_max / (double)(1 << (2 * k)); /* max, max/4, max/16 */
        double w = edge_width(g, f), ly = y + 24 + 26 * k;
        svg_format_number(value, sizeof value, f);
        fprintf(out,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#555555\" "
                "stroke-opacity=\"0.55\" stroke-width=\"%.2f\"/>\n",
                x, ly, x + 46, ly, w);
        svg_text(out, x + 56, ly + 4, "start", 11, "normal", "#333333", NULL, value);
    }
    y += 130;
    snprintf(caption, sizeof caption, "strength, in + out (%s)", g->unit);
    svg_text(out, x, y, "start", 12, "bold", "#333333", NULL, caption);
    double cy = y + 16;
    for (int k = 0; k < 3; k++) {
        double s = smax / (double)(1 << (2 * k));
        double r = node_radius(g, s);
        cy += r + 8;
        svg_format_number(value, sizeof value, s);
        fprintf(out,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"none\" stroke=\"#555555\"/>\n",
                x + NODE_MAX, cy, r);
        svg_text(out, x + 2 * NODE_MAX + 10, cy + 4, "start", 11, "normal", "#333333", NULL, value);
        cy += r;
    }
    draw_colour_legend(out, x, cy + 30);
    fputs("</g>\n", out);
}

void svg_network(FILE *out, const struct svg_network *g)
{
    double width = LEGEND_X + 230, height = 2 * CENTRE_Y;
    svg_begin(out, width, height);
    svg_text(out, 20, 28, "start", 16, "bold", "#1a1a1a", NULL, g->title);
    svg_text(out, 20, 48, "start", 12, "normal", "#444444", NULL, g->subtitle);
    /* Edges come largest first: the thin ones are drawn over the thick ones. */
    for (int64_t e = 0; e < g->m; e++) {
        char colour[8];
        double t = isfinite(g->balance[g->from[e]]) ? (g->balance[g->from[e]] + 1.0) / 2.0 : 0.5;
        /* the exporter's colour, but never the palest yellow of the map on white */
        svg_rgb_hex(colour, sizeof colour, svg_viridis(fmin(t, 0.8)));
        draw_edge(out, g, e, colour);
    }
    /* Then nodes over the edges and names and values over everything, kept apart. */
    struct box room[1024];
    struct layout l = {room, 0, (int64_t)(sizeof room / sizeof room[0])};
    for (int64_t k = 0; k < g->n; k++) {
        struct point p = node_at(g, k);
        double r = node_radius(g, g->strength[k]);
        struct box disc = {p.x - r, p.y - r, p.x + r, p.y + r};
        occupy(&l, disc);
        draw_node(out, g, k);
    }
    for (int64_t k = 0; k < g->n; k++)
        draw_node_label(out, g, k, &l);
    for (int64_t e = 0; e < g->m; e++)
        draw_edge_value(out, g, e, &l);
    draw_legend(out, g);
    svg_end(out);
}

/*
 * svg_scale.c - colour map and axis ticks of the pictures.
 */
#include "svg.h"

#include <math.h>

/*
 * Viridis sampled at t = 0, 1/8, ..., 1 (matplotlib's _viridis_data rounded
 * to 8 bits); between samples the map is interpolated linearly, which stays
 * within one or two units of the full 256-entry table.
 */
static const struct svg_rgb viridis[] = {{68, 1, 84},    {71, 45, 123},  {59, 82, 139},
                                         {44, 114, 142}, {33, 145, 140}, {40, 174, 128},
                                         {94, 201, 98},  {173, 220, 48}, {253, 231, 37}};

struct svg_rgb svg_viridis(double t)
{
    const int last = (int)(sizeof viridis / sizeof viridis[0]) - 1;
    if (!(t > 0.0))
        return viridis[0];
    if (t >= 1.0)
        return viridis[last];
    double x = t * last;
    int k = (int)x;
    double f = x - k;
    struct svg_rgb c = {
        (int)lround(viridis[k].r + f * (viridis[k + 1].r - viridis[k].r)),
        (int)lround(viridis[k].g + f * (viridis[k + 1].g - viridis[k].g)),
        (int)lround(viridis[k].b + f * (viridis[k + 1].b - viridis[k].b)),
    };
    return c;
}

void svg_rgb_hex(char *buf, size_t len, struct svg_rgb c)
{
    snprintf(buf, len, "#%02x%02x%02x", c.r, c.g, c.b);
}

/* Linear-light value of one sRGB component (IEC 61966-2-1). */
static double linear(int component)
{
    double v = component / 255.0;
    return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

int svg_dark_text_on(struct svg_rgb c)
{
    double y = 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
    /* Black and white text have equal contrast ratios at Y = 0.179. */
    return y > 0.179;
}

void svg_nice_ticks(double max, int max_ticks, double *step, double *top, int *count)
{
    if (!(max > 0.0) || !isfinite(max)) {
        *step = 0.2;
        *top = 1.0;
        *count = 6;
        return;
    }
    double raw = max / (max_ticks > 0 ? max_ticks : 5);
    double base = pow(10.0, floor(log10(raw)));
    double f = raw / base;
    *step = (f <= 1.0 ? 1.0 : f <= 2.0 ? 2.0 : f <= 5.0 ? 5.0 : 10.0) * base;
    /* A hair of tolerance so that max = 0.6 with step 0.2 ends at 0.6, not 0.8. */
    int intervals = (int)ceil(max / *step - 1e-9);
    *top = intervals * *step;
    *count = intervals + 1;
}

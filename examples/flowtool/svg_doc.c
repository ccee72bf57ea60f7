/*
 * svg_doc.c - SVG document primitives: header, escaped text, number formats.
 */
#include "svg.h"

#include <math.h>
#include <string.h>

void svg_begin(FILE *out, double width, double height)
{
    fprintf(out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%.0f\" "
            "height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
            "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n"
            "<rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>\n",
            width, height, width, height);
}

void svg_end(FILE *out)
{
    fputs("</svg>\n", out);
}

void svg_escape(FILE *out, const char *s)
{
    for (; *s != '\0'; s++)
        switch (*s) {
            case '&':
                fputs("&amp;", out);
                break;
            case '<':
                fputs("&lt;", out);
                break;
            case '>':
                fputs("&gt;", out);
                break;
            case '"':
                fputs("&quot;", out);
                break;
            default:
                fputc(*s, out);
        }
}

void svg_text(FILE *out, double x, double y, const char *anchor, double size, const char *weight,
              const char *fill, const char *extra, const char *text)
{
    fprintf(out,
            "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%.1f\" "
            "font-weight=\"%s\" fill=\"%s\"%s%s>",
            x, y, anchor, size, weight, fill, extra ? " " : "", extra ? extra : "");
    svg_escape(out, text);
    fputs("</text>\n", out);
}

void svg_format_number(char *buf, size_t len, double value)
{
    static const char suffixes[] = " kMGT";
    double a = fabs(value);
    int k = 0;
    if (!isfinite(value)) {
        snprintf(buf, len, "n/a");
        return;
    }
    /* 999.6 would print as "1e+03" with %.3g: move to the next suffix first. */
    while (a >= 999.5 && k < 4) {
        a /= 1000.0;
        k++;
    }
    if (k == 0)
        snprintf(buf, len, "%.3g", value);
    else
        snprintf(buf, len, "%.3g%c", value < 0 ? -a : a, suffixes[k]);
}

void svg_format_percent(char *buf, size_t len, double share)
{
    double p = 100.0 * share;
    if (!isfinite(p))
        snprintf(buf, len, "n/a");
    else if (p == 0.0)
        snprintf(buf, len, "0");
    else if (p < 0.05)
        snprintf(buf, len, "<0.1%%");
    else if (p < 9.95)
        snprintf(buf, len, "%.1f%%", p);
    else
        snprintf(buf, len, "%.0f%%", p);
}

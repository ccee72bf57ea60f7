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
    double a = fabs(value);
    if (!isfinite(value)) {
        snprintf(buf, len, "n/a");
        return;
    }
    if (a < 999.5) {
        snprintf(buf, len, "%.3g", value);
        return;
    }
    /* Three significant digits, written out with thousands separators. */
    double unit = pow(10.0, floor(log10(a)) - 2);
    long long whole = (long long)llround(a / unit) * (long long)llround(unit);
    char digits[32], grouped[48];
    snprintf(digits, sizeof digits, "%lld", whole);
    size_t n = strlen(digits), k = 0;
    for (size_t d = 0; d < n && k + 2 < sizeof grouped; d++) {
        if (d > 0 && (n - d) % 3 == 0)
            grouped[k++] = ',';
        grouped[k++] = digits[d];
    }
    grouped[k] = '\0';
    snprintf(buf, len, "%s%s", value < 0 ? "-" : "", grouped);
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

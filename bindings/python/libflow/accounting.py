"""Warnings for rows a read did not keep.

Every reader accounts for every row (ReadReport), but a count in a report
nobody prints is a silent loss. Each read therefore warns, with
RowsDroppedWarning, when rows were rejected (bad values, units that differ
from their matrix's, unknown codes, ...) or filtered out (years, layers or
product prefixes not selected): how many of how many, the reasons with their
counts, and the first rejected rows with file, line and column. Silence it
the usual way, e.g. ``warnings.simplefilter("ignore", libflow.RowsDroppedWarning)``,
or use ``strict=True`` to make the first bad row an error instead.
"""
import warnings

#: How many reasons and rejected rows a warning quotes.
QUOTED = 3


class RowsDroppedWarning(UserWarning):
    """Rows of a CSV were rejected or filtered out by a read.

    Attributes: ``source`` (file or buffer name), ``rows``, ``rejected``,
    ``filtered`` (counts) and ``reasons`` (the report's Reason tuples).
    """

    def __init__(self, message, source, report):
        super().__init__(message)
        self.source = source
        self.rows = report.rows
        self.rejected = report.rejected
        self.filtered = report.filtered
        self.reasons = report.reasons


def describe(report, source):
    """The warning text for a report with dropped rows (None when none were)."""
    if report.rejected == 0 and report.filtered == 0:
        return None
    counts = []
    if report.rejected:
        counts.append("%d rejected" % report.rejected)
    if report.filtered:
        counts.append("%d filtered out" % report.filtered)
    reasons = ["%s (%d %s)" % (r.reason, r.count, r.kind) for r in report.reasons[:QUOTED]]
    if len(report.reasons) > QUOTED:
        reasons.append("%d more reasons" % (len(report.reasons) - QUOTED))
    text = "%s: %s of %d rows: %s" % (source, " and ".join(counts), report.rows,
                                      "; ".join(reasons))
    kept = report.kept[:QUOTED]
    if kept:
        text += "; first: " + "; ".join(k.message for k in kept)
    return text


def warn_dropped(report, source, stacklevel=3):
    """Warns with RowsDroppedWarning when report counts rejected or filtered
    rows; stacklevel as for warnings.warn, counted from the caller."""
    text = describe(report, source)
    if text is not None:
        warnings.warn(RowsDroppedWarning(text, source, report), stacklevel=stacklevel)

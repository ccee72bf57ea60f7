# Warnings for rows a read did not keep: every reader accounts for every row
# in its report, but a count nobody prints is a silent loss, so each read
# warns (class "flow_rows_dropped") with how many rows of how many were
# rejected or filtered out, the reasons with their counts and the first
# rejected rows with file, line and column. suppressWarnings() or
# strict = TRUE (the first bad row is an error) silence it.

.flow_quoted <- 3L

.flow_warn_dropped <- function(report, source) {
    counts <- report$counts
    rejected <- counts[["rejected"]]
    filtered <- counts[["filtered"]]
    if (rejected == 0 && filtered == 0) return(invisible(NULL))
    parts <- c(if (rejected > 0) sprintf("%g rejected", rejected),
               if (filtered > 0) sprintf("%g filtered out", filtered))
    reasons <- utils::head(report$reasons, .flow_quoted)
    kinds <- ifelse(reasons$rejected, "rejected", "filtered")
    text <- sprintf("%s: %s of %g rows: %s", source, paste(parts, collapse = " and "),
                    counts[["rows"]],
                    paste(c(sprintf("%s (%g %s)", reasons$reason, reasons$rows, kinds),
                            if (nrow(report$reasons) > .flow_quoted)
                                sprintf("%d more reasons", nrow(report$reasons) - .flow_quoted)),
                          collapse = "; "))
    first <- utils::head(report$rejects$message, .flow_quoted)
    if (length(first) > 0) text <- paste0(text, "; first: ", paste(first, collapse = "; "))
    condition <- structure(class = c("flow_rows_dropped", "warning", "condition"),
                           list(message = text, call = NULL, rows = counts[["rows"]],
                                rejected = rejected, filtered = filtered,
                                reasons = report$reasons))
    warning(condition)
}

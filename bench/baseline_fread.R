# data.table baseline for the ingest benchmarks.
#
#   Rscript baseline_fread.R FILE pairs|groups [REPS]
#
# pairs   fread(i, j, v) + sum(v) by (i, j)                -> RESULT ingest.fread.pairs
# groups  fread(i, j, k, v) + sum(v) by (k %/% 1e4, i, j)  -> RESULT ingest.fread.groups
#
# Two threads (setDTthreads(2)), only the needed columns: data.table at its
# best on this machine. The best of REPS runs is printed.
suppressPackageStartupMessages(library(data.table))
setDTthreads(2L)
args <- commandArgs(trailingOnly = TRUE)
path <- args[[1]]
by <- args[[2]]
reps <- if (length(args) >= 3) as.integer(args[[3]]) else 1L

run <- function() {
  if (by == "pairs") {
    dt <- fread(path, select = c("i", "j", "v"), showProgress = FALSE)
    out <- dt[, .(v = sum(v)), by = .(i, j)]
  } else {
    dt <- fread(path, select = c("i", "j", "k", "v"), showProgress = FALSE)
    out <- dt[, .(v = sum(v)), by = .(g = k %/% 10000L, i, j)]
  }
  c(nrow(dt), nrow(out), sum(out$v))
}

best <- Inf
for (r in seq_len(reps)) {
  t0 <- proc.time()[["elapsed"]]
  info <- run()
  best <- min(best, proc.time()[["elapsed"]] - t0)
}
cat(sprintf("INFO fread rows=%d cells=%d total_v=%.3f threads=%d\n",
            as.integer(info[1]), as.integer(info[2]), info[3], getDTthreads()))
cat(sprintf("RESULT ingest.fread.%s %.6f\n", by, best))

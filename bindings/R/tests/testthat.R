library(testthat)
library(libflow)

test_check("libflow")

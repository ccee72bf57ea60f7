# Finds libflow's third-party dependencies and turns each into an imported
# target. A missing one stops the configure step with the Debian package that
# provides it, so a fresh machine knows exactly what to install.

find_package(PkgConfig REQUIRED)

function(flow_missing what package)
  message(FATAL_ERROR
    "libflow needs ${what}, which was not found.\n"
    "On Debian/Ubuntu: apt-get install ${package}")
endfunction()

# OpenBLAS provides CBLAS and the LAPACK routines (dgetrf, dgetrs, ...).
pkg_check_modules(FLOW_OPENBLAS QUIET IMPORTED_TARGET openblas)
if(NOT FLOW_OPENBLAS_FOUND)
  flow_missing("OpenBLAS (openblas.pc)" "libopenblas-dev")
endif()
find_path(FLOW_CBLAS_INCLUDE_DIR cblas.h HINTS ${FLOW_OPENBLAS_INCLUDE_DIRS} NO_DEFAULT_PATH)
if(NOT FLOW_CBLAS_INCLUDE_DIR)
  flow_missing("the CBLAS header cblas.h" "libopenblas-dev")
endif()

# LAPACKE: the C interface, whose Fortran calls resolve into OpenBLAS.
pkg_check_modules(FLOW_LAPACKE QUIET IMPORTED_TARGET lapacke)
if(NOT FLOW_LAPACKE_FOUND)
  flow_missing("LAPACKE (lapacke.pc)" "liblapacke-dev")
endif()

# libcsv ships no pkg-config or CMake file: find its header and library.
find_path(FLOW_CSV_INCLUDE_DIR csv.h)
find_library(FLOW_CSV_LIBRARY NAMES csv)
if(NOT FLOW_CSV_INCLUDE_DIR OR NOT FLOW_CSV_LIBRARY)
  flow_missing("libcsv (csv.h, libcsv.so)" "libcsv-dev")
endif()
add_library(flow_dep_csv UNKNOWN IMPORTED)
set_target_properties(flow_dep_csv PROPERTIES
  IMPORTED_LOCATION "${FLOW_CSV_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${FLOW_CSV_INCLUDE_DIR}")

# zlib reads gzip-compressed tables; libzip reads EXIOBASE's zip archives.
pkg_check_modules(FLOW_ZLIB QUIET IMPORTED_TARGET zlib)
if(NOT FLOW_ZLIB_FOUND)
  flow_missing("zlib (zlib.pc)" "zlib1g-dev")
endif()
pkg_check_modules(FLOW_LIBZIP QUIET IMPORTED_TARGET libzip)
if(NOT FLOW_LIBZIP_FOUND)
  flow_missing("libzip (libzip.pc)" "libzip-dev")
endif()

find_package(Threads REQUIRED)

if(FLOW_BUILD_TESTS)
  pkg_check_modules(FLOW_CMOCKA QUIET IMPORTED_TARGET cmocka)
  if(NOT FLOW_CMOCKA_FOUND)
    flow_missing("cmocka (for the tests; or configure with -DFLOW_BUILD_TESTS=OFF)"
                 "libcmocka-dev")
  endif()
endif()

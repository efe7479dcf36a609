# libFuzzer target over devdisc's FDT walker (fuzz/fdt_walk.c), compiled by
# clang directly (the host build uses gcc) together with libfdt itself,
# instrumented (ASan, UBSan, coverage): the linux-source-6.1 copy the
# ColdFire guest runs (cmake/libfdt.cmake, kh_libfdt_extract), over the
# walker's freestanding libfdt_env.h, so the fuzzer sees inside libfdt's
# loops too.  Seeds: the dtc-built fixtures of tests/fixtures/fdt/ and the
# hostile blobs.  The CTest run is short and bounded.
include(${CMAKE_SOURCE_DIR}/cmake/libfdt.cmake)
kh_libfdt_extract(${CMAKE_BINARY_DIR}/fuzz/libfdt KH_FUZZ_LIBFDT_SOURCES)
set(KH_FDT_FUZZER ${CMAKE_BINARY_DIR}/fuzz/fdt_walk)
set(KH_FDT_CORPUS ${CMAKE_BINARY_DIR}/fuzz/fdt-walk-corpus)
# The seeds: the dtc-built fixtures and the hostile blobs (tests/unit/fdt.cmake
# builds both there; named here, not taken from that file's scope).
set(KH_FDT_SEEDS ${CMAKE_BINARY_DIR}/tests/fixtures/fdt)
set(KH_FDT_FUZZ_SOURCES
  ${CMAKE_SOURCE_DIR}/fuzz/fdt_walk.c
  ${CMAKE_SOURCE_DIR}/userland/devdisc/fdt/fdtw_walk.c
  ${CMAKE_SOURCE_DIR}/userland/devdisc/fdt/fdtw_scan.c
  ${CMAKE_SOURCE_DIR}/userland/devdisc/fdt/fdtw_need.c
  ${CMAKE_SOURCE_DIR}/userland/devdisc/fdt/fdtw_log.c
  ${CMAKE_SOURCE_DIR}/userland/devdisc/line/line.c
  ${KH_FUZZ_LIBFDT_SOURCES})
file(GLOB KH_FDT_FUZZ_HEADERS
  ${CMAKE_SOURCE_DIR}/userland/devdisc/fdt/*.h
  ${CMAKE_SOURCE_DIR}/userland/devdisc/line/*.h)

add_custom_command(OUTPUT ${KH_FDT_FUZZER}
  COMMAND ${KH_CLANG} -std=c11 -g -O1 -Wall -Wextra -Wmissing-prototypes -Werror
          -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
          -I${CMAKE_SOURCE_DIR}/lib/include
          -I${CMAKE_SOURCE_DIR}/userland/devdisc/fdt
          -I${CMAKE_SOURCE_DIR}/userland/devdisc/line
          -I${CMAKE_BINARY_DIR}/fuzz/libfdt
          -I${CMAKE_SOURCE_DIR}/userland/devdisc/fdt/env
          -Wno-sign-compare -Wno-unused-parameter
          ${KH_FDT_FUZZ_SOURCES} -o ${KH_FDT_FUZZER}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${KH_FDT_CORPUS}
  DEPENDS ${KH_FDT_FUZZ_SOURCES}
          ${KH_FDT_FUZZ_HEADERS}
          ${CMAKE_SOURCE_DIR}/lib/include/status.h
  COMMENT "clang libFuzzer: fdt_walk"
  VERBATIM)
add_custom_target(fuzz_fdt_walk ALL DEPENDS ${KH_FDT_FUZZER})
add_dependencies(fuzz_fdt_walk kh_fdt_fixtures)

add_test(NAME fuzz_fdt_walk
  COMMAND ${KH_FDT_FUZZER} -max_total_time=8 -max_len=4096 -timeout=10
          -print_final_stats=1 ${KH_FDT_CORPUS} ${KH_FDT_SEEDS} ${KH_FDT_SEEDS}/hostile)
set_tests_properties(fuzz_fdt_walk PROPERTIES LABELS fuzz)

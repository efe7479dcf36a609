# libFuzzer target over the boot-config codec (fuzz/bootcfg_decode.c),
# compiled by clang directly (the host build uses gcc).  The seed corpus is
# made at build time from the committed golden store and a fresh store
# image; the CTest run is short and bounded, scripts/fuzz runs it longer.
set(KH_BOOTCFG_FUZZER ${CMAKE_BINARY_DIR}/fuzz/bootcfg_decode)
set(KH_BOOTCFG_SEEDS ${CMAKE_BINARY_DIR}/fuzz/bootcfg-seeds)
set(KH_BOOTCFG_CORPUS ${CMAKE_BINARY_DIR}/fuzz/bootcfg-corpus)
set(KH_BOOTCFG_FUZZ_SOURCES
  ${CMAKE_SOURCE_DIR}/fuzz/bootcfg_decode.c
  ${CMAKE_SOURCE_DIR}/lib/src/bootcfg.c
  ${CMAKE_SOURCE_DIR}/lib/src/crc32c.c
  ${CMAKE_SOURCE_DIR}/lib/src/status.c)

add_custom_command(OUTPUT ${KH_BOOTCFG_FUZZER}
  COMMAND ${KH_CLANG} -std=c11 -g -O1 -Wall -Wextra
          -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
          -I${CMAKE_SOURCE_DIR}/lib/include
          ${KH_BOOTCFG_FUZZ_SOURCES} -o ${KH_BOOTCFG_FUZZER}
  DEPENDS ${KH_BOOTCFG_FUZZ_SOURCES} ${CMAKE_SOURCE_DIR}/lib/include/bootcfg.h
          ${CMAKE_SOURCE_DIR}/lib/include/status.h
  COMMENT "clang libFuzzer: bootcfg_decode"
  VERBATIM)

# Seeds: the golden store (two slots and a log) and an initialised store.
add_custom_command(OUTPUT ${KH_BOOTCFG_SEEDS}/golden.bin ${KH_BOOTCFG_SEEDS}/init.bin
  COMMAND ${CMAKE_COMMAND} -E make_directory ${KH_BOOTCFG_SEEDS} ${KH_BOOTCFG_CORPUS}
  COMMAND ${CMAKE_COMMAND} -E copy
          ${CMAKE_SOURCE_DIR}/tests/data/golden-store-coldfire.bin
          ${KH_BOOTCFG_SEEDS}/golden.bin
  COMMAND ${CMAKE_COMMAND} -E rm -f ${KH_BOOTCFG_SEEDS}/init.img
  COMMAND $<TARGET_FILE:bootcfg> init ${KH_BOOTCFG_SEEDS}/init.img
  COMMAND head -c 5120 ${KH_BOOTCFG_SEEDS}/init.img > ${KH_BOOTCFG_SEEDS}/init.bin
  COMMAND ${CMAKE_COMMAND} -E rm -f ${KH_BOOTCFG_SEEDS}/init.img
  DEPENDS ${CMAKE_SOURCE_DIR}/tests/data/golden-store-coldfire.bin bootcfg
  COMMENT "bootcfg fuzz seeds")

add_custom_target(fuzz_bootcfg_decode ALL
  DEPENDS ${KH_BOOTCFG_FUZZER} ${KH_BOOTCFG_SEEDS}/golden.bin)

add_test(NAME fuzz_bootcfg_decode
  COMMAND ${KH_BOOTCFG_FUZZER} -max_total_time=8 -runs=400000 -max_len=5200
          -timeout=10 -print_final_stats=1 ${KH_BOOTCFG_CORPUS} ${KH_BOOTCFG_SEEDS})
set_tests_properties(fuzz_bootcfg_decode PROPERTIES LABELS fuzz)

# Boot-config codec tests (lib/src/bootcfg.c, lib/src/crc32c.c).
kh_unit_test(bootcfg_codec ${CMAKE_CURRENT_LIST_DIR}/bootcfg_codec.c)
kh_unit_test(bootcfg_select ${CMAKE_CURRENT_LIST_DIR}/bootcfg_select.c)
kh_unit_test(bootcfg_log ${CMAKE_CURRENT_LIST_DIR}/bootcfg_log.c)

# The golden store written by the ColdFire build, decoded on the host.
kh_unit_test(bootcfg_golden ${CMAKE_CURRENT_LIST_DIR}/bootcfg_golden.c)
target_include_directories(bootcfg_golden PRIVATE ${CMAKE_SOURCE_DIR}/tests/cross)
target_compile_definitions(bootcfg_golden PRIVATE
  GOLDEN_PATH="${CMAKE_SOURCE_DIR}/tests/data/golden-store-coldfire.bin")

# Host build: run the ColdFire golden-store program (built by the coldfire
# sub-build from tests/cross/CMakeLists.txt) under qemu-m68k and compare
# its output byte for byte with the committed golden file.  Skips (77) when
# qemu-m68k is missing or the cross builds are off.
find_program(KH_QEMU_M68K qemu-m68k)
add_test(NAME bootcfg_cross_coldfire
  COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/run_golden.sh
          "${KH_QEMU_M68K}"
          ${CMAKE_BINARY_DIR}/coldfire/tests/cross/bootcfg_golden_cf
          ${CMAKE_SOURCE_DIR}/tests/data/golden-store-coldfire.bin
          "${KH_CROSS}")
set_tests_properties(bootcfg_cross_coldfire PROPERTIES
  LABELS "cross" SKIP_RETURN_CODE 77)

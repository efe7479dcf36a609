# libFuzzer target over the PCI walker (fuzz/pci_walk.c), compiled by
# clang directly (the host build uses gcc).  The inputs edit the synthetic
# machines of tests/fixtures/pci/, so no seed corpus is needed; the CTest
# run is short and bounded.
set(KH_PCI_FUZZER ${CMAKE_BINARY_DIR}/fuzz/pci_walk)
set(KH_PCI_CORPUS ${CMAKE_BINARY_DIR}/fuzz/pci-walk-corpus)
file(GLOB KH_PCI_FUZZ_HEADERS
  ${CMAKE_SOURCE_DIR}/userland/devdisc/pci/*.h
  ${CMAKE_SOURCE_DIR}/userland/devdisc/line/*.h
  ${CMAKE_SOURCE_DIR}/tests/fixtures/pci/*.h)
set(KH_PCI_FUZZ_SOURCES
  ${CMAKE_SOURCE_DIR}/fuzz/pci_walk.c
  ${CMAKE_SOURCE_DIR}/userland/devdisc/pci/pci_walk.c
  ${CMAKE_SOURCE_DIR}/userland/devdisc/pci/pci_cfg.c
  ${CMAKE_SOURCE_DIR}/userland/devdisc/pci/pci_warn.c
  ${CMAKE_SOURCE_DIR}/userland/devdisc/pci/pci_bar.c
  ${CMAKE_SOURCE_DIR}/userland/devdisc/pci/pci_caps.c
  ${CMAKE_SOURCE_DIR}/userland/devdisc/pci/pci_need.c
  ${CMAKE_SOURCE_DIR}/userland/devdisc/pci/pci_log.c
  ${CMAKE_SOURCE_DIR}/userland/devdisc/line/line.c
  ${CMAKE_SOURCE_DIR}/tests/fixtures/pci/pcisim.c
  ${CMAKE_SOURCE_DIR}/tests/fixtures/pci/q35.c
  ${CMAKE_SOURCE_DIR}/tests/fixtures/pci/topo.c
  ${CMAKE_SOURCE_DIR}/tests/fixtures/pci/hostile.c
  ${CMAKE_SOURCE_DIR}/lib/src/status.c)

add_custom_command(OUTPUT ${KH_PCI_FUZZER}
  COMMAND ${KH_CLANG} -std=c11 -g -O1 -Wall -Wextra
          -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
          -I${CMAKE_SOURCE_DIR}/lib/include
          -I${CMAKE_SOURCE_DIR}/userland/devdisc/pci
          -I${CMAKE_SOURCE_DIR}/userland/devdisc/line
          -I${CMAKE_SOURCE_DIR}/tests/fixtures/pci
          ${KH_PCI_FUZZ_SOURCES} -o ${KH_PCI_FUZZER}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${KH_PCI_CORPUS}
  DEPENDS ${KH_PCI_FUZZ_SOURCES} ${KH_PCI_FUZZ_HEADERS}
          ${CMAKE_SOURCE_DIR}/lib/include/status.h
  COMMENT "clang libFuzzer: pci_walk"
  VERBATIM)
add_custom_target(fuzz_pci_walk ALL DEPENDS ${KH_PCI_FUZZER})

add_test(NAME fuzz_pci_walk
  COMMAND ${KH_PCI_FUZZER} -max_total_time=8 -max_len=1200 -timeout=10
          -print_final_stats=1 ${KH_PCI_CORPUS})
set_tests_properties(fuzz_pci_walk PROPERTIES LABELS fuzz)

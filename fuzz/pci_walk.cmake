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
set(KH_PCI_FUZZ_SOURCES ${CMAKE_SOURCE_DIR}/fuzz/pci_walk.c
  ${CMAKE_SOURCE_DIR}/lib/src/status.c)
foreach(f pci/pci_walk pci/pci_cfg pci/pci_warn pci/pci_bar pci/pci_caps
          pci/pci_need pci/pci_log line/line)
  list(APPEND KH_PCI_FUZZ_SOURCES ${CMAKE_SOURCE_DIR}/userland/devdisc/${f}.c)
endforeach()
foreach(f pcisim q35 topo hostile)
  list(APPEND KH_PCI_FUZZ_SOURCES ${CMAKE_SOURCE_DIR}/tests/fixtures/pci/${f}.c)
endforeach()

set(KH_PCI_FUZZ_INCLUDES)
foreach(d lib/include userland/devdisc/pci userland/devdisc/line tests/fixtures/pci)
  list(APPEND KH_PCI_FUZZ_INCLUDES -I${CMAKE_SOURCE_DIR}/${d})
endforeach()

add_custom_command(OUTPUT ${KH_PCI_FUZZER}
  COMMAND ${KH_CLANG} -std=c11 -g -O1 -Wall -Wextra -Wmissing-prototypes -Werror
          ${KH_PCI_FUZZ_INCLUDES}
          -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
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

# devdisc host tests: the PCI walker, need, fingerprint and log lines
# (userland/devdisc/pci/, line/), run against the synthetic config spaces
# of tests/fixtures/pci/.  The cores build as in the guest, with
# -Wmissing-prototypes -Werror.
set(KH_DEVDISC_DIR ${CMAKE_SOURCE_DIR}/userland/devdisc)
set(KH_PCI_FIXTURE_DIR ${CMAKE_SOURCE_DIR}/tests/fixtures/pci)

add_library(kh_devdisc_host STATIC
  ${KH_DEVDISC_DIR}/pci/pci_walk.c
  ${KH_DEVDISC_DIR}/pci/pci_cfg.c
  ${KH_DEVDISC_DIR}/pci/pci_warn.c
  ${KH_DEVDISC_DIR}/pci/pci_bar.c
  ${KH_DEVDISC_DIR}/pci/pci_caps.c
  ${KH_DEVDISC_DIR}/pci/pci_need.c
  ${KH_DEVDISC_DIR}/pci/pci_log.c
  ${KH_DEVDISC_DIR}/line/line.c
  ${KH_DEVDISC_DIR}/line/line_settled.c)
target_include_directories(kh_devdisc_host PUBLIC ${KH_DEVDISC_DIR}/pci
  ${KH_DEVDISC_DIR}/line)
target_link_libraries(kh_devdisc_host PUBLIC kh_core)
target_compile_options(kh_devdisc_host PRIVATE -ffreestanding -Wconversion)

add_library(kh_pci_fixtures STATIC
  ${KH_PCI_FIXTURE_DIR}/pcisim.c
  ${KH_PCI_FIXTURE_DIR}/q35.c
  ${KH_PCI_FIXTURE_DIR}/topo.c
  ${KH_PCI_FIXTURE_DIR}/hostile.c)
target_include_directories(kh_pci_fixtures PUBLIC ${KH_PCI_FIXTURE_DIR})
target_link_libraries(kh_pci_fixtures PUBLIC kh_devdisc_host)

foreach(t walk hostile need)
  kh_unit_test(devdisc_${t} ${CMAKE_CURRENT_LIST_DIR}/devdisc_${t}.c
               LIBS kh_pci_fixtures kh_devdisc_host)
endforeach()


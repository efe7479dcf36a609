# devdisc host tests: the walker, need, fingerprint and log lines from
# userland/devdisc/, run against the synthetic config spaces of
# tests/fixtures/pci/.
set(KH_DEVDISC_DIR ${CMAKE_SOURCE_DIR}/userland/devdisc)
set(KH_PCI_FIXTURE_DIR ${CMAKE_SOURCE_DIR}/tests/fixtures/pci)

add_library(kh_devdisc_host STATIC
  ${KH_DEVDISC_DIR}/pci_walk.c
  ${KH_DEVDISC_DIR}/pci_bar.c
  ${KH_DEVDISC_DIR}/pci_caps.c
  ${KH_DEVDISC_DIR}/devdisc_need.c
  ${KH_DEVDISC_DIR}/devdisc_log.c)
target_include_directories(kh_devdisc_host PUBLIC ${KH_DEVDISC_DIR})
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

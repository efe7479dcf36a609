# ColdFire (included by userland/coldfire/guest.cmake): the FDT walker
# instead of PCI, cf_*.c glue (docs/devdisc.md, "devdisc on ColdFire").
if(KH_ARCH STREQUAL "coldfire")
  set(KH_DEVDISC_SRC ${KH_USER_DIR}/devdisc)
  kh_program(devdisc ${KH_DEVDISC_SRC}/cf_main.c ${KH_DEVDISC_SRC}/cf_map.c
    ${KH_DEVDISC_SRC}/dd_common.c)
  target_include_directories(prog_devdisc PRIVATE ${KH_DEVDISC_SRC})
  target_link_libraries(prog_devdisc PRIVATE kh_fdtwalk_coldfire kh_libfdt_coldfire)
  return()
endif()
# devdisc in the guest (included by userland/CMakeLists.txt, x86_64 only,
# after storewriter/guest.cmake): the host-tested cores plus the guest
# glue, one freestanding program.  devdisctorn is the same program with a
# torn store write injected (tests/qemu/test_retune.py, case torn).
set(KH_DEVDISC_SRC ${KH_USER_DIR}/devdisc)
add_library(kh_devdisc_core STATIC
  ${KH_DEVDISC_SRC}/pci_walk.c ${KH_DEVDISC_SRC}/pci_bar.c ${KH_DEVDISC_SRC}/pci_caps.c
  ${KH_DEVDISC_SRC}/devdisc_need.c ${KH_DEVDISC_SRC}/devdisc_log.c
  ${KH_DEVDISC_SRC}/hotplug.c ${KH_DEVDISC_SRC}/bar_assign.c)
target_include_directories(kh_devdisc_core PUBLIC ${KH_DEVDISC_SRC})
target_link_libraries(kh_devdisc_core PUBLIC kh_core_${KH_ARCH}_low)

set(KH_DEVDISC_GUEST ${KH_DEVDISC_SRC}/main.c ${KH_DEVDISC_SRC}/guest_pci.c
  ${KH_DEVDISC_SRC}/guest_map.c ${KH_DEVDISC_SRC}/retune_act.c
  ${KH_DEVDISC_SRC}/guest_store.c ${KH_DEVDISC_SRC}/guest_hotplug.c
  ${KH_DEVDISC_SRC}/dd_common.c)
kh_program(devdisc ${KH_DEVDISC_GUEST})
target_link_libraries(prog_devdisc PRIVATE kh_devdisc_core kh_storewriter)
kh_program(devdisctorn ${KH_DEVDISC_GUEST})
target_compile_definitions(prog_devdisctorn PRIVATE DEVDISC_TEAR=1)
target_link_libraries(prog_devdisctorn PRIVATE kh_devdisc_core kh_storewriter)

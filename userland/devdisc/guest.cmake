# devdisc in the guest, one program source tree for both targets
# (included by userland/CMakeLists.txt on x86_64, after
# storewriter/guest.cmake, and by userland/coldfire/guest.cmake).
#   pci/ pcihp/ fdt/ line/  pure cores (host-tested; no system calls, no
#                           user runtime): one library per target
#   daemon/                 the in-guest program: one flow, the bus
#                           backend, user-address scheme and store chosen
#                           here by target
# devdisctorn is the same program with a torn store write injected
# (tests/qemu/test_retune.py and test_coldfire_retune.py, case torn).
# docs/devdisc.md.
set(KH_DEVDISC_SRC ${KH_USER_DIR}/devdisc)
set(KH_DEVDISC_D ${KH_DEVDISC_SRC}/daemon)
# Project code of devdisc: every non-static function has its prototype.
set(KH_DEVDISC_LINE ${KH_DEVDISC_SRC}/line/line.c ${KH_DEVDISC_SRC}/line/line_settled.c)

if(KH_ARCH STREQUAL "coldfire")
  # The FDT walker over libfdt (cmake/libfdt.cmake); the test programs
  # fdt_linkcheck_cf and fdt_dump_cf (tests/cross/) link it too.
  add_library(kh_fdtwalk_coldfire STATIC ${KH_DEVDISC_SRC}/fdt/fdtw_walk.c
    ${KH_DEVDISC_SRC}/fdt/fdtw_scan.c ${KH_DEVDISC_SRC}/fdt/fdtw_grow.c
    ${KH_DEVDISC_SRC}/fdt/fdtw_need.c ${KH_DEVDISC_SRC}/fdt/fdtw_log.c ${KH_DEVDISC_LINE})
  target_include_directories(kh_fdtwalk_coldfire PUBLIC ${KH_DEVDISC_SRC}/fdt
    ${KH_DEVDISC_SRC}/line ${CMAKE_SOURCE_DIR}/lib/include)
  target_link_libraries(kh_fdtwalk_coldfire PUBLIC kh_libfdt_coldfire)
  target_compile_options(kh_fdtwalk_coldfire PRIVATE
    -fno-builtin -fno-tree-loop-distribute-patterns -Wconversion)
  set(KH_DEVDISC_CORE kh_fdtwalk_coldfire)
  set(KH_DEVDISC_BUS ${KH_DEVDISC_D}/dd_fdt_bus.c ${KH_DEVDISC_D}/dd_table.c)
else()
  add_library(kh_devdisc_core STATIC
    ${KH_DEVDISC_SRC}/pci/pci_walk.c ${KH_DEVDISC_SRC}/pci/pci_cfg.c
    ${KH_DEVDISC_SRC}/pci/pci_warn.c ${KH_DEVDISC_SRC}/pci/pci_bar.c
    ${KH_DEVDISC_SRC}/pci/pci_caps.c ${KH_DEVDISC_SRC}/pci/pci_need.c
    ${KH_DEVDISC_SRC}/pci/pci_log.c ${KH_DEVDISC_SRC}/pcihp/pcihp_slot.c
    ${KH_DEVDISC_SRC}/pcihp/pcihp_assign.c ${KH_DEVDISC_SRC}/pcihp/pcihp_bridge.c
    ${KH_DEVDISC_LINE})
  target_include_directories(kh_devdisc_core PUBLIC ${KH_DEVDISC_SRC}/pci
    ${KH_DEVDISC_SRC}/pcihp ${KH_DEVDISC_SRC}/line)
  target_link_libraries(kh_devdisc_core PUBLIC kh_core_${KH_ARCH}_low)
  set(KH_DEVDISC_CORE kh_devdisc_core)
  set(KH_DEVDISC_BUS ${KH_DEVDISC_D}/dd_pci_bus.c ${KH_DEVDISC_D}/dd_pci_watch.c
    ${KH_DEVDISC_D}/dd_pci_slots.c ${KH_DEVDISC_D}/dd_pci_acpi.c ${KH_DEVDISC_D}/dd_pci_shpc.c
    ${KH_DEVDISC_D}/dd_pci_cfg.c ${KH_DEVDISC_D}/dd_table.c ${KH_DEVDISC_D}/dd_pci_drivers.c)
endif()

# Where the blob goes: kh_storewriter's sequence over the target's store
# (dd_store_<arch>.c: virtio-blk on x86_64, the Store capability on ColdFire).
set(KH_DEVDISC_STORE ${KH_DEVDISC_D}/dd_store.c ${KH_DEVDISC_D}/dd_store_${KH_ARCH}.c)

set(KH_DEVDISC_GUEST ${KH_DEVDISC_D}/main.c ${KH_DEVDISC_D}/dd_policy.c
  ${KH_DEVDISC_D}/dd_map.c ${KH_DEVDISC_D}/dd_log.c ${KH_DEVDISC_D}/dd_tuning.c
  ${KH_DEVDISC_D}/dd_va_${KH_ARCH}.c ${KH_DEVDISC_STORE} ${KH_DEVDISC_BUS})

# kh_devdisc_program(name) -> prog_<name>: the daemon for this target.
function(kh_devdisc_program name)
  kh_program(${name} ${KH_DEVDISC_GUEST})
  set(KH_CF_NEXT_BASE ${KH_CF_NEXT_BASE} PARENT_SCOPE)   # ColdFire link bases
  if(KH_ARCH STREQUAL "coldfire")
    target_compile_definitions(prog_${name} PRIVATE DD_LOG_BYTES=1024u)   # dd_log.h
  endif()
  target_link_libraries(prog_${name} PRIVATE ${KH_DEVDISC_CORE} kh_swclient)
endfunction()

kh_devdisc_program(devdisc)
kh_devdisc_program(devdisctorn)
target_compile_definitions(prog_devdisctorn PRIVATE DEVDISC_TEAR=1)

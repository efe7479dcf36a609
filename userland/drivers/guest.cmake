# Device drivers devdisc starts (included by userland/CMakeLists.txt):
# one folder per driver, each a program of its own, started only by
# devdisc (or a test program) over the device-manager protocol
# (userland/include/kh_drv.h).
#   storewriter  the config store's driver, both targets (sw_drv_<arch>.c);
#                tornwriter is it with its first logged write torn (tests)
#   ivshmem      ivshmem-plain's BAR 2 contract (x86_64)
set(KH_DRV_SW ${KH_USER_DIR}/drivers/storewriter)
foreach(name storewriter tornwriter)
  kh_program(${name} ${KH_DRV_SW}/storewriter.c ${KH_DRV_SW}/sw_drv_${KH_ARCH}.c)
  target_link_libraries(prog_${name} PRIVATE kh_storewriter)
endforeach()
target_compile_definitions(prog_tornwriter PRIVATE SW_TEAR=1)
if(KH_ARCH STREQUAL "x86_64")
  kh_program(ivshmem ${KH_USER_DIR}/drivers/ivshmem/ivshmem.c)
endif()

# In-guest store writer (included by userland/CMakeLists.txt):
#   kh_storewriter  the torn-safe store write sequence (store_write.c) over
#                   a block device (blkdev.h), and the request format
#                   (sw_proto.c): what the storewriter driver runs
#                   (userland/drivers/storewriter/)
#                   x86_64:   the virtio-blk core (blkdev_vblk.c)
#                   ColdFire: the kernel's Store capability (blkdev_store.c)
#   kh_swclient     the manager's side (sw_client.h): devdisc and storetest
#                   start the driver and ask it to write
# and the test programs storetest / storetorn (tests/guest/storetest/).
set(KH_SW_DIR ${KH_USER_DIR}/storewriter)
if(KH_ARCH STREQUAL "coldfire")
  add_library(kh_storewriter STATIC ${KH_SW_DIR}/store_write.c ${KH_SW_DIR}/blkdev_store.c
    ${KH_SW_DIR}/sw_proto.c)
else()
  add_library(kh_storewriter STATIC ${KH_SW_DIR}/virtio_pci.c ${KH_SW_DIR}/virtio_blk.c
    ${KH_SW_DIR}/store_write.c ${KH_SW_DIR}/blkdev_vblk.c ${KH_SW_DIR}/sw_proto.c)
endif()
# pci.h (struct pci_access, struct pci_device) comes from devdisc's walker.
target_include_directories(kh_storewriter PUBLIC ${KH_SW_DIR} ${KH_USER_DIR}/devdisc/pci)
target_link_libraries(kh_storewriter PUBLIC kh_user kh_core_${KH_ARCH}_low)

add_library(kh_swclient STATIC ${KH_SW_DIR}/sw_client.c ${KH_SW_DIR}/sw_client_${KH_ARCH}.c)
target_link_libraries(kh_swclient PUBLIC kh_storewriter)

if(KH_ARCH STREQUAL "coldfire")
  return()
endif()
kh_program(storetest ${CMAKE_SOURCE_DIR}/tests/guest/storetest/storetest.c)
target_link_libraries(prog_storetest PRIVATE kh_swclient kh_devdisc_core)
# The same program with tornwriter, whose first write is torn.
kh_program(storetorn ${CMAKE_SOURCE_DIR}/tests/guest/storetest/storetest.c)
target_compile_definitions(prog_storetorn PRIVATE STORETEST_TORN=1)
target_link_libraries(prog_storetorn PRIVATE kh_swclient kh_devdisc_core)

# In-guest store writer (included by userland/CMakeLists.txt): the library
# kh_storewriter, the torn-safe store write sequence (store_write.c) over
# a block device (blkdev.h).
#   x86_64:   virtio-blk core and the guest platform of guest.c
#             (blkdev_vblk.c), and the test programs storetest /
#             storetorn (tests/guest/storetest/)
#   ColdFire: the kernel's Store capability (blkdev_store.c)
set(KH_SW_DIR ${KH_USER_DIR}/storewriter)
if(KH_ARCH STREQUAL "coldfire")
  add_library(kh_storewriter STATIC ${KH_SW_DIR}/store_write.c ${KH_SW_DIR}/blkdev_store.c)
  target_include_directories(kh_storewriter PUBLIC ${KH_SW_DIR})
  target_link_libraries(kh_storewriter PUBLIC kh_user kh_core_${KH_ARCH}_low)
  target_compile_options(kh_storewriter PRIVATE -Wmissing-prototypes -Werror)
  return()
endif()
add_library(kh_storewriter STATIC ${KH_SW_DIR}/virtio_pci.c ${KH_SW_DIR}/virtio_blk.c
  ${KH_SW_DIR}/store_write.c ${KH_SW_DIR}/blkdev_vblk.c ${KH_SW_DIR}/guest.c)
# pci.h (struct pci_access) comes from devdisc's walker headers.
target_include_directories(kh_storewriter PUBLIC ${KH_SW_DIR} ${KH_USER_DIR}/devdisc/pci)
target_link_libraries(kh_storewriter PUBLIC kh_user kh_core_${KH_ARCH}_low)

kh_program(storetest ${CMAKE_SOURCE_DIR}/tests/guest/storetest/storetest.c)
target_link_libraries(prog_storetest PRIVATE kh_storewriter)
# The same program that stops half-way through the slot write (torn write).
kh_program(storetorn ${CMAKE_SOURCE_DIR}/tests/guest/storetest/storetest.c)
target_compile_definitions(prog_storetorn PRIVATE STORETEST_TORN=1)
target_link_libraries(prog_storetorn PRIVATE kh_storewriter)

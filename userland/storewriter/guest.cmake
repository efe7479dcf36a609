# In-guest store writer (included by userland/CMakeLists.txt, x86_64 only):
# the library kh_storewriter (virtio-blk core, store write sequence and the
# guest platform of guest.c) and the test programs storetest / storetorn
# (tests/guest/storetest/).
set(KH_SW_DIR ${KH_USER_DIR}/storewriter)
add_library(kh_storewriter STATIC ${KH_SW_DIR}/virtio_pci.c ${KH_SW_DIR}/virtio_blk.c
  ${KH_SW_DIR}/store_write.c ${KH_SW_DIR}/store_vblk.c ${KH_SW_DIR}/guest.c)
# pci.h (struct pci_access) comes from devdisc's walker headers.
target_include_directories(kh_storewriter PUBLIC ${KH_SW_DIR} ${KH_USER_DIR}/devdisc/pci)
target_link_libraries(kh_storewriter PUBLIC kh_user kh_core_${KH_ARCH}_low)

kh_program(storetest ${CMAKE_SOURCE_DIR}/tests/guest/storetest/storetest.c)
target_link_libraries(prog_storetest PRIVATE kh_storewriter)
# The same program that stops half-way through the slot write (torn write).
kh_program(storetorn ${CMAKE_SOURCE_DIR}/tests/guest/storetest/storetest.c)
target_compile_definitions(prog_storetorn PRIVATE STORETEST_TORN=1)
target_link_libraries(prog_storetorn PRIVATE kh_storewriter)

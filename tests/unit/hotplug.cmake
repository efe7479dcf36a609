# Hot-plug, BAR assignment, the virtio-blk driver core and the config
# store write sequence (issue 6), against simulated hardware: the PCI
# config space of tests/fixtures/pci/ (with its hot-plug slot model) and
# the virtio-blk device of tests/fixtures/virtio/.  devdisc's hot-plug
# core (userland/devdisc/pcihp/) is one library, built like the walker
# (devdisc.cmake); the store writer's sources go into each test.
set(KH_HP_DEVDISC ${CMAKE_SOURCE_DIR}/userland/devdisc/pcihp)
set(KH_HP_STORE ${CMAKE_SOURCE_DIR}/userland/storewriter)
set(KH_HP_VIRTIO_FIXTURE ${CMAKE_SOURCE_DIR}/tests/fixtures/virtio)

add_library(kh_pcihp_host STATIC ${KH_HP_DEVDISC}/pcihp_slot.c
  ${KH_HP_DEVDISC}/pcihp_assign.c
  ${KH_HP_DEVDISC}/pcihp_bridge.c)
target_include_directories(kh_pcihp_host PUBLIC ${KH_HP_DEVDISC})
target_link_libraries(kh_pcihp_host PUBLIC kh_devdisc_host)
target_compile_options(kh_pcihp_host PRIVATE -ffreestanding -Wall -Wextra)

kh_unit_test(hotplug_slot ${CMAKE_CURRENT_LIST_DIR}/hotplug_slot.c
             LIBS kh_pci_fixtures kh_pcihp_host)
kh_unit_test(barassign_place ${CMAKE_CURRENT_LIST_DIR}/barassign_place.c
             LIBS kh_pci_fixtures kh_pcihp_host)

set(KH_HP_VIRTIO_SOURCES
  ${KH_HP_STORE}/virtio_blk.c
  ${KH_HP_STORE}/virtio_pci.c
  ${KH_HP_VIRTIO_FIXTURE}/virtio_sim.c)
foreach(t virtio_blk storewriter_seq)
  kh_unit_test(${t} ${CMAKE_CURRENT_LIST_DIR}/${t}.c ${KH_HP_VIRTIO_SOURCES}
               LIBS kh_pci_fixtures kh_devdisc_host)
  target_include_directories(${t} PRIVATE ${KH_HP_STORE} ${KH_HP_VIRTIO_FIXTURE})
endforeach()
target_sources(storewriter_seq PRIVATE ${KH_HP_STORE}/store_write.c ${KH_HP_STORE}/blkdev_vblk.c)

# The commit point and the generation limit, over a memory disk.
kh_unit_test(storewriter_commit ${CMAKE_CURRENT_LIST_DIR}/storewriter_commit.c
             ${KH_HP_STORE}/store_write.c)
target_include_directories(storewriter_commit PRIVATE ${KH_HP_STORE})

# The store writer's request and reply (sw_proto.h), as devdisc and the
# driver pack them.
kh_unit_test(storewriter_proto ${CMAKE_CURRENT_LIST_DIR}/storewriter_proto.c
             ${KH_HP_STORE}/sw_proto.c)
target_include_directories(storewriter_proto PRIVATE ${KH_HP_STORE}
  ${CMAKE_SOURCE_DIR}/userland/include ${CMAKE_SOURCE_DIR}/kernel/uapi)

foreach(t hotplug_slot barassign_place virtio_blk storewriter_seq storewriter_commit
          storewriter_proto)
  target_compile_options(${t} PRIVATE -Wall -Wextra)
endforeach()

# The ivshmem driver and the device-manager protocol in QEMU
# (tests/qemu/test_ivshmem.py): a host-file-backed BAR at boot and
# hot-plugged, round trip, removal with rescind; eight devices, seven
# drivers at once.
if(KH_CROSS)
  find_package(Python3 REQUIRED COMPONENTS Interpreter)
  foreach(case boot hotplug many)
    add_test(NAME qemu_ivshmem_${case}
      COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_ivshmem.py
              ${CMAKE_BINARY_DIR} ${case})
    set_tests_properties(qemu_ivshmem_${case} PROPERTIES LABELS "qemu;qemu-x86_64" TIMEOUT 120)
  endforeach()
endif()

# devdisc in QEMU (tests/qemu/test_devdisc.py), label "qemu".
if(KH_CROSS)
  find_package(Python3 REQUIRED COMPONENTS Interpreter)
  foreach(case default ivshmem)
    add_test(NAME qemu_devdisc_${case}
      COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_devdisc.py
              ${CMAKE_BINARY_DIR} ${case})
    set_tests_properties(qemu_devdisc_${case} PROPERTIES LABELS "qemu;qemu-x86_64" TIMEOUT 120)
  endforeach()
endif()

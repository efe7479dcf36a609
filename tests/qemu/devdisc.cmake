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
# devdisc's tables refused by FrameAlloc (tests/qemu/test_devdisc_tables.py).
if(KH_CROSS)
  foreach(case noframes exhausted)
    add_test(NAME qemu_devdisc_tables_${case}
      COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_devdisc_tables.py
              ${CMAKE_BINARY_DIR} ${case})
    set_tests_properties(qemu_devdisc_tables_${case} PROPERTIES LABELS "qemu;qemu-x86_64"
                         TIMEOUT 120)
  endforeach()
endif()

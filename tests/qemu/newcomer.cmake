# A newcomer's first hour (tests/qemu/test_newcomer.py): scripts/hotplug,
# scripts/run, scripts/gdb and the bootcfg tool against a running system,
# labels qemu and qemu-x86_64, one test per case.
if(KH_CROSS)
  find_package(Python3 REQUIRED COMPONENTS Interpreter)
  foreach(case hotplug run interactive gdb)
    add_test(NAME qemu_newcomer_${case}
      COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_newcomer.py
              ${CMAKE_BINARY_DIR} ${case})
    set_tests_properties(qemu_newcomer_${case} PROPERTIES LABELS "qemu;qemu-x86_64" TIMEOUT 240)
  endforeach()
endif()

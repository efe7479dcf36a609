# The re-tune loop on machines beyond scripts/run's (issue 10:
# tests/qemu/test_topology.py), label "qemu", one test per case.
if(KH_CROSS)
  find_package(Python3 REQUIRED COMPONENTS Interpreter)
  foreach(case ports16 ports32 bars40 storefirst nofit delretune pxb acpi bridge retunes10 functions
      diskports)
    add_test(NAME qemu_topology_${case}
      COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_topology.py
              ${CMAKE_BINARY_DIR} ${case})
    set_tests_properties(qemu_topology_${case} PROPERTIES LABELS "qemu;qemu-x86_64" TIMEOUT 120)
  endforeach()
endif()

# The space bank in QEMU (tests/qemu/test_spacebank.py), label "qemu";
# one boot per case.
if(KH_CROSS)
  find_package(Python3 REQUIRED COMPONENTS Interpreter)
  foreach(case clients relax default deaths)
    add_test(NAME qemu_spacebank_${case}
      COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_spacebank.py
              ${CMAKE_BINARY_DIR} ${case})
    set_tests_properties(qemu_spacebank_${case} PROPERTIES LABELS "qemu;qemu-x86_64" TIMEOUT 120)
  endforeach()
endif()

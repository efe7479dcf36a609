# The example program of docs/programs.md.
if(KH_CROSS)
  find_package(Python3 REQUIRED COMPONENTS Interpreter)
  add_test(NAME qemu_greet
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_greet.py ${CMAKE_BINARY_DIR})
  set_tests_properties(qemu_greet PROPERTIES LABELS "qemu;qemu-x86_64" TIMEOUT 120)
endif()

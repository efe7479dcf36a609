# The hot-plug / re-tune loop of issue 6 on the default image
# (tests/qemu/test_retune.py), label "qemu", one test per case.
if(KH_CROSS)
  find_package(Python3 REQUIRED COMPONENTS Interpreter)
  foreach(case headroom grow cycles giveup guard rearm torn kill limits tiny)
    add_test(NAME qemu_retune_${case}
      COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_retune.py
              ${CMAKE_BINARY_DIR} ${case})
    set_tests_properties(qemu_retune_${case} PROPERTIES LABELS "qemu;qemu-x86_64" TIMEOUT 120)
  endforeach()
endif()

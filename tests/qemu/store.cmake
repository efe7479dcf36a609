# The in-guest config store writer (userland/storewriter, storetest), label
# "qemu": a full write seen from the host, and a torn write that converges.
if(KH_CROSS)
  find_package(Python3 REQUIRED COMPONENTS Interpreter)
  foreach(case write torn)
    add_test(NAME qemu_store_${case}
      COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_store.py
              ${CMAKE_BINARY_DIR} ${case})
    set_tests_properties(qemu_store_${case} PROPERTIES LABELS "qemu;qemu-x86_64" TIMEOUT 120)
  endforeach()
endif()

# QEMU checks of the kernel objects (capabilities, IPC, fuzzing, musl
# runtime), label "qemu"; one boot each.
if(KH_CROSS)
  find_package(Python3 REQUIRED COMPONENTS Interpreter)
  foreach(case caps ipc fuzz musl sched probes frames children deaths)
    add_test(NAME qemu_objects_${case}
      COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_objects.py
              ${CMAKE_BINARY_DIR} ${case})
    set_tests_properties(qemu_objects_${case} PROPERTIES LABELS "qemu;qemu-x86_64" TIMEOUT 120)
  endforeach()
endif()

# The kernel's QEMU checks (label "qemu"), beside the boot engineer's in
# qemu.cmake: heap size constant across the run, frames returned after
# faults, system-call edge cases, refused programs.
if(KH_CROSS)
  find_package(Python3 REQUIRED COMPONENTS Interpreter)
  foreach(case heap faults badprog)
    add_test(NAME qemu_kernel_${case}
      COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_kernel.py
              ${CMAKE_BINARY_DIR} ${case})
    set_tests_properties(qemu_kernel_${case} PROPERTIES LABELS "qemu;qemu-x86_64" TIMEOUT 120)
  endforeach()
endif()

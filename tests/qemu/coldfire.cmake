# ColdFire QEMU tests (labels "qemu", "qemu-coldfire"):
# tests/qemu/test_coldfire.py boots the images of the ColdFire sub-build
# (<build>/coldfire/coldfire*.img) on QEMU mcf5208evb through
# scripts/lib/khqemu.py (arch "coldfire").
if(KH_CROSS)
  find_package(Python3 REQUIRED COMPONENTS Interpreter)
  foreach(case boot corrupt faults reboot devmem frames store no-store bad-kernel heapfit sdram)
    add_test(NAME qemu_coldfire_${case}
      COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_coldfire.py
              ${CMAKE_BINARY_DIR} ${case})
    set_tests_properties(qemu_coldfire_${case} PROPERTIES LABELS "qemu;qemu-coldfire" TIMEOUT 60)
  endforeach()
endif()

# Host test of the kernel's ELF32 path (the ColdFire programs' format);
# kept here so that the x86_64 kernel tests' fragment stays untouched.
kh_unit_test(kernel_elf32 ${CMAKE_SOURCE_DIR}/tests/unit/kernel_elf32.c)   # lib/src/elf.c, in kh_core

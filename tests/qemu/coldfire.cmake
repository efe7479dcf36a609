# ColdFire QEMU tests (label "qemu"): tests/qemu/test_coldfire.py boots the
# images of the ColdFire sub-build (<build>/coldfire/coldfire*.img) on QEMU
# mcf5208evb through scripts/lib/khqemu.py (arch "coldfire").
if(KH_CROSS)
  find_package(Python3 REQUIRED COMPONENTS Interpreter)
  foreach(case boot corrupt faults reboot)
    add_test(NAME qemu_coldfire_${case}
      COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_coldfire.py
              ${CMAKE_BINARY_DIR} ${case})
    set_tests_properties(qemu_coldfire_${case} PROPERTIES LABELS qemu TIMEOUT 60)
  endforeach()
endif()

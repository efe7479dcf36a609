# devdisc and the space bank on ColdFire (labels "qemu", "qemu-coldfire"):
# tests/qemu/test_coldfire_devdisc.py boots coldfire-devdisc*.img of the
# ColdFire sub-build on QEMU mcf5208evb.
if(KH_CROSS)
  find_package(Python3 REQUIRED COMPONENTS Interpreter)
  foreach(case walk cold-change)
    add_test(NAME qemu_coldfire_devdisc_${case}
      COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_coldfire_devdisc.py
              ${CMAKE_BINARY_DIR} ${case})
    set_tests_properties(qemu_coldfire_devdisc_${case} PROPERTIES LABELS "qemu;qemu-coldfire" TIMEOUT 60)
  endforeach()
endif()

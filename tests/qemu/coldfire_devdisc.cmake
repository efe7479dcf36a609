# devdisc and the space bank on ColdFire (labels "qemu", "qemu-coldfire"):
# tests/qemu/test_coldfire_devdisc.py boots coldfire-devdisc*.img of the
# ColdFire sub-build on QEMU mcf5208evb.
if(KH_CROSS)
  find_package(Python3 REQUIRED COMPONENTS Interpreter)
  foreach(case walk cold-change huge huge-noframes)
    add_test(NAME qemu_coldfire_devdisc_${case}
      COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_coldfire_devdisc.py
              ${CMAKE_BINARY_DIR} ${case})
    set_tests_properties(qemu_coldfire_devdisc_${case} PROPERTIES LABELS "qemu;qemu-coldfire" TIMEOUT 60)
  endforeach()
endif()
# The closed loop (tests/qemu/test_coldfire_retune.py): re-tune through the
# Store capability, reboot, cure; shrink, give-up, torn write, bad DTB in
# the image and refused by scripts/run --dtb.
if(KH_CROSS)
  foreach(case grow shrink giveup torn kill baddtb rundtb)
    add_test(NAME qemu_coldfire_retune_${case}
      COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_coldfire_retune.py
              ${CMAKE_BINARY_DIR} ${case})
    set_tests_properties(qemu_coldfire_retune_${case} PROPERTIES LABELS "qemu;qemu-coldfire" TIMEOUT 90)
  endforeach()
endif()

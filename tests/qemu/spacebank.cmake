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
# The same cases on ColdFire (tests/qemu/test_coldfire_spacebank.py, over
# test_spacebank.py's checks): coldfire-spacebank*.img, coldfire-sbdeath.img
# and the default coldfire.img.
if(KH_CROSS)
  foreach(case clients relax default deaths)
    add_test(NAME qemu_coldfire_spacebank_${case}
      COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_coldfire_spacebank.py
              ${CMAKE_BINARY_DIR} ${case})
    set_tests_properties(qemu_coldfire_spacebank_${case} PROPERTIES
      LABELS "qemu;qemu-coldfire" TIMEOUT 60)
  endforeach()
endif()

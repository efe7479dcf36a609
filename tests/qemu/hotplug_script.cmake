# scripts/hotplug (QMP add/list/del of demo devices) on a running system.
if(KH_CROSS)
  find_package(Python3 REQUIRED COMPONENTS Interpreter)
  add_test(NAME qemu_hotplug_script
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_hotplug_script.py
            ${CMAKE_BINARY_DIR})
  set_tests_properties(qemu_hotplug_script PROPERTIES LABELS "qemu;qemu-x86_64" TIMEOUT 120)
endif()

# Host checks of scripts/run, scripts/hotplug and scripts/fuzz logic
# (tests/tools/test_scripts.py), no QEMU.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
add_test(NAME scripts_logic
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_scripts.py)
set_tests_properties(scripts_logic PROPERTIES LABELS tools TIMEOUT 60)

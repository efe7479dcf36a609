# scripts/run's build-output filter on captured Make and Ninja output
# (tests/tools/test_build_filter.py, tests/tools/build-output/), no build,
# no QEMU.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
add_test(NAME build_filter
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/test_build_filter.py)
set_tests_properties(build_filter PROPERTIES LABELS tools TIMEOUT 60)

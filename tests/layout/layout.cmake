# The source tree's boundaries (label "layout"): forbidden includes across
# rooms, include paths a room must not see, and include cycles, checked on
# the compile commands of the host build and both sub-builds
# (tests/layout/check_layout.py, docs/source-tree.md).  The self-test makes
# sure the checker still catches each kind of finding.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
add_test(NAME layout_includes
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/check_layout.py
          ${CMAKE_BINARY_DIR} ${CMAKE_SOURCE_DIR})
add_test(NAME layout_selftest
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/check_layout.py --self-test)
# Inside devdisc, finer rules (devdisc_rooms.py): one symbol prefix per
# room, no call cycle between its files, at most 10 top-level entries.
add_test(NAME devdisc_layout
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/devdisc_rooms.py ${CMAKE_SOURCE_DIR})
set_tests_properties(layout_includes layout_selftest devdisc_layout PROPERTIES
  LABELS layout TIMEOUT 60)

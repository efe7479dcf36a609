# End-to-end tests of the bootcfg host tool (tools/bootcfg).
add_test(NAME bootcfg_tool
  COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/bootcfg_tool.sh $<TARGET_FILE:bootcfg>)
set_tests_properties(bootcfg_tool PROPERTIES LABELS tools)

kh_unit_test(fmt_format ${CMAKE_CURRENT_LIST_DIR}/fmt_format.c)

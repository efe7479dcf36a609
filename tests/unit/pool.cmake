# Device StructPage pool: behaviour tests and a randomised model check.
kh_unit_test(pool_ops   ${CMAKE_CURRENT_LIST_DIR}/pool_ops.c)
kh_unit_test(pool_model ${CMAKE_CURRENT_LIST_DIR}/pool_model.c)

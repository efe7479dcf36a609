# Re-tune policy: the decision table row by row, and multi-boot runs of it
# against the real config-store codec.
kh_unit_test(policy_table ${CMAKE_CURRENT_LIST_DIR}/policy_table.c)
kh_unit_test(policy_boots ${CMAKE_CURRENT_LIST_DIR}/policy_boots.c)

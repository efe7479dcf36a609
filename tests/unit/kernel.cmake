# Host tests of the kernel's pure logic: heap planner and placement, ELF
# validation, manifest capability grants.  The sources are the kernel's own
# files, compiled for the host.
set(KH_KERNEL_DIR ${CMAKE_SOURCE_DIR}/kernel)
kh_unit_test(kernel_heap_plan ${CMAKE_CURRENT_LIST_DIR}/kernel_heap_plan.c
  ${KH_KERNEL_DIR}/heap_plan.c)
kh_unit_test(kernel_elf ${CMAKE_CURRENT_LIST_DIR}/kernel_elf.c)   # lib/src/elf.c, in kh_core
kh_unit_test(kernel_cap ${CMAKE_CURRENT_LIST_DIR}/kernel_cap.c ${KH_KERNEL_DIR}/cap.c)
# heap.c itself, with the kernel's console, panic and direct map stubbed.
kh_unit_test(kernel_heap ${CMAKE_CURRENT_LIST_DIR}/kernel_heap.c
  ${KH_KERNEL_DIR}/heap.c ${KH_KERNEL_DIR}/heap_plan.c)
target_include_directories(kernel_heap PRIVATE ${CMAKE_SOURCE_DIR}
  ${CMAKE_SOURCE_DIR}/arch/x86_64/include)
foreach(t kernel_heap_plan kernel_elf kernel_cap kernel_heap)
  target_include_directories(${t} PRIVATE ${KH_KERNEL_DIR})
endforeach()

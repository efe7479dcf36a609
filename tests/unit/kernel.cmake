# Host tests of the kernel's pure logic: heap planner and placement, ELF
# validation, manifest capability grants.  The sources are the kernel's own
# files, compiled for the host.
set(KH_KERNEL_DIR ${CMAKE_SOURCE_DIR}/kernel)
kh_unit_test(kernel_heap_plan ${CMAKE_CURRENT_LIST_DIR}/kernel_heap_plan.c
  ${KH_KERNEL_DIR}/heap_plan.c)
kh_unit_test(kernel_elf ${CMAKE_CURRENT_LIST_DIR}/kernel_elf.c)   # lib/src/elf.c, in kh_core
kh_unit_test(kernel_cap ${CMAKE_CURRENT_LIST_DIR}/kernel_cap.c ${KH_KERNEL_DIR}/cap.c)
# heap.c itself, with the kernel's console, panic and direct map stubbed;
# it sees the hal as the kernel does (kernel/seam.cmake), with the x86_64
# port's constants.
include(${KH_KERNEL_DIR}/seam.cmake)
kh_unit_test(kernel_heap ${CMAKE_CURRENT_LIST_DIR}/kernel_heap.c
  ${KH_KERNEL_DIR}/heap.c ${KH_KERNEL_DIR}/heap_plan.c)
kh_hal_seam(kernel_heap ${CMAKE_SOURCE_DIR}/arch/x86_64)
foreach(t kernel_heap_plan kernel_elf kernel_cap kernel_heap)
  target_include_directories(${t} PRIVATE ${KH_KERNEL_DIR})
endforeach()

# The generic kernel's include path holds no arch folder: in each
# freestanding sub-build, a probe compiled like any kernel/ file finds
# hal/arch.h but not arch_defs.h nor the port's private header by name.
# (Each test builds one target of that sub-build: serialised per arch.)
if(KH_CROSS)
  foreach(arch_probe x86_64:defs:arch_defs.h x86_64:port:x86.h
                     coldfire:defs:arch_defs.h coldfire:port:cf.h)
    string(REPLACE ":" ";" arch_probe "${arch_probe}")
    list(GET arch_probe 0 arch)
    list(GET arch_probe 1 name)
    list(GET arch_probe 2 header)
    string(REPLACE "." "\\." header_re "${header}")
    add_test(NAME kernel_seam_${arch}_${name}
      COMMAND ${CMAKE_COMMAND} --build ${CMAKE_BINARY_DIR}/${arch}
              --target kernel_seam_probe_${name})
    set_tests_properties(kernel_seam_${arch}_${name} PROPERTIES LABELS unit
      RESOURCE_LOCK ${arch}_build
      PASS_REGULAR_EXPRESSION "${header_re}: No such file or directory")
  endforeach()
endif()

# kernel/frame.c on the host (tests/unit/kernel_frame.c), once per port's
# constants: with an MMU (x86_64's) and without one (ColdFire's, where the
# FrameAlloc window's frames are taken only by address).
include(${CMAKE_SOURCE_DIR}/kernel/seam.cmake)
foreach(variant mmu:x86_64 nommu:coldfire)
  string(REPLACE ":" ";" variant "${variant}")
  list(GET variant 0 name)
  list(GET variant 1 arch)
  kh_unit_test(kernel_frame_${name} ${CMAKE_CURRENT_LIST_DIR}/kernel_frame.c
    ${CMAKE_SOURCE_DIR}/kernel/frame.c)
  kh_hal_seam(kernel_frame_${name} ${CMAKE_SOURCE_DIR}/arch/${arch})
  target_include_directories(kernel_frame_${name} PRIVATE ${CMAKE_SOURCE_DIR}/kernel)
endforeach()

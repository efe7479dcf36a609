# kernel/seam.cmake - how code built against hal/*.h sees the port: the
# generic kernel, the port itself and the kernel's host tests include
# "hal/<name>.h" from a seam directory that holds nothing but a link to
# the source tree's hal/, so neither arch/ nor the rest of the tree is on
# their include path; the port's constants reach hal/arch.h as the one
# configured include HAL_PORT_DEFS (arch/<arch>/include/arch_defs.h).
function(kh_hal_seam target arch_dir)
  set(seam ${CMAKE_BINARY_DIR}/hal_seam)
  file(MAKE_DIRECTORY ${seam})
  file(CREATE_LINK ${CMAKE_SOURCE_DIR}/hal ${seam}/hal SYMBOLIC)
  target_include_directories(${target} PRIVATE ${seam})
  target_compile_definitions(${target} PRIVATE
    HAL_PORT_DEFS="${arch_dir}/include/arch_defs.h")
endfunction()

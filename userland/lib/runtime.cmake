# The user runtime's build, shared by both architectures (included by
# userland/CMakeLists.txt before lib/arch/<arch>/runtime.cmake, which adds
# its crt0, its link script and kh_program()).
# mem.c must not have its loops turned back into calls to itself.
set_source_files_properties(${KH_USER_DIR}/lib/mem.c PROPERTIES
  COMPILE_OPTIONS "-fno-builtin;-fno-tree-loop-distribute-patterns")

# kh_user_runtime(target sources...): the generic wrappers over this
# architecture's system-call stub, plus the given sources (crt0, mem.c).
function(kh_user_runtime target)
  add_library(${target} STATIC ${ARGN} ${KH_USER_DIR}/lib/sys.c ${KH_USER_DIR}/lib/print.c ${KH_USER_DIR}/lib/objects.c
    ${KH_USER_DIR}/lib/expect.c ${KH_USER_DIR}/lib/drvmgr.c)
  target_include_directories(${target} PUBLIC ${KH_USER_DIR}/include
    ${CMAKE_SOURCE_DIR}/kernel/uapi)
  target_include_directories(${target} PRIVATE ${KH_USER_DIR}/lib/arch/${KH_ARCH}
    ${KH_USER_DIR}/lib/arch)
  target_link_libraries(${target} PUBLIC kh_core_${KH_ARCH}_low)
endfunction()

# kh_user_executable(name runtime ldscript sources...) -> target
# prog_<name>, file <name>.elf, linked with `runtime` by `ldscript`.
function(kh_user_executable name runtime ldscript)
  add_executable(prog_${name} ${ARGN})
  set_target_properties(prog_${name} PROPERTIES OUTPUT_NAME ${name} SUFFIX .elf
    LINK_DEPENDS ${ldscript})
  # crt0 comes from an archive: pull _start in explicitly.
  target_link_options(prog_${name} PRIVATE -T ${ldscript} -Wl,-z,max-page-size=4096
    -Wl,--undefined=_start)
  target_link_libraries(prog_${name} PRIVATE ${runtime} kh_core_${KH_ARCH}_low ${runtime})
endfunction()

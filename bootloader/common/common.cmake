# What both loaders build from bootloader/common/ (included by
# bootloader/CMakeLists.txt before the architecture's loader).
set(KH_BOOT_COMMON_DIR ${CMAKE_CURRENT_LIST_DIR})
set(KH_BOOT_COMMON_SOURCES ${KH_BOOT_COMMON_DIR}/choose.c ${KH_BOOT_COMMON_DIR}/mem.c
  ${KH_BOOT_COMMON_DIR}/reboot_note.c ${KH_BOOT_COMMON_DIR}/console.c)

# kh_loader_flags(target): what every loader target shares: the common
# sources' headers, lib/ (freestanding _low build), -Os for size, fixed
# low addresses read on purpose (min-pagesize=0).
function(kh_loader_flags target)
  target_include_directories(${target} PRIVATE ${KH_BOOT_COMMON_DIR})
  target_link_libraries(${target} PRIVATE kh_core_${KH_ARCH}_low)
  target_compile_options(${target} PRIVATE
    $<$<COMPILE_LANGUAGE:C>:-Os --param=min-pagesize=0>)
  # mem.c must not have its loops turned back into calls to itself.
  set_source_files_properties(${KH_BOOT_COMMON_DIR}/mem.c TARGET_DIRECTORY ${target}
    PROPERTIES COMPILE_OPTIONS "-fno-builtin;-fno-tree-loop-distribute-patterns")
endfunction()

# kh_flatten(target out): objcopy -O binary of target's ELF to `out`.
function(kh_flatten target out)
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_OBJCOPY} -O binary $<TARGET_FILE:${target}> ${out}
    DEPENDS ${target}
    COMMENT "Flattening ${target}")
endfunction()

# Program names of a manifest (`name caps` per line, '#' comments) and its
# DTS (`@dtb <name>`; mcf5208evb when the manifest names none; ColdFire
# images only).
function(kh_manifest_names manifest out dtb_out)
  file(STRINGS ${manifest} lines)
  set(names)
  set(dtb mcf5208evb)
  foreach(line IN LISTS lines)
    string(REGEX REPLACE "#.*" "" line "${line}")
    string(STRIP "${line}" line)
    if(line MATCHES "^@dtb[ \t]+([^ \t]+)$")
      set(dtb ${CMAKE_MATCH_1})
    elseif(line MATCHES "^([^ \t@]+)")
      list(APPEND names ${CMAKE_MATCH_1})
    endif()
  endforeach()
  set(${out} ${names} PARENT_SCOPE)
  set(${dtb_out} ${dtb} PARENT_SCOPE)
endfunction()

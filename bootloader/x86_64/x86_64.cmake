# x86_64 BIOS loader (included by bootloader/CMakeLists.txt, whose binary
# directory keeps stage1.bin / stage2.bin): stage 1 (MBR), stage 2 (real
# mode + long-mode C), and the boot disk images built from them with the
# host tool mkdisk.
set(BOOT_DIR ${CMAKE_CURRENT_LIST_DIR})

# Stage 1: 16-bit code linked at 0x7c00, flattened to one sector.
add_executable(stage1 ${BOOT_DIR}/stage1.S)
target_include_directories(stage1 PRIVATE ${BOOT_DIR} ${CMAKE_SOURCE_DIR}/lib/include)  # diskdir.h
target_link_options(stage1 PRIVATE -T ${BOOT_DIR}/stage1.ld -Wl,--no-warn-rwx-segments)
set_target_properties(stage1 PROPERTIES SUFFIX .elf LINK_DEPENDS ${BOOT_DIR}/stage1.ld)

# Stage 2: real-mode entry first, then 64-bit C with the shared codec.
set(S2 ${BOOT_DIR}/stage2)
add_executable(stage2 ${S2}/entry.S ${S2}/main.c ${S2}/console.c ${S2}/directory.c
  ${S2}/memmap.c ${S2}/kernel_elf.c ${S2}/config.c ${KH_BOOT_COMMON_SOURCES})
target_include_directories(stage2 PRIVATE ${BOOT_DIR} ${S2})
kh_loader_flags(stage2)
target_link_options(stage2 PRIVATE -T ${BOOT_DIR}/stage2/stage2.ld -Wl,--no-warn-rwx-segments)
set_target_properties(stage2 PROPERTIES SUFFIX .elf LINK_DEPENDS ${BOOT_DIR}/stage2/stage2.ld)

foreach(stage stage1 stage2)
  kh_flatten(${stage} ${CMAKE_CURRENT_BINARY_DIR}/${stage}.bin)
endforeach()
add_custom_target(boot_stages ALL DEPENDS
  ${CMAKE_CURRENT_BINARY_DIR}/stage1.bin ${CMAKE_CURRENT_BINARY_DIR}/stage2.bin)

set(KH_STAGE1_BIN ${CMAKE_CURRENT_BINARY_DIR}/stage1.bin CACHE INTERNAL "")
set(KH_STAGE2_BIN ${CMAKE_CURRENT_BINARY_DIR}/stage2.bin CACHE INTERNAL "")

# One image per manifest: manifest-x86_64.txt -> disk.img,
# manifest-x86_64-<variant>.txt -> disk-<variant>.img.  Runs deferred, at the
# end of the top directory, because kernel/ and userland/ are added after us.
function(kh_boot_images)
  file(GLOB manifests ${CMAKE_SOURCE_DIR}/userland/manifests/manifest-x86_64*.txt)
  set_property(DIRECTORY ${CMAKE_SOURCE_DIR} APPEND PROPERTY
    CMAKE_CONFIGURE_DEPENDS ${manifests} ${CMAKE_SOURCE_DIR}/userland)
  if(NOT manifests)
    message(STATUS "bootloader: no userland/manifests/manifest-x86_64*.txt yet, no disk image")
    return()
  endif()
  if(NOT DEFINED KH_HOST_BIN)
    message(STATUS "bootloader: KH_HOST_BIN not set (not built from the host build), no disk image")
    return()
  endif()
  foreach(manifest IN LISTS manifests)
    get_filename_component(base ${manifest} NAME_WE)
    string(REPLACE "manifest-x86_64" "disk" image ${base})
    kh_manifest_names(${manifest} names dtb_unused)
    set(missing)
    set(program_args)
    set(program_targets)
    foreach(target kernel ${names})
      if(NOT target STREQUAL "kernel")
        set(target prog_${target})
      endif()
      if(NOT TARGET ${target})
        list(APPEND missing ${target})
      endif()
    endforeach()
    if(missing)
      message(STATUS "bootloader: skipping ${image}.img: target(s) ${missing} not defined yet")
      continue()
    endif()
    foreach(name IN LISTS names)
      list(APPEND program_args --program ${name}=$<TARGET_FILE:prog_${name}>)
      list(APPEND program_targets prog_${name})
    endforeach()
    set(out ${CMAKE_BINARY_DIR}/${image}.img)
    add_custom_command(OUTPUT ${out}
      COMMAND ${KH_HOST_BIN}/mkdisk --out ${out}
              --stage1 ${KH_STAGE1_BIN} --stage2 ${KH_STAGE2_BIN}
              --kernel $<TARGET_FILE:kernel> --manifest ${manifest} ${program_args}
      DEPENDS boot_stages ${KH_STAGE1_BIN} ${KH_STAGE2_BIN} kernel ${program_targets}
              ${manifest} ${KH_HOST_BIN}/mkdisk
      COMMENT "Building ${image}.img")
    add_custom_target(${image}_img ALL DEPENDS ${out})
  endforeach()
endfunction()
cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR} CALL kh_boot_images)

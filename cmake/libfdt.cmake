# libfdt for the ColdFire sub-build (Debian has no m68k libfdt).  The
# sources are never committed: at build time scripts/dtc/libfdt/ is
# extracted from Debian's linux-source-6.1 tarball (installed by
# scripts/setup) into <coldfire build>/libfdt/, once, and again whenever
# the tarball changes.  Their libfdt_env.h is left out: it includes the C
# library; userland/devdisc/fdt/env/libfdt_env.h provides the same
# environment freestanding.  fdt_overlay.c is not built (it needs strtoul
# and devdisc applies no overlays).
#   kh_libfdt_coldfire   static library, include dirs exported
# devdisc's FDT walker over it (kh_fdtwalk_coldfire) is built by
# userland/devdisc/guest.cmake, its two test programs (fdt_linkcheck_cf,
# fdt_dump_cf) by tests/cross/CMakeLists.txt.  The host build's fuzzer
# (fuzz/fdt_walk.cmake) extracts the same sources with kh_libfdt_extract
# and builds them instrumented.
set(KH_LINUX_SOURCE_TARBALL /usr/src/linux-source-6.1.tar.xz CACHE FILEPATH
    "Debian linux-source-6.1 tarball: libfdt sources for ColdFire")

# kh_libfdt_extract(DIR SOURCES_VAR): the rule extracting libfdt into DIR;
# SOURCES_VAR gets the .c files built (the headers are in DIR too).
function(kh_libfdt_extract dir out)
  if(NOT EXISTS ${KH_LINUX_SOURCE_TARBALL})
    message(FATAL_ERROR "${KH_LINUX_SOURCE_TARBALL} not found: libfdt for "
            "ColdFire and the fuzzer comes from it. Run scripts/setup (installs linux-source-6.1).")
  endif()
  set(sources)
  foreach(f fdt.c fdt_ro.c fdt_wip.c fdt_sw.c fdt_rw.c fdt_strerror.c
            fdt_empty_tree.c fdt_addresses.c)
    list(APPEND sources ${dir}/${f})
  endforeach()
  # --touch: extracted files get the current time, newer than the
  # tarball, so make does not extract again on every build.
  add_custom_command(OUTPUT ${sources} ${dir}/fdt.h ${dir}/libfdt.h ${dir}/libfdt_internal.h
    COMMAND ${CMAKE_COMMAND} -E rm -rf ${dir}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${dir}
    COMMAND tar -xJf ${KH_LINUX_SOURCE_TARBALL} -C ${dir} --touch
            --strip-components=4 --exclude=*/libfdt_env.h
            linux-source-6.1/scripts/dtc/libfdt
    DEPENDS ${KH_LINUX_SOURCE_TARBALL}
    COMMENT "libfdt: extracting scripts/dtc/libfdt from linux-source-6.1"
    VERBATIM)
  set(${out} ${sources} PARENT_SCOPE)
endfunction()

if(NOT KH_ARCH STREQUAL "coldfire")
  return()
endif()

set(KH_LIBFDT_DIR ${CMAKE_BINARY_DIR}/libfdt)
kh_libfdt_extract(${KH_LIBFDT_DIR} KH_LIBFDT_SOURCES)

add_library(kh_libfdt_coldfire STATIC ${KH_LIBFDT_SOURCES})
# SYSTEM: libfdt.h's inline helpers do not pass our -Wconversion.
target_include_directories(kh_libfdt_coldfire SYSTEM PUBLIC
  ${KH_LIBFDT_DIR} ${CMAKE_SOURCE_DIR}/userland/devdisc/fdt/env)
# No libc: keep GCC from turning loops back into memcpy/memset calls.
target_compile_options(kh_libfdt_coldfire PRIVATE
  -fno-builtin -fno-tree-loop-distribute-patterns -Wno-sign-compare
  ${KH_FOREIGN_C_OPTIONS})

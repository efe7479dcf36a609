# FDT walker host tests (userland/devdisc/fdt/, line/) over Debian's libfdt and
# the .dts fixtures of tests/fixtures/fdt/, compiled with dtc at build time
# (no .dtb is committed).  Hostile blobs are made from these in the tests.
set(KH_FDT_DTS_DIR ${CMAKE_SOURCE_DIR}/tests/fixtures/fdt)
set(KH_FDT_DTB_DIR ${CMAKE_BINARY_DIR}/tests/fixtures/fdt)

find_library(KH_HOST_LIBFDT NAMES libfdt.a fdt)
find_path(KH_HOST_LIBFDT_INCLUDE libfdt.h)
find_program(KH_DTC dtc)
if(NOT KH_HOST_LIBFDT OR NOT KH_HOST_LIBFDT_INCLUDE OR NOT KH_DTC)
  message(FATAL_ERROR "libfdt-dev or device-tree-compiler missing: run scripts/setup")
endif()

set(KH_FDTW_DIR ${CMAKE_SOURCE_DIR}/userland/devdisc/fdt)
add_library(kh_fdtwalk_host STATIC
  ${KH_FDTW_DIR}/fdtw_walk.c
  ${KH_FDTW_DIR}/fdtw_scan.c
  ${KH_FDTW_DIR}/fdtw_grow.c
  ${KH_FDTW_DIR}/fdtw_need.c
  ${KH_FDTW_DIR}/fdtw_log.c
  ${CMAKE_SOURCE_DIR}/userland/devdisc/line/line.c)
target_include_directories(kh_fdtwalk_host PUBLIC
  ${KH_FDTW_DIR} ${CMAKE_SOURCE_DIR}/userland/devdisc/line ${KH_HOST_LIBFDT_INCLUDE})
target_link_libraries(kh_fdtwalk_host PUBLIC kh_core ${KH_HOST_LIBFDT})
target_compile_options(kh_fdtwalk_host PRIVATE -ffreestanding -Wconversion)

file(GLOB KH_FDT_DTS CONFIGURE_DEPENDS ${KH_FDT_DTS_DIR}/*.dts)
set(KH_FDT_DTBS)
foreach(dts ${KH_FDT_DTS})
  get_filename_component(stem ${dts} NAME_WE)
  set(dtb ${KH_FDT_DTB_DIR}/${stem}.dtb)
  add_custom_command(OUTPUT ${dtb}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${KH_FDT_DTB_DIR}
    COMMAND ${KH_DTC} -q -I dts -O dtb -o ${dtb} ${dts}
    DEPENDS ${dts}
    COMMENT "dtc ${stem}.dts"
    VERBATIM)
  list(APPEND KH_FDT_DTBS ${dtb})
endforeach()
# The hostile blobs dtc cannot write (hostile/mkhostile.py): fdt_hang and
# the fuzz seeds.
set(KH_FDT_HOSTILE_STEMS hang-proplen reg-fffffffc ranges-fffffffc unaligned-struct)
set(KH_FDT_HOSTILE)
foreach(stem ${KH_FDT_HOSTILE_STEMS})
  list(APPEND KH_FDT_HOSTILE ${KH_FDT_DTB_DIR}/hostile/${stem}.dtb)
endforeach()
find_package(Python3 REQUIRED COMPONENTS Interpreter)
add_custom_command(OUTPUT ${KH_FDT_HOSTILE}
  COMMAND ${Python3_EXECUTABLE} ${KH_FDT_DTS_DIR}/hostile/mkhostile.py ${KH_FDT_DTB_DIR}/hostile
  DEPENDS ${KH_FDT_DTS_DIR}/hostile/mkhostile.py
  COMMENT "hostile DTBs"
  VERBATIM)
add_custom_target(kh_fdt_fixtures ALL DEPENDS ${KH_FDT_DTBS} ${KH_FDT_HOSTILE})

foreach(t walk hostile need boards grow)
  kh_unit_test(fdt_${t} ${CMAKE_CURRENT_LIST_DIR}/fdt_${t}.c
               ${CMAKE_CURRENT_LIST_DIR}/fdt_fixture.c
               LIBS kh_fdtwalk_host)
  target_compile_definitions(fdt_${t} PRIVATE
    KH_FDT_DTB_DIR="${KH_FDT_DTB_DIR}")
  add_dependencies(fdt_${t} kh_fdt_fixtures)
endforeach()

# The hostile lengths and offsets, under ASan and UBSan: the walker's
# sources built into the test with the sanitizers (libfdt.a is Debian's).
kh_unit_test(fdt_hang ${CMAKE_CURRENT_LIST_DIR}/fdt_hang.c
             ${CMAKE_CURRENT_LIST_DIR}/fdt_fixture.c
             ${KH_FDTW_DIR}/fdtw_walk.c ${KH_FDTW_DIR}/fdtw_scan.c
             ${CMAKE_SOURCE_DIR}/userland/devdisc/line/line.c
             LIBS ${KH_HOST_LIBFDT})
target_include_directories(fdt_hang PRIVATE ${KH_FDTW_DIR}
  ${CMAKE_SOURCE_DIR}/userland/devdisc/line ${KH_HOST_LIBFDT_INCLUDE})
target_compile_definitions(fdt_hang PRIVATE KH_FDT_DTB_DIR="${KH_FDT_DTB_DIR}" _GNU_SOURCE)
target_compile_options(fdt_hang PRIVATE -fsanitize=address,undefined -fno-sanitize-recover=all)
target_link_options(fdt_hang PRIVATE -fsanitize=address,undefined)
add_dependencies(fdt_hang kh_fdt_fixtures)
set_tests_properties(fdt_hang PROPERTIES TIMEOUT 30)

# The ColdFire build of the walker (fdt_dump_cf, tests/cross/) under
# qemu-m68k against the host build; skipped without either.
find_program(KH_QEMU_M68K qemu-m68k)
if(KH_CROSS)
  set(kh_cross_on 1)
else()
  set(kh_cross_on 0)
endif()
kh_unit_test(fdt_cross ${CMAKE_CURRENT_LIST_DIR}/fdt_cross.c
             ${CMAKE_CURRENT_LIST_DIR}/fdt_fixture.c LIBS kh_fdtwalk_host)
target_compile_definitions(fdt_cross PRIVATE
  KH_FDT_DTB_DIR="${KH_FDT_DTB_DIR}"
  KH_QEMU_M68K="${KH_QEMU_M68K}"
  KH_FDT_DUMP_CF="${CMAKE_BINARY_DIR}/coldfire/tests/cross/fdt_dump_cf"
  KH_CROSS_ON=${kh_cross_on})
add_dependencies(fdt_cross kh_fdt_fixtures)
set_tests_properties(fdt_cross PROPERTIES LABELS "unit;cross" SKIP_RETURN_CODE 77)

# ColdFire user programs: the same runtime sources where they are portable
# (print.c, mem.c), the TRAP #0 wrappers and crt0 of this directory, and
# one fixed link address per program (no MMU): KH_USER_LINK_BASE from
# 0x44000000, 1 MiB apart, in the order programs are declared here.
set(KH_USER_DIR ${CMAKE_CURRENT_SOURCE_DIR})
set(KH_CF_USER_DIR ${KH_USER_DIR}/coldfire)
add_library(kh_user STATIC ${KH_CF_USER_DIR}/crt0.S ${KH_CF_USER_DIR}/sys.c
  ${KH_USER_DIR}/lib/print.c ${KH_USER_DIR}/lib/mem.c ${KH_USER_DIR}/lib/objects.c
  ${CMAKE_SOURCE_DIR}/arch/coldfire/arith64.c)
target_include_directories(kh_user PUBLIC ${KH_USER_DIR}/include
  ${CMAKE_SOURCE_DIR}/kernel/uapi)
target_link_libraries(kh_user PUBLIC kh_core_coldfire_low)
set_source_files_properties(${KH_USER_DIR}/lib/mem.c PROPERTIES
  COMPILE_OPTIONS "-fno-builtin;-fno-tree-loop-distribute-patterns")

set(KH_CF_NEXT_BASE 0x44000000)
# kh_program(name sources...) -> target prog_<name>, file <name>.elf
function(kh_program name)
  math(EXPR base "${KH_CF_NEXT_BASE}" OUTPUT_FORMAT HEXADECIMAL)
  math(EXPR next "${KH_CF_NEXT_BASE} + 0x100000" OUTPUT_FORMAT HEXADECIMAL)
  set(KH_CF_NEXT_BASE ${next} PARENT_SCOPE)
  add_executable(prog_${name} ${ARGN})
  set_target_properties(prog_${name} PROPERTIES OUTPUT_NAME ${name} SUFFIX .elf
    LINK_DEPENDS ${KH_CF_USER_DIR}/user.ld)
  target_link_options(prog_${name} PRIVATE -T ${KH_CF_USER_DIR}/user.ld -no-pie
    -Wl,--defsym=KH_USER_LINK_BASE=${base} -Wl,-z,max-page-size=4096
    -Wl,--undefined=_start -Wl,--no-warn-rwx-segments)
  target_link_libraries(prog_${name} PRIVATE kh_user kh_core_coldfire_low kh_user)
endfunction()

kh_program(hello ${KH_USER_DIR}/hello/hello.c)
kh_program(fault_illegal ${KH_CF_USER_DIR}/fault_illegal.c)
kh_program(fault_priv ${KH_CF_USER_DIR}/fault_priv.c)
kh_program(fault_div0 ${KH_USER_DIR}/fault_div0/fault_div0.c)
kh_program(reboot_once ${KH_USER_DIR}/reboot_once/reboot_once.c)
kh_program(cf_devmem ${KH_CF_USER_DIR}/cf_devmem.c)

# The system's daemons, from their own directories (x86_64 builds them
# from userland/CMakeLists.txt): the space bank, then devdisc.
include(${KH_USER_DIR}/spacebank/guest.cmake)
include(${KH_USER_DIR}/devdisc/guest.cmake)

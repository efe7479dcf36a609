# ColdFire user runtime (included by userland/CMakeLists.txt): kh_user
# (the generic wrappers of lib/ over this directory's crt0.S and TRAP #0
# stub; the 64-bit arithmetic helpers come from lib/ through
# kh_core_coldfire_low) and kh_program() with one fixed link address per
# program (no MMU): KH_USER_LINK_BASE from 0x44000000, 1 MiB apart, in the
# order programs are declared.
set(KH_ARCH_USER_DIR ${KH_USER_DIR}/lib/arch/coldfire)
set(KH_USER_LD ${KH_ARCH_USER_DIR}/user.ld)
kh_user_runtime(kh_user ${KH_ARCH_USER_DIR}/crt0.S ${KH_USER_DIR}/lib/mem.c)

set(KH_CF_NEXT_BASE 0x44000000)
# kh_program(name sources...) -> target prog_<name>, file <name>.elf
function(kh_program name)
  math(EXPR base "${KH_CF_NEXT_BASE}" OUTPUT_FORMAT HEXADECIMAL)
  math(EXPR next "${KH_CF_NEXT_BASE} + 0x100000" OUTPUT_FORMAT HEXADECIMAL)
  set(KH_CF_NEXT_BASE ${next} PARENT_SCOPE)
  kh_user_executable(${name} kh_user ${KH_USER_LD} ${ARGN})
  target_link_options(prog_${name} PRIVATE -no-pie -Wl,--defsym=KH_USER_LINK_BASE=${base}
    -Wl,--no-warn-rwx-segments)
endfunction()

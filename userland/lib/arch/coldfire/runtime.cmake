# ColdFire user runtime (included by userland/CMakeLists.txt): kh_user
# (the generic wrappers of lib/ over this directory's crt0.S and TRAP #0
# stub; the 64-bit arithmetic helpers come from lib/ through
# kh_core_coldfire_low) and kh_program() with one fixed link address per
# program (no MMU): KH_USER_LINK_BASE from 0x44000000, 1 MiB apart, in the
# order programs are declared, below the FrameAlloc window (0x47000000,
# KH_FRAME_VA_BASE in kernel/uapi/kh_syscall.h): 48 programs at most.
set(KH_ARCH_USER_DIR ${KH_USER_DIR}/lib/arch/coldfire)
set(KH_USER_LD ${KH_ARCH_USER_DIR}/user.ld)
kh_user_runtime(kh_user ${KH_ARCH_USER_DIR}/crt0.S ${KH_USER_DIR}/lib/mem.c)

set(KH_CF_NEXT_BASE 0x44000000)
# kh_program(name sources...) -> target prog_<name>, file <name>.elf
function(kh_program name)
  math(EXPR base "${KH_CF_NEXT_BASE}" OUTPUT_FORMAT HEXADECIMAL)
  math(EXPR next "${KH_CF_NEXT_BASE} + 0x100000" OUTPUT_FORMAT HEXADECIMAL)
  math(EXPR room "0x47000000 - ${next}")
  if(room LESS 0)
    message(FATAL_ERROR "kh_program(${name}): link address ${base} reaches the FrameAlloc window")
  endif()
  set(KH_CF_NEXT_BASE ${next} PARENT_SCOPE)
  kh_user_executable(${name} kh_user ${KH_USER_LD} ${ARGN})
  target_link_options(prog_${name} PRIVATE -no-pie -Wl,--defsym=KH_USER_LINK_BASE=${base}
    -Wl,--no-warn-rwx-segments)
endfunction()

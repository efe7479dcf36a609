# x86_64 user runtime (included by userland/CMakeLists.txt): kh_user (the
# generic wrappers of lib/ over this directory's crt0.S and SYSCALL stub)
# and kh_program(); kh_user_musl and kh_musl_program() for programs linked
# statically with musl's libc.a (Debian musl-dev).  Every program is a
# static ELF64 linked at 4 MiB (user.ld).
set(KH_ARCH_USER_DIR ${KH_USER_DIR}/lib/arch/x86_64)
set(KH_USER_LD ${KH_ARCH_USER_DIR}/user.ld)
kh_user_runtime(kh_user ${KH_ARCH_USER_DIR}/crt0.S ${KH_USER_DIR}/lib/mem.c)

# kh_program(name sources... [LDSCRIPT file]) -> target prog_<name>, file
# <name>.elf, linked with user.ld unless another script is given.
function(kh_program name)
  cmake_parse_arguments(P "" "LDSCRIPT" "" ${ARGN})
  if(NOT P_LDSCRIPT)
    set(P_LDSCRIPT ${KH_USER_LD})
  endif()
  kh_user_executable(${name} kh_user ${P_LDSCRIPT} ${P_UNPARSED_ARGUMENTS})
endfunction()

# musl programs: hosted musl headers instead of the freestanding ones,
# musl's crt0 (userland/musl/), the same wrappers, then libc.a and libgcc.
# See docs/syscalls.md.
set(KH_MUSL_DIR /usr/lib/x86_64-linux-musl)
set(KH_MUSL_INCLUDE /usr/include/x86_64-linux-musl)
if(EXISTS ${KH_MUSL_DIR}/libc.a)
  execute_process(COMMAND ${CMAKE_C_COMPILER} -print-libgcc-file-name
    OUTPUT_VARIABLE KH_LIBGCC OUTPUT_STRIP_TRAILING_WHITESPACE)
  kh_user_runtime(kh_user_musl ${KH_USER_DIR}/musl/crt0.S ${KH_USER_DIR}/musl/start.c)
  target_include_directories(kh_user_musl PUBLIC ${CMAKE_SOURCE_DIR}/lib/include)
  target_compile_options(kh_user_musl PUBLIC
    $<$<COMPILE_LANGUAGE:C>:-nostdinc -isystem ${KH_MUSL_INCLUDE}>)
  function(kh_musl_program name)
    kh_user_executable(${name} kh_user_musl ${KH_USER_LD} ${ARGN})
    target_link_libraries(prog_${name} PRIVATE ${KH_MUSL_DIR}/libc.a kh_user_musl ${KH_LIBGCC})
  endfunction()
else()
  message(WARNING "userland: ${KH_MUSL_DIR}/libc.a missing (scripts/setup installs musl-dev)")
endif()

# In-guest test programs (included by userland/CMakeLists.txt, in its
# scope, after the user runtime): tests/guest/<name>/<name>.c -> target
# prog_<name>, file <name>.elf, booted by the manifests in userland/.
# ColdFire links each program at its own address in declaration order
# (lib/arch/coldfire/runtime.cmake), so the order below is kept.
# The host build's tests/CMakeLists.txt includes every tests/*/*.cmake:
# nothing to build there.
if(NOT DEFINED KH_ARCH)
  return()
endif()
set(KH_GUEST_DIR ${CMAKE_CURRENT_LIST_DIR})

# kh_guest_test(name [source]) -> prog_<name> from tests/guest/<name>/.
# A macro: ColdFire's kh_program() advances the link address in its
# caller's scope, which must stay this directory's.
macro(kh_guest_test name)
  set(kh_guest_src ${ARGN})
  if(NOT kh_guest_src)
    set(kh_guest_src ${name}/${name}.c)
  endif()
  kh_program(${name} ${KH_GUEST_DIR}/${kh_guest_src})
endmacro()

if(KH_ARCH STREQUAL "coldfire")
  kh_guest_test(hello)
  kh_guest_test(fault_illegal)
  kh_guest_test(fault_priv fault_priv/fault_priv_coldfire.c)
  kh_guest_test(fault_div0)
  kh_guest_test(reboot_once)
  kh_guest_test(cf_devmem)
  kh_guest_test(cf_store)
  kh_guest_test(cf_frameholder cf_frames/cf_frameholder.c)
  kh_guest_test(cf_frames)
  return()
endif()

foreach(name hello sysprobe fault_kaddr fault_priv fault_div0 reboot_once)
  kh_guest_test(${name})
endforeach()
kh_program(bad_low ${KH_GUEST_DIR}/bad_low/bad_low.c LDSCRIPT ${KH_GUEST_DIR}/bad_low/low.ld)
foreach(name cap_devmem cap_misc devholder sleeper nodevmem ipc_server ipc_client fuzz spinner
    probe_nmi probe_fence frameowner framedriver framehog)
  kh_guest_test(${name})
endforeach()
kh_guest_test(spinner2 spinner/spinner.c)
kh_guest_test(fuzz_peer fuzz/fuzz_peer.c)
kh_guest_test(epparent)
kh_guest_test(epchild epparent/epchild.c)
kh_guest_test(deathsink)

if(COMMAND kh_musl_program)
  foreach(name muslprobe muslprobe2)   # two of them: a second SSE user
    kh_musl_program(${name} ${KH_GUEST_DIR}/muslprobe/muslprobe.c)
  endforeach()
endif()
kh_guest_test(greet)

# In-guest space bank and its client test programs (included by
# userland/CMakeLists.txt).  docs/spacebank.md.
kh_program(spacebank spacebank/spacebank.c spacebank/ledger.c)
target_include_directories(prog_spacebank PRIVATE ${KH_USER_DIR}/spacebank)
# The clients are test programs (tests/guest/sbclient/), both targets:
# they talk to the bank over IPC and map nothing.
set(KH_SB_CLIENTS ${CMAKE_SOURCE_DIR}/tests/guest/sbclient)
foreach(client sbclient sbpeer sbsettle sbmany sbdier)
  kh_program(${client} ${KH_SB_CLIENTS}/${client}.c ${KH_SB_CLIENTS}/sbc.c)
  target_include_directories(prog_${client} PRIVATE ${KH_USER_DIR}/spacebank
    ${KH_SB_CLIENTS})
endforeach()

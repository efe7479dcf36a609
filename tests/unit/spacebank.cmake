# Space bank host tests: the ledger of userland/spacebank/.
set(KH_SPACEBANK_DIR ${CMAKE_SOURCE_DIR}/userland/spacebank)

add_library(kh_spacebank_host STATIC ${KH_SPACEBANK_DIR}/ledger.c)
target_include_directories(kh_spacebank_host PUBLIC ${KH_SPACEBANK_DIR})
target_link_libraries(kh_spacebank_host PUBLIC kh_core)
target_compile_options(kh_spacebank_host PRIVATE -ffreestanding -Wconversion)

foreach(t ledger random)
  kh_unit_test(spacebank_${t} ${CMAKE_CURRENT_LIST_DIR}/spacebank_${t}.c
               LIBS kh_spacebank_host)
endforeach()

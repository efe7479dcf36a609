# Freestanding build for one architecture (KH_ARCH = x86_64 | coldfire).
set(CMAKE_C_STANDARD 11)
set(CMAKE_C_STANDARD_REQUIRED ON)
include(${CMAKE_CURRENT_LIST_DIR}/warnings.cmake)
# Where the host build put its tools (mkdisk, bootcfg), for image steps.
message(STATUS "${KH_ARCH}: host tools in ${KH_HOST_BIN}")

add_subdirectory(lib)
include(${CMAKE_SOURCE_DIR}/cmake/libfdt.cmake)   # ColdFire only: libfdt from linux-source
foreach(dir bootloader kernel userland)
  if(EXISTS ${CMAKE_SOURCE_DIR}/${dir}/CMakeLists.txt)
    add_subdirectory(${dir})
  endif()
endforeach()
add_subdirectory(tests/cross)   # ColdFire only (guarded inside): golden-store program

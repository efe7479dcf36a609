# Host build: libraries for tools and tests, plus the freestanding sub-builds.
include(CTest)
include(ExternalProject)

set(CMAKE_C_STANDARD 11)
set(CMAKE_C_STANDARD_REQUIRED ON)
set(CMAKE_RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/bin)
include(${CMAKE_CURRENT_LIST_DIR}/warnings.cmake)
add_compile_options(-g -O2)

option(KH_CROSS "Build the x86_64 and ColdFire freestanding sub-builds" ON)
option(KH_FUZZ "Build libFuzzer targets (needs clang)" ON)

add_subdirectory(lib)
add_subdirectory(tools)
add_subdirectory(tests)
if(EXISTS ${CMAKE_SOURCE_DIR}/bench/CMakeLists.txt)
  add_subdirectory(bench)
endif()
if(KH_FUZZ)
  add_subdirectory(fuzz)
endif()

if(KH_CROSS)
  foreach(arch x86_64 coldfire)
    # The x86_64 sub-build lays out its boot disks with the host tool mkdisk.
    set(kh_host_tools)
    if(arch STREQUAL "x86_64")
      set(kh_host_tools DEPENDS mkdisk)
    endif()
    ExternalProject_Add(${arch}
      ${kh_host_tools}
      SOURCE_DIR ${CMAKE_SOURCE_DIR}
      BINARY_DIR ${CMAKE_BINARY_DIR}/${arch}
      CMAKE_ARGS -DKH_ARCH=${arch}
                 -DCMAKE_TOOLCHAIN_FILE=${CMAKE_SOURCE_DIR}/cmake/toolchain-${arch}.cmake
                 -DCMAKE_BUILD_TYPE=Release
                 -DKH_HOST_BIN=${CMAKE_BINARY_DIR}/bin
      BUILD_ALWAYS ON
      INSTALL_COMMAND ""
      USES_TERMINAL_BUILD ON)
  endforeach()
endif()

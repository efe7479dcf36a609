# ColdFire (MCF5208, ISA A+, big-endian, no FPU, no MMU): Debian's m68k
# cross compiler, freestanding.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR m68k)
set(CMAKE_C_COMPILER m68k-linux-gnu-gcc)
set(CMAKE_ASM_COMPILER m68k-linux-gnu-gcc)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(CMAKE_C_FLAGS_INIT "-mcpu=5208 -ffreestanding -fno-stack-protector -fno-pic -O2 -g")
set(CMAKE_ASM_FLAGS_INIT "-mcpu=5208")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-nostdlib -static -Wl,--build-id=none")

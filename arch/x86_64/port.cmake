# The x86_64 port: sources and flags that kernel/CMakeLists.txt adds to the
# `kernel` target.  Included with KH_ARCH_DIR set to this directory.
set(KH_PORT_SOURCES
  ${KH_ARCH_DIR}/entry.S
  ${KH_ARCH_DIR}/trap.S
  ${KH_ARCH_DIR}/cpu.c
  ${KH_ARCH_DIR}/trap.c
  ${KH_ARCH_DIR}/serial.c
  ${KH_ARCH_DIR}/timer.c
  ${KH_ARCH_DIR}/mmu.c
  ${KH_ARCH_DIR}/reset.c
  ${KH_ARCH_DIR}/store.c
)
set(KH_PORT_COMPILE_OPTIONS -mcmodel=kernel)
set(KH_PORT_LINK_OPTIONS -T ${KH_ARCH_DIR}/kernel.ld -Wl,-z,max-page-size=4096)
set(KH_PORT_LINKER_SCRIPT ${KH_ARCH_DIR}/kernel.ld)
set(KH_PORT_CORE_LIB kh_core_x86_64)
# The port's private header (generic code must not be able to include it).
set(KH_PORT_PRIVATE_HEADER x86.h)

# The ColdFire port (MCF5208, QEMU mcf5208evb): the flags kernel/CMakeLists.txt
# builds the port's files (KH_PORT_FILES there) and the kernel with.
# Included with KH_ARCH_DIR set to this directory.
set(KH_PORT_COMPILE_OPTIONS -fno-pic)
set(KH_PORT_LINK_OPTIONS -T ${KH_ARCH_DIR}/kernel.ld -no-pie -Wl,-z,max-page-size=4096
  -Wl,--no-warn-rwx-segments)
set(KH_PORT_LINKER_SCRIPT ${KH_ARCH_DIR}/kernel.ld)
set(KH_PORT_CORE_LIB kh_core_coldfire)
# The port's private header (generic code must not be able to include it).
set(KH_PORT_PRIVATE_HEADER cf.h)

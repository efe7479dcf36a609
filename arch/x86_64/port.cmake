# The x86_64 port: the flags kernel/CMakeLists.txt builds the port's files
# (KH_PORT_FILES there) and the kernel with.  Included with KH_ARCH_DIR set
# to this directory.
set(KH_PORT_COMPILE_OPTIONS -mcmodel=kernel)
set(KH_PORT_LINK_OPTIONS -T ${KH_ARCH_DIR}/kernel.ld -Wl,-z,max-page-size=4096)
set(KH_PORT_LINKER_SCRIPT ${KH_ARCH_DIR}/kernel.ld)
set(KH_PORT_CORE_LIB kh_core_x86_64)
# The port's private header (generic code must not be able to include it).
set(KH_PORT_PRIVATE_HEADER x86.h)

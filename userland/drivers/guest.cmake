# Device drivers devdisc starts (included by userland/CMakeLists.txt,
# x86_64): one folder per driver, each a program of its own, started
# only by devdisc over the device-manager protocol (userland/include/kh_drv.h).
kh_program(ivshmem ${KH_USER_DIR}/drivers/ivshmem/ivshmem.c)

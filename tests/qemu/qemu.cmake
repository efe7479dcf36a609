# QEMU tests (labels "qemu" and "qemu-x86_64"; the ColdFire ones carry
# "qemu-coldfire" instead): plain python3 scripts that boot the x86_64
# images of the sub-build (<build>/x86_64/disk*.img) through
# scripts/lib/khqemu.py, the module scripts/run uses.  Serial logs land in
# <build>/qemu-tests/.  They need the cross sub-builds.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
set(KH_QEMU_TESTS_DIR ${CMAKE_CURRENT_LIST_DIR})

# mkdisk's layout and refusals: host only, no QEMU.
add_test(NAME mkdisk_layout
  COMMAND ${Python3_EXECUTABLE} ${KH_QEMU_TESTS_DIR}/test_mkdisk.py ${CMAKE_BINARY_DIR})
set_tests_properties(mkdisk_layout PROPERTIES LABELS tools TIMEOUT 60)

if(KH_CROSS)
  function(kh_qemu_test name script)
    add_test(NAME ${name}
      COMMAND ${Python3_EXECUTABLE} ${KH_QEMU_TESTS_DIR}/${script} ${CMAKE_BINARY_DIR} ${ARGN})
    set_tests_properties(${name} PROPERTIES LABELS "qemu;qemu-x86_64" TIMEOUT 120)
  endfunction()

  kh_qemu_test(qemu_boot test_boot.py)
  foreach(case corrupt-newest empty newer-version no-store)
    kh_qemu_test(qemu_config_${case} test_config.py ${case})
  endforeach()
  foreach(case machine phdr-bounds low-paddr staging beyond-ram disk-crc
               stage2-crc dir-crc truncated lba)
    kh_qemu_test(qemu_badimage_${case} test_badimage.py ${case})
  endforeach()
  kh_qemu_test(qemu_faults test_faults.py)
  kh_qemu_test(qemu_heap test_heap.py)
  foreach(memory 16M 32M 64M 128M)
    kh_qemu_test(qemu_heapfit_${memory} test_heapfit.py ${memory})
  endforeach()
  kh_qemu_test(qemu_reboot test_reboot.py)
endif()

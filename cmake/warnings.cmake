# The project's C warnings, for every build tree (host, x86_64, ColdFire):
# everything -Wall -Wextra finds, and every function either static or
# declared in a header (-Wmissing-prototypes), all of it an error.  Code
# the project did not write (libfdt, extracted at build time) is built with
# KH_FOREIGN_C_OPTIONS instead.
add_compile_options(-Wall -Wextra -Werror=implicit-function-declaration
  $<$<COMPILE_LANGUAGE:C>:-Wmissing-prototypes>
  $<$<COMPILE_LANGUAGE:C>:-Werror>)
set(KH_FOREIGN_C_OPTIONS -Wno-error -Wno-missing-prototypes)

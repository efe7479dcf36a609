/* status.c - names for the status enum, generated from STATUS_LIST. */
#include "status.h"
#include "names.h"

KH_NAME_FUNCTION(status_name, enum status, STATUS_LIST, STATUS_COUNT)

#ifndef MERIDIAN_LIBPQ_SHIM_H
#define MERIDIAN_LIBPQ_SHIM_H

#include <libpq-fe.h>

#endif

#ifndef MERIDIAN_SQLITE_SHIM_H
#define MERIDIAN_SQLITE_SHIM_H

#include <sqlite3.h>

/// `SQLITE_TRANSIENT` is a cast of -1 to a function pointer, which Swift cannot import.
static inline sqlite3_destructor_type meridian_sqlite_transient(void) {
    return SQLITE_TRANSIENT;
}

/// `sqlite3_db_config` is variadic; Swift calls this fixed-arity wrapper instead.
static inline int meridian_sqlite_db_config_int(sqlite3 *db, int op, int value, int *result) {
    return sqlite3_db_config(db, op, value, result);
}

#endif

#include <sqlite3.h>

/// Turns off SQLite's memory statistics (SQLITE_CONFIG_MEMSTATUS), which take a global mutex
/// on every allocation. Only effective before SQLite initializes (before the first
/// connection opens); returns SQLITE_MISUSE after that, and changes nothing.
static inline int oln_sqlite3_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

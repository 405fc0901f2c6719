/* Correct code: no findings. */
#include <sqlite3.h>

int count_rows(sqlite3 *db)
{
    sqlite3_stmt *st = 0;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM t", -1, &st, 0) != SQLITE_OK)
        return -1;
    int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
}

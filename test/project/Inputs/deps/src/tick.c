#include "deps.h"

/* A global: not a handle the analysis follows. */
PGconn *global_conn;

/* Calls the helpers but passes them no handle it tracks: only what they
   return matters here. */
void tick(void)
{
    log_conn(global_conn);
    ping(global_conn);
}

int ticks;

int tick_count(void)
{
    return ticks;
}

/* hiredis: the context leaks when the reply is NULL. */
#include <hiredis.h>
#include <sys/time.h>
#include "pool.h"

int cache_get(const char *host)
{
    struct timeval tv = {1, 0};
    redisContext *ctx = redisConnectWithTimeout(host, 6379, tv);
    if (ctx == NULL || ctx->err)
        return -1;
    redisReply *r = redisCommand(ctx, "GET k");
    if (r == NULL)
        return -1;
    freeReplyObject(r);
    redisFree(ctx);
    return 0;
}

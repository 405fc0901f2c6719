/* Order cache in Redis (hiredis). */
#include <hiredis/hiredis.h>
#include <string.h>
#include <sys/time.h>

/* Bug: no connect timeout, and the context leaks when err is set. */
int cache_put(const char *host, const char *key, const char *value)
{
    redisContext *c = redisConnect(host, 6379);
    if (c == NULL || c->err)
        return -1;
    redisReply *r = redisCommand(c, "SET %s %s", key, value);
    int ok = r != NULL && r->type == REDIS_REPLY_STATUS;
    if (r)
        freeReplyObject(r);
    redisFree(c);
    return ok ? 0 : -1;
}

/* Correct. */
int cache_get(redisContext *c, const char *key, char *out, size_t n)
{
    redisReply *r = redisCommand(c, "GET %s", key);
    if (r == NULL)
        return -1;
    int rc = -1;
    if (r->type == REDIS_REPLY_STRING) {
        strncpy(out, r->str, n - 1);
        out[n - 1] = '\0';
        rc = 0;
    }
    freeReplyObject(r);
    return rc;
}

// Input of invalid-scope-guard.test.
#include <mongoc/mongoc.h>

int ping(mongoc_client_pool_t *pool) {
  mongoc_client_t *client = mongoc_client_pool_pop(pool);
  if (!mongoc_client_command_simple(client, "admin", NULL, NULL, NULL, NULL))
    return -1;
  mongoc_client_pool_push(pool, client);
  return 0;
}

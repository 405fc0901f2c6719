// connleak-missing-timeout: a MYSQL handle obtained from mysql_init in the
// function must get MYSQL_OPT_CONNECT_TIMEOUT and MYSQL_OPT_READ_TIMEOUT
// (mysql_options or mysql_optionsv) before mysql_real_connect.
// RUN: %check_connleak %s connleak-missing-timeout %t -- -- %cflags %mysql

#include <mysql.h>
#include <stddef.h>

void apply_site_options(MYSQL *m);

// Positive: no options at all.
void no_options(void) {
  MYSQL *m = mysql_init(NULL);
  mysql_real_connect(m, "db", "app", "secret", "orders", 0, NULL, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mysql_real_connect' runs with no timeout: 'm' has no 'MYSQL_OPT_CONNECT_TIMEOUT', and no 'MYSQL_OPT_READ_TIMEOUT' set before it [connleak-missing-timeout]
  mysql_close(m);
}

// Positive: only the connect timeout; reads can still hang.
void connect_timeout_only(void) {
  unsigned int seconds = 5;
  MYSQL *m = mysql_init(NULL);
  mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &seconds);
  mysql_real_connect(m, "db", "app", "secret", "orders", 0, NULL, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mysql_real_connect' runs with no timeout: 'm' has no 'MYSQL_OPT_READ_TIMEOUT' set before it [connleak-missing-timeout]
  mysql_close(m);
}

// Positive: only the read timeout; the handle assigned after its declaration.
void read_timeout_only(void) {
  unsigned int seconds = 5;
  MYSQL *m;
  m = mysql_init(NULL);
  mysql_options(m, MYSQL_OPT_READ_TIMEOUT, &seconds);
  mysql_real_connect(m, "db", "app", "secret", "orders", 0, NULL, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mysql_real_connect' runs with no timeout: 'm' has no 'MYSQL_OPT_CONNECT_TIMEOUT' set before it [connleak-missing-timeout]
  mysql_close(m);
}

// Positive: the options are set, but only after connecting.
void options_too_late(void) {
  unsigned int seconds = 5;
  MYSQL *m = mysql_init(NULL);
  mysql_real_connect(m, "db", "app", "secret", "orders", 0, NULL, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'mysql_real_connect' runs with no timeout: 'm' has no 'MYSQL_OPT_CONNECT_TIMEOUT', and no 'MYSQL_OPT_READ_TIMEOUT' set before it [connleak-missing-timeout]
  mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &seconds);
  mysql_options(m, MYSQL_OPT_READ_TIMEOUT, &seconds);
  mysql_close(m);
}

// Negative: both timeouts set before connecting (mysql_options, mysql_optionsv,
// and an option held in a local variable).
void both_timeouts(void) {
  unsigned int seconds = 5;
  MYSQL *m = mysql_init(NULL);
  mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &seconds);
  mysql_options(m, MYSQL_OPT_READ_TIMEOUT, &seconds);
  mysql_real_connect(m, "db", "app", "secret", "orders", 0, NULL, 0);
  mysql_close(m);
}
void both_timeouts_v(void) {
  unsigned int seconds = 5;
  enum mysql_option read_opt = MYSQL_OPT_READ_TIMEOUT;
  MYSQL *m = mysql_init(NULL);
  mysql_optionsv(m, MYSQL_OPT_CONNECT_TIMEOUT, &seconds);
  mysql_optionsv(m, read_opt, &seconds);
  mysql_real_connect(m, "db", "app", "secret", "orders", 0, NULL, 0);
  mysql_close(m);
}

// Negative: a handle received as a parameter was configured by the caller.
void connect_given(MYSQL *m) {
  mysql_real_connect(m, "db", "app", "secret", "orders", 0, NULL, 0);
}

// Negative: the handle goes to an unknown function first, which may set them.
void site_options(void) {
  MYSQL *m = mysql_init(NULL);
  apply_site_options(m);
  mysql_real_connect(m, "db", "app", "secret", "orders", 0, NULL, 0);
  mysql_close(m);
}

// Negative: the options are set by a local helper before the connect.
static void set_timeouts(MYSQL *m) {
  unsigned int seconds = 5;
  mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &seconds);
  mysql_options(m, MYSQL_OPT_READ_TIMEOUT, &seconds);
}
void helper_options(void) {
  MYSQL *m = mysql_init(NULL);
  set_timeouts(m);
  mysql_real_connect(m, "db", "app", "secret", "orders", 0, NULL, 0);
  mysql_close(m);
}

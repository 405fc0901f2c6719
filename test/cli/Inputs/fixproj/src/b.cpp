#include "dao.hpp"

int b_total(PGconn *conn) { return dao_count(conn); }

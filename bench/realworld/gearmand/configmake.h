/* Stand-in for the configmake.h that gearmand's Makefile.am writes (bench/realworld.py; prefix /usr,
   sysconfdir /etc, localstatedir /var). */
#define SYSCONFDIR "/etc"
#define GEARMAND_CONFIG "/etc/gearmand.conf"
#define GEARMAND_CA_CERTIFICATE "/etc/ssl/certs/gearmand-ca.pem"
#define GEARMAND_SERVER_PEM "/etc/ssl/certs/gearmand.pem"
#define GEARMAND_SERVER_KEY "/etc/ssl/certs/gearmand.key"
#define GEARMAN_CLIENT_PEM "/etc/ssl/certs/gearman.pem"
#define GEARMAN_CLIENT_KEY "/etc/ssl/certs/gearman.key"
#define LOCALSTATEDIR "/var"
#define GEARMAND_PID "/var/gearmand.pid"

#!/usr/bin/env bash
# The Debian 12 packages that bench/realworld.py needs beyond scripts/install-deps.sh (which CI runs; these
# are bench-only and stay out of it).  Idempotent: installs only what is missing, apt-get update first.
# Installed sizes (apt, on top of scripts/install-deps.sh) in bench/README.md, "Real code".
set -euo pipefail
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
export DEBIAN_FRONTEND=noninteractive

PKGS=(
  # the sweep's code bases as the sweep documents them
  postgresql-server-dev-15 nlohmann-json3-dev liblua5.3-dev
  # PostgreSQL: Debian's pg_config.h has ENABLE_GSS, so libpq-be.h includes gssapi/gssapi.h (1.9 MB)
  libkrb5-dev
  # configured mode: PostgreSQL's generators are perl scripts; hiredis's examples take pkg-config flags
  perl pkg-config
  # collectd: curl_json, curl_jolokia, oauth, write_stackdriver
  libyajl-dev
  # hiredis's adapter examples: libev, libuv, sd-event, GLib (18 MB), ivykis (0.3 MB),
  # Qt 5 (81 MB with --no-install-recommends, for one file)
  libev-dev libuv1-dev libsystemd-dev libglib2.0-dev libivykis-dev qtbase5-dev
  # osm2pgsql: lz4 (osmium), PROJ and potrace (src/gen/); OpenCV is left out, see bench/README.md
  liblz4-dev libproj-dev libpotrace-dev
  # extra code bases of the verdicts (bench/realworld/VERDICTS.md): rsyslog (liblognorm for mmkubernetes;
  # libestr and libfastjson for its runtime), repmgr (json-c for pgbackupapi.c), sysbench (Concurrency Kit)
  liblognorm-dev libestr-dev libfastjson-dev libjson-c-dev libck-dev
  # curl's examples: crawler.c, htmltitle.cpp (also collectd's curl_xml.c), htmltidy.c (2.5 MB)
  libxml2-dev libtidy-dev
  # pmacct: pmacct.h includes <pcap/pcap.h>
  libpcap-dev
  # FreeRADIUS 3.2: libradius.h includes <talloc.h> (fourth round of VERDICTS.md)
  libtalloc-dev
  # APR-util's DBD drivers include APR's headers (fifth round of VERDICTS.md; 1.5 MB)
  libapr1-dev)

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "realworld install-deps: all packages present"
  exit 0
fi
echo "realworld install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"

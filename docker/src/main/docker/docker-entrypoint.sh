#!/bin/sh
# Starts Fogbank in the container: the JVM flags that keep it small and fast to start, plus any in
# FOGBANK_JAVA_OPTS; the arguments are Fogbank's command line ("start" when there are none).
set -e
[ $# -eq 0 ] && set -- start
exec /opt/fogbank/runtime/bin/java -XX:+UseSerialGC -Xss512k \
  -XX:AOTCache=/opt/fogbank/fogbank.aot -Xlog:aot=off -Xlog:cds=off \
  $FOGBANK_JAVA_OPTS \
  -jar /opt/fogbank/fogbank.jar "$@"

#!/bin/sh
# Starts Fogbank in the container: the JVM flags that keep it small and fast to start, plus any in
# FOGBANK_JAVA_OPTS (later flags win); the arguments are Fogbank's command line ("start" when
# there are none).
#
# A container mostly serves tests, which care about start-up more than peak throughput: only the
# quick C1 compiler (a third less CPU until the first answer); FOGBANK_JAVA_OPTS=
# -XX:TieredStopAtLevel=4 brings back the optimising one for long load runs.
set -e
[ $# -eq 0 ] && set -- start
exec /opt/fogbank/runtime/bin/java -XX:+UseSerialGC -Xss512k -XX:TieredStopAtLevel=1 -XX:-UsePerfData \
  -XX:AOTCache=/opt/fogbank/fogbank.aot -Xlog:aot=off -Xlog:cds=off \
  $FOGBANK_JAVA_OPTS \
  -jar /opt/fogbank/fogbank.jar "$@"

#!/bin/sh
# What an application server does to an HTTP/2 connection during DrainKit's delay and at its stop (issue 17), measured
# with a client that is not the JDK's: curl (libcurl + nghttp2) over h2c (HTTP/1.1 Upgrade; curl 7.88's prior-knowledge
# mode does not reuse its connection), one connection, about 15 requests a second, each taking 50 ms.
# At +2 s the kubelet's preStop call; when it answers, SIGTERM to the server's JVM. Prints, in order, each run of equal
# answers: status, HTTP version, new connections opened, curl's exit code (7: could not connect; 16: HTTP/2 error).
#
#   proof/http2/at-stop.sh wildfly|liberty|payara-micro     (after ./mvnw -P<profile> -pl proof/<module> -am verify -DskipTests)
# Run it inside `unshare -n` (loopback only, port 8080 free). Needs curl with HTTP/2 and bc.
set -eu
cd "$(dirname "$0")/../.."
TOKEN=h2-token-5b1f0c9d7a3e4f62
W=$(mktemp -d)
export DRAINKIT_DELAY=4s DRAINKIT_TIMEOUT=15s DRAINKIT_PRESTOP_ENABLED=true DRAINKIT_PRESTOP_TOKEN=$TOKEN
export JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
case "$1" in
wildfly)
    home=$(ls -d proof/wildfly/target/wildfly-*)
    mkdir -p "$W/standalone/deployments"
    cp -r "$home/standalone/configuration" "$W/standalone/"
    cp examples/wildfly/target/deployments/drainkit-example.war "$W/standalone/deployments/"
    LAUNCH_JBOSS_IN_BACKGROUND=true "$home/bin/standalone.sh" -c standalone-microprofile.xml -b 127.0.0.1 \
        -bmanagement 127.0.0.1 -Djboss.server.base.dir="$W/standalone" >"$W/server.log" 2>&1 &
    ready=WFLYSRV0025; app=http://127.0.0.1:8080/drainkit-example ;;
liberty)
    HTTP_HOST=127.0.0.1 HTTP_PORT=8080 proof/liberty/target/liberty/wlp/bin/server run drainkit-example \
        >"$W/server.log" 2>&1 &
    ready=CWWKF0011I; app=http://127.0.0.1:8080/drainkit-example ;;
payara-micro)
    java -Djava.io.tmpdir="$W" -jar examples/payara/target/payara/payara-micro.jar --nocluster --disablephonehome \
        --port 8080 --deploy examples/payara/target/payara/drainkit-example.war >"$W/server.log" 2>&1 &
    ready="ready in"; app=http://127.0.0.1:8080/drainkit-example ;;
*) echo "usage: $0 wildfly|liberty|payara-micro" >&2; exit 2 ;;
esac
launcher=$!
for _ in $(seq 1 180); do grep -q "$ready" "$W/server.log" && break; sleep 1; done
jvm=$(pgrep -P "$launcher" java || echo "$launcher")
t0=$(date +%s.%N)
since() { echo "$(date +%s.%N) - $t0" | bc; }
curl -s --http2 --rate 15/s -o /dev/null -w '%{http_code} %{http_version} %{num_connects} %{exitcode}\n' \
    "$app/work?ms=50&n=[1-180]" >"$W/h2.txt" 2>/dev/null &
client=$!
sleep 2
echo "preStop at +$(since) s"
curl -s -o /dev/null -w "preStop answered %{http_code}" -H "X-DrainKit-Token: $TOKEN" "$app/drainkit/prestop"
echo " at +$(since) s; SIGTERM"
kill -TERM "$jvm"
wait "$launcher" || true
echo "server exited at +$(since) s"
wait "$client" || true
echo "requests, in order (count status version new-connections curl-exit):"
uniq -c "$W/h2.txt"
rm -rf "$W"

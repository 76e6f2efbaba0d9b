#!/usr/bin/env sh
# Builds DrainKit and the embedded example, then runs it in the foreground:
#   examples/embedded/run.sh [PORT]        (PORT also from env PORT; default 8080; HOST defaults to 127.0.0.1)
# DrainKit's metrics for Prometheus: http://HOST:METRICS_PORT/metrics (default 9464; METRICS_PORT=off: none).
# DrainKit's settings come from the environment, e.g. DRAINKIT_DELAY=3s DRAINKIT_TIMEOUT=15s.
# Stop it with SIGTERM (kill PID) or Ctrl-C: it drains first, then stops Jetty.
set -eu
cd "$(dirname "$0")/../.."
./mvnw -q -pl examples/embedded -am package -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip
exec java -jar examples/embedded/target/drainkit-example-embedded.jar "$@"

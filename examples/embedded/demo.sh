#!/usr/bin/env sh
# Watch DrainKit drain a loaded server without failing a request (about 15 s; needs only a JDK 17+):
#   examples/embedded/demo.sh
# Builds DrainKit and the example when the jar is missing or older than the sources, then runs the demo driver,
# which starts the server as a child JVM on a free loopback port. Exits non-zero if any request failed or the
# server did not exit 0 after SIGTERM.
set -eu
cd "$(dirname "$0")/../.."
jar=examples/embedded/target/drainkit-example-embedded.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml api impl examples -type f -newer "$jar" \
        \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) ! -path '*/target/*' | head -n 1)" ]; then
    echo "Building DrainKit and the embedded example (./mvnw -q -pl examples/embedded -am package) ..."
    ./mvnw -q -pl examples/embedded -am package -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip
fi
# No silent retries by the JDK HttpClient: the demo counts every failed request.
exec java -Djdk.httpclient.redirects.retrylimit=1 -cp "$jar" io.drainkit.example.embedded.demo.DrainDemo examples/embedded/target/demo-server.log

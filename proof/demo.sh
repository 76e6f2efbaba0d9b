#!/usr/bin/env sh
# Watch DrainKit drain a loaded server without failing a request (about 15 s; needs only a JDK 17+):
#   proof/demo.sh
# Builds DrainKit, the embedded example and the demo when a jar is missing or older than the sources, then runs the
# demo, which starts the example server as a child JVM on a free loopback port and runs the pod termination scenario
# (proof/harness) against it. Exits non-zero if any request failed or the server did not exit 0 after SIGTERM.
set -eu
cd "$(dirname "$0")/.."
demo=proof/embedded/target/drainkit-demo.jar
example=examples/embedded/target/drainkit-example-embedded.jar
if [ ! -f "$demo" ] || [ ! -f "$example" ] || [ -n "$(find pom.xml api impl examples proof -type f -newer "$demo" \
        \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) ! -path '*/target/*' | head -n 1)" ]; then
    echo "Building DrainKit, the embedded example and the demo (./mvnw -q -pl proof/embedded -am package) ..."
    ./mvnw -q -pl proof/embedded -am package -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip
fi
# No silent retries by the JDK HttpClient: the demo counts every failed request.
exec java -Djdk.httpclient.redirects.retrylimit=1 -Ddrainkit.example.jar="$example" -jar "$demo" proof/embedded/target/demo

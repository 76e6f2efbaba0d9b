#!/usr/bin/env bash
# What DrainKit costs per request and how fast it lets go (see BENCHMARKS.md):
#   benchmarks/run.sh [--quick]
# 1. throughput and p99 latency of GET /hello on embedded Jetty 12, server JVMs with DrainKit's filter and without
#    it (same flags), driven by wrk against 127.0.0.1 in interleaved pairs (A B, B A, ...), in several sessions of
#    freshly started JVMs (one JVM instance can be a few per cent faster than the next);
# 2. JMH on the filter's per-request work while not draining, 1 and 2 threads, with -prof gc;
# 3. the release latency: many drains whose last request ends at a known instant.
# Ends with five machine-readable lines; everything else goes to stderr and benchmarks/target/results/.
# --quick runs a shorter version (about 2 minutes) for a quick check; the full run takes about 8 minutes.
# Needs a JDK 17+ and wrk (installed from Debian's packages when missing and run as root). Every server it starts is
# stopped on exit, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=false
case "${1:-}" in
    --quick) quick=true ;;
    "") ;;
    *) echo "usage: benchmarks/run.sh [--quick]" >&2; exit 2 ;;
esac

if $quick; then
    sessions=2; warmup_runs=1; pairs=2; run_s=4
    jmh_opts=(-f 1 -wi 3 -w 1s -i 3 -r 1s)
    drains=500
else
    sessions=5; warmup_runs=2; pairs=3; run_s=5
    jmh_opts=()
    drains=3000
fi
connections=16
warmup_s=10
server_flags=(-Xms512m -Xmx512m -XX:+UseParallelGC -XX:+AlwaysPreTouch)
# Nothing is pinned to a CPU. With the servers on one core and wrk on the other, Jetty's thread hand-offs for 16
# connections on one core dominated, and one JVM instance came out up to 10% faster than the next whatever it ran;
# sharing both cores, instances agree within about 2% (measured here, see BENCHMARKS.md).

out=benchmarks/target/results
mkdir -p "$out"

if ! command -v wrk >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing wrk (Debian package) ..." >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
    else
        echo "wrk is missing: install it with 'sudo sh -c \"apt-get update && apt-get install -y wrk\"'" >&2
        exit 1
    fi
fi

echo "Building DrainKit and the benchmarks ..." >&2
./mvnw -q -B -ntp -pl benchmarks -am package -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip
cp="benchmarks/target/classes:benchmarks/target/lib/*"

servers=()
stop_servers() {
    local pid
    for pid in "${servers[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${servers[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
    servers=()
}
trap stop_servers EXIT

# Starts a HelloServer variant in the background and sets $url once it listens (on loopback, or the run stops).
start_server() {
    local variant=$1 log="$out/server-$1.log" pid
    java "${server_flags[@]}" -cp "$cp" io.drainkit.benchmarks.HelloServer "$variant" >"$log" 2>&1 &
    pid=$!
    servers+=("$pid")
    url=""
    for _ in $(seq 300); do
        url=$(sed -n 's/^listening on \(http[^ ]*\).*/\1/p' "$log")
        [ -n "$url" ] && break
        kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; echo "the $variant server died" >&2; exit 1; }
        sleep 0.1
    done
    [ -n "$url" ] || { echo "the $variant server did not start within 30 s" >&2; exit 1; }
    case "$url" in http://127.0.0.1:*) ;; *) echo "refusing to load $url: not loopback" >&2; exit 1 ;; esac
}

# wrk prints latencies as 812.00us, 1.21ms or 1.02s: in microseconds.
to_micros() {
    awk -v v="$1" 'BEGIN {
        n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        if (u == "us") f = 1; else if (u == "ms") f = 1000; else if (u == "s") f = 1000000; else f = -1
        if (f < 0) { print "unknown latency unit: " v > "/dev/stderr"; exit 1 }
        printf "%.1f", n * f }'
}

# One wrk run against a variant; appends "variant session req/s p99_us" to $out/throughput.tsv.
measure() {
    local variant=$1 target=$2 session=$3 pair=$4 result="$out/wrk-$1-$3-$4.txt" rps p99 errors
    wrk -t1 -c"$connections" -d"${run_s}s" --latency "$target/hello" >"$result"
    errors=$(awk '/Non-2xx or 3xx responses:|Socket errors:/ {print}' "$result")
    if [ -n "$errors" ]; then
        echo "wrk saw errors against the $variant server: $errors" >&2
        exit 1
    fi
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$result")
    p99=$(to_micros "$(awk '$1 == "99%" {print $2}' "$result")")
    printf '%s\t%s\t%s\t%s\n' "$variant" "$session" "$rps" "$p99" >>"$out/throughput.tsv"
    printf '  session %d pair %d %-17s %8.0f req/s  p99 %8.1f us\n' "$session" "$pair" "$variant" "$rps" "$p99" >&2
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
median_of() { awk -v v="$1" -v c="$2" '$1 == v { print $c }' "$out/throughput.tsv" | median; }

echo "Throughput: $sessions sessions of two fresh server JVMs (${server_flags[*]}), each warmed with" \
    "${warmup_runs}x${warmup_s}s of wrk, then $pairs interleaved pairs (A B, B A, ...) of wrk -t1 -c$connections -d${run_s}s" >&2
rm -f "$out/throughput.tsv"
for session in $(seq "$sessions"); do
    start_server with-drainkit; with_url=$url
    start_server without-drainkit; without_url=$url
    for _ in $(seq "$warmup_runs"); do
        wrk -t1 -c"$connections" -d"${warmup_s}s" "$with_url/hello" >/dev/null
        wrk -t1 -c"$connections" -d"${warmup_s}s" "$without_url/hello" >/dev/null
    done
    for pair in $(seq "$pairs"); do
        if [ $(((session + pair) % 2)) = 0 ]; then
            measure with-drainkit "$with_url" "$session" "$pair"
            measure without-drainkit "$without_url" "$session" "$pair"
        else
            measure without-drainkit "$without_url" "$session" "$pair"
            measure with-drainkit "$with_url" "$session" "$pair"
        fi
    done
    stop_servers
done
rps_with=$(median_of with-drainkit 3); rps_without=$(median_of without-drainkit 3)
p99_with=$(median_of with-drainkit 4); p99_without=$(median_of without-drainkit 4)
throughput_ratio=$(awk -v a="$rps_with" -v b="$rps_without" 'BEGIN { printf "%.4f", a / b }')
p99_latency_ratio=$(awk -v a="$p99_with" -v b="$p99_without" 'BEGIN { printf "%.4f", a / b }')
# The spread of the sessions' own ratios says how far the ratio of medians can be trusted.
session_ratios=$(awk '$1 == "with-drainkit" { w[$2] += $3; nw[$2]++ } $1 == "without-drainkit" { o[$2] += $3; no[$2]++ }
    END { for (s in w) printf "%.3f\n", (w[s] / nw[s]) / (o[s] / no[s]) }' "$out/throughput.tsv" | sort -g | tr '\n' ' ')
echo "  median req/s: with $rps_with, without $rps_without; median p99: with ${p99_with}us, without ${p99_without}us" >&2
echo "  each session's req/s ratio (with / without, means of its pairs), sorted: $session_ratios" >&2

echo "Hot path: JMH ${jmh_opts[*]:-(as annotated: 2 forks, 3x2s warm-up, 5x2s)} -prof gc" >&2
java -cp "$cp" org.openjdk.jmh.Main HotPathBenchmark "${jmh_opts[@]}" -prof gc \
    -rf csv -rff "$out/jmh.csv" >"$out/jmh.txt" 2>&1 || { tail -30 "$out/jmh.txt" >&2; exit 1; }
grep -E '^HotPathBenchmark|^Benchmark ' "$out/jmh.txt" | grep -E 'avgt|Benchmark ' | grep -v 'gc.alloc.rate ' >&2 || true
# CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit"
jmh_score() { awk -F, -v b="\"io.drainkit.benchmarks.HotPathBenchmark.$1\"" '$1 == b { print $5 }' "$out/jmh.csv"; }
hotpath_ns=$(jmh_score enterExitTwoThreads)
hotpath_alloc_bytes=$(jmh_score 'enterExitTwoThreads:gc.alloc.rate.norm')

echo "Release latency: $drains drains" >&2
java -cp "$cp" io.drainkit.benchmarks.ReleaseLatency "$drains" >"$out/release.txt" 2>"$out/release-drainkit.log"
grep -v '^release_p99_ms=' "$out/release.txt" >&2
release_p99_ms=$(sed -n 's/^release_p99_ms=//p' "$out/release.txt")

echo "throughput_ratio=$throughput_ratio"
echo "p99_latency_ratio=$p99_latency_ratio"
echo "hotpath_ns=$(awk -v v="$hotpath_ns" 'BEGIN { printf "%.2f", v }')"
echo "hotpath_alloc_bytes=$(awk -v v="$hotpath_alloc_bytes" 'BEGIN { printf "%.3f", v }')"
echo "release_p99_ms=$release_p99_ms"

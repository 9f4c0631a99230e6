#!/usr/bin/env bash
# Runs one benchmark class side by side with its peer: benchmarks/run.sh SignBenchmark [args...]
# Builds what it needs first (offline when the local repository already has everything).
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: benchmarks/run.sh BenchmarkClass [args...]}; shift
if [ ! -f benchmarks/target/classpath.txt ] || [ "${OCATOPIC_BENCH_REBUILD:-1}" = 1 ]; then
  mvn -B -q -DskipTests -Dmaven.javadoc.skip -pl benchmarks -am install >&2
fi
exec java -Xmx4g -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" "io.ocatopic.benchmarks.$name" "$@"

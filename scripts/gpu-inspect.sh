#!/usr/bin/env bash
# Read-only GPU hardware check on a machine without Java (issue 5, point 7).
#
#   scripts/gpu-inspect.sh build [DIR]   on a build machine with JDK 17 and ~/.m2: builds gpu-core and examples,
#                                        then writes DIR (default .devcarry/gpu-inspect): a jlink runtime, the jars
#                                        and DIR/inspect.sh
#   DIR/inspect.sh [--library PATH]      on the GPU machine: runs `ocatopic gpu inspect` (devices, MIG mode,
#                                        profiles, possible placements, telemetry; CONFIRMED/CONTRADICTED per catalog
#                                        profile). It only calls NVML getters: it never changes MIG mode or instances.
#   scripts/gpu-inspect.sh run [DIR] ... both: builds if DIR is missing, then runs DIR/inspect.sh.
#   scripts/gpu-inspect.sh assemble [DIR] only writes DIR from jars already built (GpuInspectBundleIT uses it).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-run}; shift || true
dir=${1:-.devcarry/gpu-inspect}; [ $# -gt 0 ] && shift
build() {
  mvn -B -o -q -DskipTests -Dmaven.javadoc.skip -pl ocatopic-core,native-bindings,gpu-core,examples install >&2
  assemble
}
assemble() {
  rm -rf "$dir"; mkdir -p "$dir/lib"
  m2=${M2_REPO:-$HOME/.m2/repository}
  v=$(mvn -B -o -q help:evaluate -Dexpression=project.version -DforceStdout 2>/dev/null || echo 0.1.0-SNAPSHOT)
  cp ocatopic-core/target/ocatopic-core-*.jar native-bindings/target/native-bindings-*.jar gpu-core/target/gpu-core-*.jar "$dir/lib/" 2>/dev/null || true
  rm -f "$dir"/lib/*-tests.jar "$dir"/lib/*-sources.jar "$dir"/lib/*-javadoc.jar
  cp examples/target/examples-"$v".jar "$dir/lib/" 2>/dev/null || cp examples/target/examples-*[0-9T].jar "$dir/lib/"
  jna=$(sed -n 's:.*<jna.version>\(.*\)</jna.version>.*:\1:p' pom.xml)
  pico=$(sed -n 's:.*<picocli.version>\(.*\)</picocli.version>.*:\1:p' pom.xml)
  slf=$(sed -n 's:.*<slf4j.version>\(.*\)</slf4j.version>.*:\1:p' pom.xml)
  cp "$m2/net/java/dev/jna/jna/$jna/jna-$jna.jar" "$m2/info/picocli/picocli/$pico/picocli-$pico.jar" \
     "$m2/org/slf4j/slf4j-api/$slf/slf4j-api-$slf.jar" "$m2/org/slf4j/slf4j-simple/$slf/slf4j-simple-$slf.jar" "$dir/lib/"
  # -o yaml|json: the one mapper configuration (kube-support's Mappers) and Jackson, nothing of fabric8
  cp kube-support/target/kube-support-"$v".jar "$dir/lib/" 2>/dev/null || cp kube-support/target/kube-support-*[0-9T].jar "$dir/lib/"
  deps=$(mktemp)
  mvn -B -o -q -pl gpu-core dependency:list -DoutputAbsoluteArtifactFilename=true -DoutputFile="$deps" \
      -DincludeGroupIds=com.fasterxml.jackson.core,com.fasterxml.jackson.dataformat,com.fasterxml.jackson.datatype,org.yaml >&2
  grep -o '/[^ ]*\.jar' "$deps" | xargs -r cp -t "$dir/lib/"
  rm -f "$deps"
  jlink --add-modules java.base,java.logging,jdk.unsupported --strip-debug --no-man-pages --no-header-files \
        --compress=2 --output "$dir/runtime" >&2
  cat > "$dir/inspect.sh" <<'RUN'
#!/usr/bin/env bash
# Read-only: prints devices, MIG mode, profiles, placements, telemetry and the catalog verdicts.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
exec "$here/runtime/bin/java" -Xshare:auto -cp "$here/lib/*" io.ocatopic.cli.GpuInspectCommand "$@"
RUN
  chmod +x "$dir/inspect.sh"
  du -sh "$dir" >&2
}
case "$mode" in
  build) build ;;
  assemble) assemble ;;
  run) [ -x "$dir/inspect.sh" ] || build; exec "$dir/inspect.sh" "$@" ;;
  *) echo "usage: $0 build|assemble|run [DIR] [inspect args]" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# Builds the operator's test image as an OCI archive for `ctr -n k8s.io images import`, without Docker and without a
# registry: the same layout as src/main/docker/Dockerfile's image (the Quarkus application on a Java 17 runtime, no
# shell, user 65532), but made here from what the machine has:
#   - a Java runtime cut by jlink from the local JDK 17 (only the modules the operator uses), cached by JDK version
#     and module list in $DEBUGSESSION_CLUSTER_CACHE/jre (default ~/.cache/debugsession-operator/jre);
#   - the shared libraries that runtime loads (glibc, libz, libstdc++...), copied from this Debian 12 machine, which
#     is also what the distroless base (debian12) holds;
#   - /etc/passwd and /etc/group with the nonroot user, an empty /tmp;
#   - the application, target/quarkus-app (./mvnw package), under /deployments.
# No /bin/sh, no package manager. Before packing, it runs `java -version` inside the tree (chroot, as the nonroot
# user) so that a missing library fails here, not in a pod.
#
#   test/cluster/images/operator-image.sh APP_DIR OUT.tar [NAME]     # NAME default debugsession.test/operator:dev
#
# Prints the image's name and manifest digest. Needs root (chroot), a JDK 17 with jmods, Go. A few seconds with the
# runtime cached.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
app="$(realpath "${1:?usage: operator-image.sh APP_DIR OUT.tar [NAME]}")"
out="$(realpath -m "${2:?usage: operator-image.sh APP_DIR OUT.tar [NAME]}")"
name="${3:-debugsession.test/operator:dev}"
[[ -f "$app/quarkus-run.jar" ]] || { echo "operator-image.sh: $app/quarkus-run.jar is missing; run ./mvnw package" >&2; exit 1; }

# The JDK: jlink's, which must be 17 (the runtime the distroless base image has).
jdk="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v jlink)")")")}"
[[ -x "$jdk/bin/jlink" && -d "$jdk/jmods" ]] || { echo "operator-image.sh: no jlink with jmods in $jdk; install a JDK 17 (openjdk-17-jdk-headless)" >&2; exit 1; }
jdk_version="$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')"
[[ "$jdk_version" == 17.* ]] || { echo "operator-image.sh: $jdk is Java $jdk_version, not 17" >&2; exit 1; }

# The JDK modules the operator uses: what `jdeps -s --multi-release 17 --ignore-missing-deps` reports for each jar of
# target/quarkus-app (measured 2026-12-01; 7 minutes on a loaded machine, so not run on every build), without
# jdk.compiler (an annotation processor's, not used at run time), plus what is loaded by name, which jdeps cannot
# see: jdk.zipfs (SmallRye Config reads application.properties from the jar through a zip file system; without it
# the operator exits at start with ExceptionInInitializerError) and jdk.crypto.ec (TLS with EC keys). A library
# that needs another module fails the in-cluster E2E at start: add it here.
modules=java.base,java.compiler,java.desktop,java.logging,java.management,java.naming,java.net.http,java.sql
modules+=,jdk.crypto.ec,jdk.management,jdk.unsupported,jdk.zipfs
cache="${DEBUGSESSION_CLUSTER_CACHE:-$HOME/.cache/debugsession-operator}/jre"
jre="$cache/$jdk_version-$(printf %s "$modules" | sha256sum | cut -c1-12)"
if [[ ! -x "$jre/bin/java" ]]; then
  mkdir -p "$cache"
  rm -rf "$jre.tmp"
  "$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --output "$jre.tmp"
  mv "$jre.tmp" "$jre"
fi

root="$(mktemp -d)"
chmod 755 "$root"
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{opt,etc,deployments}
install -d -m 1777 "$root/tmp"
cp -a "$jre" "$root/opt/java"
# Every shared library the runtime's programs and libraries load, at the path the dynamic linker finds it (the
# resolved file copied under the name it is asked for), and the dynamic linker itself.
while read -r lib; do
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done < <(find "$jre" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec ldd {} + 2> /dev/null \
  | sed -n 's/.*=> \(\/[^ ]*\) (.*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) (.*/\1/p' | grep -v "^$jre/" | sort -u)
printf '%s\n' 'root:x:0:0:root:/root:/sbin/nologin' 'nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin' \
  > "$root/etc/passwd"
printf '%s\n' 'root:x:0:' 'nonroot:x:65532:' > "$root/etc/group"
cp -a "$app/." "$root/deployments/"

# The runtime starts in the tree as the image's user, with nothing of the machine's around it but a /proc of its own
# (the dynamic linker reads /proc/self/exe to find the runtime's libraries, as in a container).
mkdir "$root/proc"
if ! unshare --mount --pid --fork --mount-proc="$root/proc" \
  chroot --userspec=65532:65532 "$root" /opt/java/bin/java -version > "$root/java-version.txt" 2>&1; then
  cat "$root/java-version.txt" >&2
  echo "operator-image.sh: the runtime does not start in the image's tree" >&2
  exit 1
fi
rm "$root/java-version.txt"
rmdir "$root/proc"
[[ ! -e "$root/bin/sh" ]] || { echo "operator-image.sh: the image has a shell" >&2; exit 1; }

cd "$here"
go run ./pack -rootfs "$root" -name "$name" -user 65532:65532 \
  -entrypoint /opt/java/bin/java,-jar,/deployments/quarkus-run.jar -o "$out"

#!/usr/bin/env bash
# Installs the Debian package on a fresh Debian 12 (a debootstrap chroot of the minimal base
# system) and checks it as an administrator would: apt pulls the dependencies, both programs run,
# the service user exists, the example settings are a conffile, the unit verifies, and the service's
# command line (ari-supervisor --no-gui with the packaged settings and a password credential)
# connects to the packaged simulator. Needs root and debootstrap; the base system is cached in
# ${CHECK_PACKAGE_CACHE:-$HOME/.cache/ari-supervisor-check-package} (the first run downloads it).
#   tools/check-package.sh [ari-supervisor_<version>_amd64.deb]    (default: the one tools/package.sh made)
set -euo pipefail
project=$(cd "$(dirname "$0")/.." && pwd)
package=${1:-$(ls "$project"/ari-supervisor_*_amd64.deb 2>/dev/null | tail -n 1)}
if [ -z "$package" ] || [ ! -f "$package" ]; then
    echo "check-package: no package; run tools/package.sh first" >&2
    exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "check-package: run as root (it builds a chroot)" >&2
    exit 1
fi
command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap >/dev/null

cache=${CHECK_PACKAGE_CACHE:-$HOME/.cache/ari-supervisor-check-package}
base=$cache/bookworm-minbase.tar
root=$(mktemp -d)
cleanup() {
    for mount in dev/pts dev proc sys; do umount -l "$root/$mount" 2>/dev/null || true; done
    rm -rf --one-file-system "$root"
}
trap cleanup EXIT
mkdir -p "$cache"
if [ ! -s "$base" ]; then
    echo "check-package: making a Debian 12 base system (once)"
    debootstrap --variant=minbase bookworm "$root" >"$cache/debootstrap.log" 2>&1
    tar -C "$root" -cf "$base" .
else
    tar -C "$root" -xf "$base"
fi
chmod 755 "$root" # mktemp's 0700, also kept in the cached archive; the service runs as its own user
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
mount -t proc proc "$root/proc"
mount --rbind /sys "$root/sys"
mount --rbind /dev "$root/dev"
cp "$package" "$root/tmp/"

cat >"$root/tmp/check.sh" <<'CHECK'
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
step() { echo "check-package: $*"; }
step "apt-get install ./$(basename /tmp/ari-supervisor_*.deb)"
apt-get update -qq
apt-get install -y -qq /tmp/ari-supervisor_*.deb >/tmp/apt.log 2>&1 || { cat /tmp/apt.log; exit 1; }
step "programs"
ari-supervisor --version
ari-sim --help >/dev/null
test -f /usr/share/applications/ari-supervisor.desktop
test -f /usr/share/icons/hicolor/scalable/apps/ari-supervisor.svg
step "service user and files"
getent passwd ari-supervisor
test "$(stat -c '%U:%G %a' /etc/ari-supervisor/ari-supervisor.ini)" = "root:ari-supervisor 640"
test "$(stat -c '%U %a' /etc/ari-supervisor/ari-password)" = "root 600"
dpkg-query -W -f='${Conffiles}\n' ari-supervisor | grep -q '/etc/ari-supervisor/ari-supervisor.ini'
step "--check-config of the example settings: no password yet, so refused"
if ari-supervisor --check-config --config /etc/ari-supervisor/ari-supervisor.ini; then
    echo "check-package: the example settings passed without a password" >&2
    exit 1
fi
step "the service's command line against ari-sim, the password as a credential"
echo 's3cret' >/etc/ari-supervisor/ari-password
echo 's3cret' >/tmp/sim-password
ari-sim --port 8088 --password-file /tmp/sim-password >/tmp/sim.log 2>&1 &
sim=$!
for _ in $(seq 100); do grep -q listening /tmp/sim.log && break; sleep 0.2; done
# What systemd does for LoadCredential=: a copy only the service's user can read.
mkdir -p /run/credentials-check
install -m 0400 -o ari-supervisor /etc/ari-supervisor/ari-password /run/credentials-check/ari-password
CREDENTIALS_DIRECTORY=/run/credentials-check ari-supervisor --check-config --config /etc/ari-supervisor/ari-supervisor.ini
set +e
CREDENTIALS_DIRECTORY=/run/credentials-check timeout 30 setpriv --reuid=ari-supervisor --regid=ari-supervisor --clear-groups \
    ari-supervisor --no-gui --config /etc/ari-supervisor/ari-supervisor.ini >/tmp/service.log 2>&1 &
service=$!
for _ in $(seq 150); do grep -q 'connected to Asterisk' /tmp/service.log && break; sleep 0.2; done
kill -TERM "$service"; wait "$service"; status=$?
kill "$sim"
set -e
cat /tmp/service.log
grep -q 'connected to Asterisk' /tmp/service.log
test "$status" -eq 0
step "systemd-analyze verify of the unit"
apt-get install -y -qq systemd >/tmp/apt-systemd.log 2>&1 || { cat /tmp/apt-systemd.log; exit 1; }
output=$(systemd-analyze verify /lib/systemd/system/ari-supervisor.service 2>&1)
if [ -n "$output" ]; then echo "$output" >&2; exit 1; fi
step "apt-get purge"
apt-get purge -y -qq ari-supervisor >/dev/null
test ! -e /etc/ari-supervisor/ari-supervisor.ini
step "all checks passed"
CHECK
chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
    bash /tmp/check.sh

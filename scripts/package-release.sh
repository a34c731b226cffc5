#!/usr/bin/env bash
# Builds a release tarball of dragnet to carry into an air-gapped network (see README, "Building"):
#
#   scripts/package-release.sh [OUTDIR]        (default OUTDIR: dist)
#
# The tarball dragnet-VERSION-linux-ARCH.tar.gz holds
#   bin/dragnet                  release build, Swift runtime linked in (--static-swift-stdlib)
#   share/man/man1/dragnet.1     the man page (docs/dragnet.1)
#   completions/                 bash, zsh and fish completion scripts
#   INSTALL                      how to install, and the Debian packages the target needs
#   DEBIAN-PACKAGES              those packages, one a line (for apt-get install)
#   Package.resolved             the exact dependency versions it was built from
# and a .sha256 file is written beside it. The Debian packages are read off the built binary: each
# shared library it needs (objdump -p, NEEDED), found through ldd, mapped to its package with dpkg -S;
# and those it loads when first needed (libarchive, libpff, libolecf: LOADED_ON_DEMAND below), found
# through ldconfig, with the libraries they need in turn.
#
# Environment: DRAGNET_SCRATCH, the build folder (default .build; another one keeps a debug build's
# folder free). The dependencies are the exact versions Package.swift names: the first
# build fetches them unless the build folder or SwiftPM's cache already holds them.
set -euo pipefail
cd "$(dirname "$0")/.."

out="${1:-dist}"
scratch="${DRAGNET_SCRATCH:-.build}"
flags=(-c release --static-swift-stdlib --scratch-path "$scratch")

for tool in objdump ldd ldconfig dpkg dpkg-query; do
    command -v "$tool" >/dev/null || { echo "error: $tool is needed (Debian: binutils, libc-bin, dpkg)" >&2; exit 1; }
done

echo "building dragnet (release, static Swift runtime)..." >&2
swift build "${flags[@]}" --product dragnet >&2
binary="$(swift build "${flags[@]}" --show-bin-path)/dragnet"

version="$("$binary" --version)"
arch="$(uname -m)"
name="dragnet-$version-linux-$arch"
stage_root="$(mktemp -d)"
trap 'rm -rf "$stage_root"' EXIT
stage="$stage_root/$name"
mkdir -p "$stage/bin" "$stage/share/man/man1" "$stage/completions"

install -m 0755 "$binary" "$stage/bin/dragnet"
command -v strip >/dev/null && strip "$stage/bin/dragnet"
install -m 0644 docs/dragnet.1 "$stage/share/man/man1/dragnet.1"
install -m 0644 Package.resolved "$stage/Package.resolved"
"$binary" --generate-completion-script bash >"$stage/completions/dragnet.bash"
"$binary" --generate-completion-script zsh >"$stage/completions/_dragnet"
"$binary" --generate-completion-script fish >"$stage/completions/dragnet.fish"

# The Debian package owning a library file; usr-merged systems list some under /lib, some under /usr/lib.
owner() {
    local path="$1" candidate
    for candidate in "$path" "$(readlink -f "$path")" "${path#/usr}" "/usr$path"; do
        [ -n "$candidate" ] || continue
        dpkg -S "$candidate" 2>/dev/null | grep -v '^diversion' | head -1 | cut -d: -f1 && return 0
    done
    return 1
}

# Where the loader finds a library the binary links (ldd: "libx.so.1 => /path (0x...)", or for the
# dynamic loader "/lib64/ld-linux-x86-64.so.2 (0x...)"), or one it loads by name (ldconfig's cache).
linked_path() {
    ldd "$binary" | awk -v lib="$1" '
        $1 == lib && $2 == "=>" && $3 ~ /^\// { print $3; exit }
        $1 ~ /^\// && (n = split($1, parts, "/")) && parts[n] == lib { print $1; exit }'
}
cached_path() { ldconfig -p | awk -v lib="$1" '$1 == lib { print $NF; exit }'; }

# Not linked: loaded by name (dlopen) when an archive or an Outlook file is met (Sources/CLib*/loader.c).
LOADED_ON_DEMAND=(libarchive.so.13 libpff.so.1 libolecf.so.1)
packages=()
missing=()
on_demand=()
while read -r how library; do
    path="$("${how}_path" "$library")"
    package=""
    [ -n "$path" ] && package="$(owner "$path" || true)"
    if [ -z "$package" ]; then
        missing+=("$library")
        continue
    fi
    packages+=("$package")
    [ "$how" = cached ] && on_demand+=("$path")
done < <(objdump -p "$binary" | awk '$1 == "NEEDED" { print "linked", $2 }'; printf 'cached %s\n' "${LOADED_ON_DEMAND[@]}")
if [ ${#missing[@]} -gt 0 ]; then
    echo "error: no Debian package found for: ${missing[*]}" >&2
    exit 1
fi
mapfile -t packages < <(printf '%s\n' "${packages[@]}" | sort -u)
# Everything the loader maps (those libraries' own dependencies too): what to carry as .deb files.
mapfile -t closure < <({
    for file in "$binary" "${on_demand[@]}"; do ldd "$file"; done | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'
    printf '%s\n' "${on_demand[@]}"
} | sort -u | while read -r path; do owner "$path" || true; done | sort -u)
for package in "${packages[@]}"; do
    echo "$package"
done >"$stage/DEBIAN-PACKAGES"

{
    echo "dragnet $version for Linux $arch"
    echo
    echo "Offline phishing investigations over exported mailboxes. This build needs no Swift toolchain"
    echo "and opens no network connection."
    echo
    echo "Debian packages the target needs (read off bin/dragnet: the shared libraries it links, and those"
    echo "it loads when it meets an archive or an Outlook file, each mapped to its package on the build"
    echo "machine, $(. /etc/os-release && echo "$PRETTY_NAME")):"
    echo
    for package in "${packages[@]}"; do
        echo "    $package $(dpkg-query -W -f='${Version}' "$package" 2>/dev/null)"
    done
    echo
    echo "apt-get brings in what they depend on; without a mirror, carry the .deb files of every package"
    echo "whose libraries the program loads: $(printf '%s ' "${closure[@]}")"
    echo
    echo "Install them (from a local mirror or .deb files carried in), then dragnet:"
    echo
    echo "    sudo apt-get install ${packages[*]}"
    echo "    sudo install -m 0755 bin/dragnet /usr/local/bin/dragnet"
    echo "    sudo install -m 0644 share/man/man1/dragnet.1 /usr/local/share/man/man1/dragnet.1"
    echo "    sudo install -m 0644 completions/dragnet.bash /usr/share/bash-completion/completions/dragnet"
    echo "    sudo install -m 0644 completions/_dragnet /usr/local/share/zsh/site-functions/_dragnet"
    echo "    sudo install -m 0644 completions/dragnet.fish /usr/share/fish/vendor_completions.d/dragnet.fish"
    echo
    echo "Check it: dragnet --version; man dragnet; ldd /usr/local/bin/dragnet (no \"not found\")."
    echo "Built from the dependency versions in Package.resolved; bin/dragnet SHA-256:"
    echo "    $(sha256sum "$stage/bin/dragnet" | cut -d' ' -f1)"
} >"$stage/INSTALL"

mkdir -p "$out"
tarball="$out/$name.tar.gz"
tar -C "$stage_root" --owner=0 --group=0 --numeric-owner -czf "$tarball" "$name"
(cd "$out" && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")
echo "$tarball"

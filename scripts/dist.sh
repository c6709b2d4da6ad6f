#!/usr/bin/env bash
# Builds the release archives, reproducibly (the same commit gives the same bytes):
#   dist/cchc-<version>-windows-x86_64.zip    cchc.exe (cross-compiled with mingw-w64),
#       HƯỚNG DẪN.txt, cham-diem.bat and cchc.toml (CRLF), README.md, criteria/, samples/,
#       completions/cchc.ps1
#   dist/cchc-<version>-linux-x86_64.tar.gz   cchc, cchc.1 (man page), README.md, cchc.toml,
#       criteria/, samples/, completions/ (bash, zsh, fish)
#   dist/cchc-<version>-macos-<arch>.tar.gz   with the argument "macos", on a Mac
#   dist/SHA256SUMS
# Usage: scripts/dist.sh [windows] [linux] [macos]      (default: windows linux)
# Needs: git, Rust with rustup, python3; for Windows, Debian's gcc-mingw-w64-x86-64.
# Times come from SOURCE_DATE_EPOCH (default: the last commit's time), build paths are
# remapped, entries are sorted with fixed modes and no owner: see scripts/lib/.
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."
ROOT=$PWD
. scripts/lib/build.sh
dist_env
git diff --quiet HEAD -- || echo "warning: uncommitted changes; the archives are not those of the commit" >&2

kinds=("$@")
[ ${#kinds[@]} -gt 0 ] || kinds=(windows linux)
pkgid=$(cargo pkgid)
version=${pkgid##*[#@]}
stage_root="$CARGO_TARGET_DIR/stage"
mkdir -p dist

# What every archive holds besides the binary: the documentation, the shipped criteria and
# the sample province (without the scripts that generate it), as committed in HEAD.
common() {
  local dest=$1
  mkdir -p "$dest"
  git archive --format=tar HEAD -- README.md criteria samples ':(exclude)samples/*.py' \
    | tar -xf - -C "$dest"
}

crlf() { V=$version perl -pe 's/\r?\n/\r\n/; s/\@VERSION\@/$ENV{V}/g' "$1" >"$2"; }

# The manual page and the completion scripts, written by the binary that runs here (the
# command line is the same on every system).
extras() {
  local bin=$1 dest=$2
  mkdir -p "$dest/completions"
  "$bin" man >"$dest/cchc.1"
  "$bin" completions bash >"$dest/completions/cchc.bash"
  "$bin" completions zsh >"$dest/completions/_cchc"
  "$bin" completions fish >"$dest/completions/cchc.fish"
  "$bin" completions powershell >"$dest/completions/cchc.ps1"
}

pack() { # pack KIND BINARY ARCHIVE-SUFFIX
  local kind=$1 bin=$2 suffix=$3
  local name="cchc-$version-$kind" stage="$stage_root/cchc-$version-$kind"
  rm -rf "$stage"
  common "$stage"
  install -m 0755 "$bin" "$stage/$(basename "$bin")"
  if [ "$kind" = windows-x86_64 ]; then
    crlf "scripts/dist/HƯỚNG DẪN.txt" "$stage/HƯỚNG DẪN.txt"
    crlf scripts/dist/cham-diem.bat "$stage/cham-diem.bat"
    crlf scripts/dist/cchc.toml "$stage/cchc.toml"
    mkdir -p "$stage/completions"
    crlf "$extra/completions/cchc.ps1" "$stage/completions/cchc.ps1"
  else
    cp scripts/dist/cchc.toml "$stage/cchc.toml"
    cp "$extra/cchc.1" "$stage/cchc.1"
    mkdir -p "$stage/completions"
    cp "$extra/completions/cchc.bash" "$extra/completions/_cchc" "$extra/completions/cchc.fish" "$stage/completions/"
  fi
  find "$stage" -type d -exec chmod 0755 {} + -o -type f ! -perm -u+x -exec chmod 0644 {} +
  python3 scripts/lib/pack.py "$stage" "$name" "dist/$name.$suffix"
  echo "dist/$name.$suffix"
}

host=$(rustc -vV | sed -n 's/^host: //p')
extra="$stage_root/extras"
rm -rf "$extra"
extras "$(dist_build "$host")" "$extra"

made=()
for kind in "${kinds[@]}"; do
  case $kind in
    windows) target=$WINDOWS_TARGET name=windows-x86_64 suffix=zip ;;
    linux) target=x86_64-unknown-linux-gnu name=linux-x86_64 suffix=tar.gz ;;
    macos)
      arch=$(uname -m); [ "$arch" = arm64 ] && arch=aarch64
      target=$arch-apple-darwin name=macos-$arch suffix=tar.gz ;;
    *) echo "unknown archive kind: $kind (windows, linux, macos)" >&2; exit 2 ;;
  esac
  bin=$(dist_build "$target")
  made+=("$(pack "$name" "$bin" "$suffix")")
done
(cd dist && sha256sum "${made[@]#dist/}" 2>/dev/null || shasum -a 256 "${made[@]#dist/}") | tee dist/SHA256SUMS

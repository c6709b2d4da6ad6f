# Sourced by scripts/dist.sh and scripts/windows-test.sh: how a shipped binary is built,
# so that the Windows binary CI tests under Wine is byte for byte the one in the zip.
#   ROOT must be the checkout's root.
# Reproducible: SOURCE_DATE_EPOCH from the last commit, paths of the checkout, of cargo's
# registry and of the toolchain remapped, no timestamp in the PE header, symbols stripped
# (profile "dist" in Cargo.toml), its own target folder so that ordinary builds keep theirs.

WINDOWS_TARGET=x86_64-pc-windows-gnu

dist_env() {
  SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct)}
  export SOURCE_DATE_EPOCH
  # One fixed build folder, wherever the checkout is: mingw's dlltool, which Rust runs
  # for the Windows import libraries, cannot work in a folder whose path has a space, and
  # the folder's path leaks into the order of the binary's import table (seen: the same
  # commit built in two folders gave two cchc.exe differing in .idata).
  export CARGO_TARGET_DIR=${CCHC_DIST_TARGET:-/tmp/cchc-dist-target}
  export CARGO_INCREMENTAL=0
  local cargo_home=${CARGO_HOME:-$HOME/.cargo} rustup_home=${RUSTUP_HOME:-$HOME/.rustup}
  # Flags separated by the unit separator (CARGO_ENCODED_RUSTFLAGS), so that a checkout
  # in a folder with spaces works.
  local us=$'\x1f'
  # rustc applies the last prefix that matches: the target folder (inside the checkout
  # or not) comes last.
  DIST_RUSTFLAGS="--remap-path-prefix=$ROOT=cchc$us--remap-path-prefix=$cargo_home=cargo$us--remap-path-prefix=$rustup_home=rustup$us--remap-path-prefix=$CARGO_TARGET_DIR=target"
}

# dist_build TARGET: builds target/dist/TARGET/dist/cchc[.exe] and prints its path.
dist_build() {
  local target=$1 flags=$DIST_RUSTFLAGS exe=cchc
  case $target in
    *windows-gnu)
      command -v x86_64-w64-mingw32-gcc >/dev/null \
        || { echo "mingw-w64 missing: apt-get install gcc-mingw-w64-x86-64" >&2; return 1; }
      rustup target list --installed 2>/dev/null | grep -qx "$target" || rustup target add "$target" >&2
      flags="$flags"$'\x1f'"-Clink-arg=-Wl,--no-insert-timestamp"
      exe=cchc.exe ;;
  esac
  CARGO_ENCODED_RUSTFLAGS="$flags" nice cargo build --locked --profile dist --target "$target" >&2
  echo "$CARGO_TARGET_DIR/$target/dist/$exe"
}

#!/usr/bin/env bash
# e2e_layout.sh — checks of the source tree and the build rather than of
# the program's output:
#   bare_allocation   no bare malloc/calloc/realloc/free/strdup/strndup call
#                     in src/ outside src/base/ (everything goes through
#                     base/alloc.h, so the failalloc build sees it)
#   install           `cmake --install` of the build puts the tool, the static
#                     library and npo-survey.pc under a prefix
#   symbol_prefix     every external symbol of libnpo-survey.a starts with
#                     nps_ (KNOWN TO FAIL until the library's symbols are
#                     renamed; see the list it prints)
#
# usage: bash tests/e2e_layout.sh CASE NPO_SURVEY_BINARY SOURCE_DIR
# Each `case_<name>()` is one ctest entry (tests/CMakeLists.txt). The build
# folder is the folder of the binary.
set -u

CASE=${1:?usage: e2e_layout.sh CASE BINARY SOURCE_DIR}
BIN=${2:?usage: e2e_layout.sh CASE BINARY SOURCE_DIR}
SRC=${3:?usage: e2e_layout.sh CASE BINARY SOURCE_DIR}
BUILD=$(cd "$(dirname "$BIN")" && pwd)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/e2e_layout.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT

fail() {
    printf 'FAIL e2e_layout.%s: %s\n' "$CASE" "$*" >&2
    exit 1
}

# Print FILE:LINE: text of every bare allocation call in the C files given,
# comments (/* */ and //) blanked out first so that line numbers stay right.
bare_allocations() {
    perl -0777 -ne '
        my $f = $ARGV;
        s{/\*.*?\*/}{ my $c = $&; $c =~ tr/\n//cd; $c }gse;
        s{//[^\n]*}{}g;
        s{"(?:[^"\\\n]|\\.)*"}{""}g;
        my $n = 0;
        for my $line (split /\n/, $_, -1) {
            $n++;
            print "$f:$n: $line\n"
                if $line =~ /(?<![\w.>])(?:malloc|calloc|realloc|free|strdup|strndup)\s*\(/;
        }' "$@"
}

case_bare_allocation() {
    local files
    files=$(cd "$SRC" && find src -name '*.[ch]' -not -path 'src/base/*' | sort)
    [ -n "$files" ] || fail "no sources found under $SRC/src"
    (cd "$SRC" && bare_allocations $files) > "$TMP/found"
    [ ! -s "$TMP/found" ] ||
        fail "bare allocation calls outside src/base/ (use nps_malloc/nps_free … of base/alloc.h):
$(cat "$TMP/found")"
}

"case_$CASE"

#!/usr/bin/env bash
# e2e_layout.sh — checks of the source tree and the build rather than of
# the program's output:
#   bare_allocation   no bare malloc/calloc/realloc/free/strdup/strndup call
#                     in src/ outside src/base/ (everything goes through
#                     base/alloc.h, so the failalloc build sees it)
#   install           `cmake --install` of the build puts the tool, the static
#                     library, npo-survey.pc and the public headers under a
#                     prefix, and a program using them builds and runs; the
#                     installed tool finds its message catalogue (Japanese
#                     under LC_ALL=ja_JP.UTF-8, English under C)
#   symbol_prefix     every external symbol of libnpo-survey.a starts with
#                     nps_ (it lists every one that does not, by object file)
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

case_install() {
    local p="$TMP/prefix" pc out
    [ -f "$BUILD/cmake_install.cmake" ] || fail "$BUILD is not a CMake build folder"
    cmake --install "$BUILD" --prefix "$p" > "$TMP/log" 2>&1 || fail "cmake --install failed: $(cat "$TMP/log")"
    [ -x "$p/bin/npo-survey" ] || fail "no bin/npo-survey under the prefix"
    grep -q '^\.TH NPO-SURVEY 1' "$p/share/man/man1/npo-survey.1" || fail "no man page share/man/man1/npo-survey.1"
    grep -q '^\.SH 名前' "$p/share/man/ja/man1/npo-survey.1" || fail "no Japanese man page share/man/ja/man1"
    grep -q 'complete .*npo-survey' "$p/share/bash-completion/completions/npo-survey" ||
        fail "no bash completion under share/bash-completion/completions"
    # the installed tool makes the fixture's report from another folder, into a
    # folder named with a space and Japanese characters (docs/windows.md)
    (cd "$TMP" && "$p/bin/npo-survey" report -o "$TMP/報告書 2024" "$SRC/fixtures/hokkaido-2023/responses.csv" \
        > "$TMP/report.log" 2>&1) || fail "the installed tool's report failed: $(cat "$TMP/report.log")"
    [ -s "$TMP/報告書 2024/report.pdf" ] && [ -s "$TMP/報告書 2024/report.xlsx" ] ||
        fail "the installed tool wrote no report.pdf/report.xlsx"
    # the message catalogue: the installed tool speaks Japanese under a Japanese locale
    [ -f "$p/share/locale/ja/LC_MESSAGES/npo-survey.mo" ] || fail "no share/locale/ja/LC_MESSAGES/npo-survey.mo under the prefix"
    locale -a 2>/dev/null | grep -qix 'ja_JP\.utf-\?8' ||
        fail "the locale ja_JP.UTF-8 is missing: run scripts/setup-debian.sh as root"
    (cd "$TMP" && LC_ALL=ja_JP.UTF-8 "$p/bin/npo-survey" tabulate "$TMP/no-such-export.csv" > /dev/null 2> "$TMP/ja.err")
    grep -qF "no-such-export.csv: 開けません" "$TMP/ja.err" || fail "the installed tool under ja_JP.UTF-8: $(cat "$TMP/ja.err")"
    (cd "$TMP" && LC_ALL=ja_JP.UTF-8 "$p/bin/npo-survey" report --help) | grep -q '^共通オプション:' ||
        fail "the installed tool's report --help is not Japanese under ja_JP.UTF-8"
    (cd "$TMP" && LC_ALL=C "$p/bin/npo-survey" report --help) | grep -q '^common options:' ||
        fail "the installed tool's report --help is not English under C"
    out=$("$p/bin/npo-survey" --version) || fail "the installed npo-survey --version failed"
    case $out in "npo-survey "*) ;; *) fail "the installed --version printed: $out" ;; esac
    pc=$(find "$p" -name npo-survey.pc -path '*/pkgconfig/*' | head -n 1)
    [ -n "$pc" ] || fail "no pkgconfig/npo-survey.pc under the prefix"
    [ -f "$(dirname "$(dirname "$pc")")/libnpo-survey.a" ] || fail "no libnpo-survey.a next to pkgconfig/"
    grep -q '^Libs:.*-lnpo-survey' "$pc" || fail "npo-survey.pc: no -lnpo-survey in Libs"
    grep -q '^Requires.private:.*cairo.*pangocairo.*xlsxwriter.*libutf8proc' "$pc" ||
        fail "npo-survey.pc: Requires.private lacks cairo, pango, xlsxwriter or utf8proc"
    grep -q '^Libs.private:.*-lcsv.*-lm' "$pc" || fail "npo-survey.pc: Libs.private lacks -lcsv -lm"
    if command -v pkg-config > /dev/null; then
        out=$(PKG_CONFIG_PATH="$(dirname "$pc")" pkg-config --libs npo-survey) || fail "pkg-config cannot read npo-survey.pc"
        [ -f "$(printf '%s\n' $out | sed -n 's/^-L//p' | head -n 1)/libnpo-survey.a" ] ||
            fail "pkg-config --libs npo-survey does not point at the installed library: $out"
        # A program of a user: the installed public header and library only.
        [ -f "$p/include/npo-survey/npo-survey.h" ] || fail "no include/npo-survey/npo-survey.h under the prefix"
        cat > "$TMP/user.c" <<'C'
#include <stdio.h>
#include <npo-survey/npo-survey.h>
int main(void)
{
    nps_questionnaire *q = NULL;
    nps_diag diag;
    if (nps_questionnaire_load_default(&q, &diag) != NPS_OK)
        return 1;
    nps_questionnaire_free(q);
    printf("%s\n", nps_version());
    return 0;
}
C
        # a library built with the sanitizers needs their runtime in the program too
        local san=""
        nm -A "$(dirname "$(dirname "$pc")")/libnpo-survey.a" 2>/dev/null | grep -q '__asan_init' && san="-fsanitize=address,undefined"
        PKG_CONFIG_PATH="$(dirname "$pc")" cc -std=c11 $san -o "$TMP/user" "$TMP/user.c" \
            $(PKG_CONFIG_PATH="$(dirname "$pc")" pkg-config --cflags --libs --static npo-survey) \
            > "$TMP/cc.log" 2>&1 || fail "a program using the installed API does not build: $(cat "$TMP/cc.log")"
        out=$("$TMP/user") || fail "the program using the installed API failed"
        [ -n "$out" ] || fail "nps_version() printed nothing"
    fi
}

# Every external symbol of the library carries the nps_ prefix (docs/architecture.md).
case_symbol_prefix() {
    local lib="$BUILD/libnpo-survey.a"
    command -v nm > /dev/null || fail "nm is not installed"
    [ -f "$lib" ] || fail "no $lib"
    # "archive:member.o: 0000… T name" → "member.o name", external and defined only
    nm -g --defined-only -A "$lib" > "$TMP/nm" || fail "nm $lib failed"
    # symbols the compiler makes for the sanitizers (__odr_asan.nps_…) are not ours
    awk '{ n = split($1, a, ":"); if ($NF !~ /^nps_/ && $NF !~ /^__(odr_asan|asan|ubsan|sancov)/) print a[n - 1], $NF }' "$TMP/nm" | sort -u > "$TMP/bad"
    [ -s "$TMP/nm" ] || fail "nm found no symbols in $lib"
    [ ! -s "$TMP/bad" ] || fail "$(wc -l < "$TMP/bad") external symbols without the nps_ prefix, by object file:
$(awk '{ if ($1 != f) { printf "%s%s:", (f ? "\n" : ""), $1; f = $1 } printf " %s", $2 } END { print "" }' "$TMP/bad")"
}

"case_$CASE"

#!/usr/bin/env bash
# e2e_cli.sh — the command line's argument handling: each command accepts
# only the options it declares (src/cli/<command>.c) plus the common ones;
# any other option is a usage error (exit 2) whose one-line message names
# the option and the command; `COMMAND --help` prints the command's own
# help; an unknown command is a usage error.
#
# usage: bash tests/e2e_cli.sh CASE NPO_SURVEY_BINARY SOURCE_DIR
# Each `case_<name>()` is one ctest entry (tests/CMakeLists.txt).
set -u

CASE=${1:?usage: e2e_cli.sh CASE BINARY SOURCE_DIR}
BIN=${2:?usage: e2e_cli.sh CASE BINARY SOURCE_DIR}
SRC=${3:?usage: e2e_cli.sh CASE BINARY SOURCE_DIR}
EXPORT="$SRC/fixtures/hokkaido-2023/responses.csv"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/e2e_cli.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT

fail() {
    printf 'FAIL e2e_cli.%s: %s\n' "$CASE" "$*" >&2
    exit 1
}
. "$SRC/tests/locale_check.sh" # need_ja_locale, no_english (docs/cli.md, "Language")

# expect_usage_error OPTION COMMAND ARGS...: exit 2, nothing on stdout, one
# line on stderr naming OPTION and COMMAND.
expect_usage_error() {
    local opt=$1 cmd=$2 rc
    shift 2
    "$BIN" "$@" > "$TMP/out" 2> "$TMP/err"
    rc=$?
    [ "$rc" = 2 ] || fail "$*: exit status $rc, expected 2"
    [ ! -s "$TMP/out" ] || fail "$*: printed on stdout"
    [ "$(wc -l < "$TMP/err")" = 1 ] || fail "$*: expected one line on stderr, got: $(cat "$TMP/err")"
    grep -qF -- "$opt" "$TMP/err" || fail "$*: the message does not name $opt: $(cat "$TMP/err")"
    grep -qw -- "$cmd" "$TMP/err" || fail "$*: the message does not name $cmd: $(cat "$TMP/err")"
    # the same in Japanese: exit 2, one line naming OPTION and COMMAND, no English left
    need_ja_locale
    LC_ALL=$JA "$BIN" "$@" > "$TMP/out" 2> "$TMP/err"
    rc=$?
    [ "$rc" = 2 ] || fail "$* (ja): exit status $rc, expected 2"
    [ "$(wc -l < "$TMP/err")" = 1 ] || fail "$* (ja): expected one line on stderr, got: $(cat "$TMP/err")"
    grep -qF -- "$opt" "$TMP/err" && grep -qF -- "$cmd にオプション" "$TMP/err" ||
        fail "$* (ja): not the Japanese message naming $opt and $cmd: $(cat "$TMP/err")"
    no_english "$(cat "$TMP/err")"
}

case_tabulate_reveal_names() {
    expect_usage_error --reveal-names tabulate tabulate --reveal-names "$EXPORT"
}

case_flows_quotes() {
    expect_usage_error --quotes flows flows --quotes "$EXPORT"
}

case_foreign_options() {
    # options of other commands, placed before and after the export
    expect_usage_error --strict tabulate tabulate "$EXPORT" --strict
    expect_usage_error --intervals validate validate --intervals "$EXPORT"
    expect_usage_error --orgs themes themes --orgs "$EXPORT"
    expect_usage_error --format validate validate --format csv "$EXPORT"
    expect_usage_error --title gap gap --title x "$EXPORT"
    expect_usage_error -o validate validate -o "$TMP/x" "$EXPORT"
    expect_usage_error --contact-sheet report report --contact-sheet "$TMP/x.png" "$EXPORT"
    expect_usage_error --reveal-names charts charts --reveal-names -o "$TMP/c" "$EXPORT"
    expect_usage_error --no-such-option tabulate tabulate --no-such-option "$EXPORT"
    [ ! -e "$TMP/c" ] || fail "charts wrote output despite the usage error"
}

# command, then the options its help must mention
check_help() {
    local cmd=$1 flag rc
    shift
    for flag in --help -h; do
        "$BIN" "$cmd" "$flag" > "$TMP/out" 2> "$TMP/err"
        rc=$?
        [ "$rc" = 0 ] || fail "$cmd $flag: exit status $rc, expected 0"
        [ ! -s "$TMP/err" ] || fail "$cmd $flag: printed on stderr: $(cat "$TMP/err")"
        head -n 1 "$TMP/out" | grep -q "^usage: npo-survey $cmd " || fail "$cmd $flag: no usage line of $cmd"
        for opt in "$@" --questionnaire --encoding --keep-duplicates; do
            grep -qF -- "$opt" "$TMP/out" || fail "$cmd $flag: the help does not mention $opt"
        done
    done
    cp "$TMP/out" "$TMP/help.$cmd"
    # in Japanese: the same options, the help lines translated
    need_ja_locale
    LC_ALL=$JA "$BIN" "$cmd" --help > "$TMP/out.ja" 2> "$TMP/err" || fail "$cmd --help (ja): exit status $?"
    head -n 1 "$TMP/out.ja" | grep -q "^使い方: npo-survey $cmd " || fail "$cmd --help (ja): no 使い方 line: $(head -n 1 "$TMP/out.ja")"
    for opt in "$@" --questionnaire --encoding --keep-duplicates; do
        grep -qF -- "$opt" "$TMP/out.ja" || fail "$cmd --help (ja): the help does not mention $opt"
    done
    grep -q '^共通オプション:' "$TMP/out.ja" || fail "$cmd --help (ja): no 共通オプション"
    while IFS= read -r line; do no_english "$line"; done < "$TMP/out.ja"
}

case_command_help() {
    check_help tabulate --format --intervals
    check_help validate --strict
    check_help flows --format --orgs --reveal-names
    check_help gap --format
    check_help themes --format --quotes
    check_help report -o --output --title --reveal-names
    check_help charts -o --output --format --contact-sheet
    # each command's help is its own, not the overview
    ! grep -q -- --intervals "$TMP/help.validate" || fail "validate --help mentions --intervals"
    ! grep -q -- --quotes "$TMP/help.flows" || fail "flows --help mentions --quotes"
    ! grep -q -- --reveal-names "$TMP/help.tabulate" || fail "tabulate --help mentions --reveal-names"
    ! cmp -s "$TMP/help.tabulate" <("$BIN" --help) || fail "tabulate --help is the overview"
}

case_overview_help() {
    "$BIN" --help > "$TMP/out" 2> "$TMP/err" || fail "--help: exit status $?"
    for cmd in tabulate validate flows gap themes report charts export; do
        grep -q "^  $cmd " "$TMP/out" || fail "--help does not list $cmd"
    done
}

case_unknown_command() {
    local rc
    "$BIN" frobnicate "$EXPORT" > "$TMP/out" 2> "$TMP/err"
    rc=$?
    [ "$rc" = 2 ] || fail "unknown command: exit status $rc, expected 2"
    grep -q frobnicate "$TMP/err" || fail "the message does not name the command: $(cat "$TMP/err")"
    need_ja_locale
    LC_ALL=$JA "$BIN" frobnicate "$EXPORT" > "$TMP/out" 2> "$TMP/err"
    rc=$?
    [ "$rc" = 2 ] || fail "unknown command (ja): exit status $rc, expected 2"
    grep -qF "'frobnicate' というコマンドはありません" "$TMP/err" || fail "unknown command (ja): $(cat "$TMP/err")"
    "$BIN" > /dev/null 2>&1
    rc=$?
    [ "$rc" = 2 ] || fail "no command: exit status $rc, expected 2"
}

case_missing_value_and_export() {
    local rc
    "$BIN" tabulate --format > /dev/null 2> "$TMP/err"
    rc=$?
    [ "$rc" = 2 ] || fail "--format without a value: exit status $rc, expected 2"
    "$BIN" gap > /dev/null 2> "$TMP/err"
    rc=$?
    [ "$rc" = 2 ] || fail "gap without an export: exit status $rc, expected 2"
    "$BIN" gap "$EXPORT" "$EXPORT" > /dev/null 2> "$TMP/err"
    rc=$?
    [ "$rc" = 2 ] || fail "gap with two exports: exit status $rc, expected 2"
}

"case_$CASE"

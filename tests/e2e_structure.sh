#!/usr/bin/env bash
# e2e_structure.sh — the layout rules of docs/architecture.md, checked on the source tree.
#
# usage: bash tests/e2e_structure.sh CASE NPO_SURVEY_BINARY SOURCE_DIR
#
# Each `case_<name>()` is a ctest entry (tests/CMakeLists.txt):
#   layering        — an #include under src/ may name a header of its own stage or of a stage
#                     below it (cli → report → draw → present → analyse → read → model → base);
#                     at most MAX_UPWARD includes may point up, each listed in ALLOWED_UPWARD
#                     with its reason;
#   stage_folders   — src/ has its stage folders and no loose source file;
#   file_length     — no .c file under src/ is longer than 900 lines;
#   own_docs_only   — code, tests, scripts and the README cite the project's own docs, never a
#                     design document outside the repository ("DESIGN §n").
set -u

CASE=${1:?usage: e2e_structure.sh CASE BINARY SOURCE_DIR}
SRC=${3:?usage: e2e_structure.sh CASE BINARY SOURCE_DIR}
cd "$SRC" || exit 1

fail() {
    printf 'FAIL e2e_structure.%s: %s\n' "$CASE" "$*" >&2
    exit 1
}

STAGES="base model read analyse present draw report cli"
# Includes that point up the layering, "file -> header", each with its reason. Keep it short.
ALLOWED_UPWARD=""
MAX_UPWARD=6

stage_rank() {
    local i=0 s
    for s in $STAGES; do
        [ "$s" = "$1" ] && { echo $i; return; }
        i=$((i + 1))
    done
    echo -1
}

case_layering() {
    local f h from to up=0 bad=""
    while IFS=: read -r f h; do
        from=$(stage_rank "$(echo "${f#src/}" | cut -d/ -f1)")
        to=$(stage_rank "$(echo "$h" | cut -d/ -f1)")
        [ "$from" -ge 0 ] && [ "$to" -ge 0 ] || continue
        if [ "$to" -gt "$from" ]; then
            case " $ALLOWED_UPWARD " in
                *" $f->$h "*) up=$((up + 1)) ;;
                *) bad="$bad
  $f includes $h" ;;
            esac
        fi
    done < <(grep -rHoE '^#include "[a-z]+/[^"]+"' src | sed -E 's/:#include "(.*)"/:\1/')
    [ -z "$bad" ] || fail "includes that point up the layering ($STAGES, bottom first):$bad"
    [ "$up" -le "$MAX_UPWARD" ] || fail "$up allowed upward includes, at most $MAX_UPWARD"
}

case_stage_folders() {
    local s loose
    for s in base model read analyse present draw report/pdf report/xlsx report/data cli; do
        [ -d "src/$s" ] || fail "src/$s is missing"
    done
    loose=$(find src -maxdepth 1 -type f -name '*.[ch]')
    [ -z "$loose" ] || fail "source files outside the stage folders: $loose"
    [ -f include/npo-survey/npo-survey.h ] || fail "include/npo-survey/npo-survey.h (the public API) is missing"
}

case_file_length() {
    local long
    long=$(find src -name '*.c' -exec wc -l {} + | awk '$2 != "total" && $1 > 900 { print "  " $2 " " $1 " lines" }')
    [ -z "$long" ] || fail "source files over 900 lines (split them by job):
$long"
}

case_own_docs_only() {
    local hits
    hits=$( (git ls-files 2>/dev/null || find . -type f | sed 's|^\./||') | grep -v '^tests/e2e_structure.sh$' |
           grep -E '\.(c|h|sh|py|md|txt|cmake)$|CMakeLists.txt|^\.ci/' |
           xargs grep -nE 'DESIGN(\.md)? ?§|shared/DESIGN' 2>/dev/null | head -20)
    [ -z "$hits" ] || fail "citations of a document outside the repository (cite docs/*.md):
$hits"
}

"case_$CASE"

#!/usr/bin/env bash
# po/xgettext.sh SOURCE_DIR OUT.pot — the messages of npo-survey, extracted
# from src/ with the keywords of its translation hooks (docs/cli.md):
#   nps_diag_set:5, nps_diag_hint:2 — every diagnostic and hint of the library
#     (translated inside base/error.c), also through the wrappers bad_line:4
#     (read/register.c) and nps_xw_fail:3 (report/xlsx);
#   nps_cli_usage_error:2 — the CLI's usage errors;
#   NPS_CLI_FLAG:4, NPS_CLI_VALUE:5 — the help line of every option;
#   _ , N_ , ngettext — everything else the CLI prints.
# A new message written with one of these is picked up without further
# edits; tests/e2e_locale.sh (po_complete) fails until po/ja.po translates it.
set -euo pipefail
SRC=${1:?usage: po/xgettext.sh SOURCE_DIR OUT.pot}
OUT=${2:?usage: po/xgettext.sh SOURCE_DIR OUT.pot}
cd "$SRC"
find src -name '*.[ch]' | LC_ALL=C sort > "$OUT.files"
xgettext --from-code=UTF-8 --language=C --add-comments=TRANSLATORS --sort-by-file \
    --package-name=npo-survey --msgid-bugs-address=none \
    -k -k_ -kN_ -kngettext:1,2 \
    -knps_diag_set:5 -knps_diag_hint:2 -kbad_line:4 -knps_xw_fail:3 \
    -knps_cli_usage_error:2 -krow_error:2 -kwrong_kind:3 -kwrong_kind:4 -kNPS_CLI_FLAG:4 -kNPS_CLI_VALUE:5 \
    --files-from="$OUT.files" -o "$OUT"
rm -f "$OUT.files"

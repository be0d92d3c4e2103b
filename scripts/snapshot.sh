#!/usr/bin/env bash
# Write every command's output for the 2023 fixture and the export variants into OUTDIR,
# so that two builds can be compared byte for byte (`diff -r A B`): used to prove that a
# refactoring changes no output. SOURCE_DATE_EPOCH is fixed so the PDF dates are stable.
# usage: bash scripts/snapshot.sh BUILD_DIR OUTDIR
set -uo pipefail
cd "$(dirname "$0")/.."
bin=$1/npo-survey
out=$2
rm -rf "$out"; mkdir -p "$out"
export SOURCE_DATE_EPOCH=1700000000 LC_ALL=C.UTF-8
run() {  # name, then the command's arguments: stdout, stderr and exit status are kept
    local name=$1; shift
    "$bin" "$@" >"$out/$name.out" 2>"$out/$name.err"
    echo $? >"$out/$name.rc"
    sed -i "s|$out|OUT|g" "$out/$name.err"
}
for f in fixtures/hokkaido-2023/responses.csv fixtures/variants/*.csv fixtures/flows-hand/responses.csv fixtures/bad/*.csv; do
    b=$(basename "$(dirname "$f")")_$(basename "$f" .csv)
    for fmt in text csv json; do
        run "$b.tabulate.$fmt" tabulate --format "$fmt" "$f"
        run "$b.flows.$fmt" flows --format "$fmt" "$f"
        run "$b.flows-orgs.$fmt" flows --orgs --format "$fmt" "$f"
        run "$b.gap.$fmt" gap --format "$fmt" "$f"
        run "$b.themes.$fmt" themes --quotes --format "$fmt" "$f"
    done
    run "$b.tabulate.intervals" tabulate --format csv --intervals "$f"
    run "$b.validate" validate "$f"
    run "$b.validate-strict" validate --strict "$f"
done
f=fixtures/hokkaido-2023/responses.csv
run report report -o "$out/report" "$f"
run report-names report -o "$out/report-names" --reveal-names "$f"
run flows-names flows --orgs --reveal-names "$f"
for fmt in svg png pdf; do run "charts.$fmt" charts -o "$out/charts-$fmt" --format "$fmt" "$f"; done
for fmt in sav dta csv; do run "export.$fmt" export --format "$fmt" -o "$out/export/data.$fmt" "$f"; done
y=fixtures/hokkaido-2024
run year2024.report report --questionnaire "$y/questionnaire" -o "$out/report-2024" "$y/responses.csv"
run year2024.wrong-questionnaire tabulate "$y/responses.csv"
run xlsx.tabulate tabulate --format csv fixtures/msforms-2023/msforms.xlsx
run questionnaire-check validate --questionnaire "$y/questionnaire"
run help --help

# locale_check.sh — sourced by the end-to-end tests that check messages in
# Japanese as well as in English (e2e_locale.sh, e2e_hostile.sh, e2e_cli.sh;
# docs/cli.md, "Language"). Needs a fail() of the sourcing script.

JA=ja_JP.UTF-8

# need_ja_locale: the Japanese locale exists, or the test fails saying how
# to make it (never a silent skip).
need_ja_locale() {
    locale -a 2>/dev/null | grep -qix 'ja_JP\.utf-\?8' ||
        fail "the locale $JA is missing: run scripts/setup-debian.sh as root (it installs locales and runs locale-gen)"
}

# no_english TEXT: fails when TEXT still reads as English: three English
# words in a row once file names, option names and quoted values are taken
# out (they stay as they are in every language).
no_english() {
    local rest
    rest=$(printf '%s\n' "$1" | sed -E "s#[^ ]*/[^ ]*##g; s#--?[a-z][a-z-]*( [A-Z_.|a-z0-9-]+)?##g; s#'[^']*'##g; s#\"[^\"]*\"##g; s#「[^」]*」##g")
    if printf '%s\n' "$rest" | grep -Eq '[A-Za-z]{2,}[ ,]+[a-z]{2,}[ ,]+[a-z]{2,}'; then
        fail "left in English under $JA: $1"
    fi
}

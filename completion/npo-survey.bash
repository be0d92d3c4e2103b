# bash completion for npo-survey — installed to
# share/bash-completion/completions/npo-survey by `cmake --install`.
# Completes the command, its options (read from `npo-survey COMMAND --help`,
# so it follows the program) and file or folder names.
_npo_survey()
{
    local cur prev cmd opts
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "$(npo-survey --help 2>/dev/null | sed -n 's/^  \([a-z][a-z]*\) .*/\1/p' | sort -u) --help --version" -- "$cur"))
        return
    fi
    cmd=${COMP_WORDS[1]}
    case $prev in
        --questionnaire|--previous-questionnaire)
            COMPREPLY=($(compgen -d -- "$cur"))
            return ;;
        -o|--output)  # a folder for report and charts, a file for the others
            if [ "$cmd" = report ] || [ "$cmd" = charts ]; then
                COMPREPLY=($(compgen -d -- "$cur"))
            else
                COMPREPLY=($(compgen -f -- "$cur"))
            fi
            return ;;
        --format|--encoding|--title|--labels|--publisher|--date)
            return ;;
    esac
    if [[ $cur == -* ]]; then
        opts=$(npo-survey "$cmd" --help 2>/dev/null | grep -o -- '--[a-z][a-z-]*\|^  -[a-z]' | sort -u)
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
        return
    fi
    COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _npo_survey npo-survey

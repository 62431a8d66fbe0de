# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_faq_global_optspecs
    string join \n color= corpus= no-builtin strict h/help V/version
end

function __fish_faq_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_faq_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_faq_using_subcommand
    set -l cmd (__fish_faq_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c faq -n "__fish_faq_needs_command" -l color -d 'When to use colour [default: auto; or from the config file]' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c faq -n "__fish_faq_needs_command" -l corpus -d 'Add a corpus: a folder of .md files (searched recursively) or one file. Repeatable; later corpora override earlier ones on the same id' -r -F
complete -c faq -n "__fish_faq_needs_command" -l no-builtin -d 'Leave out the built-in Element / Matrix FAQ'
complete -c faq -n "__fish_faq_needs_command" -l strict -d 'Treat any corpus problem (bad file, duplicate id, …) as an error'
complete -c faq -n "__fish_faq_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c faq -n "__fish_faq_needs_command" -s V -l version -d 'Print version'
complete -c faq -n "__fish_faq_needs_command" -f -a "search" -d 'List the entries that match a query, best first'
complete -c faq -n "__fish_faq_needs_command" -f -a "s" -d 'List the entries that match a query, best first'
complete -c faq -n "__fish_faq_needs_command" -f -a "show" -d 'Print one answer, by id or by query'
complete -c faq -n "__fish_faq_needs_command" -f -a "list" -d 'List every entry, grouped by category'
complete -c faq -n "__fish_faq_needs_command" -f -a "ls" -d 'List every entry, grouped by category'
complete -c faq -n "__fish_faq_needs_command" -f -a "check" -d 'Validate corpus files and report every problem as file:line: message'
complete -c faq -n "__fish_faq_needs_command" -f -a "pick" -d 'Browse interactively with a live preview (the default on a terminal)'
complete -c faq -n "__fish_faq_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c faq -n "__fish_faq_using_subcommand search" -s n -l limit -d 'Show at most this many results' -r
complete -c faq -n "__fish_faq_using_subcommand search" -l color -d 'When to use colour [default: auto; or from the config file]' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c faq -n "__fish_faq_using_subcommand search" -l corpus -d 'Add a corpus: a folder of .md files (searched recursively) or one file. Repeatable; later corpora override earlier ones on the same id' -r -F
complete -c faq -n "__fish_faq_using_subcommand search" -l json -d 'Print results as JSON (see README for the schema)'
complete -c faq -n "__fish_faq_using_subcommand search" -l no-builtin -d 'Leave out the built-in Element / Matrix FAQ'
complete -c faq -n "__fish_faq_using_subcommand search" -l strict -d 'Treat any corpus problem (bad file, duplicate id, …) as an error'
complete -c faq -n "__fish_faq_using_subcommand search" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c faq -n "__fish_faq_using_subcommand s" -s n -l limit -d 'Show at most this many results' -r
complete -c faq -n "__fish_faq_using_subcommand s" -l color -d 'When to use colour [default: auto; or from the config file]' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c faq -n "__fish_faq_using_subcommand s" -l corpus -d 'Add a corpus: a folder of .md files (searched recursively) or one file. Repeatable; later corpora override earlier ones on the same id' -r -F
complete -c faq -n "__fish_faq_using_subcommand s" -l json -d 'Print results as JSON (see README for the schema)'
complete -c faq -n "__fish_faq_using_subcommand s" -l no-builtin -d 'Leave out the built-in Element / Matrix FAQ'
complete -c faq -n "__fish_faq_using_subcommand s" -l strict -d 'Treat any corpus problem (bad file, duplicate id, …) as an error'
complete -c faq -n "__fish_faq_using_subcommand s" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c faq -n "__fish_faq_using_subcommand show" -l paging -d 'When to show a long answer through a pager ($FAQ_PAGER, $PAGER or less) [default: auto; or from the config file]' -r -f -a "auto\t'Page on a terminal when the answer is taller than the screen'
always\t'Page on a terminal whatever the answer\'s length'
never\t'Never page'"
complete -c faq -n "__fish_faq_using_subcommand show" -l color -d 'When to use colour [default: auto; or from the config file]' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c faq -n "__fish_faq_using_subcommand show" -l corpus -d 'Add a corpus: a folder of .md files (searched recursively) or one file. Repeatable; later corpora override earlier ones on the same id' -r -F
complete -c faq -n "__fish_faq_using_subcommand show" -l json -d 'Print the entry as JSON'
complete -c faq -n "__fish_faq_using_subcommand show" -l no-builtin -d 'Leave out the built-in Element / Matrix FAQ'
complete -c faq -n "__fish_faq_using_subcommand show" -l strict -d 'Treat any corpus problem (bad file, duplicate id, …) as an error'
complete -c faq -n "__fish_faq_using_subcommand show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c faq -n "__fish_faq_using_subcommand list" -s c -l category -d 'Only categories whose name matches (fuzzy)' -r
complete -c faq -n "__fish_faq_using_subcommand list" -l color -d 'When to use colour [default: auto; or from the config file]' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c faq -n "__fish_faq_using_subcommand list" -l corpus -d 'Add a corpus: a folder of .md files (searched recursively) or one file. Repeatable; later corpora override earlier ones on the same id' -r -F
complete -c faq -n "__fish_faq_using_subcommand list" -l json -d 'Print entries as JSON'
complete -c faq -n "__fish_faq_using_subcommand list" -l no-builtin -d 'Leave out the built-in Element / Matrix FAQ'
complete -c faq -n "__fish_faq_using_subcommand list" -l strict -d 'Treat any corpus problem (bad file, duplicate id, …) as an error'
complete -c faq -n "__fish_faq_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c faq -n "__fish_faq_using_subcommand ls" -s c -l category -d 'Only categories whose name matches (fuzzy)' -r
complete -c faq -n "__fish_faq_using_subcommand ls" -l color -d 'When to use colour [default: auto; or from the config file]' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c faq -n "__fish_faq_using_subcommand ls" -l corpus -d 'Add a corpus: a folder of .md files (searched recursively) or one file. Repeatable; later corpora override earlier ones on the same id' -r -F
complete -c faq -n "__fish_faq_using_subcommand ls" -l json -d 'Print entries as JSON'
complete -c faq -n "__fish_faq_using_subcommand ls" -l no-builtin -d 'Leave out the built-in Element / Matrix FAQ'
complete -c faq -n "__fish_faq_using_subcommand ls" -l strict -d 'Treat any corpus problem (bad file, duplicate id, …) as an error'
complete -c faq -n "__fish_faq_using_subcommand ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c faq -n "__fish_faq_using_subcommand check" -l color -d 'When to use colour [default: auto; or from the config file]' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c faq -n "__fish_faq_using_subcommand check" -l corpus -d 'Add a corpus: a folder of .md files (searched recursively) or one file. Repeatable; later corpora override earlier ones on the same id' -r -F
complete -c faq -n "__fish_faq_using_subcommand check" -l no-builtin -d 'Leave out the built-in Element / Matrix FAQ'
complete -c faq -n "__fish_faq_using_subcommand check" -l strict -d 'Treat any corpus problem (bad file, duplicate id, …) as an error'
complete -c faq -n "__fish_faq_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c faq -n "__fish_faq_using_subcommand pick" -l color -d 'When to use colour [default: auto; or from the config file]' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is not set'
always\t''
never\t''"
complete -c faq -n "__fish_faq_using_subcommand pick" -l corpus -d 'Add a corpus: a folder of .md files (searched recursively) or one file. Repeatable; later corpora override earlier ones on the same id' -r -F
complete -c faq -n "__fish_faq_using_subcommand pick" -l no-builtin -d 'Leave out the built-in Element / Matrix FAQ'
complete -c faq -n "__fish_faq_using_subcommand pick" -l strict -d 'Treat any corpus problem (bad file, duplicate id, …) as an error'
complete -c faq -n "__fish_faq_using_subcommand pick" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c faq -n "__fish_faq_using_subcommand help; and not __fish_seen_subcommand_from search show list check pick help" -f -a "search" -d 'List the entries that match a query, best first'
complete -c faq -n "__fish_faq_using_subcommand help; and not __fish_seen_subcommand_from search show list check pick help" -f -a "show" -d 'Print one answer, by id or by query'
complete -c faq -n "__fish_faq_using_subcommand help; and not __fish_seen_subcommand_from search show list check pick help" -f -a "list" -d 'List every entry, grouped by category'
complete -c faq -n "__fish_faq_using_subcommand help; and not __fish_seen_subcommand_from search show list check pick help" -f -a "check" -d 'Validate corpus files and report every problem as file:line: message'
complete -c faq -n "__fish_faq_using_subcommand help; and not __fish_seen_subcommand_from search show list check pick help" -f -a "pick" -d 'Browse interactively with a live preview (the default on a terminal)'
complete -c faq -n "__fish_faq_using_subcommand help; and not __fish_seen_subcommand_from search show list check pick help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'

# Ids after `faq show` and categories after `faq list --category`, from the
# corpora the line would load, are asked of `faq __complete`.
function __fish_faq_values
    command faq __complete fish -- (commandline -cp | string collect)
end
complete -c faq -n "__fish_faq_using_subcommand show" -f -a "(__fish_faq_values)"
complete -c faq -n "__fish_faq_using_subcommand list ls" -s c -l category -r -f -a "(__fish_faq_values)"

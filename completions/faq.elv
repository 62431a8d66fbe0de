
use builtin;
use str;

set edit:completion:arg-completer[faq] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'faq'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'faq'= {
            cand --color 'When to use colour [default: auto; or from the config file]'
            cand --corpus 'Add a corpus: a folder of .md files (searched recursively) or one file. Repeatable; later corpora override earlier ones on the same id'
            cand --no-builtin 'Leave out the built-in Element / Matrix FAQ'
            cand --strict 'Treat any corpus problem (bad file, duplicate id, …) as an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand search 'List the entries that match a query, best first'
            cand s 'List the entries that match a query, best first'
            cand show 'Print one answer, by id or by query'
            cand list 'List every entry, grouped by category'
            cand ls 'List every entry, grouped by category'
            cand check 'Validate corpus files and report every problem as file:line: message'
            cand pick 'Browse interactively with a live preview (the default on a terminal)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'faq;search'= {
            cand -n 'Show at most this many results'
            cand --limit 'Show at most this many results'
            cand --color 'When to use colour [default: auto; or from the config file]'
            cand --corpus 'Add a corpus: a folder of .md files (searched recursively) or one file. Repeatable; later corpora override earlier ones on the same id'
            cand --json 'Print results as JSON (see README for the schema)'
            cand --no-builtin 'Leave out the built-in Element / Matrix FAQ'
            cand --strict 'Treat any corpus problem (bad file, duplicate id, …) as an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'faq;s'= {
            cand -n 'Show at most this many results'
            cand --limit 'Show at most this many results'
            cand --color 'When to use colour [default: auto; or from the config file]'
            cand --corpus 'Add a corpus: a folder of .md files (searched recursively) or one file. Repeatable; later corpora override earlier ones on the same id'
            cand --json 'Print results as JSON (see README for the schema)'
            cand --no-builtin 'Leave out the built-in Element / Matrix FAQ'
            cand --strict 'Treat any corpus problem (bad file, duplicate id, …) as an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'faq;show'= {
            cand --paging 'When to show a long answer through a pager ($FAQ_PAGER, $PAGER or less) [default: auto; or from the config file]'
            cand --color 'When to use colour [default: auto; or from the config file]'
            cand --corpus 'Add a corpus: a folder of .md files (searched recursively) or one file. Repeatable; later corpora override earlier ones on the same id'
            cand --json 'Print the entry as JSON'
            cand --no-builtin 'Leave out the built-in Element / Matrix FAQ'
            cand --strict 'Treat any corpus problem (bad file, duplicate id, …) as an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'faq;list'= {
            cand -c 'Only categories whose name matches (fuzzy)'
            cand --category 'Only categories whose name matches (fuzzy)'
            cand --color 'When to use colour [default: auto; or from the config file]'
            cand --corpus 'Add a corpus: a folder of .md files (searched recursively) or one file. Repeatable; later corpora override earlier ones on the same id'
            cand --json 'Print entries as JSON'
            cand --no-builtin 'Leave out the built-in Element / Matrix FAQ'
            cand --strict 'Treat any corpus problem (bad file, duplicate id, …) as an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'faq;ls'= {
            cand -c 'Only categories whose name matches (fuzzy)'
            cand --category 'Only categories whose name matches (fuzzy)'
            cand --color 'When to use colour [default: auto; or from the config file]'
            cand --corpus 'Add a corpus: a folder of .md files (searched recursively) or one file. Repeatable; later corpora override earlier ones on the same id'
            cand --json 'Print entries as JSON'
            cand --no-builtin 'Leave out the built-in Element / Matrix FAQ'
            cand --strict 'Treat any corpus problem (bad file, duplicate id, …) as an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'faq;check'= {
            cand --color 'When to use colour [default: auto; or from the config file]'
            cand --corpus 'Add a corpus: a folder of .md files (searched recursively) or one file. Repeatable; later corpora override earlier ones on the same id'
            cand --no-builtin 'Leave out the built-in Element / Matrix FAQ'
            cand --strict 'Treat any corpus problem (bad file, duplicate id, …) as an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'faq;pick'= {
            cand --color 'When to use colour [default: auto; or from the config file]'
            cand --corpus 'Add a corpus: a folder of .md files (searched recursively) or one file. Repeatable; later corpora override earlier ones on the same id'
            cand --no-builtin 'Leave out the built-in Element / Matrix FAQ'
            cand --strict 'Treat any corpus problem (bad file, duplicate id, …) as an error'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'faq;help'= {
            cand search 'List the entries that match a query, best first'
            cand show 'Print one answer, by id or by query'
            cand list 'List every entry, grouped by category'
            cand check 'Validate corpus files and report every problem as file:line: message'
            cand pick 'Browse interactively with a live preview (the default on a terminal)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'faq;help;search'= {
        }
        &'faq;help;show'= {
        }
        &'faq;help;list'= {
        }
        &'faq;help;check'= {
        }
        &'faq;help;pick'= {
        }
        &'faq;help;help'= {
        }
    ]
    $completions[$command]
}

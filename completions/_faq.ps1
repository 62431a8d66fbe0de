
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'faq' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'faq'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'faq' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto; or from the config file]')
            [CompletionResult]::new('--corpus', '--corpus', [CompletionResultType]::ParameterName, 'Add a corpus: a folder of .md files (searched recursively) or one file. Repeatable; later corpora override earlier ones on the same id')
            [CompletionResult]::new('--no-builtin', '--no-builtin', [CompletionResultType]::ParameterName, 'Leave out the built-in Element / Matrix FAQ')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat any corpus problem (bad file, duplicate id, …) as an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'List the entries that match a query, best first')
            [CompletionResult]::new('s', 's', [CompletionResultType]::ParameterValue, 'List the entries that match a query, best first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print one answer, by id or by query')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List every entry, grouped by category')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List every entry, grouped by category')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate corpus files and report every problem as file:line: message')
            [CompletionResult]::new('pick', 'pick', [CompletionResultType]::ParameterValue, 'Browse interactively with a live preview (the default on a terminal)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'faq;search' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Show at most this many results')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most this many results')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto; or from the config file]')
            [CompletionResult]::new('--corpus', '--corpus', [CompletionResultType]::ParameterName, 'Add a corpus: a folder of .md files (searched recursively) or one file. Repeatable; later corpora override earlier ones on the same id')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON (see README for the schema)')
            [CompletionResult]::new('--no-builtin', '--no-builtin', [CompletionResultType]::ParameterName, 'Leave out the built-in Element / Matrix FAQ')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat any corpus problem (bad file, duplicate id, …) as an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'faq;s' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Show at most this many results')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most this many results')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto; or from the config file]')
            [CompletionResult]::new('--corpus', '--corpus', [CompletionResultType]::ParameterName, 'Add a corpus: a folder of .md files (searched recursively) or one file. Repeatable; later corpora override earlier ones on the same id')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON (see README for the schema)')
            [CompletionResult]::new('--no-builtin', '--no-builtin', [CompletionResultType]::ParameterName, 'Leave out the built-in Element / Matrix FAQ')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat any corpus problem (bad file, duplicate id, …) as an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'faq;show' {
            [CompletionResult]::new('--paging', '--paging', [CompletionResultType]::ParameterName, 'When to show a long answer through a pager ($FAQ_PAGER, $PAGER or less) [default: auto; or from the config file]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto; or from the config file]')
            [CompletionResult]::new('--corpus', '--corpus', [CompletionResultType]::ParameterName, 'Add a corpus: a folder of .md files (searched recursively) or one file. Repeatable; later corpora override earlier ones on the same id')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the entry as JSON')
            [CompletionResult]::new('--no-builtin', '--no-builtin', [CompletionResultType]::ParameterName, 'Leave out the built-in Element / Matrix FAQ')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat any corpus problem (bad file, duplicate id, …) as an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'faq;list' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Only categories whose name matches (fuzzy)')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'Only categories whose name matches (fuzzy)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto; or from the config file]')
            [CompletionResult]::new('--corpus', '--corpus', [CompletionResultType]::ParameterName, 'Add a corpus: a folder of .md files (searched recursively) or one file. Repeatable; later corpora override earlier ones on the same id')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print entries as JSON')
            [CompletionResult]::new('--no-builtin', '--no-builtin', [CompletionResultType]::ParameterName, 'Leave out the built-in Element / Matrix FAQ')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat any corpus problem (bad file, duplicate id, …) as an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'faq;ls' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Only categories whose name matches (fuzzy)')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'Only categories whose name matches (fuzzy)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto; or from the config file]')
            [CompletionResult]::new('--corpus', '--corpus', [CompletionResultType]::ParameterName, 'Add a corpus: a folder of .md files (searched recursively) or one file. Repeatable; later corpora override earlier ones on the same id')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print entries as JSON')
            [CompletionResult]::new('--no-builtin', '--no-builtin', [CompletionResultType]::ParameterName, 'Leave out the built-in Element / Matrix FAQ')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat any corpus problem (bad file, duplicate id, …) as an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'faq;check' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto; or from the config file]')
            [CompletionResult]::new('--corpus', '--corpus', [CompletionResultType]::ParameterName, 'Add a corpus: a folder of .md files (searched recursively) or one file. Repeatable; later corpora override earlier ones on the same id')
            [CompletionResult]::new('--no-builtin', '--no-builtin', [CompletionResultType]::ParameterName, 'Leave out the built-in Element / Matrix FAQ')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat any corpus problem (bad file, duplicate id, …) as an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'faq;pick' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour [default: auto; or from the config file]')
            [CompletionResult]::new('--corpus', '--corpus', [CompletionResultType]::ParameterName, 'Add a corpus: a folder of .md files (searched recursively) or one file. Repeatable; later corpora override earlier ones on the same id')
            [CompletionResult]::new('--no-builtin', '--no-builtin', [CompletionResultType]::ParameterName, 'Leave out the built-in Element / Matrix FAQ')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Treat any corpus problem (bad file, duplicate id, …) as an error')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'faq;help' {
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'List the entries that match a query, best first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print one answer, by id or by query')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List every entry, grouped by category')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Validate corpus files and report every problem as file:line: message')
            [CompletionResult]::new('pick', 'pick', [CompletionResultType]::ParameterValue, 'Browse interactively with a live preview (the default on a terminal)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'faq;help;search' {
            break
        }
        'faq;help;show' {
            break
        }
        'faq;help;list' {
            break
        }
        'faq;help;check' {
            break
        }
        'faq;help;pick' {
            break
        }
        'faq;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}

# expect-error: unindent does not match any outer indentation level
# expect-line: 10
# A tab (8 columns for CPython) then four spaces: CPython reads the second
# line as a dedent that matches no outer level (IndentationError), where a
# parser counting characters would read the body of the `if`.


def count(n):
	if n > 1:
    return 1
	return 0


def entry_point(argv):
    print(count(len(argv)))
    return 0

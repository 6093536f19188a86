# expect-error: inconsistent use of tabs and spaces
# expect-line: 9
# The body of the `if` is indented with a tab, the next line with eight
# spaces: as deep with tabs of 8 columns, not with tabs of 1. CPython
# refuses it (TabError) rather than guess the width of a tab.

def count(n):
	if n > 1:
        return 1
	return 0


def entry_point(argv):
    print(count(len(argv)))
    return 0

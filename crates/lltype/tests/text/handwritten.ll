# A module as a person writes it: comments anywhere, a struct over
# several lines, names chosen freely, blocks in any order (the printer
# puts them in depth-first order and renames everything), links without
# parentheses, trailing commas, and a block nothing reaches (dropped).

struct Counter gc {   # The fields may span lines.
    count: Signed,
    step: Signed,
}

global @counter: Counter = {
    count: 0,   # Starts at zero.
    step: 2,
}

func bump(*Counter, Signed) -> Signed {   # Returns the new count.
entry(counter: *Counter, times: Signed):   # A label may be any name, even `entry`.
    count: Signed = getfield(counter, .count)
    goto head(counter, times, count)

# The exit comes before the loop body in the text.
done(result: Signed):
    return result

head(c: *Counter, n: Signed, acc: Signed):
    more: Bool = int_gt(n, 0)
    if more then body(c, n, acc) else done(acc,)

body(c2: *Counter, n2: Signed, acc2: Signed):
    step: Signed = getfield(c2, .step)
    acc3: Signed = int_add(acc2, step)
    n3: Signed = int_sub(n2, 1)
    setfield(c2, .count, acc3)   # A Void result nobody uses.
    goto head(c2, n3, acc3)

dead:
    unreachable
}

func start() -> Signed {
go:
    r: Signed = direct_call(&bump, @counter, 3)
    goto finish
finish:
    return 0
}

# Labels and variables may be named like keywords: what follows the name
# on its line tells a block header, an operation and an exit apart.
func keywords_as_names(Signed) -> Signed {
func(entry: Signed):
    struct: Signed = int_add(entry, 1)
    if: Bool = int_lt(struct, 10)
    if if then return(struct) else global(struct)
return(global: Signed):
    return global
global(extern: Signed):
    goto return(extern)
}

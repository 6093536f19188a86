"""Iterator building blocks: the import-time stand-in for CPython's
`itertools` module.

Each tool is a class, as in CPython (so `type(it).__name__` and `repr`
read the same); most of them run a generator (`_run`) under the hood.
"""

import sys as _sys

__all__ = [
    'accumulate', 'chain', 'combinations', 'combinations_with_replacement',
    'compress', 'count', 'cycle', 'dropwhile', 'filterfalse', 'groupby',
    'islice', 'pairwise', 'permutations', 'product', 'repeat', 'starmap',
    'takewhile', 'tee', 'zip_longest',
]


class _Iterator:
    """An iterator whose items come from the generator `self._run()`."""

    _gen = None

    def __iter__(self):
        return self

    def __next__(self):
        gen = self._gen
        if gen is None:
            gen = self._gen = self._run()
        return next(gen)


class count:
    """count(start=0, step=1): start, start+step, start+2*step, ..."""

    def __init__(self, start=0, step=1):
        for value in (start, step):
            if not isinstance(value, (int, float)):
                raise TypeError('a number is required')
        self._value = start
        self._step = step

    def __iter__(self):
        return self

    def __next__(self):
        value = self._value
        self._value = value + self._step
        return value

    def __repr__(self):
        if type(self._step) is int and self._step == 1:
            return 'count(%r)' % (self._value,)
        return 'count(%r, %r)' % (self._value, self._step)


class cycle(_Iterator):
    """cycle(iterable): its items, then the same again, forever."""

    def __init__(self, iterable):
        self._iterable = iter(iterable)

    def _run(self):
        saved = []
        for element in self._iterable:
            yield element
            saved.append(element)
        while saved:
            for element in saved:
                yield element


class repeat:
    """repeat(object[, times]): `object` over and over, `times` times if
    given."""

    def __init__(self, *args, **kwargs):
        if not args and 'object' not in kwargs:
            raise TypeError("repeat() missing required argument 'object' (pos 1)")
        if len(args) > 2:
            raise TypeError('repeat expected at most 2 arguments, got %d' % len(args))
        self._object = args[0] if args else kwargs.pop('object')
        times = args[1] if len(args) > 1 else kwargs.pop('times', None)
        if kwargs:
            raise TypeError("repeat() got an unexpected keyword argument '%s'"
                            % next(iter(kwargs)))
        if times is not None and times < 0:
            times = 0
        self._times = times

    def __iter__(self):
        return self

    def __next__(self):
        if self._times is None:
            return self._object
        if self._times <= 0:
            raise StopIteration
        self._times -= 1
        return self._object

    def __length_hint__(self):
        if self._times is None:
            raise TypeError('len() of unsized object')
        return self._times

    def __repr__(self):
        if self._times is None:
            return 'repeat(%r)' % (self._object,)
        return 'repeat(%r, %d)' % (self._object, self._times)


class accumulate(_Iterator):
    """accumulate(iterable, func=None, *, initial=None): running sums (or
    running results of `func`)."""

    def __init__(self, iterable, func=None, *, initial=None):
        self._iterable = iter(iterable)
        self._func = func
        self._initial = initial

    def _run(self):
        func = self._func
        total = self._initial
        if total is None:
            try:
                total = next(self._iterable)
            except StopIteration:
                return
        yield total
        for element in self._iterable:
            total = total + element if func is None else func(total, element)
            yield total


class chain(_Iterator):
    """chain(*iterables): the items of each iterable in turn."""

    def __init__(self, *iterables):
        self._iterables = iter(iterables)

    @classmethod
    def from_iterable(cls, iterable):
        self = cls()
        self._iterables = iter(iterable)
        return self

    def _run(self):
        for it in self._iterables:
            for element in it:
                yield element


class compress(_Iterator):
    """compress(data, selectors): the items of `data` whose selector is
    true."""

    def __init__(self, data, selectors):
        self._data = iter(data)
        self._selectors = iter(selectors)

    def _run(self):
        for d, s in zip(self._data, self._selectors):
            if s:
                yield d


class dropwhile(_Iterator):
    """dropwhile(predicate, iterable): the items from the first one for
    which `predicate` is false."""

    def __init__(self, predicate, iterable):
        self._predicate = predicate
        self._iterable = iter(iterable)

    def _run(self):
        for x in self._iterable:
            if not self._predicate(x):
                yield x
                break
        for x in self._iterable:
            yield x


class takewhile(_Iterator):
    """takewhile(predicate, iterable): the items before the first one for
    which `predicate` is false."""

    def __init__(self, predicate, iterable):
        self._predicate = predicate
        self._iterable = iter(iterable)

    def _run(self):
        for x in self._iterable:
            if not self._predicate(x):
                break
            yield x


class filterfalse(_Iterator):
    """filterfalse(predicate, iterable): the items for which `predicate`
    is false (or which are false, with `None`)."""

    def __init__(self, predicate, iterable):
        self._predicate = predicate
        self._iterable = iter(iterable)

    def _run(self):
        predicate = self._predicate
        for x in self._iterable:
            if not (bool(x) if predicate is None else predicate(x)):
                yield x


class groupby:
    """groupby(iterable, key=None): pairs of a key and an iterator over
    the run of consecutive items with that key. Advancing to the next
    pair ends the previous group."""

    def __init__(self, iterable, key=None):
        self._keyfunc = key
        self._it = iter(iterable)
        # The item read ahead (if `_has_current`) and its key.
        self._has_current = False
        self._current_key = None
        self._current_value = None
        # The key of the group handed out last, and its number.
        self._started = False
        self._group_key = None
        self._group_id = 0

    def __iter__(self):
        return self

    def _read(self):
        """Reads the next item ahead; False at the end."""
        try:
            value = next(self._it)
        except StopIteration:
            return False
        self._current_value = value
        self._current_key = value if self._keyfunc is None else self._keyfunc(value)
        self._has_current = True
        return True

    def __next__(self):
        self._group_id += 1
        while True:
            if not self._has_current and not self._read():
                raise StopIteration
            if self._started and self._current_key == self._group_key:
                # What is left of the previous group.
                self._has_current = False
                continue
            break
        self._started = True
        self._group_key = self._current_key
        return self._group_key, _grouper(self, self._group_id)


def _grouper(parent, group_id):
    while parent._group_id == group_id:
        if not parent._has_current and not parent._read():
            return
        if parent._current_key != parent._group_key:
            return
        parent._has_current = False
        yield parent._current_value


class islice(_Iterator):
    """islice(iterable, stop) or islice(iterable, start, stop[, step]):
    the selected items, as a slice of a list would select them."""

    def __init__(self, iterable, *args):
        if not 1 <= len(args) <= 3:
            if not args:
                raise TypeError('islice expected at least 2 arguments, got 1')
            raise TypeError('islice expected at most 4 arguments, got %d' % (len(args) + 1))
        if len(args) == 1:
            start, stop, step = None, args[0], None
        else:
            start, stop = args[0], args[1]
            step = args[2] if len(args) == 3 else None
        if stop is not None and not (isinstance(stop, int) and 0 <= stop <= _sys.maxsize):
            raise ValueError('Stop argument for islice() must be None or an integer: '
                             '0 <= x <= sys.maxsize.')
        if start is None:
            start = 0
        elif not (isinstance(start, int) and 0 <= start <= _sys.maxsize):
            raise ValueError('Indices for islice() must be None or an integer: '
                             '0 <= x <= sys.maxsize.')
        if step is None:
            step = 1
        elif not (isinstance(step, int) and 1 <= step <= _sys.maxsize):
            raise ValueError('Step for islice() must be a positive integer or None.')
        self._it = iter(iterable)
        self._next = start
        self._stop = stop
        self._step = step
        self._index = 0

    def _run(self):
        it = self._it
        while self._stop is None or self._next < self._stop:
            try:
                while self._index < self._next:
                    next(it)
                    self._index += 1
                value = next(it)
            except StopIteration:
                return
            self._index += 1
            self._next += self._step
            yield value
        # Like CPython, consume up to `stop` once the slice is done.
        while self._index < self._stop:
            try:
                next(it)
            except StopIteration:
                return
            self._index += 1


class pairwise(_Iterator):
    """pairwise(iterable): the overlapping pairs of consecutive items."""

    def __init__(self, iterable):
        self._iterable = iter(iterable)

    def _run(self):
        it = self._iterable
        try:
            a = next(it)
        except StopIteration:
            return
        for b in it:
            yield a, b
            a = b


class starmap(_Iterator):
    """starmap(function, iterable): `function(*args)` for each tuple of
    arguments."""

    def __init__(self, function, iterable):
        self._function = function
        self._iterable = iter(iterable)

    def _run(self):
        for args in self._iterable:
            yield self._function(*args)


class zip_longest(_Iterator):
    """zip_longest(*iterables, fillvalue=None): tuples of the items of
    each iterable, padded with `fillvalue` until the longest ends."""

    def __init__(self, *iterables, fillvalue=None):
        self._iterators = [iter(it) for it in iterables]
        self._fillvalue = fillvalue

    def _run(self):
        iterators = self._iterators
        active = len(iterators)
        if not active:
            return
        while True:
            values = []
            for i, it in enumerate(iterators):
                try:
                    value = next(it)
                except StopIteration:
                    active -= 1
                    if not active:
                        return
                    iterators[i] = repeat(self._fillvalue)
                    value = self._fillvalue
                values.append(value)
            yield tuple(values)


class product(_Iterator):
    """product(*iterables, repeat=1): the cartesian product, as tuples in
    lexicographic order of the positions."""

    def __init__(self, *iterables, repeat=1):
        if repeat < 0:
            raise ValueError('repeat argument cannot be negative')
        self._pools = [tuple(pool) for pool in iterables] * repeat

    def _run(self):
        pools = self._pools
        for pool in pools:
            if not pool:
                return
        # An odometer over the positions, the last one turning fastest.
        positions = [0] * len(pools)
        while True:
            yield tuple(pool[i] for pool, i in zip(pools, positions))
            k = len(pools) - 1
            while k >= 0:
                positions[k] += 1
                if positions[k] < len(pools[k]):
                    break
                positions[k] = 0
                k -= 1
            if k < 0:
                return


class permutations(_Iterator):
    """permutations(iterable, r=None): the `r`-length orderings of the
    items, in lexicographic order of their positions."""

    def __init__(self, iterable, r=None):
        self._pool = tuple(iterable)
        if r is None:
            r = len(self._pool)
        elif not isinstance(r, int):
            raise TypeError('Expected int as r')
        elif r < 0:
            raise ValueError('r must be non-negative')
        self._r = r

    def _run(self):
        if self._r <= len(self._pool):
            for result in self._extend([]):
                yield result

    def _extend(self, chosen):
        if len(chosen) == self._r:
            yield tuple(self._pool[i] for i in chosen)
            return
        for i in range(len(self._pool)):
            if i not in chosen:
                for result in self._extend(chosen + [i]):
                    yield result


class combinations(_Iterator):
    """combinations(iterable, r): the `r`-length subsequences of the
    items, in order."""

    _repeats = False

    def __init__(self, iterable, r):
        if not isinstance(r, int):
            raise TypeError('Expected int as r')
        if r < 0:
            raise ValueError('r must be non-negative')
        self._pool = tuple(iterable)
        self._r = r

    def _run(self):
        return self._extend(0, [])

    def _extend(self, first, chosen):
        if len(chosen) == self._r:
            yield tuple(self._pool[i] for i in chosen)
            return
        for i in range(first, len(self._pool)):
            first = i if self._repeats else i + 1
            for result in self._extend(first, chosen + [i]):
                yield result


class combinations_with_replacement(combinations):
    """combinations_with_replacement(iterable, r): the `r`-length
    subsequences of the items, each item allowed more than once."""

    _repeats = True


def tee(iterable, n=2):
    """n independent iterators over the items of `iterable`."""
    if n < 0:
        raise ValueError('n must be >= 0')
    it = iter(iterable)
    buffers = [[] for _ in range(n)]

    def gen(mine):
        while True:
            if not mine:
                try:
                    value = next(it)
                except StopIteration:
                    return
                for buf in buffers:
                    buf.append(value)
            yield mine.pop(0)

    return tuple(_Tee(gen(buf)) for buf in buffers)


class _Tee(_Iterator):
    def __init__(self, gen):
        self._gen = gen

"""Loops unrolled at translation time."""


class unrolling_iterable:
    """An iterable over a fixed sequence of constants. A `for` loop over it
    in translated code is unrolled: the body is copied once per item, with
    the item as a constant."""

    def __init__(self, items):
        self._items = tuple(items)

    def __iter__(self):
        return iter(self._items)

    def __len__(self):
        return len(self._items)

"""A small stand-in for `io.StringIO`, for the rlib suite on rpy's
import-time interpreter (see unittest.py)."""


class StringIO:
    def __init__(self, initial=""):
        self._parts = [initial]

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError("string argument expected, got '%s'" % type(text).__name__)
        self._parts.append(text)
        return len(text)

    def flush(self):
        pass

    def getvalue(self):
        return "".join(self._parts)

"""Object model helpers for RPython programs."""


def we_are_translated():
    """False when running untranslated (CPython, `rpy run`); the translator
    folds every call to the constant True, so code guarded by it only
    exists in the translated program."""
    return False

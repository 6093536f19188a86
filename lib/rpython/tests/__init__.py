"""Unit tests of the rpython support package, runnable with unittest."""

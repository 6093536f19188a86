"""Support library for RPython programs."""

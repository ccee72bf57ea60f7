"""Options handles set one key at a time: flow_X_options_set(opts, name, value).

Every keyword of ReadOptions, DependencyFlagOptions, EvasionOptions and the
MRIO options goes to the library as text under its own name, so the library's
table of keys (documented at flow_X_options_set in the C headers) is the one
list of what is accepted: an unknown or misspelt keyword, or a value out of
range, raises InvalidArgumentError with the library's message naming the key
and the value.
"""
import numbers

from ._strings import encode


def option_text(value):
    """The text a user would type for value: True/False as 1/0, sequences
    joined by commas, numbers with full precision."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (str, bytes)):
        return value.decode() if isinstance(value, bytes) else value
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        return repr(float(value))
    if hasattr(value, "__iter__") and not isinstance(value, dict):
        return ",".join(option_text(item) for item in value)
    raise TypeError("an option value must be text, a number, a bool or a sequence, not %r"
                    % (value,))


def set_options(setter, handle, settings):
    """Calls setter(handle, name, text) for each (name, value) of settings in
    order, skipping values that are None (the library's default stays)."""
    for name, value in settings:
        if value is not None:
            setter(handle, encode(name), encode(option_text(value)))

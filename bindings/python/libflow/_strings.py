"""UTF-8 strings across the ABI."""


def encode(text):
    """str (or None) to the bytes passed as const char * (None stays NULL)."""
    if text is None:
        return None
    if isinstance(text, bytes):
        return text
    return str(text).encode("utf-8")


def decode(raw):
    """Bytes returned as const char * to str (NULL gives None)."""
    return None if raw is None else raw.decode("utf-8", "replace")


def encode_list(texts):
    """A list of encoded strings as a ctypes char*[] (kept alive by the caller)."""
    import ctypes

    encoded = [encode(t) for t in texts]
    return (ctypes.c_char_p * max(len(encoded), 1))(*encoded)

"""Version of the Python binding. It follows the C library it was written for;
the ABI generations it accepts are listed in libflow._lib.KNOWN_ABI_VERSIONS."""
__version__ = "0.2.0"

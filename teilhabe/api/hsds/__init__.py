"""The HSDS 3.0 API of the offers directory (``/api/v1/hsds/``)."""

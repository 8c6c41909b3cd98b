from teilhabe.offers.testing import _directory, offers_directory  # noqa: F401

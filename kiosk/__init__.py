"""Community works kiosk: the six-source (六个点) model of old-estate repairs, made public."""

__version__ = "0.1.0"

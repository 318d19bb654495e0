"""`kiosk demo`: the estates of the Binhe sub-district report, with their history, as data
(kiosk.demo.data) and a builder that enters it through the domain."""

from kiosk.demo.builder import build
from kiosk.demo.data import ACTORS, DEMO_PASSWORD, DEMO_STAFF
from kiosk.demo.household_codes import household_codes

__all__ = ["ACTORS", "build", "DEMO_PASSWORD", "DEMO_STAFF", "household_codes"]

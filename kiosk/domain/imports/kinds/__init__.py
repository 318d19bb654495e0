"""One schema per kind of file (`kiosk import KIND FILE.csv`), a module each; none is a driver."""

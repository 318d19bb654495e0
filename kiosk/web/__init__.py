"""`kiosk web`: the public pages the kiosk's QR codes open, server-rendered from the same domain
functions as the lobby, the display and `kiosk export report` (so the figures are the same), and
the Open311 GeoReport v2 API. One module per page group; `app.build()` puts them together."""

"""Three small Textual apps — lobby, admin, display — sharing widgets and the domain."""

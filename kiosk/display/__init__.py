"""The notice-board loop's logic, apart from Textual: playlist, rotation, slide kinds, data loading."""

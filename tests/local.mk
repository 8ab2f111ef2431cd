# tests: owned by its layer

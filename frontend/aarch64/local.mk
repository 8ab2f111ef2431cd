# frontend/aarch64: owned by its layer

# scripts: owned by its layer
